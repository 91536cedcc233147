/**
 * `npx tsx --expose-gc bench/search.ts` — the site search answered by the publisher (ADR 0018,
 * issue 13 point 2). Prints:
 *
 * - the real corpus: a real site built from the seed data (a CMS booted in-process, the seed
 *   imported, `astro build`; `BENCH_KEEP=1` keeps it), or `BENCH_SITE_DIST=<a built site>` to skip that: pages, the time
 *   to read the search documents from the built pages, their size, the index build time and the
 *   heap it holds;
 * - the same at scale: the real documents repeated to `BENCH_SCALE_PAGES` (15,000) pages;
 * - query latency p50/p95/max over a mix of queries (tone-less, accented, multi-word, relaxed,
 *   hostile, the 10 commonest words), `BENCH_QUERY_ROUNDS` (20) rounds, on both indexes: wall
 *   time and the process's CPU time (`process.cpuUsage`, nearer what an idle core takes when the
 *   machine is loaded), and the CPU max of the 10-common-words query (the hostile worst case);
 * - `BENCH_SEARCH_DOCS=<a release's search-docs.json>`: the index figures only, from those
 *   documents (no site build, no browser); with `BENCH_TEXT_CAP=<n>` each document's text is
 *   first cut to n characters as a search document keeps it (`capText`: the figures of another
 *   bound on the same pages, e.g. the old 3,000), and with `BENCH_LONG_PAGES=<n>` a third row
 *   holds the scaled corpus with n of its pages made long — their text extended with the
 *   following documents' up to the bound (`BENCH_TEXT_CAP`, else `TEXT_CAP`): the long legal
 *   documents and procedures the bound is about;
 * - "heap held" is the heap the index and its documents hold (measured from before the documents
 *   are made: their text is kept by the index);
 * - time to results in Chromium on "slow 4G" (150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up) with
 *   the CPU 4× slower (CDP throttling), JavaScript on and off: from navigation to the results
 *   list shown, for a search typed in the header box of a page already open (form submit), and
 *   the bytes transferred (the results page; its stylesheet and fonts come from the cache of the
 *   page before, as for a reader who searched from a page of the portal; cold cache also shown).
 *
 * The server is the publisher's parts: static.ts over the precompressed build, search.ts, the
 * `compression` middleware http.ts uses for search answers.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import compression from 'compression';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { precompressTree } from '../site/publisher/precompress';
import { isSearchRequest, SearchIndex, serveSearch } from '../site/publisher/search';
import { createStaticHandler, sendNotFound } from '../site/publisher/static';
import { capText, collectSearchDocs, TEXT_CAP, type SearchDoc } from '../site/src/integrations/search-docs';

const repoRoot = path.resolve(import.meta.dirname, '..');
const siteDir = path.join(repoRoot, 'site');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SCALE = Number(process.env.BENCH_SCALE_PAGES || 15_000);
const ROUNDS = Number(process.env.BENCH_QUERY_ROUNDS || 20);
/** The hostile worst case: the 10 words allowed, all among the commonest of the corpus. */
const COMMON10 = 'của và các được trong cho là có với những';
const QUERIES = [
  'thu tuc dat dai',
  'đất đai',
  'lao cai',
  'Lào Cai',
  'do thi',
  'hoi dap dat dai',
  'giay phep xay dung',
  'quyết định ủy ban nhân dân tỉnh',
  'cap giay chung nhan quyen su dung dat',
  'so y te',
  'du lich sa pa',
  'xyzzyq khong co',
  '<script>alert(1)</script>',
  'đất '.repeat(2_500),
  Array.from({ length: 500 }, (_, i) => `tu${i}`).join(' '),
  COMMON10,
];

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms`;

async function buildRealSite(): Promise<{ dist: string; cleanup: () => Promise<void> }> {
  const { bootCms } = await import('../tests/helpers/strapi');
  const { importSeed } = await import('../scripts/seed/import');
  const { requireSeedSources } = await import('../scripts/seed/paths');
  const { dataDir, seedDir } = requireSeedSources();
  const cms = await bootCms();
  await importSeed(cms.strapi, { dataDir, seedDir, includeOtherProvinces: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-bench-search-'));
  const dist = path.join(tmp, 'dist');
  const astroBin = path.join(path.dirname(createRequire(path.join(siteDir, 'package.json')).resolve('astro/package.json')), 'bin', 'astro.mjs');
  const t0 = Date.now();
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [astroBin, 'build', '--outDir', dist], {
      cwd: siteDir,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', CMS_URL: cms.url, SITE_CACHE_DIR: path.join(tmp, 'cache') },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`astro build exited ${code}`);
  console.log(`[bench:search] real site built in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  await cms.stop();
  if (process.env.BENCH_KEEP) console.log(`[bench:search] the built site is kept: BENCH_SITE_DIST=${dist}`);
  return { dist, cleanup: async () => (process.env.BENCH_KEEP ? undefined : fs.rmSync(tmp, { recursive: true, force: true })) };
}

