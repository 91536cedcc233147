/**
 * The security headers (security-headers.ts) and the `/status` access rule, checked on a real
 * Publisher over real HTTP: a release folder made by hand (a page, an asset, a feed, the 404
 * page), a CMS that is not there (the start-up reconciliation fails, which is what `/status`
 * must not tell the public), every response type the publisher sends.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISHER_SECRET_HEADER } from '@cong/shared';
import { defaultConfig } from './config.js';
import { Publisher } from './publisher.js';
import { ReleaseStore } from './releases.js';
import { contentSecurityPolicy, mediaOrigins, previewFrameAncestors, securityHeaders, securityHeadersFor } from './security-headers.js';

describe('securityHeaders', () => {
  it('allows no inline or foreign script, no plugins, no framing', () => {
    const h = securityHeaders({ env: { CMS_URL: 'http://127.0.0.1:1337' } });
    expect(h['X-Content-Type-Options']).toBe('nosniff');
    expect(h['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
    expect(h['X-Frame-Options']).toBe('DENY');
    const csp = Object.fromEntries(h['Content-Security-Policy'].split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['style-src']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'self'"]);
    expect(csp['form-action']).toEqual(["'self'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['img-src']).toEqual(["'self'", 'https:', 'http://127.0.0.1:1337']);
    expect(h['Content-Security-Policy']).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\s\*/);
  });

  it('media origins: MEDIA_BASE_URL (else CMS_URL) and CMS_PUBLIC_URL, http(s) only', () => {
    expect(
      mediaOrigins({ MEDIA_BASE_URL: 'https://media.laocai.gov.vn/uploads', CMS_URL: 'http://cms:1337', CMS_PUBLIC_URL: 'https://cms.laocai.gov.vn/' }),
    ).toEqual(['https://media.laocai.gov.vn', 'https://cms.laocai.gov.vn']);
    expect(mediaOrigins({ MEDIA_BASE_URL: 'javascript:alert(1)' })).toEqual([]);
    expect(contentSecurityPolicy({ env: { CMS_URL: 'not a url; script-src *' } })).not.toContain('script-src *');
  });

  it('the draft preview may be framed by the CMS only, and has no X-Frame-Options', () => {
    const env = { CMS_URL: 'http://cms:1337', CMS_PUBLIC_URL: 'https://cms.laocai.gov.vn/admin' };
    expect(previewFrameAncestors(env)).toEqual(["'self'", 'https://cms.laocai.gov.vn', 'http://cms:1337']);
    const preview = securityHeadersFor('/xem-truoc/article/abc/', env);
    expect(preview['X-Frame-Options']).toBeUndefined();
    expect(preview['Content-Security-Policy']).toContain("frame-ancestors 'self' https://cms.laocai.gov.vn http://cms:1337");
    expect(preview['Content-Security-Policy']).toContain("script-src 'self';");
    expect(securityHeadersFor('/tin-tuc/', env)['X-Frame-Options']).toBe('DENY');
  });
});

