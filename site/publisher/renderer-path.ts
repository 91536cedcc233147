/**
 * The publisher's renderer path (issue 12, ADR 0013 and 0019): publishes through the
 * long-running renderer (site/renderer/) instead of `astro build`.
 *
 * - **Code deploy** ({@link RendererPath.deploy}): a server build of the site (the renderer's
 *   adapter plus the draft preview route) into a staging release folder, a full render of every
 *   page into its `client/` by `workers` processes, brotli/gzip copies; the release is renamed
 *   into place and a renderer process is started on it, which re-indexes and renders whatever
 *   differs from what the workers wrote (normally nothing). The caller then switches `current`.
 * - **Content publish** ({@link RendererPath.stage}, then {@link RendererPath.commit}): the
 *   renderer process re-indexes (the data cache refetches only the changed entries), diffs the
 *   cache keys — the one decision of what a publish renders — and stages the pages whose bytes
 *   changed with their brotli/gzip copies; the caller puts them live in place (live-tree.ts)
 *   and commits.
 *
 * The renderer process belongs to one release (`release`); after a rollback, a fallback build or
 * a restart, it is started again on the live release when that release was made by the renderer
 * from the same site code, with the keys the last commit wrote (`.renderer-keys.json`) as the
 * baseline of its first publish, so a restart does not render the whole site again.
 *
 * {@link RendererPath.close} (the publisher stopping) kills whatever runs — the server build,
 * the full-render workers, the renderer process, each with its process group — and makes a
 * deploy in progress throw, so its caller discards the staging release: nothing half-made goes
 * live, and the next start reconciles with the CMS.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fullRender } from '../renderer/full-render.js';
import { exitOf, killGroup } from '../renderer/process-group.js';
import { precompressTree } from './precompress.js';
import { RendererProcess, type RenderedKey, type RenderResult } from '../renderer/service.js';

/** The renderer's keys of a release: `<release>/.renderer-keys.json`. */
export const KEYS_FILE = '.renderer-keys.json';
const SERVER_BUILD = path.join(import.meta.dirname, '..', 'renderer', 'server-build.mjs');
/** Astro versions the renderer was checked against (site/renderer/renderer.ts refuses others). */
const CHECKED_ASTRO = /^7\.3\./;

/**
 * Why the renderer cannot be used with the site's Astro (`astro build` is used then), or null.
 */
export function rendererUnavailable(siteRoot: string): string | null {
  try {
    const pkg = createRequire(path.join(siteRoot, 'package.json')).resolve('astro/package.json');
    const { version } = JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string };
    return CHECKED_ASTRO.test(version) ? null : `Astro ${version} is not the version the renderer was checked against (7.3.x)`;
  } catch (err) {
    return `Astro not found: ${(err as Error).message}`;
  }
}

export interface RendererPathSettings {
  siteRoot: string;
  /** Astro's cacheDir of the server builds */
  cacheDir: string;
  /** the site's environment (CMS_URL, CMS_TOKEN, SITE_URL, MEDIA_BASE_URL…), merged over the publisher's */
  env: Record<string, string>;
  /** processes of a full render */
  workers: number;
  /** a server build or full render taking longer is killed, ms */
  timeoutMs: number;
  log: (line: string) => void;
}

/** What a code deploy did. */
export interface DeployResult {
  /** pages in the release */
  pages: number;
  /** server build, full render, catch-up publish: ms */
  ms: { serverBuild: number; fullRender: number; catchUp: number };
  /** the catch-up publish (pages that changed between the workers' load and the state) */
  catchUp: RenderResult;
}

/** The renderer path of one publisher; one request at a time (the publisher's queue). */
export class RendererPath {
  private proc: RendererProcess | null = null;
  /** the release the renderer process serves (its index describes that release's files) */
  release: string | null = null;
  private releaseDir: string | null = null;
  /** whether the process has committed an index (else its first publish diffs against the release's saved keys) */
  private indexed = false;
  /** closed ({@link close}): nothing is started any more */
  private closed = false;
  /** the server build running, if any */
  private building: ChildProcess | null = null;
  /** aborts the full render running, if any */
  private rendering: AbortController | null = null;

