/**
 * `npx tsx bench/full-render.ts` — throughput of the renderer's full render (issue 12, the code
 * deploy's render): pages/s of site/renderer/full-render.ts `fullRender` with `RENDER_WORKERS`
 * workers, and where a worker's time goes.
 *
 * Boots the CMS in-process (bench/corpus.ts) on the real data plus a generated corpus (the
 * bench:publish one: `BENCH_AGENCIES` 50 × `BENCH_ARTICLES_PER_AGENCY` 200 articles,
 * `BENCH_DOCUMENTS` 2,000 legal documents), makes the renderer's server build of site/
 * (server-build.mjs, with the preview route as the publisher does), then runs `BENCH_ROUNDS` (3)
 * full renders into the build's `client/` as the publisher's code deploy does
 * (site/publisher/renderer-path.ts: shared data cache, `NODE_ENV=production`):
 *   - round 1 `cold`: no data cache file (the first worker loads every row from the CMS, the
 *     other waits and reuses them — the first code deploy, or a forced one);
 *   - later rounds `warm`: the cache file of the round before (an ordinary code deploy: nothing
 *     refetched);
 * every round with the CMS's published state, as the publisher's code deploy
 * (site/publisher/build.ts `dataEnv`),
 * and each followed by the brotli/gzip copies (`precompressTree`, what the deploy does next).
 *
 * Prints per round: pages/s, the load average before and after (the machine is shared: compare
 * runs taken close together), and the breakdown — start-up (fork → the worker's work begins),
 * server-build load, index (data load + every getStaticPaths), render (per page source), file
 * writes, sitemap entries, IPC of the results, the parent's copy and sitemap write, precompress.
 *
 * Env: the corpus's (above), `BENCH_DB` (sqlite|postgres), `RENDER_WORKERS` (2), `BENCH_ROUNDS`
 * (3), `BENCH_COLD=0` (no cold round when a data cache is in BENCH_DIR), `BENCH_DIR=<folder>` (work folder, kept; with SQLite, a database already in it is reused
 * without importing again — delete the folder to start over), `BENCH_REUSE_BUILD=1` (reuse the
 * server build in BENCH_DIR: only site/renderer/ changed), `BENCH_CPU_PROF=1` (the workers run
 * with `--cpu-prof`; prints the hottest functions of worker 0, the profiles stay in
 * `<dir>/prof`), `BENCH_JSON=<file>` (the rounds as JSON).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importSeed } from '../scripts/seed/import.js';
import { requireSeedSources } from '../scripts/seed/paths.js';
import { fullRender, type FullRenderTimes } from '../site/renderer/full-render.js';
import { precompressTree } from '../site/publisher/precompress.js';
import { fetchPublishedState } from '../site/publisher/state.js';
import { benchDbFromEnv, bootCms, corpusSizeFromEnv, freePort, generateCorpus } from './corpus.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
const siteDir = path.join(repoRoot, 'site');
const SIZE = corpusSizeFromEnv();
const DB = benchDbFromEnv();
const WORKERS = Number(process.env.RENDER_WORKERS) || 2;
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const PROFILE = process.env.BENCH_CPU_PROF === '1';

const log = (s: string) => console.log(`[bench] ${s}`);
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** The secrets of a work folder: kept in it, so that a reused database accepts the same token. */
interface Secrets {
  /** the CMS's port: the data cache is only reused for the same CMS URL */
  port: number;
  secret: string;
  previewToken: string;
  env: Record<string, string>;
}

async function secretsOf(dir: string): Promise<Secrets> {
  const file = path.join(dir, 'bench-secrets.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as Secrets;
  const env: Record<string, string> = {};
  for (const k of ['ADMIN_JWT_SECRET', 'API_TOKEN_SALT', 'TRANSFER_TOKEN_SALT', 'ENCRYPTION_KEY', 'JWT_SECRET']) env[k] = randomBytes(48).toString('base64');
  env.APP_KEYS = [1, 2].map(() => randomBytes(32).toString('base64')).join(',');
  const s: Secrets = { port: await freePort(), secret: randomBytes(24).toString('hex'), previewToken: randomBytes(32).toString('hex'), env };
  fs.writeFileSync(file, JSON.stringify(s));
  return s;
}

/** The renderer's server build of site/ into `out` (as the publisher's code deploy: with the preview route). */
function serverBuild(out: string, cacheDir: string, env: Record<string, string>): Promise<number> {
  const t0 = Date.now();
  fs.rmSync(out, { recursive: true, force: true });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(siteDir, 'renderer', 'server-build.mjs')], {
      cwd: siteDir,
      env: {
        ...process.env,
        ...env,
        ASTRO_TELEMETRY_DISABLED: '1',
        PUBLISHER_SITE_ROOT: siteDir,
        SITE_OUT_DIR: out,
        SITE_CACHE_DIR: cacheDir,
        RENDERER_PREVIEW: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (d) => (text = (text + d).slice(-8000)));
    child.stderr.on('data', (d) => (text = (text + d).slice(-8000)));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Date.now() - t0) : reject(new Error(`server build exited ${code}:\n${text}`))));
  });
}

