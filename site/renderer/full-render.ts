/**
 * A full render of the site with the renderer (issue 12): the server build's static files
 * (`client/`: `/_astro/*`, public/) copied into the output folder, then every page of the
 * renderer's index rendered into it by `RENDER_WORKERS` child processes (default 2), which take
 * the URL-sorted index in chunks from the parent as they go. The output is what `astro build` writes for the same code and data
 * (the proof: tests/integration/renderer.test.ts), with `sitemap.xml` made from the pages the
 * workers rendered (the text `writeSitemap` of site/src/integrations/post-build.ts gives for the
 * output; the renderer process keeps it up to date per publish, service.ts), without the search
 * documents (the publisher makes those, site/publisher/derived.ts).
 *
 * Each worker leads a process group of its own (`detached`); a worker failing, or the caller's
 * `signal` aborting, kills every worker's group, and the promise settles only once all workers
 * have exited — nothing is left running (the publisher stopping mid code deploy, issue 12).
 * A worker whose parent is gone (IPC closed) exits.
 *
 * CLI: `node --import tsx site/renderer/full-render.ts <serverBuildDir> <outDir>`; prints one
 * JSON line `{"pages": n, "ms": t}` on success, exit 1 on failure. Env: the site's (SITE_URL,
 * CMS_URL, CMS_TOKEN, MEDIA_BASE_URL), RENDER_WORKERS.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sitemapEntryOf, sitemapXml, type SitemapEntry } from '../src/integrations/post-build.js';
import { exitOf, killGroup } from './process-group.js';
import { SiteRenderer, writeAtomic } from './renderer.js';
import { keyHash, SITEMAP_FILE, type RenderedKey } from './service.js';

/** Where one worker's time went (ms of wall time; the full render's breakdown, bench/full-render.ts). */
export interface WorkerStats {
  /** the worker's process start and the start of its work (after Node, tsx and this module loaded), ms since the epoch */
  processStart: number;
  workStart: number;
  /** loading the server build (SiteRenderer.load) */
  loadMs: number;
  /** the index: every page's getStaticPaths() — the first route pays for the data load */
  indexMs: number;
  /** rendering pages (`renderer.render`), in all and per page source (`[component, pages, ms]`) */
  renderMs: number;
  byRoute: [component: string, pages: number, ms: number][];
  /** writing the files */
  writeMs: number;
  /** sitemap entries and key hashes */
  sitemapMs: number;
  /** waiting for the parent's next chunk of pages */
  waitMs: number;
  /** CPU time (user + system) of the whole worker: the figure a loaded machine inflates least */
  cpuMs: number;
  /** pages rendered and their bytes */
  pages: number;
  bytes: number;
  /** when the worker had its result ready (before sending it), ms since the epoch */
  doneAt: number;
}

/** A worker's {@link WorkerStats} with the parent's side: when it was forked and its result received (ms since the epoch). */
export interface WorkerTimes extends WorkerStats {
  forkedAt: number;
  receivedAt: number;
}

/** Where a full render's time went, beyond the workers' own ({@link WorkerTimes}): ms. */
export interface FullRenderTimes {
  /** emptying the output folder and copying the build's static files into it */
  copyMs: number;
  /** merging the workers' results and writing `sitemap.xml` */
  sitemapMs: number;
  workers: WorkerTimes[];
}

