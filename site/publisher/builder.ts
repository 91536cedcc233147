/**
 * Runs Astro builds of the site in child processes (astro-build.mjs), one process per build,
 * so every build gets fresh data and the publisher's memory stays flat. A worker is started
 * ahead of time ("warm": Astro and Vite already loaded, waiting on its IPC channel for the
 * build's settings), which takes the process start-up out of the publish-to-live latency.
 * Each build process leads a process group of its own: stopping it ends what it started too
 * (Vite's esbuild service).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { killGroup } from '../renderer/process-group.js';

/** Options of {@link AstroBuilder.run}. */
export interface AstroBuildOptions {
  /** output folder (Astro `outDir`); created by Astro */
  outDir: string;
  /** Astro `cacheDir` (incremental-build manifest and page copies), shared between builds */
  cacheDir: string;
  /** Astro's `experimental.incrementalBuild` */
  incremental: boolean;
  /** ignore the incremental cache for this build (every page rendered, a fresh cache recorded) */
  force?: boolean;
  /** extra environment of this build (e.g. the data cache and published state files) */
  env?: Record<string, string>;
  /** kill the build after this long, ms */
  timeoutMs: number;
  /** each output line (ANSI colours removed) */
  onLine?: (line: string) => void;
}

/** Outcome of a build. */
export interface AstroBuildResult {
  ok: boolean;
  /** wall time, ms */
  ms: number;
  /** exit code (null when killed) */
  code: number | null;
  /** whether a pre-started worker ran it */
  warm: boolean;
  /** pages Astro rendered in this build */
  rendered: string[];
  /** number of pages Astro reused from the incremental cache */
  cached: number;
  /** HTML pages generated (rendered or reused) */
  htmlPages: number;
  /** the build's log without the per-page lines, each prefixed with the ms since the start (≤ 200 lines) */
  timeline: string[];
  /** whether a page had been generated (a failure after that may leave the incremental cache half-updated) */
  generationStarted: boolean;
  /** the last lines of output (≤ 60) */
  logTail: string[];
  /** what went wrong, when !ok */
  error?: string;
}

const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;
const PAGE_LINE = /[├└]─\s+(\S+)/;
const SCRIPT = path.join(import.meta.dirname, 'astro-build.mjs');

/** Settings shared by all builds of one publisher. */
export interface AstroBuilderSettings {
  /** the Astro project */
  siteRoot: string;
  /** environment of the builds (CMS_URL, CMS_TOKEN, …), merged over this process's */
  env: Record<string, string>;
  /** `NODE_OPTIONS` of the build processes */
  nodeOptions?: string;
  /** keep a worker started ahead of time (default true) */
  prewarm?: boolean;
}

/** Builds the site; at most one build at a time is the caller's business (the publisher's queue). */
export class AstroBuilder {
  private warm: ChildProcess | null = null;
  private current: ChildProcess | null = null;
  private disposed = false;

  constructor(private readonly settings: AstroBuilderSettings) {}

