/**
 * docs/reverse-proxy.md's nginx configuration, run for real: nginx (Debian's, with the
 * brotli_static module) serves a precompressed release from disk and passes the rest to the
 * publisher's static handler and its search; every answer's status and headers must match the
 * publisher's own (issue 13, point 7); a search with a query reaches the publisher's server-side
 * search (ADR 0018), the search page without one is served from disk, dot files never. Needs nginx: `apt-get install nginx-light libnginx-mod-http-brotli-static`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressTree } from './precompress.js';
import { createStaticHandler, sendNotFound } from './static.js';
import { INTAKE_ROUTES } from './intake-routes.js';
import { isSearchRequest, RESULTS_MARKER, SearchIndex, serveSearch } from './search.js';

const NGINX = process.env.NGINX_PATH || '/usr/sbin/nginx';
const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
const doc = fs.readFileSync(path.resolve(import.meta.dirname, '..', '..', 'docs', 'reverse-proxy.md'), 'utf8');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

let tmp: string;
let nginx: ChildProcess;
let publisher: http.Server;
let viaNginx: string;
let direct: string;

beforeAll(async () => {
  if (!fs.existsSync(NGINX) || !fs.existsSync(BROTLI_MODULE)) {
    throw new Error(
      `nginx with brotli_static not found (${NGINX}, ${BROTLI_MODULE}): apt-get install nginx-light libnginx-mod-http-brotli-static (or set NGINX_PATH)`,
    );
  }
  delete process.env.CMS_URL;
  delete process.env.MEDIA_BASE_URL;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-nginx-'));
  const release = path.join(tmp, 'releases', 'r1');
  const derived = path.join(tmp, 'data', 'derived', 'r1');
  const page = (t: string) => `<!doctype html><html lang="vi"><title>${t}</title>${'<p>Thủ tục hành chính tỉnh Lào Cai</p>'.repeat(100)}</html>`;
  const files: Record<string, string | Buffer> = {
    'index.html': page('Trang chủ'),
    'tin-tuc/index.html': page('Tin tức'),
    '404.html': page('Không tìm thấy'),
    'tim-kiem/index.html': page('Tìm kiếm').replace('</title>', `</title><input id="tu-khoa" type="search" name="q">${RESULTS_MARKER}`),
    '.search/docs.json': '[]',
    '_astro/site.Ab12.css': 'body{color:#222}'.repeat(200),
    '_astro/be-vietnam-pro.Xy.woff2': Buffer.alloc(2000, 7),
    'rss.xml': `<?xml version="1.0"?><rss>${'<item/>'.repeat(300)}</rss>`,
    'robots.txt': 'User-agent: *\nAllow: /\n',
    'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  };
  for (const [f, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(release, f)), { recursive: true });
    fs.writeFileSync(path.join(release, f), body);
  }
  fs.mkdirSync(derived, { recursive: true });
  fs.writeFileSync(path.join(derived, 'sitemap.xml'), `<?xml version="1.0"?><urlset>${'<url><loc>http://x/</loc></url>'.repeat(60)}</urlset>`);
  precompressTree(release);
  precompressTree(derived);
  fs.symlinkSync('r1', path.join(tmp, 'releases', 'current'));
  fs.symlinkSync('r1', path.join(tmp, 'data', 'derived', 'current'));

  // the publisher: search, the release, the derived sitemap (this release has none: made by
  // `astro build`), then the 404 page (as http.ts)
  const site = createStaticHandler(release);
  const der = createStaticHandler(derived);
  const search = new SearchIndex();
  await search.loadDocs(
    [{ url: '/tin-tuc/', title: 'Tin tức Lào Cai', kind: 'Danh mục', agency: null, date: null, lang: 'vi', text: 'Thủ tục hành chính tỉnh Lào Cai' }],
    'test',
  );
  publisher = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const notFound = () => sendNotFound(release, req, res);
    if (isSearchRequest(req, url)) serveSearch(req, res, url, search, release, () => site(req, res, notFound));
    else if (url.pathname === '/sitemap.xml') site(req, res, () => der(req, res, notFound));
    else site(req, res, notFound);
  });
  const pubPort = await freePort();
  await new Promise<void>((r) => publisher.listen(pubPort, '127.0.0.1', r));
  direct = `http://127.0.0.1:${pubPort}`;

  const block = /```nginx\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!block) throw new Error('no nginx block in docs/reverse-proxy.md');
  const port = await freePort();
  const conf = block
    .replaceAll('/srv/cong/site/releases', path.join(tmp, 'releases'))
    .replaceAll('/srv/cong/publisher-data', path.join(tmp, 'data'))
    .replace('listen 8080;', `listen 127.0.0.1:${port};`)
    .replace('server 127.0.0.1:4321;', `server 127.0.0.1:${pubPort};`);
  const logs = path.join(tmp, 'logs');
  fs.mkdirSync(logs);
  fs.writeFileSync(
    path.join(tmp, 'nginx.conf'),
    `load_module ${BROTLI_MODULE};\npid ${tmp}/nginx.pid;\nerror_log ${logs}/error.log;\nevents {}\nhttp {\naccess_log off;\nclient_body_temp_path ${tmp}/body;\nproxy_temp_path ${tmp}/proxy;\n${conf}\n}\n`,
  );
  const check = spawnSync(NGINX, ['-t', '-p', tmp, '-c', path.join(tmp, 'nginx.conf')], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx -t: ${check.stderr}`);
  nginx = spawn(NGINX, ['-p', tmp, '-c', path.join(tmp, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
  viaNginx = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(viaNginx);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
});

afterAll(async () => {
  nginx?.kill('SIGTERM');
  await new Promise((r) => (publisher ? publisher.close(r) : r(undefined)));
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Status and the headers that matter, of one raw request (no decoding). */
function get(base: string, p: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Record<string, string | number | undefined>> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${p}`, { method, headers }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({
          status: res.statusCode,
          'content-type': res.headers['content-type']?.replace(/;\s*charset=/i, '; charset=').toLowerCase(),
          'cache-control': res.headers['cache-control'],
          'content-encoding': res.headers['content-encoding'],
          vary: res.headers.vary,
          location: res.headers.location,
          'content-security-policy': String(res.headers['content-security-policy'] ?? ''),
          'x-content-type-options': String(res.headers['x-content-type-options'] ?? ''),
          'referrer-policy': String(res.headers['referrer-policy'] ?? ''),
          'x-frame-options': String(res.headers['x-frame-options'] ?? ''),
          validators: [res.headers.etag ? 'etag' : '', res.headers['last-modified'] ? 'last-modified' : ''].join(' ').trim(),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('docs/reverse-proxy.md: nginx serving a release from disk answers as the publisher does', () => {
  it('nginx -t accepts the documented configuration, and the headers match path by path', async () => {
    const cases: [string, Record<string, string>?][] = [
      ['/'],
      ['/', { 'accept-encoding': 'gzip, br' }],
      ['/tin-tuc/', { 'accept-encoding': 'gzip' }],
      ['/tin-tuc/', { 'accept-encoding': 'br;q=0, gzip' }],
      ['/_astro/site.Ab12.css', { 'accept-encoding': 'br' }],
      ['/_astro/be-vietnam-pro.Xy.woff2', { 'accept-encoding': 'br' }],
      ['/rss.xml', { 'accept-encoding': 'gzip' }],
      ['/robots.txt'],
      ['/favicon.svg'],
      ['/sitemap.xml', { 'accept-encoding': 'br' }],
      ['/tim-kiem/'],
      ['/tim-kiem/?q='],
      ['/tim-kiem/?q=lao+cai'],
      ['/tim-kiem/?trang=2&q=thu%20tuc'],
      ['/.search/docs.json'],
      ['/tin-tuc'],
      ['/khong-co/'],
    ];
    const diffs: string[] = [];
    for (const [p, h] of cases) {
      const a = await get(direct, p, h);
      const b = await get(viaNginx, p, h);
      for (const k of Object.keys(a)) if (a[k] !== b[k]) diffs.push(`${p} ${JSON.stringify(h ?? {})} ${k}: publisher ${a[k]} · nginx ${b[k]}`);
    }
    expect(diffs).toEqual([]);
    // and the answers are the intended ones, not equal by accident
    expect(await get(viaNginx, '/', { 'accept-encoding': 'gzip, br' })).toMatchObject({
      status: 200,
      'content-encoding': 'br',
      vary: 'Accept-Encoding',
      validators: 'etag last-modified',
    });
    // a query: the publisher's results (private, not kept by a CDN); none: the page from disk
    const results = await fetch(`${viaNginx}/tim-kiem/?q=lao+cai`);
    expect([results.status, results.headers.get('cache-control'), results.headers.get('x-robots-tag')]).toEqual([200, 'private, max-age=30', 'noindex']);
    expect(await results.text()).toContain('href="/tin-tuc/"');
    expect(await get(viaNginx, '/tim-kiem/')).toMatchObject({ status: 200, validators: 'etag last-modified' });
    expect(await get(viaNginx, '/.search/docs.json')).toMatchObject({ status: 404 });
    expect(await get(viaNginx, '/tin-tuc')).toMatchObject({ status: 301, location: '/tin-tuc/' });
    expect(await get(viaNginx, '/khong-co/')).toMatchObject({ status: 404, 'x-frame-options': 'DENY' });
  });

  it('every citizen form page goes to the publisher (a fresh fill-time token in each), never a copy from disk', () => {
    const pattern = /location ~ (\^\/\([^\s]+\)\/\$) \{\n\s*error_page 418 = @publisher;/.exec(doc)?.[1];
    expect(pattern, 'the form-page location of docs/reverse-proxy.md').toBeTruthy();
    const formPages = new RegExp(pattern!);
    expect(INTAKE_ROUTES.length).toBeGreaterThan(0);
    for (const route of INTAKE_ROUTES) expect(formPages.test(route.form.action), route.form.action).toBe(true);
  });

  it('conditional requests: If-None-Match and If-Modified-Since give 304 through nginx too', async () => {
    for (const base of [direct, viaNginx]) {
      for (const enc of ['br', 'identity']) {
        const first = await new Promise<http.IncomingMessage>((r) =>
          http.get(`${base}/tin-tuc/`, { headers: { 'accept-encoding': enc } }, (res) => (res.resume(), r(res))),
        );
        const etag = String(first.headers.etag);
        const lastModified = String(first.headers['last-modified']);
        expect((await get(base, '/tin-tuc/', { 'accept-encoding': enc, 'if-none-match': etag })).status, `${base} ${enc}`).toBe(304);
        expect((await get(base, '/tin-tuc/', { 'accept-encoding': enc, 'if-modified-since': lastModified })).status, `${base} ${enc}`).toBe(304);
      }
    }
  });
});