/** What a worker sends back: the pages it wrote, their sitemap entries, the site's URL, where its time went. */
interface PartResult {
  keys: RenderedKey[];
  entries: SitemapEntry[];
  site: string;
  stats: WorkerStats;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const siteRoot = path.resolve(here, '..');

/**
 * The file writer of a worker: synchronous, each folder made once. A worker has nothing else to
 * do while it writes, so the asynchronous version's three thread-pool round trips a page (mkdir,
 * write, rename) only cost wake-ups — 2–4 ms a page on the shared 2-core machine
 * (bench/full-render.ts, session 7), as much as the render itself, against ~0.1 ms written so.
 * Still through a temporary file renamed over the page: two workers whose indexes differ (data
 * published while they loaded) may both write a page, and each file must be one whole page
 * (see {@link fullRender} for their keys).
 */
function stagingWriter(outDir: string): (file: string, bytes: Buffer) => void {
  const made = new Set<string>();
  return (file, bytes) => {
    const target = path.join(outDir, file);
    const dir = path.dirname(target);
    if (!made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    const tmp = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, target);
  };
}

/** Pages a worker asks its parent for at a time (~0.3 s of work): small enough that the workers end together, large enough that the answer to the request sent one chunk ahead is there in time on a loaded machine (32 left workers waiting 1–2 s in all at load average 8). */
const CHUNK = 128;

/** A worker's request for its next pages: `take` is the number of pages in its index. */
interface TakeRequest {
  take: number;
}
/** The parent's answer: the positions `[from, to)` of the sorted index to render; none left when `from >= to`. */
interface TakeAnswer {
  from: number;
  to: number;
}

/**
 * The worker's source of pages to render: position ranges of its sorted index, handed out by the
 * parent to whichever worker asks first ({@link fullRender}), so a worker that starts late (it
 * waited for the other's turn at the data cache) or renders slower pages simply takes fewer;
 * one request is kept in flight, so the answer is there when the worker needs it. Without an
 * IPC channel (run by hand) the worker takes everything.
 */
function chunkSource(total: number): () => Promise<TakeAnswer | null> {
  if (!process.send) {
    let given = false;
    return async () => (given ? null : ((given = true), { from: 0, to: total }));
  }
  const waiting: ((a: TakeAnswer) => void)[] = [];
  const onMessage = (m: Partial<TakeAnswer>) => {
    if (typeof m?.from === 'number' && typeof m.to === 'number') waiting.shift()?.({ from: m.from, to: m.to });
  };
  process.on('message', onMessage);
  const ask = () =>
    new Promise<TakeAnswer>((resolve) => {
      waiting.push(resolve);
      process.send!({ take: total } satisfies TakeRequest);
    });
  let ahead = ask();
  return async () => {
    const got = await ahead;
    if (got.from >= got.to) {
      process.off('message', onMessage);
      return null;
    }
    ahead = ask();
    return got;
  };
}

/**
 * One worker: indexes, then renders into `outDir` the ranges of its URL-sorted index the parent
 * hands it ({@link chunkSource}); returns what it wrote (URL, file, key hash), the pages'
 * sitemap entries and where its time went.
 */
async function renderPart(buildDir: string, outDir: string): Promise<PartResult> {
  const workStart = Date.now();
  let t = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = now - t;
    t = now;
    return ms;
  };
  const renderer = await SiteRenderer.load(buildDir, siteRoot);
  const loadMs = lap();
  const pages = [...(await renderer.index()).values()].sort((a, b) => (a.url < b.url ? -1 : 1));
  const indexMs = lap();
  const keys: RenderedKey[] = [];
  const entries: SitemapEntry[] = [];
  const byRoute = new Map<string, [pages: number, ms: number]>();
  const write = stagingWriter(outDir);
  let renderMs = 0;
  let writeMs = 0;
  let sitemapMs = 0;
  let bytesOut = 0;
  const next = chunkSource(pages.length);
  let waitMs = 0;
  for (let chunk = await next(); chunk; chunk = await next()) {
    waitMs += lap();
    for (let i = chunk.from; i < chunk.to; i++) {
      lap();
      const bytes = await renderer.render(pages[i]);
      const ms = lap();
      renderMs += ms;
      const r = byRoute.get(pages[i].component) ?? [0, 0];
      r[0]++;
      r[1] += ms;
      byRoute.set(pages[i].component, r);
      bytesOut += bytes.length;
      write(pages[i].file, bytes);
      writeMs += lap();
      keys.push([pages[i].url, pages[i].file, keyHash(pages[i].cacheKey)]);
      const entry = pages[i].file.endsWith('.html') ? sitemapEntryOf(pages[i].file, bytes.toString('utf8')) : null;
      if (entry) entries.push(entry);
      sitemapMs += lap();
    }
  }
  waitMs += lap();
  const stats: WorkerStats = {
    processStart: performance.timeOrigin,
    workStart,
    loadMs,
    indexMs,
    renderMs,
    byRoute: [...byRoute].map(([c, [n, ms]]) => [c, n, ms]),
    writeMs,
    sitemapMs,
    waitMs,
    cpuMs: (({ user, system }) => (user + system) / 1000)(process.cpuUsage()),
    pages: keys.length,
    bytes: bytesOut,
    doneAt: Date.now(),
  };
  return { keys, entries, site: renderer.site, stats };
}

/**
 * Renders the whole site from the server build in `buildDir` into `outDir` (emptied first, then
 * the build's `client/` copied in; when `outDir` is the build's own `client/`, the pages are
 * written beside its assets) with `workers` child processes, whose environment is `env`.
 * `outDir` must not be served while it is written (a staging release: its pages appear one by one).
 * The workers take the URL-sorted index in chunks of {@link CHUNK} pages as they go (whoever asks
 * first), so they end together whatever their start-up and page costs.
 *
 * `sitemap.xml` is written last, from the pages the workers rendered.
 *
 * @param opts.signal aborting it kills the workers (the promise then rejects, once they exited)
 * @returns the number of pages written, the time taken (ms), each page's URL, file and cache-key
 *   hash (the baseline of the renderer's first publish, {@link import('./service.js').RendererProcess.stage})
 *   and where the time went (`times`)
 * @throws {Error} when a worker fails (its message; the other workers are killed) or the signal aborted
 */