/** The real documents repeated to `n` pages (URLs and a word of each made unique). */
function scaled(docs: SearchDoc[], n: number): SearchDoc[] {
  const out: SearchDoc[] = [];
  for (let i = 0; out.length < n; i++) {
    const d = docs[i % docs.length];
    const k = Math.floor(i / docs.length);
    out.push(k ? { ...d, url: `${d.url}ban-${k}/`, title: `${d.title} (bản ${k})`, text: `${d.text} mã${i}` } : d);
  }
  return out;
}

/**
 * `docs` with `long` of them, spread evenly, made long: their text followed by the next
 * documents' texts up to `cap` characters (cut as a search document is, {@link capText}).
 */
function withLongPages(docs: SearchDoc[], long: number, cap: number): SearchDoc[] {
  const every = Math.max(1, Math.floor(docs.length / Math.max(1, long)));
  let made = 0;
  return docs.map((d, i) => {
    if (i % every || made >= long) return d;
    made++;
    let text = d.text;
    for (let j = i + 1; text.length < cap; j++) text += ` ${docs[j % docs.length].text}`;
    return { ...d, text: capText(text, cap) };
  });
}

async function indexFigures(label: string, make: () => SearchDoc[]) {
  const before = heapMb();
  const idx = new SearchIndex();
  // the documents array is dropped when this returns: what the index keeps of them stays counted below
  const { pages, textChars, loadMs } = await (async () => {
    const docs = make();
    const t0 = performance.now();
    await idx.loadDocs(docs, label);
    return { pages: docs.length, textChars: docs.reduce((n, d) => n + (d.text?.length ?? 0), 0), loadMs: performance.now() - t0 };
  })();
  const heap = heapMb() - before;
  const lat: number[] = [];
  const cpu: number[] = [];
  const worst: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const q of QUERIES) {
      const t = performance.now();
      const c = process.cpuUsage();
      const a = idx.search(q, 1 + (r % 3));
      const used = process.cpuUsage(c);
      lat.push(performance.now() - t);
      cpu.push((used.user + used.system) / 1000);
      if (q === COMMON10) worst.push(cpu[cpu.length - 1]);
      if (a.notReady) throw new Error('index not ready');
    }
  }
  return {
    idx,
    row: {
      label,
      pages,
      textChars,
      loadMs,
      heap,
      p50: pct(lat, 50),
      p95: pct(lat, 95),
      max: Math.max(...lat),
      cpu50: pct(cpu, 50),
      cpu95: pct(cpu, 95),
      cpuMax: Math.max(...cpu),
      worstMax: Math.max(...worst),
      n: lat.length,
    },
  };
}

async function throttle(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return cdp;
}

/** Bytes received (encoded, headers included) while `fn` runs. */
async function bytesDuring(cdp: CDPSession, fn: () => Promise<void>): Promise<number> {
  let bytes = 0;
  const onDone = (e: { encodedDataLength: number }) => (bytes += e.encodedDataLength);
  cdp.on('Network.loadingFinished', onDone);
  await fn();
  await new Promise((r) => setTimeout(r, 300));
  cdp.off('Network.loadingFinished', onDone);
  return bytes;
}

/** Prints the index table's rows (shared by the full run and the documents-only run). */
function printIndexRows(rows: Awaited<ReturnType<typeof indexFigures>>['row'][]) {
  console.log(
    `\n[bench:search] ${new Date().toISOString()} · ${os.cpus().length} CPUs · load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    '\n| index | pages | text indexed | build | heap held | query p50 | query p95 | query max | CPU p50 | CPU p95 | CPU max | 10 common words, CPU max | queries |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.label} | ${r.pages} | ${(r.textChars / 1e6).toFixed(1)} M chars | ${ms(r.loadMs)} | ${r.heap.toFixed(1)} MB | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.max)} | ${ms(r.cpu50)} | ${ms(r.cpu95)} | ${ms(r.cpuMax)} | ${ms(r.worstMax)} | ${r.n} |`,
    );
  }
}

