/**
 * The renderer as a long-running child process (issue 12, ADR 0019), and the parent's handle on
 * it ({@link RendererProcess}). The child loads the server build once and keeps the last index
 * (URL → route, params, props, cache key); a content publish is then: forget the loaded data,
 * re-index (the site's data cache refetches only what the published state shows changed),
 * diff the cache keys ({@link diffIndexes}, the only decision), render those pages, write the
 * ones whose bytes differ (atomic renames) and delete the ones gone. The child also keeps the
 * output's sitemap (page path → entry, issue 12): the entries of the pages a publish wrote or
 * removed are updated from their bytes and `sitemap.xml` is written with them — the same text as
 * `writeSitemap` (site/src/integrations/post-build.ts) of the whole output, at the cost of the
 * changed pages plus one serialisation.
 *
 * Never run this in the publisher's HTTP process: rendering blocks the event loop.
 *
 * Protocol (IPC): parent → `{ id, op: 'publish', outDir, env? }` | `{ id, op: 'full', outDir }`;
 * child → `{ id, ok: true, result }` | `{ id, ok: false, error }`. `env` entries are set in the
 * child's environment before the re-index (e.g. `CMS_PUBLISHED_STATE_FILE`).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compressCopies } from '../publisher/precompress.js';
import { collectSitemapEntries, parseSitemapXml, sitemapEntryOf, sitemapPathOf, sitemapXml, type SitemapEntry } from '../src/integrations/post-build.js';
import { deferSiteDataCacheWrites, diffIndexes, flushSiteDataCacheWrite, forgetSiteData, SiteRenderer, type IndexDiff, type IndexedPage } from './renderer.js';
import { killGroup } from './process-group.js';

/** The sitemap's file in the output (routes.sitemap()). */
export const SITEMAP_FILE = 'sitemap.xml';

/** What one publish (or full render) did to the output folder. */
export interface RenderResult {
  /** URLs rendered: new pages and pages whose cache key changed */
  rendered: string[];
  /**
   * files written because their bytes changed (or are new), relative to the output folder —
   * `sitemap.xml` among them when the publish changed the sitemap
   */
  written: string[];
  /** files deleted: their pages left the index */
  removed: string[];
  /** pages in the index */
  pages: number;
  /** of those, HTML pages (the rest: feeds) */
  htmlPages: number;
  /** wall time of the phases, ms */
  ms: { index: number; render: number; total: number };
  /** what the site printed meanwhile (the data cache's `[cms] …` lines), at most 200 lines */
  log: string[];
}

interface Request {
  id: number;
  op: 'publish' | 'full' | 'commit';
  outDir: string;
  env?: Record<string, string>;
  /** write changed pages (and their brotli/gzip copies) here instead of into `outDir`, keep the new index pending until `commit` */
  stageDir?: string;
  /** the pages `outDir` holds, as `[url, file, key hash]` (a full render's {@link RenderedKey}s): diff against these instead of the last index */
  baseline?: RenderedKey[];
  /** `commit`: where to write the committed index's keys (JSON `RenderedKey[]`, the baseline of a later process) */
  keysFile?: string;
}

/** A page a full render wrote: its URL, file and the hash of its cache key (null: no key). */
export type RenderedKey = [url: string, file: string, keyHash: string | null];

/** The sha-1 of a page's cache key (null when it has none), as full renders report it. */
export function keyHash(cacheKey: unknown): string | null {
  if (cacheKey === undefined) return null;
  return createHash('sha1')
    .update(typeof cacheKey === 'string' ? cacheKey : JSON.stringify(cacheKey))
    .digest('hex');
}

/** The child's side: one renderer, its last index. */
class Service {
  private index: Map<string, IndexedPage> | null = null;
  constructor(private readonly renderer: SiteRenderer) {}

  private pending: Map<string, IndexedPage> | null = null;
  /** the sitemap of the output (page path → entry; pages left out of it are not in it), and the one of a staged publish */
  private sitemap: Map<string, SitemapEntry> | null = null;
  private pendingSitemap: Map<string, SitemapEntry> | null = null;