export async function fullRender(
  buildDir: string,
  outDir: string,
  workers = Number(process.env.RENDER_WORKERS) || 2,
  env: NodeJS.ProcessEnv = process.env,
  opts: { signal?: AbortSignal } = {},
): Promise<{ pages: number; ms: number; keys: RenderedKey[]; times: FullRenderTimes }> {
  const started = Date.now();
  const { signal } = opts;
  if (signal?.aborted) throw new Error('full render stopped');
  if (path.resolve(outDir) !== path.resolve(buildDir, 'client')) {
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.cpSync(path.join(buildDir, 'client'), outDir, { recursive: true });
  }
  const copyMs = Date.now() - started;
  const children: ChildProcess[] = [];
  const killAll = () => children.forEach((c) => killGroup(c, 'SIGKILL'));
  /** the first failure (the others are the workers killed because of it) */
  let firstError = null as Error | null;
  signal?.addEventListener('abort', killAll, { once: true });
  /** the next position of the sorted index to hand out */
  let next = 0;
  const settled = await Promise.allSettled(
    Array.from({ length: workers }, (_, part) => {
      const child = fork(fileURLToPath(import.meta.url), ['--part', buildDir, outDir], {
        // a larger young generation: rendering makes short-lived garbage by the megabyte, and the
        // default scavenges took ~5.5 s of a worker's ~25 s of CPU at 15,000 pages (3.7-4.1 s so;
        // bench/full-render.ts, session 7); it costs up to ~3 × 32 MiB more memory a worker
        execArgv: ['--import', 'tsx', '--max-semi-space-size=32'],
        env,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        detached: true,
      });
      children.push(child);
      const forkedAt = Date.now();
      return new Promise<PartResult & { times: WorkerTimes }>((resolve, reject) => {
        let done: (PartResult & { times: WorkerTimes }) | null = null;
        let failed: Error | null = null;
        child.on('message', (m: Partial<PartResult> & Partial<TakeRequest> & { error?: string }) => {
          if (typeof m.take === 'number') {
            // the next pages of the sorted index (the workers' indexes are the same list: the
            // same data, through the shared cache); a worker whose index is shorter gets what
            // lies in it — a page one worker's index lacks is left to the catch-up publish
            const from = next;
            const to = Math.min(m.take, next + CHUNK);
            if (to > from) next = to;
            if (child.connected) child.send({ from, to } satisfies TakeAnswer);
            return;
          }
          if (m.error) failed = new Error(m.error);
          else {
            const stats = m.stats!;
            done = { keys: m.keys ?? [], entries: m.entries ?? [], site: m.site ?? '', stats, times: { ...stats, forkedAt, receivedAt: Date.now() } };
          }
        });
        const fail = (err: Error) => {
          firstError ??= signal?.aborted ? new Error('full render stopped') : err;
          // one worker failed: the others' work is lost anyway
          killAll();
          reject(err);
        };
        // a worker that could not start never exits
        child.on('error', (err) => (child.pid === undefined ? fail(err) : (failed ??= err)));
        child.on('exit', (code, sig) => {
          if (code === 0 && done !== null) return resolve(done);
          fail(failed ?? new Error(`render worker ${part} exited with ${sig ?? code}`));
        });
      });
    }),
  );
  signal?.removeEventListener('abort', killAll);
  // every worker has exited here; what one started and left behind goes with its group
  await Promise.all(children.map(exitOf));
  killAll();
  if (settled.some((s) => s.status === 'rejected')) throw firstError ?? new Error('full render failed');
  const parts = settled.map((s) => (s as PromiseFulfilledResult<PartResult & { times: WorkerTimes }>).value);
  const tSitemap = Date.now();
  // a page two workers wrote (their indexes differed: data published meanwhile) holds one of
  // their renders: unless both had the same key, its key is dropped (null: the catch-up renders it)
  const byUrl = new Map<string, RenderedKey>();
  for (const k of parts.flatMap((p) => p.keys)) {
    const seen = byUrl.get(k[0]);
    byUrl.set(k[0], seen && (seen[1] !== k[1] || seen[2] !== k[2]) ? [k[0], k[1], null] : k);
  }
  const keys = [...byUrl.values()];
  await writeAtomic(
    outDir,
    SITEMAP_FILE,
    Buffer.from(
      await sitemapXml(
        parts.flatMap((p) => p.entries),
        parts[0]?.site || env.SITE_URL || 'http://127.0.0.1:4321',
      ),
    ),
  );
  const ended = Date.now();
  return { pages: keys.length, ms: ended - started, keys, times: { copyMs, sitemapMs: ended - tSitemap, workers: parts.map((p) => p.times) } };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args[0] === '--part') {
    const [, buildDir, outDir] = args;
    // the parent is gone (IPC closed): nothing will read the result
    process.on('disconnect', () => process.exit(1));
    try {
      const result = await renderPart(buildDir, outDir);
      // exit once the message is out (a large one is sent asynchronously)
      process.send?.(result, () => process.exit(0));
    } catch (err) {
      process.send?.({ error: (err as Error).stack ?? String(err) });
      process.exit(1);
    }
  } else {
    const [buildDir, outDir] = args;
    if (!buildDir || !outDir) {
      console.error('usage: full-render.ts <serverBuildDir> <outDir>');
      process.exit(2);
    }
    try {
      const { pages, ms } = await fullRender(path.resolve(buildDir), path.resolve(outDir));
      console.log(JSON.stringify({ pages, ms }));
    } catch (err) {
      console.error(`full-render: ${(err as Error).message}`);
      process.exit(1);
    }
  }
}
