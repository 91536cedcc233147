/**
 * `npm run bench:publish` — publish-to-live latency of the publishing pipeline.
 *
 * Boots the CMS in-process on a fresh SQLite database (or PostgreSQL with BENCH_DB=postgres),
 * imports the real data, adds a generated corpus (default 50 agencies × 200 articles and 2,000
 * legal documents), then runs the publisher (`site/publisher/main.ts`, its own process, as in
 * production) once per side, each from an empty releases folder:
 *   - `renderer` (the default path, ADR 0019): the first release is a code deploy (server build +
 *     full render with RENDER_WORKERS workers); N publishes through the long-running renderer,
 *     put live in place;
 *   - `incremental` (`PUBLISHER_RENDERER=false`): `astro build` with the incremental build;
 *   - `full` (`PUBLISHER_RENDERER=false INCREMENTAL_BUILD=false`): every page every time.
 * Each publish is timed from the publish call (document service, as the admin panel's "Đăng"
 * does) to the new article's HTML being served by the publisher over HTTP; the last one also to
 * its page being in the sitemap and search index. Prints a table (and writes it as JSON with
 * BENCH_JSON=<file>); a side not run prints "not run".
 *
 * Env: BENCH_AGENCIES (50), BENCH_ARTICLES_PER_AGENCY (200), BENCH_DOCUMENTS (2000),
 * BENCH_PUBLISHES (20), BENCH_PUBLISHES_FULL (same as BENCH_PUBLISHES), BENCH_DB (sqlite|postgres),
 * BENCH_COALESCE_MS (50, the publisher's default), BENCH_KEEP=1 keeps the temp folder,
 * BENCH_SNAPSHOT=0 builds the repository's site/ in place instead of a copy taken at the start,
 * BENCH_TIMELINE=1 prints each publish build's log timeline, BENCH_MODES=<comma list of
 * incremental, full, renderer> picks the sides (default incremental,renderer).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { importSeed } from '../../scripts/seed/import.js';
import { benchDbFromEnv, bootCms, corpusSizeFromEnv, freePort, generateCorpus, PARAGRAPH } from '../corpus.js';
import { requireSeedSources } from '../../scripts/seed/paths.js';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const cmsDir = path.join(repoRoot, 'cms');
const siteDir = path.join(repoRoot, 'site');
const require = createRequire(path.join(cmsDir, 'package.json'));

const SIZE = corpusSizeFromEnv();
const { agencies: N_AGENCIES, articlesPerAgency: N_ARTICLES, documents: N_DOCUMENTS } = SIZE;
const N_PUBLISHES = Number(process.env.BENCH_PUBLISHES ?? 20);
const N_PUBLISHES_FULL = Number(process.env.BENCH_PUBLISHES_FULL ?? N_PUBLISHES);
const COALESCE_MS = process.env.BENCH_COALESCE_MS ?? '50';
const DB = benchDbFromEnv();
const secret = randomBytes(24).toString('hex');
// the CMS creates a preview-only API token with this key; the publisher's builds and renderer read with it (as `npm start` wires it)
const previewToken = randomBytes(32).toString('hex');

const log = (s: string) => console.log(`[bench] ${s}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Publisher
// ---------------------------------------------------------------------------------------------
interface Pub {
  child: ChildProcess;
  url: string;
  log: string[];
}

/**
 * A copy of the code the publisher builds (site/ without outputs, shared/, the lockfile) in the
 * temp folder, with a node_modules of links to the repository's packages (and @cong/shared to the
 * copy): the benchmark measures one version of the site even while someone edits the repository
 * (an edit would make every page re-render).
 */
function snapshotCode(tmp: string): string {
  const root = path.join(tmp, 'code');
  const skip = new Set(['node_modules', 'dist', 'releases', '.publisher', '.astro']);
  const copy = (from: string, to: string) => fs.cpSync(from, to, { recursive: true, filter: (src) => !skip.has(path.basename(src)) || src === from });
  copy(siteDir, path.join(root, 'site'));
  copy(path.join(repoRoot, 'shared'), path.join(root, 'shared'));
  fs.cpSync(path.join(repoRoot, 'shared', 'dist'), path.join(root, 'shared', 'dist'), { recursive: true });
  for (const f of ['package-lock.json', 'package.json', 'tsconfig.base.json']) fs.copyFileSync(path.join(repoRoot, f), path.join(root, f));
  const nm = path.join(root, 'node_modules');
  fs.mkdirSync(path.join(nm, '@cong'), { recursive: true });
  for (const name of fs.readdirSync(path.join(repoRoot, 'node_modules'))) {
    if (name === '@cong') continue;
    fs.symlinkSync(path.join(repoRoot, 'node_modules', name), path.join(nm, name));
  }
  fs.symlinkSync(path.join(root, 'shared'), path.join(nm, '@cong', 'shared'));
  return path.join(root, 'site');
}

