/**
 * The renderer as a long-running child process (issue 12, ADR 0019), and the parent's handle on
 * it ({@link RendererProcess}). The child loads the server build once and keeps the last index
 * (URL → route, params, props, cache key); a content publish is then: forget the loaded data,
 * re-index (the site's data cache refetches only what the published state shows changed),
 * diff the cache keys ({@link diffIndexes}, the only decision), render those pages, write the
 * ones whose bytes differ (atomic renames) and delete the ones gone.
 *
 * Never run this in the publisher's HTTP process: rendering blocks the event loop.
 *
 * Protocol (IPC): parent → `{ id, op: 'publish', outDir, env? }` | `{ id, op: 'full', outDir }`;
 * child → `{ id, ok: true, result }` | `{ id, ok: false, error }`. `env` entries are set in the
 * child's environment before the re-index (e.g. `CMS_PUBLISHED_STATE_FILE`).
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffIndexes, forgetSiteData, SiteRenderer, type IndexedPage } from './renderer.js';

/** What one publish (or full render) did to the output folder. */
export interface RenderResult {
  /** URLs rendered: new pages and pages whose cache key changed */
  rendered: string[];
  /** files written because their bytes changed (or are new), relative to the output folder */
  written: string[];
  /** files deleted: their pages left the index */
  removed: string[];
  /** pages in the index */
  pages: number;
  /** wall time of the phases, ms */
  ms: { index: number; render: number; total: number };
}

interface Request {
  id: number;
  op: 'publish' | 'full';
  outDir: string;
  env?: Record<string, string>;
}

/** The child's side: one renderer, its last index. */
class Service {
  private index: Map<string, IndexedPage> | null = null;
  constructor(private readonly renderer: SiteRenderer) {}

  async handle(req: Request): Promise<RenderResult> {
    const t0 = Date.now();
    for (const [k, v] of Object.entries(req.env ?? {})) process.env[k] = v;
    forgetSiteData();
    const next = await this.renderer.index();
    const tIndex = Date.now();
    const { render, remove } = req.op === 'full' || !this.index ? { render: [...next.values()], remove: [] } : diffIndexes(this.index, next);
    if (req.op === 'full') {
      fs.rmSync(req.outDir, { recursive: true, force: true });
      fs.cpSync(this.renderer.clientDir, req.outDir, { recursive: true });
    }
    const written: string[] = [];
    for (const page of render) {
      const bytes = await this.renderer.render(page);
      const target = path.join(req.outDir, page.file);
      const old = req.op === 'full' ? null : await fs.promises.readFile(target).catch(() => null);
      if (old && old.equals(bytes)) continue;
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      const tmp = `${target}.${process.pid}.tmp`;
      await fs.promises.writeFile(tmp, bytes);
      await fs.promises.rename(tmp, target);
      written.push(page.file);
    }
    const removed: string[] = [];
    for (const page of remove) {
      await fs.promises.rm(path.join(req.outDir, page.file), { force: true });
      removed.push(page.file);
    }
    this.index = next;
    const done = Date.now();
    return { rendered: render.map((p) => p.url), written, removed, pages: next.size, ms: { index: tIndex - t0, render: done - tIndex, total: done - t0 } };
  }
}

/**
 * The parent's handle on a renderer child process over one server build (`buildDir`, made by
 * server-build.mjs). Requests run one at a time, in order.
 */
export class RendererProcess {
  private child: ChildProcess;
  private next = 1;
  private readonly pending = new Map<number, { resolve: (r: RenderResult) => void; reject: (e: Error) => void }>();
  private exited: Error | null = null;

  /**
   * Starts the child. `env` is its whole environment (it must be the static build's: SITE_URL,
   * CMS_URL, CMS_TOKEN, MEDIA_BASE_URL, and SITE_DATA_CACHE_FILE for incremental data loads).
   */
  constructor(buildDir: string, env: NodeJS.ProcessEnv = process.env) {
    this.child = fork(fileURLToPath(import.meta.url), ['--serve', buildDir], {
      execArgv: ['--import', 'tsx'],
      env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (m: { id: number; ok: boolean; result?: RenderResult; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.result!);
      else p.reject(new Error(m.error));
    });
    this.child.on('exit', (code) => {
      this.exited = new Error(`renderer process exited (${code})`);
      for (const p of this.pending.values()) p.reject(this.exited);
      this.pending.clear();
    });
  }

  private request(op: Request['op'], outDir: string, env?: Record<string, string>): Promise<RenderResult> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, op, outDir, env } satisfies Request);
    });
  }

  /**
   * A content publish into `outDir` (which holds the previous render): renders the pages whose
   * cache key changed since the previous request, deletes the pages gone. The first request of a
   * process has no previous index and renders every page (use {@link full} first).
   *
   * @throws {Error} what the re-index or a page threw (the output then holds some new pages: render it again in full)
   */
  publish(outDir: string, env?: Record<string, string>): Promise<RenderResult> {
    return this.request('publish', outDir, env);
  }

  /** Renders every page into `outDir` (emptied first, then the build's static files copied in). */
  full(outDir: string, env?: Record<string, string>): Promise<RenderResult> {
    return this.request('full', outDir, env);
  }

  /** The child's process id (for memory figures). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Ends the child process. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.exited) return;
    const gone = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await gone;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--serve') {
  const buildDir = process.argv[3];
  const siteRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const service = new Service(await SiteRenderer.load(buildDir, siteRoot));
  let chain: Promise<unknown> = Promise.resolve();
  process.on('message', (req: Request) => {
    chain = chain.then(async () => {
      try {
        process.send!({ id: req.id, ok: true, result: await service.handle(req) });
      } catch (err) {
        process.send!({ id: req.id, ok: false, error: (err as Error).stack ?? String(err) });
      }
    });
  });
  process.on('disconnect', () => process.exit(0));
}
