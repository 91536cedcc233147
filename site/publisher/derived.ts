/**
 * The files derived from a whole release — the search documents (`search-docs.json`, loaded into
 * the publisher's search index, search.ts) and, for a release without a sitemap of its own,
 * `sitemap.xml` — written after the release is live instead of inside its build.
 *
 * The sitemap: a release made by the renderer (code deploy, ADR 0019) carries `sitemap.xml` in
 * its web root, written by the full render and kept up to date by every content publish (the
 * renderer process updates the entries of the pages it wrote or removed and stages the new
 * sitemap with them, site/renderer/service.ts; ADR 0022): it is served from there and this
 * background pass leaves it alone. Only a release made by `astro build` (the fallback, built with
 * `SITE_SITEMAP_AND_SEARCH=publisher`) gets its sitemap here, served while the release has none.
 *
 * Why: both read every page. At 12,000+ pages that is ~40–50 s, which would hold up every
 * publish although one article changed. So a publish swaps the release in with the new page at
 * once, and the previous sitemap and search index keep being served until the new ones are
 * ready (typically within a minute); builds run with `SITE_SITEMAP_AND_SEARCH=publisher`. A
 * generation's search index is built in memory before the generation is switched to
 * ({@link DerivedFiles.beforeSwitch}), so search never has a gap.
 *
 * The work runs in a child process (derive-worker.ts) at the lowest CPU priority, and starts only
 * when no build is running or queued: on a 2-core server reading every page during the next
 * publish's build would slow that publish down.
 *
 * Layout: `<dir>/<releaseId>/` (sitemap.xml, search-docs.json) and `<dir>/current` → the newest,
 * so a restarted publisher serves them at once. A few older generations are kept for a while.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createStaticHandler, type StaticHandler } from './static.js';

const WORKER = path.join(import.meta.dirname, 'derive-worker.ts');

/** What `/status` reports of the derived files. */
export interface DerivedStatus {
  /** release the served sitemap and search index were made from */
  release: string | null;
  /** when they were finished, ISO 8601 UTC */
  finishedAt: string | null;
  /** how long the last generation took, ms */
  ms: number | null;
  /** pages in the sitemap made here (null: the release carries its own) / in the search index */
  sitemapPages: number | null;
  searchPages: number | null;
  /** release being processed now, if any */
  running: string | null;
  /** the last failure (cleared by a success) */
  lastError: string | null;
}

/** Paths of a release that the derived files answer. */
export function isDerivedPath(pathname: string): boolean {
  return pathname === '/sitemap.xml';
}

/** The search documents' file in a generation (read by the publisher, never served). */
export const DERIVED_SEARCH_DOCS = 'search-docs.json';

/** Generates and serves the derived files; one generation at a time, the newest release wins. */
export class DerivedFiles {
  private handlers: { id: string; handle: StaticHandler }[] = [];
  private running: Promise<void> | null = null;
  private runningId: string | null = null;
  private next: { id: string; webRoot: string } | null = null;
  private child: ChildProcess | null = null;
  private stopped = false;
  /**
   * Called with a new generation's id and folder before it is switched to (the search index is
   * built from it there), and `readSince`: `performance.now()` when its worker began reading the
   * release (publishes since then are newer than its files); a failure is logged and the switch
   * goes on.
   */
  beforeSwitch: ((id: string, dir: string, readSince: number) => Promise<void>) | null = null;
  private status_: DerivedStatus = { release: null, finishedAt: null, ms: null, sitemapPages: null, searchPages: null, running: null, lastError: null };

  /**
   * @param dir where generations live (created)
   * @param site the site's origin for the sitemap's absolute URLs (`SITE_URL`)
   * @param log log sink
   * @param busy whether a build is running or queued (generation waits until it is not)
   * @param keep generations kept besides the current one (default 3), and the least age of one
   *   that is removed (default 15 min)
   */
  constructor(
    readonly dir: string,
    private readonly site: string,
    private readonly log: (line: string) => void,
    private readonly busy: () => boolean = () => false,
    private readonly keep = { count: 3, minAgeMs: 15 * 60_000 },
  ) {}

  /** Serves the newest generation left by an earlier run (if any). */
  init(): void {
    fs.mkdirSync(this.dir, { recursive: true });
    let id: string | null = null;
    try {
      id = path.basename(fs.readlinkSync(path.join(this.dir, 'current')));
    } catch {
      return;
    }
    if (!fs.existsSync(path.join(this.dir, id))) return;
    const older = this.generations()
      .filter((g) => g !== id)
      .reverse();
    this.handlers = [id, ...older].map((g) => ({ id: g, handle: createStaticHandler(path.join(this.dir, g)) }));
    this.status_.release = id;
  }

  /** The folder of the generation served now, or null. */
  currentDir(): string | null {
    const id = this.handlers[0]?.id;
    return id ? path.join(this.dir, id) : null;
  }

  /** The status for `/status`. */
  status(): DerivedStatus {
    return { ...this.status_, running: this.runningId };
  }