let codeSite = siteDir;

type Side = 'incremental' | 'full' | 'renderer';

function startPublisher(port: number, dir: string, cmsUrl: string, side: Side): Pub {
  const out: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(codeSite, 'publisher', 'main.ts')], {
    cwd: codeSite,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      RELEASES_DIR: path.join(dir, 'releases'),
      PUBLISHER_CACHE_DIR: path.join(dir, 'cache'),
      PUBLISHER_DATA_DIR: path.join(dir, 'data'),
      CMS_URL: cmsUrl,
      CMS_TOKEN: previewToken,
      PUBLISHER_WEBHOOK_SECRET: secret,
      PUBLISHER_RENDERER: String(side === 'renderer'),
      INCREMENTAL_BUILD: String(side !== 'full'),
      COALESCE_MS,
      RECONCILE_INTERVAL_MS: '0',
      DAILY_REBUILD: 'false',
      KEEP_RELEASES: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const onData = (d: Buffer) => {
    for (const l of d.toString().split('\n')) if (l.trim()) out.push(l);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  return { child, url: `http://127.0.0.1:${port}`, log: out };
}

async function stopPublisher(p: Pub): Promise<void> {
  if (p.child.exitCode !== null) return;
  const exited = new Promise((r) => p.child.once('exit', r));
  p.child.kill('SIGTERM');
  await exited;
}

async function status(p: Pub): Promise<any> {
  return (await fetch(`${p.url}/status`, { headers: { 'x-cong-publisher-secret': secret } })).json();
}

async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs: number, p: Pub, every = 50): Promise<T> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      if (!(err instanceof TypeError)) throw err; // a fetch error is "not up yet"; anything else stops the run
    }
    await sleep(every);
  }
  throw new Error(`timed out waiting for ${what}\n${p.log.slice(-40).join('\n')}`);
}

/** Reasons this run's numbers are not representative (printed with the table). */
const invalid: string[] = [];

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return s[lo] + (s[hi] - s[lo]) * (i - lo);
};

interface RunResult {
  fullBuildMs: number;
  pages: number;
  htmlPages: number;
  latencies: number[];
  buildMs: number[];
  rendered: number[];
  /** the last publish: from the publish call to its page being in the sitemap and search index, ms */
  searchLagMs: number;
  /** the last publish call → its page found by the site's search (`/tim-kiem/?q=`), ms */
  findableMs: number;
  /** how long the publisher took to write the sitemap and search index of that release, ms */
  derivedMs: number;
  /** per publish: the build record's phases (state diff, render or astro build, putting it live), ms */
  stateMs: number[];
  renderMs: number[];
  swapMs: number[];
  /** renderer side: the first release's server build and full render, ms (NaN otherwise) */
  serverBuildMs: number;
  fullRenderMs: number;
  /** peak resident memory (VmHWM) of the publisher and of the renderer process, MiB */
  publisherMiB: number;
  rendererMiB: number;
}