  /**
   * The sitemap of the pages in `outDir`: the one kept, else read back from its `sitemap.xml`
   * (when writing it again gives the same text), else from every page (once per process).
   */
  private async sitemapOf(outDir: string): Promise<Map<string, SitemapEntry>> {
    if (this.sitemap) return this.sitemap;
    const site = this.renderer.site;
    const xml = await fs.promises.readFile(path.join(outDir, SITEMAP_FILE), 'utf8').catch(() => null);
    let entries = xml === null ? null : parseSitemapXml(xml, site);
    if (entries && (await sitemapXml(entries, site)) !== xml) entries = null;
    entries ??= await collectSitemapEntries(outDir);
    return new Map(entries.map((e) => [e.path, e]));
  }

  /** The diff of `next` against a full render's keys (the pages on disk), by cache-key hash. */
  private static diffBaseline(baseline: RenderedKey[], next: Map<string, IndexedPage>): IndexDiff {
    const before = new Map(baseline.map(([url, file, hash]) => [url, { file, hash }]));
    const render: IndexedPage[] = [];
    const remove: IndexedPage[] = [];
    for (const [url, page] of next) {
      const old = before.get(url);
      const hash = keyHash(page.cacheKey);
      if (!old || hash === null || old.hash !== hash || old.file !== page.file) render.push(page);
    }
    for (const [url, { file }] of before) {
      if (!next.has(url)) remove.push({ url, file, component: '', params: {}, props: {}, cacheKey: undefined });
    }
    return { render, remove };
  }

  /** Runs one request with the site's console output collected (returned as `log`). */
  async handle(req: Request): Promise<RenderResult> {
    const log: string[] = [];
    const saved = { log: console.log, info: console.info, warn: console.warn };
    const collect =
      (orig: (...a: unknown[]) => void) =>
      (...args: unknown[]) => {
        if (log.length < 200) log.push(args.map(String).join(' '));
        orig(...args);
      };
    console.log = collect(saved.log);
    console.info = collect(saved.info);
    console.warn = collect(saved.warn);
    try {
      return { ...(await this.run(req)), log };
    } catch (err) {
      throw Object.assign(err instanceof Error ? err : new Error(String(err)), { log });
    } finally {
      Object.assign(console, saved);
    }
  }

