/**
 * Lighthouse (mobile preset) on one page of every public template (issue 13: ≥ 98 in every
 * category on every template; CLS < 0.02).
 *
 * `npx tsx bench/lighthouse.ts` (or `npm run bench:lighthouse`):
 * 1. builds the site from a real CMS — booted in-process on a fresh SQLite database with the seed
 *    data and the browser tests' fixtures (tests/helpers/site-fixtures.ts) plus one consultation
 *    — or reuses a built site: `BENCH_DIST=<dir>` (with `BENCH_FIXTURES=<JSON of the fixtures>`
 *    naming the pages that depend on them);
 * 2. pre-compresses it as the publisher writes a release (site/publisher/precompress.ts) and
 *    serves it with the publisher's own static handler (site/publisher/static.ts: cache headers,
 *    brotli/gzip, security headers, the release's 404 page) on a loopback port;
 * 3. runs Lighthouse with its default mobile settings (Moto G Power viewport, simulated slow 4G
 *    and 4× CPU slowdown) in Chromium (`CHROMIUM_PATH`, default /usr/bin/chromium), categories
 *    performance, accessibility, best-practices and SEO, once per page (`BENCH_RUNS=<n>`: the
 *    median performance run of n);
 * 4. prints a table: the four scores, CLS, LCP, TBT and the first failing audits of each page,
 *    and the machine's load average (simulated throttling makes the scores depend little on it,
 *    but a saturated CPU still lowers performance). `BENCH_JSON=<file>` also writes the rows.
 *
 * Knobs: `BENCH_ONLY=<substring>` runs only the templates whose name contains it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { routes } from '@cong/shared';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { createStaticHandler, sendNotFound } from '../site/publisher/static';
import { precompressTree } from '../site/publisher/precompress';

const repoRoot = path.resolve(import.meta.dirname, '..');
const siteDir = path.join(repoRoot, 'site');
const cmsDir = path.join(repoRoot, 'cms');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SITE = 'http://127.0.0.1:4321';
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 1));
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

interface Fixtures {
  documentSlug: string;
  procedureSlug: string;
  questionSlug: string;
  agencySlug: string;
  consultationSlug?: string;
}

/** Runs `astro build --outDir <outDir>` in site/ against the CMS at `cmsUrl`. */
function astroBuild(outDir: string, cmsUrl: string, cacheDir: string): Promise<void> {
  const astroBin = path.join(path.dirname(createRequire(path.join(siteDir, 'package.json')).resolve('astro/package.json')), 'bin', 'astro.mjs');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [astroBin, 'build', '--outDir', outDir], {
      cwd: siteDir,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', CMS_URL: cmsUrl, SITE_URL: SITE, SITE_CACHE_DIR: cacheDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`astro build failed (${code}):\n${out.slice(-4000)}`))));
  });
}

/** Boots a CMS with the seed and the browser tests' fixtures, builds the site into `outDir`, stops the CMS. */
async function buildSite(outDir: string, tmp: string): Promise<Fixtures> {
  const { compileStrapi } = createRequire(path.join(cmsDir, 'package.json'))('@strapi/strapi');
  const cwd = process.cwd();
  process.chdir(cmsDir);
  try {
    await compileStrapi({ appDir: cmsDir });
  } finally {
    process.chdir(cwd);
  }
  const { bootCms } = await import('../tests/helpers/strapi');
  const { addSiteFixtures } = await import('../tests/helpers/site-fixtures');
  const { requireSeedSources } = await import('../scripts/seed/paths');
  const { importSeed } = await import('../scripts/seed/import');
  const { dataDir, seedDir } = requireSeedSources();
  const cms = await bootCms({ db: 'sqlite' });
  try {
    await importSeed(cms.strapi, { dataDir, seedDir, includeOtherProvinces: true });
    const fixtures = await addSiteFixtures(cms.strapi);
    // a draft open for comments: the consultation templates need one
    const agency = (await cms.strapi.documents('api::agency.agency').findMany({ filters: { slug: fixtures.agencySlug }, limit: 1 }))[0];
    const now = Date.now();
    const consultation = await cms.strapi.documents('api::consultation.consultation').create({
      data: {
        title:
          'Dự thảo Nghị quyết quy định mức hỗ trợ đối với hộ gia đình, cá nhân chuyển đổi cơ cấu cây trồng trên địa bàn tỉnh Lào Cai giai đoạn 2026 – 2030',
        slug: 'du-thao-nghi-quyet-ho-tro-chuyen-doi-cay-trong',
        summary: 'Sở Tài nguyên và Môi trường lấy ý kiến nhân dân về dự thảo nghị quyết.',
        body: 'Toàn văn dự thảo nghị quyết gồm 5 điều.\n\nĐiều 1. Phạm vi điều chỉnh.',
        opensAt: new Date(now - 86_400_000).toISOString(),
        closesAt: new Date(now + 20 * 86_400_000).toISOString(),
        agency: agency?.documentId,
        editorialState: 'published',
      },
      status: 'published',
    });
    await astroBuild(outDir, cms.url, path.join(tmp, 'cache'));
    await fixtures.cleanup();
    return { ...fixtures, consultationSlug: consultation.slug };
  } finally {
    await cms.stop();
  }
}