async function run(strapi: any, cmsUrl: string, tmp: string, side: Side, publishes: number, agencyIds: string[]): Promise<RunResult> {
  const label = side;
  const dir = path.join(tmp, label);
  const port = await freePort();
  // the CMS's webhook goes to the publisher of this run
  process.env.PUBLISHER_WEBHOOK_URL = `http://127.0.0.1:${port}/hooks/strapi`;
  const { registerPublisherWebhook } = require(path.join(cmsDir, 'dist', 'src', 'bootstrap', 'webhooks.js'));
  await registerPublisherWebhook(strapi);
  const pub = startPublisher(port, dir, cmsUrl, side);
  try {
    const first = await waitFor(
      'the first release',
      async () => {
        const s = await status(pub);
        if (s.consecutiveFailures >= 2) {
          throw new Error(`the publisher's builds fail: ${s.lastError?.message}\n${(s.lastError?.logTail ?? []).join('\n')}`);
        }
        return s.currentRelease && !s.building && s;
      },
      60 * 60_000,
      pub,
      500,
    );
    const fb = first.lastBuild;
    if (side === 'renderer' && fb.path !== 'deploy')
      throw new Error(`the renderer side's first release was not a code deploy: ${fb.path}\n${pub.log.slice(-40).join('\n')}`);
    // "server build X ms, full render Y ms, catch-up Z ms" (build.ts)
    const m = /server build (\d+) ms, full render (\d+) ms/.exec(fb.timeline?.[0] ?? '');
    const serverBuildMs = m ? Number(m[1]) : NaN;
    const fullRenderMs = m ? Number(m[2]) : NaN;
    log(
      `${label}: full build ${fb.pages.total} pages (${fb.pages.html} HTML) in ${(fb.ms / 1000).toFixed(1)} s (${fb.path ?? 'astro'} ${(fb.phases.astroMs / 1000).toFixed(1)} s${m ? `: server build ${(serverBuildMs / 1000).toFixed(1)} s, full render ${(fullRenderMs / 1000).toFixed(1)} s` : ''})`,
    );
    const stateMs: number[] = [];
    const renderMs: number[] = [];
    const swapMs: number[] = [];
    const latencies: number[] = [];
    const buildMs: number[] = [];
    const rendered: number[] = [];
    let searchLagMs = NaN;
    let findableMs = NaN;
    let derivedMs = NaN;
    await sleep(2000); // let the warm build worker start
    for (let i = 0; i < publishes; i++) {
      const before = await status(pub);
      const stamp = Date.now();
      const title = `Tin đo độ trễ ${label} ${i + 1} — ${stamp}`;
      const draft = await strapi.documents('api::article.article').create({
        data: { title, kind: 'news', scope: 'province', summary: title, body: PARAGRAPH, agency: agencyIds[i % agencyIds.length] },
      });
      const t0 = performance.now();
      await strapi.documents('api::article.article').publish({ documentId: draft.documentId });
      await waitFor('the new page', async () => (await fetch(`${pub.url}/tin-tuc/${draft.slug}/`)).status === 200, 30 * 60_000, pub, 25);
      const ms = performance.now() - t0;
      latencies.push(ms);
      const s = await waitFor(
        'the build record',
        async () => {
          const st = await status(pub);
          return !st.building && st.counters.builds > before.counters.builds && st;
        },
        60_000,
        pub,
      );
      buildMs.push(s.lastBuild.ms);
      rendered.push(s.lastBuild.pages.rendered);
      stateMs.push(s.lastBuild.phases.stateMs);
      renderMs.push(s.lastBuild.phases.astroMs);
      swapMs.push(s.lastBuild.phases.swapMs);
      if (side === 'renderer' && s.lastBuild.path !== 'renderer') invalid.push(`renderer publish ${i + 1} took the ${s.lastBuild.path} path`);
      log(
        `${label}: publish ${i + 1}/${publishes} live in ${(ms / 1000).toFixed(2)} s (build ${(s.lastBuild.ms / 1000).toFixed(2)} s, ${s.lastBuild.pages.rendered} pages rendered, ${s.lastBuild.pages.cached} reused)`,
      );
      if (s.lastBuild.reasons.includes('site code changed')) {
        invalid.push(`${label} publish ${i + 1}: the site's code changed during the run (every page re-rendered)`);
      }
      if (process.env.BENCH_TIMELINE === '1') for (const l of s.lastBuild.timeline ?? []) log(`    ${l}`);
      if (i === publishes - 1) {
        // the site's search answers from the publisher's index, updated with each publish (ADR 0018)
        await waitFor(
          'the new page in the search results',
          async () =>
            (await (await fetch(`${pub.url}/tim-kiem/?q=${encodeURIComponent(`tin do do tre ${stamp}`)}`)).text()).includes(`/tin-tuc/${draft.slug}/`),
          5 * 60_000,
          pub,
          50,
        );
        findableMs = performance.now() - t0;
        log(`${label}: the last publish is found by the site's search ${(findableMs / 1000).toFixed(2)} s after the publish call`);
        // the sitemap and search index follow the live release (site/publisher/derived.ts): time the last one
        const d = await waitFor(
          'the sitemap and search index',
          async () => {
            const st = await status(pub);
            return st.derived?.release === (s.currentRelease.generation ?? s.currentRelease.id) && !st.derived.running && st.derived;
          },
          30 * 60_000,
          pub,
          100,
        );
        searchLagMs = performance.now() - t0;
        derivedMs = d.ms;
        log(
          `${label}: the last publish is in the sitemap and search index ${(searchLagMs / 1000).toFixed(2)} s after the publish call (${d.searchPages} pages indexed in ${(d.ms / 1000).toFixed(1)} s)`,
        );
      }
      await sleep(300);
    }
    const end = await status(pub);
    return {
      fullBuildMs: fb.ms,
      pages: fb.pages.total,
      htmlPages: fb.pages.html,
      latencies,
      buildMs,
      rendered,
      searchLagMs,
      findableMs,
      derivedMs,
      stateMs,
      renderMs,
      swapMs,
      serverBuildMs,
      fullRenderMs,
      publisherMiB: peakMiB(pub.child.pid),
      rendererMiB: peakMiB(end.renderer?.pid),
    };
  } finally {
    await stopPublisher(pub);
  }
}

