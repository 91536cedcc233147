import { describe, expect, it } from 'vitest';
import { cacheControlFor, CACHE_ASSET, CACHE_HTML, CACHE_IMMUTABLE } from './static.js';

describe('cacheControlFor', () => {
  it('makes hashed assets immutable, pages revalidate, other files short-lived', () => {
    expect(cacheControlFor('/_astro/site.C8x1.css')).toBe(CACHE_IMMUTABLE);
    expect(cacheControlFor('/')).toBe(CACHE_HTML);
    expect(cacheControlFor('/tin-tuc/abc/')).toBe(CACHE_HTML);
    expect(cacheControlFor('/404.html')).toBe(CACHE_HTML);
    expect(cacheControlFor('/rss.xml')).toBe(CACHE_HTML);
    expect(cacheControlFor('/favicon.svg')).toBe(CACHE_ASSET);
    expect(CACHE_HTML).toMatch(/s-maxage=\d+.*stale-while-revalidate=\d+.*stale-if-error=\d+/);
  });
});

describe('createStaticHandler: no open redirect', () => {
  it('answers 400 to a path that is not in normal form instead of echoing it into Location', async () => {
    const { default: fs } = await import('node:fs');
    const { default: os } = await import('node:os');
    const { default: path } = await import('node:path');
    const { default: http } = await import('node:http');
    const { createStaticHandler } = await import('./static.js');
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-static-'));
    fs.mkdirSync(path.join(root, 'tin-tuc'));
    fs.writeFileSync(path.join(root, 'tin-tuc', 'index.html'), '<!doctype html><title>t</title>');
    const handler = createStaticHandler(root);
    const server = http.createServer((req, res) => handler(req, res, () => ((res.statusCode = 404), res.end())));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as any).port}`;
    try {
      for (const p of [
        '/%2Fevil.example/..%2Ftin-tuc',
        '/%2F%2Fevil.example/..%2F..%2Ftin-tuc',
        '/%5Cevil.example/..%2Ftin-tuc',
        '//evil.example/../tin-tuc',
        '/a/..%2Ftin-tuc',
      ]) {
        const res = await fetch(`${base}${p}`, { redirect: 'manual' });
        expect(res.status, p).not.toBe(301);
        expect(res.headers.get('location'), p).toBeNull();
      }
      // a method the release does not serve is 405 with Allow, not a 500 (red-team F5)
      for (const method of ['TRACE', 'PUT', 'DELETE', 'PATCH']) {
        const res = await new Promise<{ status: number; allow: string | undefined }>((resolve, reject) => {
          http
            .request(`${base}/tin-tuc/`, { method }, (r) => (r.resume(), resolve({ status: r.statusCode!, allow: r.headers.allow })))
            .on('error', reject)
            .end();
        });
        expect(res, method).toEqual({ status: 405, allow: 'GET, HEAD' });
      }
      const ok = await fetch(`${base}/tin-tuc`, { redirect: 'manual' });
      expect(ok.status).toBe(301);
      expect(ok.headers.get('location')).toBe('/tin-tuc/');
    } finally {
      server.close();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('createStaticHandler: CDN-ready serving of a precompressed release (issue 13, point 7)', () => {
  it('cache policy, content types, conditional requests both ways, brotli/gzip copies by Accept-Encoding with Vary', async () => {
    const { default: fs } = await import('node:fs');
    const { default: os } = await import('node:os');
    const { default: path } = await import('node:path');
    const { default: http } = await import('node:http');
    const { default: zlib } = await import('node:zlib');
    const { createStaticHandler } = await import('./static.js');
    const { precompressTree } = await import('./precompress.js');
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-static-'));
    const page = `<!doctype html><html lang="vi"><title>Tin tức</title>${'<p>Thủ tục hành chính tỉnh Lào Cai</p>'.repeat(200)}</html>`;
    fs.mkdirSync(path.join(root, 'tin-tuc'));
    fs.mkdirSync(path.join(root, '_astro'));
    fs.mkdirSync(path.join(root, '.search'), { recursive: true });
    fs.writeFileSync(path.join(root, 'tin-tuc', 'index.html'), page);
    fs.writeFileSync(path.join(root, '_astro', 'site.Ab12.css'), 'body{color:#222}'.repeat(200));
    // the search documents (read by the publisher only): never compressed, never served
    fs.writeFileSync(path.join(root, '.search', 'docs.json'), JSON.stringify([{ url: '/', text: 'x'.repeat(5000) }]));
    fs.writeFileSync(path.join(root, 'manifest.json'), '{"version":"1.4.0"}');
    fs.writeFileSync(path.join(root, 'rss.xml'), `<?xml version="1.0"?><rss>${'<item/>'.repeat(300)}</rss>`);
    const done = precompressTree(root);
    expect(done.files).toBe(3);
    expect(fs.existsSync(path.join(root, 'tin-tuc', 'index.html.br'))).toBe(true);
    expect(fs.existsSync(path.join(root, 'manifest.json.br'))).toBe(false); // under 1 KB
    expect(fs.existsSync(path.join(root, '.search', 'docs.json.br'))).toBe(false);

    // a second release with the same page reuses the copies instead of compressing again
    const next = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-static-'));
    fs.cpSync(root, next, { recursive: true, filter: (src) => !/\.(br|gz)$/.test(src) });
    fs.writeFileSync(path.join(next, 'rss.xml'), `<?xml version="1.0"?><rss>${'<item/>'.repeat(301)}</rss>`);
    const again = precompressTree(next, root);
    expect([again.files, again.reused]).toEqual([3, 2]);

    const handler = createStaticHandler(root);
    const server = http.createServer((req, res) => handler(req, res, () => ((res.statusCode = 404), res.end())));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as any).port}`;
    // a raw request: fetch() would decode the body and hide Content-Encoding's effect
    const get = (p: string, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; headers: import('node:http').IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        http
          .get(`${base}${p}`, { headers }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
          })
          .on('error', reject);
      });
    try {
      const html = await get('/tin-tuc/');
      expect(html.status).toBe(200);
      expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(html.headers['cache-control']).toBe('public, max-age=0, s-maxage=60, stale-while-revalidate=60, stale-if-error=86400');
      expect(html.headers['content-encoding']).toBeUndefined();
      expect(html.headers.vary).toBe('Accept-Encoding');
      expect(html.body.toString()).toBe(page);
      expect(html.headers['content-security-policy']).toBeTruthy();

      const br = await get('/tin-tuc/', { 'accept-encoding': 'gzip, deflate, br' });
      expect([br.headers['content-encoding'], br.headers['content-type'], br.headers.vary]).toEqual(['br', 'text/html; charset=utf-8', 'Accept-Encoding']);
      expect(zlib.brotliDecompressSync(br.body).toString()).toBe(page);
      const gz = await get('/tin-tuc/', { 'accept-encoding': 'gzip, br;q=0' });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(zlib.gunzipSync(gz.body).toString()).toBe(page);
      expect((await get('/tin-tuc/', { 'accept-encoding': 'identity' })).headers['content-encoding']).toBeUndefined();

      // conditional requests: ETag and Last-Modified, each on its own → 304 with the validators kept
      expect(html.headers.etag).toBeTruthy();
      expect(html.headers['last-modified']).toBeTruthy();
      const byTag = await get('/tin-tuc/', { 'if-none-match': `"other", ${html.headers.etag}` });
      expect(byTag.status).toBe(304);
      expect(byTag.body.length).toBe(0);
      expect(byTag.headers.etag).toBe(html.headers.etag);
      expect(byTag.headers['cache-control']).toBe(html.headers['cache-control']);
      expect((await get('/tin-tuc/', { 'if-modified-since': html.headers['last-modified']! })).status).toBe(304);
      expect((await get('/tin-tuc/', { 'if-modified-since': new Date(Date.parse(html.headers['last-modified']!) - 60_000).toUTCString() })).status).toBe(200);
      // the brotli copy is another representation: its own validator
      expect((await get('/tin-tuc/', { 'accept-encoding': 'br', 'if-none-match': br.headers.etag! })).status).toBe(304);

      const css = await get('/_astro/site.Ab12.css', { 'accept-encoding': 'br' });
      expect([css.headers['cache-control'], css.headers['content-type'], css.headers['content-encoding']]).toEqual([
        'public, max-age=31536000, immutable',
        'text/css; charset=utf-8',
        'br',
      ]);
      const json = await get('/manifest.json');
      expect([json.headers['content-type'], json.headers['cache-control']]).toEqual([
        'application/json; charset=utf-8',
        'public, max-age=300, stale-if-error=86400',
      ]);
      expect((await get('/.search/docs.json')).status).toBe(404);
      expect((await get('/rss.xml')).headers['content-type']).toBe('application/xml; charset=utf-8');
      expect((await get('/khong-co/')).status).toBe(404);
    } finally {
      server.close();
      fs.rmSync(root, { recursive: true, force: true });
      fs.rmSync(next, { recursive: true, force: true });
    }
  });
});