/** One page of each template: name → path (those whose page is missing in the build are left out). */
function templates(dist: string, f: Fixtures): [string, string][] {
  const firstDir = (dir: string, skip: string[] = []) =>
    fs
      .readdirSync(path.join(dist, dir), { withFileTypes: true })
      .find((d) => d.isDirectory() && !skip.includes(d.name) && fs.existsSync(path.join(dist, dir, d.name, 'index.html')))?.name;
  const article = firstDir('tin-tuc', ['trong-tinh', 'trong-nuoc', 'quoc-te', 'trang']);
  const consultation = f.consultationSlug ?? firstDir('lay-y-kien', ['trang']);
  const all: [string, string | null][] = [
    ['trang chủ', routes.home()],
    ['danh sách tin', routes.articleList()],
    ['tin', article ? routes.article(article) : null],
    ['danh sách văn bản', routes.legalDocumentList()],
    ['văn bản', routes.legalDocument(f.documentSlug)],
    ['danh sách thủ tục', routes.procedureList()],
    ['thủ tục', routes.procedure(f.procedureSlug)],
    ['chuyên trang (sở)', routes.agency(f.agencySlug)],
    ['chuyên trang: mục', routes.agencySection(f.agencySlug, 'thu-tuc-hanh-chinh')],
    ['hỏi đáp', routes.questionList()],
    ['câu hỏi', routes.question(f.questionSlug)],
    ['gửi câu hỏi', routes.questionAsk(f.agencySlug)],
    ['tìm kiếm', `${routes.search()}?q=${encodeURIComponent('thu tuc dat dai')}`],
    ['lấy ý kiến', routes.consultationList()],
    ['dự thảo', consultation ? routes.consultation(consultation) : null],
    // the page the publisher answers 404 with (Lighthouse does not audit a 404 response: its file)
    ['không tìm thấy (404)', '/404.html'],
  ];
  const exists = (p: string) => {
    const clean = p.split('?')[0];
    return fs.existsSync(clean.endsWith('.html') ? path.join(dist, clean) : path.join(dist, clean, 'index.html'));
  };
  return all.filter((t): t is [string, string] => t[1] !== null && exists(t[1]));
}

interface Row {
  name: string;
  route: string;
  scores: Record<(typeof CATEGORIES)[number], number>;
  cls: number;
  lcpMs: number;
  tbtMs: number;
  failing: string[];
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-lighthouse-'));
  let dist: string;
  let fixtures: Fixtures;
  const started = Date.now();
  if (process.env.BENCH_DIST) {
    dist = path.resolve(process.env.BENCH_DIST);
    fixtures = JSON.parse(process.env.BENCH_FIXTURES ?? '{}');
  } else {
    dist = path.join(tmp, 'dist');
    fixtures = await buildSite(dist, tmp);
  }
  // a release as the publisher writes it: with its .br and .gz files
  const release = path.join(tmp, 'release');
  fs.cpSync(dist, release, { recursive: true });
  precompressTree(release);
  const handler = createStaticHandler(release);
  const server = http.createServer((req, res) => handler(req, res, () => sendNotFound(release, req, res)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-gpu'],
  });
  const rows: Row[] = [];
  const only = process.env.BENCH_ONLY;
  try {
    for (const [name, route] of templates(dist, fixtures)) {
      if (only && !name.includes(only)) continue;
      const runs: Row[] = [];
      for (let i = 0; i < RUNS; i++) {
        const result = await lighthouse(base + route, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
        if (!result) throw new Error(`${route}: Lighthouse gave no result`);
        const { lhr } = result;
        if (lhr.runtimeError) throw new Error(`${route}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        const score = (c: string) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
        const failing = Object.values(lhr.categories)
          .flatMap((c) => c.auditRefs.filter((a) => a.weight > 0).map((a) => lhr.audits[a.id]))
          .filter((a) => a.score !== null && a.score < 0.9)
          .map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ''}`);
        runs.push({
          name,
          route,
          scores: Object.fromEntries(CATEGORIES.map((c) => [c, score(c)])) as Row['scores'],
          cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN,
          lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
          tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? NaN,
          failing: [...new Set(failing)],
        });
      }
      runs.sort((a, b) => a.scores.performance - b.scores.performance);
      const row = runs[Math.floor(runs.length / 2)];
      rows.push(row);
      console.info(`${name}: ${CATEGORIES.map((c) => row.scores[c]).join(' / ')} · CLS ${row.cls.toFixed(3)}`);
    }
  } finally {
    await chrome.kill();
    server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const load = os.loadavg().map((l) => l.toFixed(1));
  const lines = [
    `Lighthouse ${createRequire(import.meta.url)('lighthouse/package.json').version}, mobile preset (simulated slow 4G, 4× CPU), Chromium ${CHROMIUM}; ${RUNS} run(s) per page, median performance shown`,
    `machine: ${os.cpus().length} CPUs, load average ${load.join(' / ')} (1/5/15 min); ${((Date.now() - started) / 1000).toFixed(0)} s in all`,
    '',
    '| template | path | perf | a11y | best pr. | SEO | CLS | LCP | TBT | audits under 0.9 |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.name} | \`${r.route}\` | ${r.scores.performance} | ${r.scores.accessibility} | ${r.scores['best-practices']} | ${r.scores.seo} | ${r.cls.toFixed(3)} | ${(r.lcpMs / 1000).toFixed(1)} s | ${Math.round(r.tbtMs)} ms | ${r.failing.join(', ') || '–'} |`,
    ),
  ];
  console.log(lines.join('\n'));
  if (process.env.BENCH_JSON) fs.writeFileSync(process.env.BENCH_JSON, JSON.stringify({ load, rows }, null, 2));
  const below = rows.filter((r) => CATEGORIES.some((c) => r.scores[c] < 98) || !(r.cls < 0.02));
  if (below.length) console.log(`\nbelow target (≥ 98 in every category, CLS < 0.02): ${below.map((r) => r.name).join(', ')}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
