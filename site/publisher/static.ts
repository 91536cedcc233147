/**
 * Static serving of one release (`send`: ETag + Last-Modified, `If-None-Match` and
 * `If-Modified-Since` → 304, ranges), with the portal's cache policy, made for a CDN in front
 * (issue 13, point 7; the same rules in the nginx configuration of docs/reverse-proxy.md):
 * - `/_astro/*` (content-hashed file names): `public, max-age=31536000, immutable`
 * - HTML pages, feeds, the sitemap: {@link CACHE_HTML} —
 *   browsers revalidate every time (a cheap 304), a shared cache keeps a page 60 s, serves it
 *   stale while revalidating for 60 s more, and for a day when the origin is down
 * - other files (images, fonts…): `public, max-age=300` + stale-if-error
 * - every file its Content-Type ({@link contentTypeFor})
 * - the brotli or gzip copy written with the release (precompress.ts) when the client accepts
 *   it, with `Vary: Accept-Encoding`; nothing is compressed per request.
 * A page URL without its trailing slash is redirected (301) to the canonical one.
 * Every answer (files, redirects, 304, 400, 404) carries the security headers (security-headers.ts).
 */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import send from 'send';
import { applySecurityHeaders } from './security-headers.js';

export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
export const CACHE_HTML = 'public, max-age=0, s-maxage=60, stale-while-revalidate=60, stale-if-error=86400';
export const CACHE_ASSET = 'public, max-age=300, stale-if-error=86400';

/** The Cache-Control a static path gets. */
export function cacheControlFor(pathname: string): string {
  if (pathname.startsWith('/_astro/')) return CACHE_IMMUTABLE;
  if (pathname.endsWith('/') || /\.(html|xml|txt)$/i.test(pathname) || !/\.[A-Za-z0-9]+$/.test(pathname)) return CACHE_HTML;
  return CACHE_ASSET;
}

/**
 * Content-Type by file extension (lower case, with the dot), for every kind of file a release
 * holds; text types carry `charset=utf-8`.
 */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
};

/** The Content-Type of a file path (see {@link CONTENT_TYPES}); `application/octet-stream` for anything else. */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The precompressed copy to send for an `Accept-Encoding` header: brotli before gzip, an
 * encoding with `q=0` refused, `*` accepting both. `null`: the file as it is.
 */
export function pickEncoding(acceptEncoding: string | undefined, has: { br: boolean; gzip: boolean }): 'br' | 'gzip' | null {
  if (!acceptEncoding) return null;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const v = qp ? Number(qp.slice(2)) : 1;
    if (name) q.set(name, Number.isFinite(v) ? v : 0);
  }
  const accepts = (enc: string) => (q.get(enc) ?? q.get('*') ?? 0) > 0;
  if (has.br && accepts('br')) return 'br';
  if (has.gzip && accepts('gzip')) return 'gzip';
  return null;
}

/**
 * A request handler for one release's files; calls `next()` when no file matches. `refresh`
 * re-reads whether the given paths (`a/b.html`, under the web root) exist — after a content
 * publish changed them in place (live-tree.ts).
 */
export type StaticHandler = ((req: IncomingMessage, res: ServerResponse, next: () => void) => void) & { refresh(paths: readonly string[]): void };

/** Every file under `root`, as `/a/b.html` (dot files left out). */
function fileSet(root: string): Set<string> {
  const out = new Set<string>();
  const walk = (rel: string) => {
    for (const d of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      if (d.name.startsWith('.')) continue;
      const r = `${rel}/${d.name}`;
      if (d.isDirectory()) walk(r);
      else if (d.isFile()) out.add(r);
    }
  };
  walk('');
  return out;
}

/** The 404 page of each web root, read once. */
const notFoundPages = new Map<string, Buffer | null>();

/**
 * Serves the files under `webRoot`, listed once when created; a content publish that changes
 * files in place tells the handler which ones (`refresh`).
 */