async function main() {
  const t0 = Date.now();
  if (process.env.BENCH_SEARCH_DOCS) {
    // documents-only run: a release's search-docs.json, the index figures only (no site, no browser)
    const cap = Number(process.env.BENCH_TEXT_CAP || 0);
    const read = () => {
      const all = JSON.parse(fs.readFileSync(process.env.BENCH_SEARCH_DOCS!, 'utf8')) as SearchDoc[];
      return cap ? all.map((d) => ({ ...d, text: capText(d.text, cap) })) : all;
    };
    const n = read().length;
    const bound = cap ? `text cut to ${cap}` : 'text as written';
    const real = await indexFigures(`real corpus (search-docs.json, ${bound})`, read);
    const big = await indexFigures(`scaled ×${(SCALE / n).toFixed(0)}`, () => scaled(read(), SCALE));
    const rows = [real.row, big.row];
    const long = Number(process.env.BENCH_LONG_PAGES || 0);
    if (long) {
      const longCap = cap || TEXT_CAP;
      rows.push(
        (
          await indexFigures(`scaled ×${(SCALE / n).toFixed(0)}, ${long} pages of ${longCap} characters`, () =>
            withLongPages(scaled(read(), SCALE), long, longCap),
          )
        ).row,
      );
    }
    printIndexRows(rows);
    console.log(`\n[bench:search] done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    process.exit(0);
  }
  const given = process.env.BENCH_SITE_DIST ? path.resolve(process.env.BENCH_SITE_DIST) : null;
  const site = given ? { dist: given, cleanup: async () => undefined } : await buildRealSite();
  const dist = site.dist;
  try {
    // 1. the search documents from the built pages (what the derive worker does)
    const tDocs = performance.now();
    const docs = await collectSearchDocs(dist);
    const docsMs = performance.now() - tDocs;
    const docsBytes = Buffer.byteLength(JSON.stringify(docs));
    const pages = fs.readdirSync(dist, { recursive: true }).filter((f) => String(f).endsWith('.html')).length;

    // 2. index build, memory and query latency: the real corpus and at scale
    const real = await indexFigures('real corpus (seed)', () => docs);
    const big = await indexFigures(`scaled ×${(SCALE / docs.length).toFixed(0)}`, () => scaled(docs, SCALE));
    big.idx.search('warm');

    // incremental update of a few real pages
    const some = docs.slice(0, 5).map((d) => d.url);
    const tUp = performance.now();
    await real.idx.update(dist, some, []);
    const updateMs = performance.now() - tUp;

    // 3. the browser: the publisher's parts over HTTP, Chromium throttled
    precompressTree(dist);
    const files = createStaticHandler(dist);
    const compress = compression({ threshold: 1024 });
    const server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (isSearchRequest(req, url))
        return compress(req as never, res as never, () => serveSearch(req, res, url, real.idx, dist, () => sendNotFound(dist, req, res)));
      files(req, res, () => sendNotFound(dist, req, res));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'] });
    const browserRows: string[] = [];
    try {
      for (const js of [true, false]) {
        for (const warm of [true, false]) {
          const times: number[] = [];
          let bytes = 0;
          for (let i = 0; i < 5; i++) {
            const ctx = await browser.newContext({ javaScriptEnabled: js, locale: 'vi-VN' });
            const page = await ctx.newPage();
            page.setDefaultTimeout(180_000);
            const cdp = await throttle(page);
            const q = ['thu tuc dat dai', 'lao cai', 'do thi', 'hoi dap dat dai', 'giay phep'][i];
            let t = 0;
            bytes += await bytesDuring(cdp, async () => {
              if (warm) {
                await page.goto(`${base}/`, { waitUntil: 'load' });
                await page.fill('#tim-kiem-nhanh', q);
                const start = Date.now();
                await Promise.all([page.waitForURL(/\/tim-kiem\/\?q=/), page.press('#tim-kiem-nhanh', 'Enter')]);
                await page.locator('#trang-thai').waitFor();
                t = Date.now() - start;
              } else {
                const start = Date.now();
                await page.goto(`${base}/tim-kiem/?q=${encodeURIComponent(q)}`, { waitUntil: 'domcontentloaded' });
                await page.locator('#trang-thai').waitFor();
                t = Date.now() - start;
              }
            });
            times.push(t);
            await ctx.close();
          }
          browserRows.push(
            `| JavaScript ${js ? 'on ' : 'off'} · ${warm ? 'typed in the header box of an open page' : 'cold cache, results URL opened'} | ${ms(pct(times, 50))} | ${ms(Math.max(...times))} | ${(bytes / 5 / 1024).toFixed(1)} KB${warm ? ' (home page + results)' : ''} |`,
          );
        }
      }
      // the results page alone (the search itself), warm cache
      const ctx = await browser.newContext({ locale: 'vi-VN' });
      const page = await ctx.newPage();
      page.setDefaultTimeout(180_000);
      await page.goto(`${base}/tim-kiem/`, { waitUntil: 'load' });
      const cdp = await throttle(page);
      const only = await bytesDuring(cdp, async () => {
        await page.goto(`${base}/tim-kiem/?q=${encodeURIComponent('thu tuc dat dai')}`, { waitUntil: 'load' });
      });
      browserRows.push(`| the results page alone (stylesheet and fonts cached) | | | ${(only / 1024).toFixed(1)} KB |`);
      await ctx.close();
    } finally {
      await browser.close();
      server.close();
    }

    printIndexRows([real.row, big.row]);
    console.log(`\nbuilt site: ${pages} HTML pages, ${docs.length} indexed; search documents read in ${ms(docsMs)} (${(docsBytes / 1024).toFixed(0)} KB JSON)`);
    console.log(`\nincremental update of ${some.length} pages (SearchIndex.update, real corpus): ${ms(updateMs)}`);
    console.log('\nslow 4G (150 ms RTT, 1.6 Mbit/s) + CPU 4× slower, 5 searches each:\n');
    console.log('| case | time to results p50 | max | bytes per search |');
    console.log('|---|---|---|---|');
    for (const r of browserRows) console.log(r);
    console.log(`\n[bench:search] done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  } finally {
    await site.cleanup();
  }
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