/** One round's figures. */
interface Round {
  kind: 'cold' | 'warm';
  pages: number;
  ms: number;
  pagesPerSecond: number;
  loadBefore: string;
  loadAfter: string;
  times: FullRenderTimes;
  precompress: { files: number; ms: number };
}

const r0 = (ms: number) => `${Math.round(ms)}`;

function printRound(i: number, r: Round): void {
  console.log('');
  console.log(
    `round ${i + 1} (${r.kind} data cache): ${r.pages} pages in ${(r.ms / 1000).toFixed(1)} s = ${r.pagesPerSecond.toFixed(0)} pages/s, ${WORKERS} workers; load average ${r.loadBefore} → ${r.loadAfter}`,
  );
  console.log(
    `  parent: copy client/ ${r0(r.times.copyMs)} ms, sitemap ${r0(r.times.sitemapMs)} ms; precompress ${r.precompress.files} files ${r0(r.precompress.ms)} ms`,
  );
  for (const [w, t] of r.times.workers.entries()) {
    const startup = t.workStart - t.forkedAt;
    const ipc = t.receivedAt - t.doneAt;
    const other = t.receivedAt - t.forkedAt - startup - t.loadMs - t.indexMs - t.renderMs - t.writeMs - t.sitemapMs - (t.waitMs ?? 0) - ipc;
    console.log(
      `  worker ${w}: ${t.pages} pages, ${(t.bytes / 2 ** 20).toFixed(0)} MiB; start-up ${r0(startup)} ms, load ${r0(t.loadMs)} ms, index ${r0(t.indexMs)} ms, ` +
        `render ${r0(t.renderMs)} ms (${(t.renderMs / t.pages).toFixed(2)} ms/page), write ${r0(t.writeMs)} ms, sitemap+keys ${r0(t.sitemapMs)} ms, ` +
        `waiting for pages ${r0(t.waitMs ?? 0)} ms, IPC ${r0(ipc)} ms, other ${r0(other)} ms; total ${r0(t.receivedAt - t.forkedAt)} ms`,
    );
    if (t.cpuMs !== undefined)
      console.log(
        `            CPU ${r0(t.cpuMs)} ms (${(t.cpuMs / t.pages).toFixed(2)} ms/page, start-up and index included) — wall ÷ CPU ${((t.receivedAt - t.forkedAt) / t.cpuMs).toFixed(2)}`,
      );
  }
  // per page source, both workers together
  const routes = new Map<string, [number, number]>();
  for (const t of r.times.workers)
    for (const [c, n, ms] of t.byRoute) {
      const x = routes.get(c) ?? [0, 0];
      x[0] += n;
      x[1] += ms;
      routes.set(c, x);
    }
  const rows = [...routes].sort((a, b) => b[1][1] - a[1][1]);
  console.log('  render by page source (both workers): pages, ms, ms/page');
  for (const [c, [n, ms]] of rows.slice(0, 14))
    console.log(`    ${c.replace(/^src\/pages\//, '').padEnd(52)} ${String(n).padStart(6)} ${r0(ms).padStart(7)} ${(ms / n).toFixed(2).padStart(7)}`);
}

