#!/usr/bin/env node
/**
 * Takes screenshots of built pages with headless Chromium (playwright-core) and saves them as PNG
 * files, in four views of each page (issue 13, points 1 and 4):
 *
 * - `360`: a 360 px phone, full page;
 * - `360-zoom200`: the same phone with text zoomed to 200 % — Chromium then lays the page out in
 *   180 × 370 CSS px, which a 180 × 370 viewport with deviceScaleFactor 2 reproduces (the image is
 *   360 × 740 device pixels); the first screen only, what a zoomed reader sees before scrolling;
 * - `1280`: a desktop, full page;
 * - `360-old-engine`: the 360 px phone with the stylesheet as Chrome/WebView 61, Samsung Internet 8
 *   or Safari 12 read it (tests/helpers/old-css.ts: range media queries, :focus-visible,
 *   min()/max()/clamp() and flex gap dropped), full page.
 *
 * Serves the built site itself (a tiny static server over SITE_OUT_DIR or site/dist), so no
 * preview server is needed.
 *
 * Usage: node site/scripts/screenshots.mjs [outDir] [path=name ...]
 *   default outDir: <repo>/test-artifacts/screens; default pages: one of every template found in
 *   the build (homepage, lists, a news article, a legal document, a procedure, an agency's home
 *   and section, Q&A, the question form, search, consultations, the 404 page).
 * Env: CHROMIUM_PATH (default /usr/bin/chromium), VIEWS (comma-separated subset of the four
 *   views above, default all).
 * Files: `<outDir>/<name>-<view>.png`.
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const siteDir = path.resolve(import.meta.dirname, '..');
const distDir = path.resolve(process.env.SITE_OUT_DIR || path.join(siteDir, 'dist'));
const outDir = path.resolve(process.argv[2] || path.join(siteDir, '..', 'test-artifacts', 'screens'));
// the old engine's reading of the CSS (TypeScript without type-only syntax: Node 22 strips the types)
const { asOldEngineReadsIt } = await import(path.join(siteDir, '..', 'tests', 'helpers', 'old-css.ts'));

/** The first page folder under `dir` in the build (not one of `skip`), or null. */
function firstPage(dir, skip = []) {
  const abs = path.join(distDir, dir);
  if (!fs.existsSync(abs)) return null;
  const d = fs
    .readdirSync(abs, { withFileTypes: true })
    .find((e) => e.isDirectory() && !skip.includes(e.name) && fs.existsSync(path.join(abs, e.name, 'index.html')));
  return d ? `/${dir}/${d.name}/` : null;
}

const defaults = [
  ['/', 'trang-chu'],
  ['/tin-tuc/', 'danh-sach-tin'],
  [firstPage('tin-tuc', ['trong-tinh', 'trong-nuoc', 'quoc-te', 'trang']), 'tin'],
  ['/van-ban/', 'danh-sach-van-ban'],
  [firstPage('van-ban', ['loai', 'co-quan', 'linh-vuc', 'nam', 'trang']), 'van-ban'],
  ['/thu-tuc-hanh-chinh/', 'danh-sach-thu-tuc'],
  [firstPage('thu-tuc-hanh-chinh', ['linh-vuc', 'trang']), 'thu-tuc'],
  ['/co-quan/', 'danh-ba-co-quan'],
  ['/co-quan/so-tai-nguyen-va-moi-truong/', 'chuyen-trang'],
  ['/co-quan/so-tai-nguyen-va-moi-truong/thu-tuc-hanh-chinh/', 'chuyen-trang-muc'],
  ['/hoi-dap/', 'hoi-dap'],
  [firstPage('hoi-dap', ['gui-cau-hoi', 'tra-cuu', 'trang']), 'cau-hoi'],
  ['/hoi-dap/gui-cau-hoi/', 'gui-cau-hoi'],
  ['/tim-kiem/?q=thu+tuc+dat+dai', 'tim-kiem'],
  ['/lay-y-kien/', 'lay-y-kien'],
  [firstPage('lay-y-kien', ['da-nhan', 'trang']), 'du-thao'],
  ['/gioi-thieu/', 'gioi-thieu'],
  ['/404.html', '404'],
].filter(([p]) => p && fs.existsSync(path.join(distDir, p.split('?')[0].endsWith('.html') ? p.split('?')[0] : `${p.split('?')[0]}index.html`)));
const pages = process.argv.slice(3).length ? process.argv.slice(3).map((a) => a.split('=')) : defaults;

const VIEWS = {
  360: { viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, fullPage: true },
  '360-zoom200': { viewport: { width: 180, height: 370 }, deviceScaleFactor: 2, fullPage: false },
  1280: { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, fullPage: true },
  '360-old-engine': { viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, fullPage: true, oldEngine: true },
};
const views = (process.env.VIEWS ? process.env.VIEWS.split(',') : Object.keys(VIEWS)).map((v) => {
  if (!VIEWS[v]) throw new Error(`unknown view ${v} (${Object.keys(VIEWS).join(', ')})`);
  return [v, VIEWS[v]];
});

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml',
};
const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (p.endsWith('/')) p += 'index.html';
  const file = path.join(distDir, path.normalize(p));
  if (!file.startsWith(distDir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404, { 'content-type': TYPES['.html'] });
    res.end(fs.existsSync(path.join(distDir, '404.html')) ? fs.readFileSync(path.join(distDir, '404.html')) : 'not found');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

fs.mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking'],
});
try {
  for (const [view, v] of views) {
    const context = await browser.newContext({ viewport: v.viewport, deviceScaleFactor: v.deviceScaleFactor, locale: 'vi-VN' });
    if (v.oldEngine) {
      await context.route('**/*.css', async (r) => {
        const res = await r.fetch();
        await r.fulfill({ response: res, body: asOldEngineReadsIt(await res.text()) });
      });
    }
    const page = await context.newPage();
    for (const [p, name] of pages) {
      const res = await page.goto(base + p, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      const file = path.join(outDir, `${name}-${view}.png`);
      await page.screenshot({ path: file, fullPage: v.fullPage });
      console.log(`${res?.status()} ${p} → ${file}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