describe('the publisher over HTTP', () => {
  const secret = 'webhook-secret-0123456789';
  const statusToken = 'status-token-0123456789';
  let tmp: string;
  let pub: Publisher;
  let base: string;
  const logs: string[] = [];

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-headers-'));
    const store = new ReleaseStore(path.join(tmp, 'releases'));
    store.init();
    const id = '20260101T000000000Z';
    const staging = store.stagingPath(id);
    const files: Record<string, string> = {
      'index.html': '<!doctype html><html lang="vi"><title>Trang chủ</title><h1>Trang chủ</h1></html>',
      'tin-tuc/index.html': '<!doctype html><html lang="vi"><title>Tin tức</title></html>',
      '404.html': '<!doctype html><html lang="vi"><title>Không tìm thấy trang</title></html>',
      '_astro/site.abc123.css': 'body{color:#000}',
      'rss.xml': '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title></channel></rss>',
      'robots.txt': 'User-agent: *\n',
    };
    for (const [f, body] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(staging, f)), { recursive: true });
      fs.writeFileSync(path.join(staging, f), body);
    }
    store.writeMeta(staging, {
      id,
      createdAt: '2026-01-01T00:00:00.000Z',
      buildMs: 1,
      trigger: 'test',
      codeHash: 'x',
      incremental: true,
      pages: { total: 2, html: 2, rendered: 2, cached: 0 },
      state: null,
    } as never);
    store.finalize(id);
    store.activate(id);
    pub = new Publisher({
      ...defaultConfig(),
      host: '127.0.0.1',
      port: 0,
      releasesDir: path.join(tmp, 'releases'),
      cacheDir: path.join(tmp, 'cache'),
      dataDir: path.join(tmp, 'data'),
      cmsUrl: 'http://127.0.0.1:9', // nobody there: the start-up reconciliation fails
      webhookSecret: secret,
      statusToken,
      retryDelaysMs: [3_600_000],
      reconcileIntervalMs: 0,
      dailyRebuild: false,
      prewarm: false,
      log: (l) => logs.push(l),
    });
    await pub.start();
    base = pub.url;
    // wait for the failed reconciliation, so that there is an error to hide
    for (let i = 0; i < 100 && !pub.status().lastError; i++) await new Promise((r) => setTimeout(r, 100));
    expect(pub.status().lastError).toBeTruthy();
  }, 60_000);

  afterAll(async () => {
    await pub?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const expectHeaders = (res: Response, what: string) => {
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp, what).toContain("default-src 'self'");
    expect(csp, what).toContain("script-src 'self';");
    expect(csp, what).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
    expect(res.headers.get('referrer-policy'), what).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('x-frame-options'), what).toBe('DENY');
  };

  it('every response carries the security headers: pages, assets, feeds, redirects, 404, status, webhook errors', async () => {
    const cases: [string, RequestInit, number][] = [
      ['/', {}, 200],
      ['/tin-tuc/', {}, 200],
      ['/tin-tuc', {}, 301],
      ['/_astro/site.abc123.css', {}, 200],
      ['/rss.xml', {}, 200],
      ['/robots.txt', {}, 200],
      ['/khong-co/', {}, 404],
      ['/%E0%A4%A', {}, 400],
      ['/', { method: 'POST' }, 405],
      ['/status', {}, 200],
      ['/status', { method: 'POST' }, 405],
      ['/status', { headers: { authorization: 'Bearer wrong-token-0123456789' } }, 401],
      ['/status', { headers: { authorization: `Bearer ${secret}` } }, 200],
      ['/hooks/strapi', { method: 'POST', body: '{}' }, 401],
      ['/hooks/strapi', {}, 405],
      ['/hooks/strapi', { method: 'POST', headers: { [PUBLISHER_SECRET_HEADER]: secret }, body: 'x'.repeat(4 * 1024 * 1024 + 10) }, 413],
      ['/hooks/strapi', { method: 'POST', headers: { [PUBLISHER_SECRET_HEADER]: secret }, body: 'not json' }, 400],
      ['/hooks/rollback', { method: 'POST' }, 401],
      ['/hooks/rebuild', { method: 'POST' }, 401],
    ];
    for (const [route, init, status] of cases) {
      const res = await fetch(base + route, { redirect: 'manual', ...init });
      await res.arrayBuffer();
      const what = `${init.method ?? 'GET'} ${route}`;
      expect(res.status, what).toBe(status);
      expectHeaders(res, what);
    }
    // a 304 revalidation too
    const etag = (await fetch(`${base}/`)).headers.get('etag')!;
    const revalidated = await fetch(`${base}/`, { headers: { 'if-none-match': etag } });
    expect(revalidated.status).toBe(304);
    expectHeaders(revalidated, '304');
    // the preview's paths (here without server code: 404) may be framed by the CMS only
    const preview = await fetch(`${base}/xem-truoc/article/abc/`);
    expect(preview.status).toBe(404);
    expect(preview.headers.get('content-security-policy')).toMatch(/script-src 'self';.*frame-ancestors 'self' http:\/\/127\.0\.0\.1:9/);
    expect(preview.headers.get('x-frame-options')).toBeNull();
    expect(preview.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('/status tells the public the health only; the full status needs the secret or the status token', async () => {
    const pub1 = await fetch(`${base}/status`);
    const text = await pub1.text();
    expect(JSON.parse(text)).toEqual({ ok: false, currentRelease: { id: '20260101T000000000Z', builtAt: '2026-01-01T00:00:00.000Z' } });
    // what scripts/start.sh waits for
    expect(text).toContain('"currentRelease":{');
    expect(text).not.toMatch(/lastError|history|127\.0\.0\.1|releases|counters|logTail|pid/);
    expect(pub1.headers.get('cache-control')).toBe('no-store');
    expect(pub1.headers.get('vary')).toMatch(/authorization/i);
    for (const headers of [{ authorization: `Bearer ${secret}` }, { authorization: `bearer ${statusToken}` }, { [PUBLISHER_SECRET_HEADER]: secret }] as Record<
      string,
      string
    >[]) {
      const full = await (await fetch(`${base}/status`, { headers })).json();
      expect(full, JSON.stringify(headers)).toMatchObject({ service: 'cong-publisher', healthy: false, currentRelease: { id: '20260101T000000000Z' } });
      expect(full.lastError.message).toBeTruthy();
      expect(Array.isArray(full.history)).toBe(true);
    }
    for (const headers of [
      { authorization: `Bearer ${secret}x` },
      { authorization: `Basic ${Buffer.from(`a:${secret}`).toString('base64')}` },
      { authorization: secret },
      { [PUBLISHER_SECRET_HEADER]: statusToken }, // the status token cannot stand in for the webhook secret
    ] as Record<string, string>[]) {
      const res = await fetch(`${base}/status`, { headers });
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(await res.text()).not.toMatch(/lastError|history/);
    }
    // the status token reads the status but cannot drive the publisher
    expect((await fetch(`${base}/hooks/rebuild`, { method: 'POST', headers: { [PUBLISHER_SECRET_HEADER]: statusToken } })).status).toBe(401);
  });
});