/** The hottest functions of a V8 CPU profile: self time and total time (ms), by function and file. */
function summariseProfile(file: string, top = 30): void {
  interface Node {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }
  const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n: Node) => {
    const url = n.callFrame.url
      .replace(/^file:\/\//, '')
      .replace(repoRoot + '/', '')
      .replace(/.*node_modules\//, 'nm:');
    return `${n.callFrame.functionName || '(anonymous)'} ${url ? `${url}:${n.callFrame.lineNumber + 1}` : ''}`.trim();
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const byArea = new Map<string, number>();
  let all = 0;
  prof.samples.forEach((id, i) => {
    const dt = (prof.timeDeltas[i] ?? 0) / 1000;
    all += dt;
    const n = byId.get(id)!;
    self.set(name(n), (self.get(name(n)) ?? 0) + dt);
    const url = n.callFrame.url;
    const area = !url
      ? n.callFrame.functionName || '(native)'
      : url.includes('/server/')
        ? 'server build (site code, bundled)'
        : url.includes('node_modules/')
          ? `nm:${/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)![1]}`
          : url.startsWith('node:')
            ? 'node internals'
            : url.replace(/^file:\/\//, '').replace(repoRoot + '/', '');
    byArea.set(area, (byArea.get(area) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = name(byId.get(cur)!);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
  });
  const show = (title: string, m: Map<string, number>, n: number) => {
    console.log(`  ${title}`);
    for (const [k, ms] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n))
      console.log(`    ${r0(ms).padStart(7)} ms ${((ms / all) * 100).toFixed(1).padStart(5)} %  ${k.slice(0, 150)}`);
  };
  console.log(`\nCPU profile ${path.basename(file)}: ${r0(all)} ms sampled`);
  show('self time by area', byArea, 15);
  show('self time by function', self, top);
  show('total time by function', total, top);
}

async function main() {
  const dir = process.env.BENCH_DIR ? path.resolve(process.env.BENCH_DIR) : fs.mkdtempSync(path.join(os.tmpdir(), 'cong-bench-render-'));
  fs.mkdirSync(dir, { recursive: true });
  const cpus = os.cpus();
  log(`machine: ${cpus.length} × ${cpus[0]?.model ?? '?'}, Node ${process.version}, ${DB}; folder ${dir}; load average ${load()}`);
  const { port, secret, previewToken, env: secretEnv } = await secretsOf(dir);
  Object.assign(process.env, secretEnv);
  const dbFile = path.join(dir, 'data.db');
  const reuseDb = DB === 'sqlite' && fs.existsSync(dbFile);
  const cms = await bootCms(
    dir,
    { PUBLISHER_WEBHOOK_URL: 'http://127.0.0.1:9/none', PUBLISHER_WEBHOOK_SECRET: secret, CMS_PREVIEW_TOKEN: previewToken },
    DB,
    port,
  );
  try {
    if (reuseDb) log(`database reused: ${dbFile}`);
    else {
      const t0 = Date.now();
      await importSeed(cms.strapi, requireSeedSources());
      log(`real data imported in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      await generateCorpus(cms.strapi, SIZE);
    }
    // as the publisher's renderer path (site/publisher/publisher.ts)
    const siteEnv = { CMS_URL: cms.url, CMS_TOKEN: previewToken, SITE_SITEMAP_AND_SEARCH: 'publisher' };
    const build = path.join(dir, 'build');
    if (process.env.BENCH_REUSE_BUILD === '1' && fs.existsSync(path.join(build, 'server', 'entry.mjs'))) log(`server build reused: ${build}`);
    else log(`server build in ${((await serverBuild(build, path.join(dir, 'astro-cache'), siteEnv)) / 1000).toFixed(1)} s`);
    // the build's own client/ is the output, as in the publisher's code deploy: keep a clean copy
    const clean = path.join(dir, 'client-clean');
    if (!fs.existsSync(clean) || process.env.BENCH_REUSE_BUILD !== '1') {
      fs.rmSync(clean, { recursive: true, force: true });
      fs.cpSync(path.join(build, 'client'), clean, { recursive: true });
    }
    const cacheFile = path.join(dir, 'cms-data.json');
    const stateFile = path.join(dir, 'published-state.json');
    const profDir = path.join(dir, 'prof');
    const rounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      // the first round is cold unless BENCH_COLD=0 and a data cache is there
      const kind = i === 0 && (process.env.BENCH_COLD !== '0' || !fs.existsSync(cacheFile)) ? 'cold' : 'warm';
      if (kind === 'cold') fs.rmSync(cacheFile, { force: true });
      // as a code deploy (site/publisher/build.ts, dataEnv): the published state is always given
      fs.writeFileSync(stateFile, JSON.stringify(await fetchPublishedState(cms.url, secret)));
      const dataEnv: Record<string, string> = { SITE_DATA_CACHE_FILE: cacheFile, SITE_DATA_CACHE_SHARED: '1', CMS_PUBLISHED_STATE_FILE: stateFile };
      fs.rmSync(path.join(build, 'client'), { recursive: true, force: true });
      fs.cpSync(clean, path.join(build, 'client'), { recursive: true });
      fs.rmSync(profDir, { recursive: true, force: true });
      const env: NodeJS.ProcessEnv = { ...process.env, ...siteEnv, ...dataEnv, NODE_ENV: 'production', ASTRO_TELEMETRY_DISABLED: '1' };
      for (const k of ['HOST', 'PORT', 'DATABASE_CLIENT', 'DATABASE_FILENAME']) delete env[k];
      if (PROFILE) env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --cpu-prof --cpu-prof-dir=${profDir}`.trim();
      const loadBefore = load();
      const res = await fullRender(build, path.join(build, 'client'), WORKERS, env);
      const loadAfter = load();
      const pc = precompressTree(build, null);
      const round: Round = {
        kind,
        pages: res.pages,
        ms: res.ms,
        pagesPerSecond: res.pages / (res.ms / 1000),
        loadBefore,
        loadAfter,
        times: res.times,
        precompress: { files: pc.files, ms: pc.ms },
      };
      rounds.push(round);
      printRound(i, round);
      if (PROFILE && i === ROUNDS - 1) {
        // the workers' profiles; the bigger one is worker 0's as often as not: show each
        for (const f of fs.readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile'))) summariseProfile(path.join(profDir, f));
      }
    }
    const warm = rounds.filter((r) => r.kind === 'warm');
    if (warm.length) {
      const best = Math.max(...warm.map((r) => r.pagesPerSecond));
      console.log(`\nwarm rounds: ${warm.map((r) => r.pagesPerSecond.toFixed(0)).join(', ')} pages/s (best ${best.toFixed(0)}); load average now ${load()}`);
    }
    if (process.env.BENCH_JSON) fs.writeFileSync(process.env.BENCH_JSON, JSON.stringify(rounds, null, 2));
  } finally {
    await cms.stop();
    if (!process.env.BENCH_DIR) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
