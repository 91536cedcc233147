/**
 * The security headers of every response the publisher sends (issue 9): pages, assets, feeds,
 * the sitemap and search index, 404s, `/status`, the webhook answers (errors included), the draft
 * preview and its errors. One function, {@link securityHeaders}, used by http.ts (before any
 * routing, so no response escapes it), static.ts, and the preview middleware.
 *
 * The Content-Security-Policy allows no inline script and no script from another origin: even if
 * some CMS text slipped into a page as markup, the browser would refuse to run it.
 * - `script-src 'self'`: the site's own bundled scripts only (search is answered on the server,
 *   ADR 0018: no WebAssembly to compile).
 * - `style-src 'self'`: the one stylesheet (Astro, `inlineStylesheets: 'never'`); no inline style.
 * - `img-src 'self' https: <media origins>`: the CMS's media (`MEDIA_BASE_URL`, else `CMS_URL`,
 *   and `CMS_PUBLIC_URL`, which may be plain http on a local setup) and images of Markdown
 *   bodies hosted elsewhere over https. Images cannot run script.
 * - `font-src 'self'` (self-hosted Be Vietnam Pro), `connect-src 'self'`,
 *   `object-src 'none'`, `base-uri 'self'`, `form-action 'self'` (the search form).
 * - `frame-ancestors 'none'` and `X-Frame-Options: DENY` — except the draft preview, which the
 *   CMS admin panel shows in an iframe: `frame-ancestors 'self' <CMS origins>`, no X-Frame-Options.
 */
import type { ServerResponse } from 'node:http';
import { PREVIEW_PATH } from '@cong/shared';

/** Options of {@link securityHeaders}. */
export interface SecurityHeaderOptions {
  /**
   * origins allowed to frame the response (the CMS admin panel for the draft preview); empty or
   * missing: nobody (`frame-ancestors 'none'` and `X-Frame-Options: DENY`)
   */
  frameAncestors?: readonly string[];
  /** environment to read the media and CMS origins from (default `process.env`) */
  env?: NodeJS.ProcessEnv;
}

function originOf(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

/** The origins media files come from: `MEDIA_BASE_URL` (else `CMS_URL`) and `CMS_PUBLIC_URL`. */
export function mediaOrigins(env: NodeJS.ProcessEnv = process.env): string[] {
  const list = [originOf(env.MEDIA_BASE_URL || env.CMS_URL || 'http://127.0.0.1:1337'), originOf(env.CMS_PUBLIC_URL)];
  return [...new Set(list.filter((o): o is string => !!o))];
}

/** The origins of the CMS admin panel, allowed to frame the draft preview: `'self'`, `CMS_PUBLIC_URL`, `CMS_URL`. */
export function previewFrameAncestors(env: NodeJS.ProcessEnv = process.env): string[] {
  const list = ["'self'", originOf(env.CMS_PUBLIC_URL), originOf(env.CMS_URL)];
  return [...new Set(list.filter((o): o is string => !!o))];
}

/** The Content-Security-Policy value (see the module comment for each directive). */
export function contentSecurityPolicy(opts: SecurityHeaderOptions = {}): string {
  const env = opts.env ?? process.env;
  const frame = opts.frameAncestors?.length ? opts.frameAncestors.join(' ') : "'none'";
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src ${["'self'", 'https:', ...mediaOrigins(env)].join(' ')}`,
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frame}`,
  ].join('; ');
}

/**
 * The security headers of one response: Content-Security-Policy, `X-Content-Type-Options:
 * nosniff`, `Referrer-Policy: strict-origin-when-cross-origin`, and `X-Frame-Options: DENY`
 * unless framing is allowed (`frameAncestors`).
 */
export function securityHeaders(opts: SecurityHeaderOptions = {}): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': contentSecurityPolicy(opts),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
  };
  if (!opts.frameAncestors?.length) headers['X-Frame-Options'] = 'DENY';
  return headers;
}

/** The headers for a request path: the preview's (framable by the CMS) under `/xem-truoc/`, the strict set elsewhere. */
export function securityHeadersFor(pathname: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return pathname.startsWith(PREVIEW_PATH) ? securityHeaders({ frameAncestors: previewFrameAncestors(env), env }) : securityHeaders({ env });
}

/**
 * Sets the security headers on a Node response before anything is written, from the request's
 * URL; later `writeHead` calls keep them (Node merges headers set with `setHeader`). `env`
 * gives the CMS and media origins (default `process.env`). Does nothing when the response has
 * them already (the publisher sets them first, with its own CMS URL; static.ts calls this again
 * so that it is safe on its own too).
 */
export function applySecurityHeaders(res: ServerResponse, url: string | undefined, env: NodeJS.ProcessEnv = process.env): void {
  if (res.headersSent || res.hasHeader('content-security-policy')) return;
  let pathname = '/';
  try {
    pathname = new URL(url ?? '/', 'http://x').pathname;
  } catch {
    /* a malformed URL gets the strict set */
  }
  for (const [k, v] of Object.entries(securityHeadersFor(pathname, env))) res.setHeader(k, v);
}
