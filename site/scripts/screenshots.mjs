#!/usr/bin/env node
/**
 * Takes full-page screenshots of built pages with headless Chromium (playwright-core) and saves
 * them as PNG files. Serves the built site itself (a tiny static server over SITE_OUT_DIR or
 * site/dist), so no preview server is needed.
 *
 * Usage: node site/scripts/screenshots.mjs [outDir] [path=name ...]
 *   default outDir: <repo>/test-artifacts/screens; default pages: homepage, a department,
 *   a district and decision 07/2006/QĐ-UBND.
 * Env: CHROMIUM_PATH (default /usr/bin/chromium), SCREEN_WIDTH (default 1280), FULL_PAGE=0 for
 *   the first screen only.
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const siteDir = path.resolve(import.meta.dirname, '..');
const distDir = path.resolve(process.env.SITE_OUT_DIR || path.join(siteDir, 'dist'));
const outDir = path.resolve(process.argv[2] || path.join(siteDir, '..', 'test-artifacts', 'screens'));
const pages = process.argv.slice(3).length
  ? process.argv.slice(3).map((a) => a.split('='))
  : [
      ['/', 'home'],
      ['/co-quan/van-phong-uy-ban-nhan-dan-tinh-lao-cai/', 'department'],
      ['/co-quan/uy-ban-nhan-dan-huyen-bat-xat/dieu-kien-tu-nhien-xa-hoi/', 'district'],
      ['/van-ban/07-2006-qd-ubnd/', 'decision-07-2006'],
    ];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.xml': 'application/xml',
};
const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (p.endsWith('/')) p += 'index.html';
  const file = path.join(distDir, path.normalize(p));
  if (!file.startsWith(distDir) || !fs.existsSync(file)) {
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
  const page = await browser.newPage({ viewport: { width: Number(process.env.SCREEN_WIDTH || 1280), height: 900 } });
  for (const [p, name] of pages) {
    const res = await page.goto(base + p, { waitUntil: 'load' });
    const file = path.join(outDir, `${name}.png`);
    await page.screenshot({ path: file, fullPage: process.env.FULL_PAGE !== '0' });
    console.log(`${res?.status()} ${p} → ${file}`);
  }
} finally {
  await browser.close();
  server.close();
}