/** A memory figure for the table: `<n> MiB`, or "not run" for a side not run (NaN). */
function mib(v: number): string {
  return Number.isFinite(v) ? `${Math.round(v)} MiB` : 'not run';
}

/** Peak resident memory of a process (VmHWM), MiB; NaN when unreadable. */
function peakMiB(pid: number | undefined): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-bench-'));
  const cpus = os.cpus();
  log(`machine: ${cpus.length} × ${cpus[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${DB}; temp ${tmp}`);
  if (process.env.BENCH_SNAPSHOT !== '0') codeSite = snapshotCode(tmp);
  const cms = await bootCms(tmp, { PUBLISHER_WEBHOOK_URL: 'http://127.0.0.1:9/none', PUBLISHER_WEBHOOK_SECRET: secret, CMS_PREVIEW_TOKEN: previewToken }, DB);
  try {
    const t0 = Date.now();
    await importSeed(cms.strapi, requireSeedSources());
    log(`real data imported in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const agencyIds = await generateCorpus(cms.strapi, SIZE);
    // the real portal alone (BENCH_AGENCIES=0): publish under the real agencies
    if (!agencyIds.length) {
      const real = await cms.strapi.documents('api::agency.agency').findMany({ status: 'published', limit: 10 });
      agencyIds.push(...real.map((a: { documentId: string }) => a.documentId));
    }
    // BENCH_MODES: a comma list of incremental (astro build, incremental), full (astro build,
    // every page every time), renderer (the publisher's default path); default incremental,renderer
    const modes = new Set((process.env.BENCH_MODES ?? 'incremental,renderer').split(',').map((m) => m.trim()));
    const none: RunResult = {
      fullBuildMs: NaN,
      pages: NaN,
      htmlPages: NaN,
      latencies: [],
      buildMs: [],
      rendered: [],
      searchLagMs: NaN,
      findableMs: NaN,
      derivedMs: NaN,
      stateMs: [],
      renderMs: [],
      swapMs: [],
      serverBuildMs: NaN,
      fullRenderMs: NaN,
      publisherMiB: NaN,
      rendererMiB: NaN,
    };
    const inc = modes.has('incremental') ? await run(cms.strapi, cms.url, tmp, 'incremental', N_PUBLISHES, agencyIds) : none;
    const full = modes.has('full') ? await run(cms.strapi, cms.url, tmp, 'full', N_PUBLISHES_FULL, agencyIds) : none;
    const rn = modes.has('renderer') ? await run(cms.strapi, cms.url, tmp, 'renderer', N_PUBLISHES, agencyIds) : none;
    const workers = Number(process.env.RENDER_WORKERS) || 2;

    // a side that did not run prints "not run", never NaN
    const s = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'not run');
    const n = (x: number, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : 'not run');
    const med = (xs: number[]) => quantile(xs, 0.5);
    const rows: [string, string, string, string][] = [
      ['routes built (pages + feeds)', n(inc.pages), n(full.pages), n(rn.pages)],
      ['full build / code deploy (first release)', s(inc.fullBuildMs), s(full.fullBuildMs), s(rn.fullBuildMs)],
      ['  of which server build / full render', 'n/a', 'n/a', `${s(rn.serverBuildMs)} / ${s(rn.fullRenderMs)}`],
      [
        `full build: pages / s (renderer: the full render, ${workers} workers)`,
        n(inc.pages / (inc.fullBuildMs / 1000)),
        n(full.pages / (full.fullBuildMs / 1000)),
        n(rn.pages / (rn.fullRenderMs / 1000)),
      ],
      [
        `publish → live, median (n=${inc.latencies.length} / ${full.latencies.length} / ${rn.latencies.length})`,
        s(med(inc.latencies)),
        s(med(full.latencies)),
        s(med(rn.latencies)),
      ],
      ['publish → live, p95', s(quantile(inc.latencies, 0.95)), s(quantile(full.latencies, 0.95)), s(quantile(rn.latencies, 0.95))],
      ['build per publish, median', s(med(inc.buildMs)), s(med(full.buildMs)), s(med(rn.buildMs))],
      [
        '  state diff / build or render / put live, median',
        `${s(med(inc.stateMs))} / ${s(med(inc.renderMs))} / ${s(med(inc.swapMs))}`,
        `${s(med(full.stateMs))} / ${s(med(full.renderMs))} / ${s(med(full.swapMs))}`,
        `${s(med(rn.stateMs))} / ${s(med(rn.renderMs))} / ${s(med(rn.swapMs))}`,
      ],
      ['pages rendered per publish, median', n(med(inc.rendered)), n(med(full.rendered)), n(med(rn.rendered))],
      ['last publish → found by the site search', s(inc.findableMs), s(full.findableMs), s(rn.findableMs)],
      ['last publish → background search pass (+ sitemap on the astro path)', s(inc.searchLagMs), s(full.searchLagMs), s(rn.searchLagMs)],
      ['sitemap + search index of a generation', s(inc.derivedMs), s(full.derivedMs), s(rn.derivedMs)],
      ['memory: publisher peak RSS', mib(inc.publisherMiB), mib(full.publisherMiB), mib(rn.publisherMiB)],
      ['memory: renderer process peak RSS', 'n/a', 'n/a', mib(rn.rendererMiB)],
    ];
    const ratio = quantile(full.latencies, 0.5) / quantile(inc.latencies, 0.5);
    const w = [
      Math.max(...rows.map((r) => r[0].length), 6),
      Math.max(...rows.map((r) => r[1].length), 13),
      Math.max(...rows.map((r) => r[2].length), 22),
      Math.max(...rows.map((r) => r[3].length), 10),
    ];
    const line = (a: string, b: string, c: string, d: string) => `| ${a.padEnd(w[0])} | ${b.padStart(w[1])} | ${c.padStart(w[2])} | ${d.padStart(w[3])} |`;
    console.log('');
    console.log(
      `Corpus: real data + ${N_AGENCIES} agencies × ${N_ARTICLES} articles + ${N_DOCUMENTS} legal documents (${DB}); coalescing window ${COALESCE_MS} ms`,
    );
    console.log(line('metric', 'astro build, incremental', 'astro build, full', 'renderer'));
    console.log(`|${'-'.repeat(w[0] + 2)}|${'-'.repeat(w[1] + 1)}:|${'-'.repeat(w[2] + 1)}:|${'-'.repeat(w[3] + 1)}:|`);
    for (const r of rows) console.log(line(...r));
    if (Number.isFinite(ratio)) console.log(`\nspeed-up of publish → live (median, full ÷ incremental): ${ratio.toFixed(1)}×`);
    const speedUp = med(inc.latencies) / med(rn.latencies);
    if (Number.isFinite(speedUp)) console.log(`speed-up of publish → live (median, astro build incremental ÷ renderer): ${speedUp.toFixed(1)}×`);
    const load = os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
    console.log(`load average at the end: ${load} (${os.cpus().length} cores)`);
    for (const w of invalid) console.log(`WARNING: ${w}`);
    if (process.env.BENCH_JSON) fs.writeFileSync(process.env.BENCH_JSON, JSON.stringify({ inc, full, renderer: rn, ratio, rows }, null, 2));
  } finally {
    await cms.stop();
    if (process.env.BENCH_KEEP !== '1') fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