  /** Resolves when no generation is running or waiting (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /**
   * Asks for the derived files of a release (just made live). While one is being made, only the
   * newest request waits; older ones are dropped.
   */
  request(id: string, webRoot: string): void {
    if (this.stopped) return;
    this.next = { id, webRoot };
    if (!this.running) this.running = this.loop().finally(() => (this.running = null));
  }

  /** Stops: the running generation is killed (the next start makes it again). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.next = null;
    this.child?.kill('SIGTERM');
    await this.idle();
  }

  /**
   * Answers `/sitemap.xml` from the current generation (older ones when it has none); `next()`
   * when none has the file (the release's own files, then 404).
   */
  serve(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    const handlers = this.handlers;
    let i = 0;
    const tryNext = () => {
      const h = handlers[i++];
      if (!h) return next();
      h.handle(req, res, tryNext);
    };
    tryNext();
  }

  private generations(): string[] {
    try {
      return fs
        .readdirSync(this.dir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && !d.name.includes('.tmp'))
        .map((d) => d.name)
        .sort();
    } catch {
      return [];
    }
  }

  private async loop(): Promise<void> {
    while (this.next && !this.stopped) {
      // let builds go first (a newer release may arrive meanwhile: then only it is processed)
      while (this.busy() && !this.stopped) await new Promise((r) => setTimeout(r, 250));
      if (!this.next || this.stopped) break;
      const { id, webRoot } = this.next;
      this.next = null;
      this.runningId = id;
      try {
        await this.generate(id, webRoot);
      } catch (err) {
        this.status_.lastError = `${id}: ${(err as Error)?.message ?? err}`;
        this.log(`sitemap/search index of release ${id} failed: ${this.status_.lastError}`);
      } finally {
        this.runningId = null;
      }
    }
  }

  private async generate(id: string, webRoot: string): Promise<void> {
    const t0 = Date.now();
    const final = path.join(this.dir, id);
    const tmp = `${final}.tmp`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    try {
      const readSince = performance.now();
      const { sitemapPages, searchPages } = await this.runWorker(webRoot, tmp);
      fs.rmSync(final, { recursive: true, force: true });
      fs.renameSync(tmp, final);
      if (this.beforeSwitch) {
        await this.beforeSwitch(id, final, readSince).catch((err) => this.log(`search index of release ${id} not loaded: ${(err as Error)?.message ?? err}`));
      }
      // switch: the symlink for restarts (rename over the old one is atomic), the handlers in memory
      const link = path.join(this.dir, 'current');
      const linkTmp = `${link}.${process.pid}.tmp`;
      fs.rmSync(linkTmp, { force: true });
      fs.symlinkSync(id, linkTmp, 'dir');
      fs.renameSync(linkTmp, link);
      this.handlers = [{ id, handle: createStaticHandler(final) }, ...this.handlers.filter((h) => h.id !== id)];
      const ms = Date.now() - t0;
      this.status_ = { release: id, finishedAt: new Date().toISOString(), ms, sitemapPages, searchPages, running: null, lastError: null };
      this.log(
        `${sitemapPages === null ? '' : `sitemap (${sitemapPages} pages) and `}search index (${searchPages} pages) of release ${id} served, made in ${ms} ms`,
      );
      this.prune();
    } catch (err) {
      fs.rmSync(tmp, { recursive: true, force: true });
      throw err;
    }
  }

  /** Runs derive-worker.ts at the lowest priority; resolves with its counts. */
  private runWorker(webRoot: string, outDir: string): Promise<{ sitemapPages: number | null; searchPages: number }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), WORKER, webRoot, outDir, this.site], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NO_COLOR: '1' },
      });
      this.child = child;
      try {
        os.setPriority(child.pid!, 19);
      } catch {
        /* not permitted: run at normal priority */
      }
      let out = '';
      let err = '';
      child.stdout!.on('data', (d) => (out += d));
      child.stderr!.on('data', (d) => (err = (err + d).slice(-4000)));
      child.on('error', reject);
      child.on('close', (code) => {
        if (this.child === child) this.child = null;
        const last = out.trim().split('\n').pop() ?? '';
        try {
          if (code === 0) return resolve(JSON.parse(last));
        } catch {
          /* fall through */
        }
        reject(new Error(`derive-worker exited with ${code}: ${err.trim().split('\n').slice(-5).join(' | ') || last}`));
      });
    });
  }

  /** Removes generations beyond `keep.count` older than `keep.minAgeMs` (never the current one). */
  private prune(): void {
    const current = this.handlers[0]?.id;
    const old = this.handlers.slice(1);
    const now = Date.now();
    const kept: typeof old = [];
    for (const [i, h] of old.entries()) {
      let age: number;
      try {
        age = now - fs.statSync(path.join(this.dir, h.id)).mtimeMs;
      } catch {
        continue;
      }
      if (i < this.keep.count || age < this.keep.minAgeMs) kept.push(h);
      else fs.rm(path.join(this.dir, h.id), { recursive: true, force: true }, () => undefined);
    }
    this.handlers = [...this.handlers.slice(0, 1), ...kept];
    // leftovers of earlier runs that no handler serves
    for (const g of this.generations()) {
      if (g !== current && !kept.some((h) => h.id === g)) fs.rm(path.join(this.dir, g), { recursive: true, force: true }, () => undefined);
    }
  }
}
