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
      const ok = await fetch(`${base}/tin-tuc`, { redirect: 'manual' });
      expect(ok.status).toBe(301);
      expect(ok.headers.get('location')).toBe('/tin-tuc/');
    } finally {
      server.close();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