  constructor(private readonly settings: RendererPathSettings) {}

  private env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, ...this.settings.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', ...extra };
    for (const k of ['VITEST', 'VITEST_POOL_ID', 'VITEST_WORKER_ID', 'PUBLISHER_WARM']) delete env[k];
    return env;
  }

  /** Whether the renderer process is running for release `id`. */
  servesRelease(id: string | null): boolean {
    return !!id && this.release === id && !!this.proc?.alive;
  }

  /** The renderer process's pid (memory figures), or undefined. */
  get pid(): number | undefined {
    return this.proc?.alive ? this.proc.pid : undefined;
  }

  /**
   * Starts the renderer process on a finished release (`releaseDir` with `server/` and
   * `client/`), ending the previous one.
   */
  async attach(id: string, releaseDir: string): Promise<void> {
    await this.stop();
    this.throwIfClosed();
    this.proc = new RendererProcess(releaseDir, this.env({ NODE_ENV: 'production' }));
    this.release = id;
    this.releaseDir = releaseDir;
    this.indexed = false;
  }

  /** The keys written by the release's last commit (the baseline of a new renderer process), or null. */
  static savedKeys(releaseDir: string): RenderedKey[] | null {
    try {
      return JSON.parse(fs.readFileSync(path.join(releaseDir, KEYS_FILE), 'utf8')) as RenderedKey[];
    } catch {
      return null;
    }
  }

  /**
   * Server build of the site into `staging` (child process, killed after the timeout).
   * @throws {Error} with the build's last output lines when it fails
   */
  private serverBuild(staging: string): Promise<void> {
    return new Promise((resolve, reject) => {
      // its own process group (Astro starts esbuild and workers): close() kills them all; an IPC
      // channel, so that it exits when the publisher is gone (server-build.mjs)
      const child = spawn(process.execPath, [SERVER_BUILD], {
        cwd: this.settings.siteRoot,
        env: this.env({
          PUBLISHER_SITE_ROOT: this.settings.siteRoot,
          SITE_OUT_DIR: staging,
          SITE_CACHE_DIR: this.settings.cacheDir,
          RENDERER_PREVIEW: '1',
        }),
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        detached: true,
      });
      this.building = child;
      let out = '';
      const keep = (d: Buffer) => (out = (out + d).slice(-8000));
      child.stdout!.on('data', keep);
      child.stderr!.on('data', keep);
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), this.settings.timeoutMs);
      child.on('error', reject);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        if (this.building === child) this.building = null;
        // anything it started and left behind
        killGroup(child, 'SIGKILL');
        if (code === 0 && !this.closed) resolve();
        else
          reject(
            Object.assign(
              new Error(this.closed ? 'server build stopped (the publisher is stopping)' : `server build failed (${signal ?? `exit code ${code}`})`),
              {
                log: out.trim().split('\n').slice(-40),
              },
            ),
          );
      });
    });
  }

  /**
   * A code deploy up to the switch: server build into `staging`, full render into
   * `staging/client` with the data environment `dataEnv`, then `finalize()` (the caller renames
   * the folder into place and returns its final path), then a renderer process on it catches up
   * with the published state (`dataEnv`'s `CMS_PUBLISHED_STATE_FILE`) and commits.
   *
   * @throws {Error} (with `log`, the output's tail) when a step fails; the renderer process is stopped
   */
  async deploy(
    id: string,
    staging: string,
    opts: {
      dataEnv: Record<string, string>;
      /** the live release's folder (its brotli/gzip copies are reused for identical files), or null */
      previous: string | null;
      /** checks the staged release and renames it into place; returns its final folder */
      finalize: () => string;
      /** where the catch-up publish stages its pages */
      stageDir: string;
      /** puts the catch-up publish's staged pages into the (not yet live) release */
      apply: (r: RenderResult, releaseDir: string) => void;
    },
  ): Promise<DeployResult> {
    const { dataEnv, finalize, stageDir, apply } = opts;
    await this.stop();
    this.throwIfClosed();
    const t0 = Date.now();
    await this.serverBuild(staging);
    this.throwIfClosed();
    const t1 = Date.now();
    // the workers share the data cache: the first loads (only what the published state shows
    // changed since the cache was written), the others wait for it and reuse its rows
    // (SITE_DATA_CACHE_SHARED, src/lib/data-cache.ts) — each used to load every row from the CMS
    const shared = dataEnv.SITE_DATA_CACHE_FILE ? { ...dataEnv, SITE_DATA_CACHE_SHARED: '1' } : {};
    this.rendering = new AbortController();
    const full = await fullRender(staging, path.join(staging, 'client'), this.settings.workers, this.env({ NODE_ENV: 'production', ...shared }), {
      signal: this.rendering.signal,
    }).finally(() => (this.rendering = null));
    this.throwIfClosed();
    const t2 = Date.now();
    this.settings.log(
      `full render: ${full.pages} pages in ${full.ms} ms (${Math.round((full.pages / full.ms) * 1000)} pages/s, ${this.settings.workers} workers)`,
    );
    const compressed = precompressTree(staging, opts.previous);
    this.settings.log(`precompressed ${compressed.files} files (${compressed.reused} reused from the previous release) in ${compressed.ms} ms`);
    this.throwIfClosed();
    const releaseDir = finalize();
    await this.attach(id, releaseDir);
    const catchUp = await this.proc!.stage(path.join(releaseDir, 'client'), stageDir, { env: dataEnv, baseline: full.keys });
    this.throwIfClosed();
    apply(catchUp, releaseDir);
    await this.proc!.commit(path.join(releaseDir, KEYS_FILE));
    this.indexed = true;
    return { pages: catchUp.pages, ms: { serverBuild: t1 - t0, fullRender: t2 - t1, catchUp: Date.now() - t2 }, catchUp };
  }

  /**
   * A content publish of the release the process serves: stages the changed pages of
   * `webRoot` into `stageDir` (nothing live is touched). A process that has not committed yet
   * (just attached) diffs against the keys the release's last commit saved.
   * @throws {Error} (with `log`) when the re-index or a page fails, or an attached process finds no saved keys
   */
  async stage(webRoot: string, stageDir: string, dataEnv: Record<string, string>): Promise<RenderResult> {
    if (!this.proc || !this.releaseDir) throw new Error('renderer: no process');
    let baseline: RenderedKey[] | undefined;
    if (!this.indexed) {
      baseline = RendererPath.savedKeys(this.releaseDir) ?? undefined;
      if (!baseline) throw new Error(`renderer: no saved keys in ${this.releaseDir} (a code deploy is needed)`);
    }
    return this.proc.stage(webRoot, stageDir, { env: dataEnv, baseline });
  }

  /** After the staged files went live: the new index becomes the process's, its keys saved in the release. */
  async commit(releaseDir: string): Promise<void> {
    await this.proc?.commit(path.join(releaseDir, KEYS_FILE));
    this.indexed = true;
  }

  /** @throws {Error} once {@link close} was called (a deploy in progress is abandoned) */
  private throwIfClosed(): void {
    if (this.closed) throw new Error('renderer: stopped (the publisher is stopping)');
  }

  /**
   * The publisher is stopping: kills the server build, the full-render workers and the renderer
   * process (each with its process group) and resolves once they have exited; a deploy in
   * progress then throws at its next step. Nothing is started afterwards.
   */
  async close(): Promise<void> {
    this.closed = true;
    const building = this.building;
    if (building) killGroup(building, 'SIGKILL');
    this.rendering?.abort();
    await Promise.all([building ? exitOf(building) : null, this.stop()]);
  }

  /** Whether {@link close} was called. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Ends the renderer process (the next publish starts one again). */
  async stop(): Promise<void> {
    const p = this.proc;
    this.proc = null;
    this.release = null;
    this.releaseDir = null;
    this.indexed = false;
    await p?.stop();
  }
}