export function createStaticHandler(webRoot: string): StaticHandler {
  const root = path.resolve(webRoot);
  const files = fileSet(root);
  const handler = (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    applySecurityHeaders(res, req.url);
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.statusCode = 400;
      res.end('Bad request');
      return;
    }
    // a path that is not in normal form (`//host`, `..`, `\`, encoded or not) is never a page
    // and must never be echoed into a redirect: `/%2Fevil.example/..%2Ftin-tuc` would send the
    // browser to //evil.example/… (an open redirect on the portal's domain)
    if (pathname.includes('\\') || pathname.includes('\0') || path.posix.normalize(pathname) !== pathname || pathname.startsWith('//')) {
      res.statusCode = 400;
      res.end('Bad request');
      return;
    }
    // /tin-tuc/abc → /tin-tuc/abc/ when that page exists
    if (!pathname.endsWith('/') && !/\.[A-Za-z0-9]+$/.test(pathname) && files.has(`${pathname}/index.html`)) {
      const q = (req.url ?? '').indexOf('?');
      res.writeHead(301, { location: `${encodeURI(pathname)}/${q >= 0 ? (req.url ?? '').slice(q) : ''}`, 'cache-control': CACHE_ASSET });
      res.end();
      return;
    }
    let file = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
    if (!files.has(file) && files.has(`${file}.html`)) file = `${file}.html`;
    if (!files.has(file)) return next();
    // a release's files are read, never written: any other method (TRACE, PUT, DELETE…) is 405
    // with the methods that are served, not a 500 from `send` (red-team F5)
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      res.end('Phương thức không được hỗ trợ (chỉ GET, HEAD).');
      return;
    }
    const has = { br: files.has(`${file}.br`), gzip: files.has(`${file}.gz`) };
    const encoding = pickEncoding(req.headers['accept-encoding'], has);
    res.setHeader('Cache-Control', cacheControlFor(pathname));
    res.setHeader('Content-Type', contentTypeFor(file));
    if (has.br || has.gzip) res.setHeader('Vary', 'Accept-Encoding');
    if (encoding) res.setHeader('Content-Encoding', encoding);
    // the origin evaluates If-None-Match / If-Modified-Since whatever the request's cache
    // directives (RFC 9110 §13.2): `send` (through `fresh`) treats `Cache-Control: no-cache` as
    // a forced reload, and fetch() and some CDNs send it with every revalidation
    delete req.headers['cache-control'];
    delete req.headers.pragma;
    const sent = encoding === 'br' ? `${file}.br` : encoding === 'gzip' ? `${file}.gz` : file;
    send(req, encodeURI(sent), { root, etag: true, lastModified: true, cacheControl: false, dotfiles: 'deny', index: false })
      .on('error', (err: { status?: number }) => {
        if (res.headersSent) return void res.destroy();
        for (const h of ['Cache-Control', 'Content-Type', 'Vary', 'Content-Encoding']) res.removeHeader(h);
        // gone since the listing (a pruned release): let the next handler answer
        if (err.status === 404) return next();
        res.statusCode = err.status ?? 500;
        res.end();
      })
      .pipe(res);
  };
  return Object.assign(handler, {
    refresh(paths: readonly string[]) {
      for (const p of paths) {
        const rel = `/${p.replace(/^\/+/, '')}`;
        let isFile = false;
        try {
          isFile = fs.statSync(path.join(root, rel)).isFile();
        } catch {
          /* gone */
        }
        if (isFile) files.add(rel);
        else files.delete(rel);
        if (rel === '/404.html') {
          notFoundPages.delete(root);
          notFoundPages.delete(webRoot);
        }
      }
    },
  });
}

/**
 * Answers 404 with the release's own `404.html` (the site's "page not found", in Vietnamese),
 * or a minimal page when the release has none.
 */
export function sendNotFound(webRoot: string | null, req: IncomingMessage, res: ServerResponse): void {
  applySecurityHeaders(res, req.url);
  let body: Buffer | null = null;
  if (webRoot) {
    if (!notFoundPages.has(webRoot)) {
      let page: Buffer | null = null;
      for (const f of ['404.html', '404/index.html']) {
        try {
          page = fs.readFileSync(path.join(webRoot, f));
          break;
        } catch {
          /* try the next */
        }
      }
      if (notFoundPages.size > 16) notFoundPages.clear();
      notFoundPages.set(webRoot, page);
    }
    body = notFoundPages.get(webRoot) ?? null;
  }
  body ??= Buffer.from(
    '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Không tìm thấy trang</title><h1>Không tìm thấy trang</h1><p><a href="/">Về trang chủ</a></p></html>',
  );
  res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=0, s-maxage=60', 'content-length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}