  private baseEnv(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...this.settings.env,
      PUBLISHER_SITE_ROOT: this.settings.siteRoot,
      ASTRO_TELEMETRY_DISABLED: '1',
      NO_COLOR: '1',
      FORCE_COLOR: '0',
    };
    if (this.settings.nodeOptions) env.NODE_OPTIONS = this.settings.nodeOptions;
    // the build sets its own NODE_ENV; test-runner variables must not leak into it
    for (const k of ['NODE_ENV', 'VITEST', 'VITEST_POOL_ID', 'VITEST_WORKER_ID', 'PUBLISHER_WARM']) delete env[k];
    return env;
  }

  /** Starts a worker for the next build, unless one is waiting already (or pre-warming is off). */
  prewarm(): void {
    if (this.disposed || this.settings.prewarm === false || (this.warm && this.warm.exitCode === null && this.warm.connected)) return;
    let child: ChildProcess;
    try {
      child = spawn(process.execPath, [SCRIPT], {
        cwd: this.settings.siteRoot,
        env: { ...this.baseEnv(), PUBLISHER_WARM: '1' },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        detached: true,
      });
    } catch {
      return;
    }
    child.on('error', () => undefined);
    child.once('exit', () => {
      if (this.warm === child) this.warm = null;
    });
    // output before a build is claimed (none expected) is dropped
    child.stdout!.resume();
    child.stderr!.resume();
    this.warm = child;
  }

  /** Stops the waiting worker and the running build (if any). */
  dispose(): void {
    this.disposed = true;
    if (this.warm) killGroup(this.warm, 'SIGKILL');
    this.warm = null;
    if (this.current) killGroup(this.current, 'SIGTERM');
  }

  /** Stops the running build (it then resolves with ok: false). */
  cancel(): void {
    if (this.current) killGroup(this.current, 'SIGTERM');
  }

  /**
   * Builds the site into `opts.outDir`. Resolves (never rejects) with the outcome; a non-zero
   * exit, a spawn error or the timeout give `ok: false` with the reason in `error` and the
   * output's tail.
   */
  run(opts: AstroBuildOptions): Promise<AstroBuildResult> {
    const t0 = performance.now();
    const buildEnv: Record<string, string> = {
      SITE_OUT_DIR: opts.outDir,
      SITE_CACHE_DIR: opts.cacheDir,
      PUBLISHER_INCREMENTAL: opts.incremental ? '1' : '0',
      PUBLISHER_FORCE: opts.force ? '1' : '0',
      ...opts.env,
    };
    let child: ChildProcess | null = null;
    let warm = false;
    const candidate = this.warm;
    this.warm = null;
    if (candidate && candidate.exitCode === null && candidate.connected) {
      try {
        candidate.stdout!.pause();
        candidate.stderr!.pause();
        candidate.send({ env: buildEnv });
        child = candidate;
        warm = true;
      } catch {
        killGroup(candidate, 'SIGKILL');
      }
    }

    return new Promise((resolve) => {
      const tail: string[] = [];
      const timeline: string[] = [];
      const rendered: string[] = [];
      let cached = 0;
      let htmlPages = 0;
      let generationStarted = false;
      let settled = false;
      let timedOut = false;
      // assigned once the child runs; `finish` (above its assignment) clears it
      // eslint-disable-next-line prefer-const
      let timer: NodeJS.Timeout | undefined;

      const onText = (() => {
        let buf = '';
        return (chunk: Buffer | null) => {
          buf += chunk ? chunk.toString('utf8') : '\n';
          const lines = buf.split('\n');
          buf = lines.pop() ?? '';
          for (const raw of lines) {
            const line = raw.replace(ANSI, '').replace(/\r/g, '').trimEnd();
            if (!line) continue;
            const m = PAGE_LINE.exec(line);
            if (m) {
              generationStarted = true;
              if (m[1].endsWith('.html')) htmlPages++;
              if (/\((cached|restored)\)\s*$/.test(line)) cached++;
              else if (/\(\+[\d.]+\s*m?s\)/.test(line)) rendered.push(m[1]);
            } else if (timeline.length < 200) {
              timeline.push(`+${Math.round(performance.now() - t0)} ms ${line.trim()}`);
            }
            tail.push(line);
            if (tail.length > 60) tail.shift();
            opts.onLine?.(line);
          }
        };
      })();

      const finish = (code: number | null, signal: NodeJS.Signals | null, spawnError?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (this.current === child) this.current = null;
        onText(null);
        const ok = code === 0 && !spawnError;
        let error: string | undefined;
        if (!ok) {
          const lastError = [...tail].reverse().find((l) => /error|Error|failed|Không/.test(l));
          error = timedOut
            ? `build timed out after ${opts.timeoutMs} ms`
            : spawnError
              ? `build could not start: ${spawnError.message}`
              : `build failed (${signal ? `signal ${signal}` : `exit code ${code}`})${lastError ? `: ${lastError.trim()}` : ''}`;
        }
        resolve({ ok, ms: performance.now() - t0, code, warm, rendered, cached, htmlPages, timeline, generationStarted, logTail: tail, error });
        this.prewarm();
      };

      if (!child) {
        try {
          child = spawn(process.execPath, [SCRIPT], {
            cwd: this.settings.siteRoot,
            env: { ...this.baseEnv(), ...buildEnv },
            stdio: ['ignore', 'pipe', 'pipe'],
            detached: true,
          });
        } catch (err) {
          finish(null, null, err as Error);
          return;
        }
      }
      this.current = child;
      child.stdout!.on('data', onText);
      child.stderr!.on('data', onText);
      child.stdout!.resume();
      child.stderr!.resume();
      timer = setTimeout(() => {
        timedOut = true;
        killGroup(child!, 'SIGKILL');
      }, opts.timeoutMs);
      timer.unref();
      child.on('error', (err) => finish(null, null, err));
      child.on('close', (code, signal) => finish(code, signal));
      if (child.exitCode !== null) finish(child.exitCode, null);
    });
  }
}