  private async run(req: Request): Promise<Omit<RenderResult, 'log'>> {
    const t0 = Date.now();
    if (req.op === 'commit') {
      if (this.pending) this.index = this.pending;
      if (this.pendingSitemap) this.sitemap = this.pendingSitemap;
      this.pending = null;
      this.pendingSitemap = null;
      if (req.keysFile && this.index) {
        const keys: RenderedKey[] = [...this.index.values()].map((p) => [p.url, p.file, keyHash(p.cacheKey)]);
        const tmp = `${req.keysFile}.${process.pid}.tmp`;
        await fs.promises.writeFile(tmp, JSON.stringify(keys));
        await fs.promises.rename(tmp, req.keysFile);
      }
      const size = this.index?.size ?? 0;
      return { rendered: [], written: [], removed: [], pages: size, htmlPages: size, ms: { index: 0, render: 0, total: Date.now() - t0 } };
    }
    this.pending = null;
    this.pendingSitemap = null;
    for (const [k, v] of Object.entries(req.env ?? {})) process.env[k] = v;
    forgetSiteData();
    const next = await this.renderer.index();
    const tIndex = Date.now();
    const tDiff = performance.now();
    const { render, remove } =
      req.op === 'full'
        ? { render: [...next.values()], remove: [] }
        : req.baseline
          ? Service.diffBaseline(req.baseline, next)
          : this.index
            ? diffIndexes(this.index, next)
            : { render: [...next.values()], remove: [] };
    if (req.op === 'full') {
      fs.rmSync(req.outDir, { recursive: true, force: true });
      fs.cpSync(this.renderer.clientDir, req.outDir, { recursive: true });
    }
    console.info(`[renderer] diff: ${render.length} to render, ${remove.length} to remove in ${Math.round(performance.now() - tDiff)} ms`);
    // the sitemap: the entries of the pages written or removed change, the others are kept
    const sitemap = new Map<string, SitemapEntry>(req.op === 'full' ? undefined : await this.sitemapOf(req.outDir));
    let sitemapChanged = req.op === 'full';
    const setEntry = (file: string, html: string | null) => {
      if (!file.endsWith('.html')) return;
      const key = sitemapPathOf(file);
      const entry = html === null ? null : sitemapEntryOf(file, html);
      const old = sitemap.get(key);
      // a kept entry may hold the day only (read back from sitemap.xml): the day is what is written
      const day = (e: SitemapEntry | undefined | null) => /^\d{4}-\d{2}-\d{2}/.exec(e?.lastmod ?? '')?.[0];
      if (entry ? !!old && day(old) === day(entry) : !old) return;
      if (entry) sitemap.set(key, entry);
      else sitemap.delete(key);
      sitemapChanged = true;
    };
    const written: string[] = [];
    const put = async (file: string, bytes: Buffer) => {
      if (req.stageDir) {
        // staged: the file and its brotli/gzip copies, put live by the publisher (live-tree.ts)
        const target = path.join(req.stageDir, file);
        await fs.promises.mkdir(path.dirname(target), { recursive: true });
        await fs.promises.writeFile(target, bytes);
        const { br, gz } = compressCopies(file, bytes);
        if (br) await fs.promises.writeFile(`${target}.br`, br);
        if (gz) await fs.promises.writeFile(`${target}.gz`, gz);
      } else {
        const live = path.join(req.outDir, file);
        await fs.promises.mkdir(path.dirname(live), { recursive: true });
        const tmp = `${live}.${process.pid}.tmp`;
        await fs.promises.writeFile(tmp, bytes);
        await fs.promises.rename(tmp, live);
      }
      written.push(file);
    };
    const slow: [url: string, ms: number][] = [];
    for (const page of render) {
      const tPage = performance.now();
      const bytes = await this.renderer.render(page);
      if (req.op !== 'full') slow.push([page.url, performance.now() - tPage]);
      const old = req.op === 'full' ? null : await fs.promises.readFile(path.join(req.outDir, page.file)).catch(() => null);
      if (old && old.equals(bytes)) continue;
      setEntry(page.file, bytes.toString('utf8'));
      await put(page.file, bytes);
    }
    if (slow.length) {
      const top = slow.sort((a, b) => b[1] - a[1]).slice(0, 3);
      console.info(`[renderer] rendered ${slow.length} pages; slowest ${top.map(([u, ms]) => `${u} ${Math.round(ms)} ms`).join(', ')}`);
    }
    const removed: string[] = [];
    for (const page of remove) {
      if (!req.stageDir) await fs.promises.rm(path.join(req.outDir, page.file), { force: true });
      setEntry(page.file, null);
      removed.push(page.file);
    }
    const liveSitemap = req.op === 'full' ? null : await fs.promises.readFile(path.join(req.outDir, SITEMAP_FILE)).catch(() => null);
    if (sitemapChanged || !liveSitemap) {
      const xml = Buffer.from(await sitemapXml([...sitemap.values()], this.renderer.site));
      if (!liveSitemap?.equals(xml)) await put(SITEMAP_FILE, xml);
    }
    if (req.stageDir) {
      this.pending = next;
      this.pendingSitemap = sitemap;
    } else {
      this.index = next;
      this.sitemap = sitemap;
    }
    const done = Date.now();
    return {
      rendered: render.map((p) => p.url),
      written,
      removed,
      pages: next.size,
      htmlPages: [...next.values()].filter((p) => p.file.endsWith('.html')).length,
      ms: { index: tIndex - t0, render: done - tIndex, total: done - t0 },
    };
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
    // its own process group, so that stop() ends whatever it started too
    this.child = fork(fileURLToPath(import.meta.url), ['--serve', buildDir], {
      execArgv: ['--import', 'tsx'],
      env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      detached: true,
    });
    this.child.on('message', (m: { id: number; ok: boolean; result?: RenderResult; error?: string; log?: string[] }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.result!);
      // the error carries what the site printed before it (`log`)
      else p.reject(Object.assign(new Error(m.error), { log: m.log ?? [] }));
    });
    this.child.on('exit', (code) => {
      this.exited = new Error(`renderer process exited (${code})`);
      for (const p of this.pending.values()) p.reject(this.exited);
      this.pending.clear();
    });
  }

  private request(op: Request['op'], outDir: string, extra: Pick<Request, 'env' | 'stageDir' | 'baseline' | 'keysFile'> = {}): Promise<RenderResult> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, op, outDir, ...extra } satisfies Request);
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
    return this.request('publish', outDir, { env });
  }

  /**
   * A content publish staged for the publisher (ADR 0019): as {@link publish}, but the pages whose
   * bytes differ from `outDir`'s are written into `stageDir` with their brotli/gzip copies
   * (`<file>.br`, `<file>.gz` when smaller), nothing in `outDir` is touched, and the new index is
   * kept pending until {@link commit} (after the publisher put the staged files live). With
   * `baseline` (a full render's keys), the diff is against the pages on disk instead of the
   * last index — the first publish after a full render in worker processes.
   *
   * @throws {Error} what the re-index or a page threw (nothing was changed in `outDir`)
   */
  stage(outDir: string, stageDir: string, opts: { env?: Record<string, string>; baseline?: RenderedKey[] } = {}): Promise<RenderResult> {
    return this.request('publish', outDir, { env: opts.env, stageDir, baseline: opts.baseline });
  }

  /**
   * Makes the index of the last {@link stage} the one the next publish diffs against, and writes
   * its keys to `keysFile` (the baseline of a renderer started later on the same release).
   */
  async commit(keysFile?: string): Promise<void> {
    await this.request('commit', '', { keysFile });
  }

  /** Whether the child process still runs. */
  get alive(): boolean {
    return !this.exited && this.child.exitCode === null;
  }

  /** Renders every page into `outDir` (emptied first, then the build's static files copied in). */
  full(outDir: string, env?: Record<string, string>): Promise<RenderResult> {
    return this.request('full', outDir, { env });
  }

  /** The child's process id (for memory figures). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /**
   * Ends the child process and its process group (SIGTERM, SIGKILL after 5 s); resolves once
   * the child has exited.
   */
  async stop(): Promise<void> {
    if (this.child.pid === undefined) return;
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      killGroup(this.child, 'SIGKILL');
      return;
    }
    const gone = new Promise((r) => this.child.once('exit', r));
    killGroup(this.child, 'SIGTERM');
    const hard = setTimeout(() => killGroup(this.child, 'SIGKILL'), 5000);
    await gone;
    clearTimeout(hard);
    // what the child started and left behind
    killGroup(this.child, 'SIGKILL');
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--serve') {
  const buildDir = process.argv[3];
  const siteRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const service = new Service(await SiteRenderer.load(buildDir, siteRoot));
  // the data cache is written once the renderer has been idle for 5 s, never on a publish's path
  // (a write that started just before the next publish's request delayed it by its length), and
  // when the process is told to end; a crash loses only speed (the next reader refetches what
  // the published state shows changed since the file was written)
  deferSiteDataCacheWrites();
  let idle: NodeJS.Timeout | null = null;
  const flushLater = () => {
    if (idle) clearTimeout(idle);
    idle = setTimeout(flushSiteDataCacheWrite, 5_000);
  };
  const flushAndExit = () => {
    flushSiteDataCacheWrite();
    process.exit(0);
  };
  let chain: Promise<unknown> = Promise.resolve();
  process.on('message', (req: Request) => {
    if (idle) clearTimeout(idle);
    chain = chain.then(async () => {
      try {
        process.send!({ id: req.id, ok: true, result: await service.handle(req) });
      } catch (err) {
        process.send!({ id: req.id, ok: false, error: (err as Error).stack ?? String(err), log: (err as { log?: string[] }).log ?? [] });
      }
      flushLater();
    });
  });
  process.on('disconnect', flushAndExit);
  process.on('SIGTERM', flushAndExit);
}
