/**
 * Static serving of one release (sirv), with the portal's cache policy:
 * - `/_astro/*` (content-hashed file names): `public, max-age=31536000, immutable`
 * - HTML pages and feeds: `public, no-cache` + ETag — browsers and proxies revalidate every
 *   time (a cheap 304), so a publish is visible on the next load
 * - Pagefind's content-hashed chunks: immutable; its entry file and scripts: `no-cache`
 * - other files (images, fonts…): `public, max-age=300` + ETag
 * A page URL without its trailing slash is redirected (301) to the canonical one.
 * Every answer (files, redirects, 400, 404) carries the security headers (security-headers.ts).
 */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import sirv from 'sirv';
import { applySecurityHeaders } from './security-headers.js';

export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
export const CACHE_HTML = 'public, no-cache';
export const CACHE_ASSET = 'public, max-age=300';

/** The Cache-Control a static path gets. */
export function cacheControlFor(pathname: string): string {
  if (pathname.startsWith('/_astro/')) return CACHE_IMMUTABLE;
  // Pagefind: the entry file and scripts change with every index; its chunks are content-hashed
  if (pathname.startsWith('/pagefind/')) {
    if (/\.pf_(fragment|index|meta|filter)$/.test(pathname)) return CACHE_IMMUTABLE;
    if (/\/pagefind[^/]*\.(json|js|css)$/.test(pathname)) return CACHE_HTML;
  }
  if (pathname.endsWith('/') || /\.(html|xml)$/i.test(pathname) || !/\.[A-Za-z0-9]+$/.test(pathname)) return CACHE_HTML;
  return CACHE_ASSET;
}

/** A request handler for one release's files; calls `next()` when no file matches. */
export type StaticHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * Serves the files under `webRoot` (read once: sirv's production mode indexes the folder when
 * created, so a handler belongs to exactly one release).
 */
export function createStaticHandler(webRoot: string): StaticHandler {
  const root = path.resolve(webRoot);
  const serve = sirv(root, { dev: false, etag: true, extensions: ['html'], dotfiles: false });
  return (req, res, next) => {
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
    if (!pathname.endsWith('/') && !/\.[A-Za-z0-9]+$/.test(pathname)) {
      const candidate = path.resolve(root, `.${pathname}`, 'index.html');
      if (candidate.startsWith(root + path.sep) && fs.existsSync(candidate)) {
        const q = (req.url ?? '').indexOf('?');
        res.writeHead(301, { location: `${encodeURI(pathname)}/${q >= 0 ? (req.url ?? '').slice(q) : ''}`, 'cache-control': CACHE_ASSET });
        res.end();
        return;
      }
    }
    res.setHeader('Cache-Control', cacheControlFor(pathname));
    serve(req, res, () => {
      res.removeHeader('Cache-Control');
      next();
    });
  };
}

const notFoundPages = new Map<string, Buffer | null>();

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
  res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, no-cache', 'content-length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}
