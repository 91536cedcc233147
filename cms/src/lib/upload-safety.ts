/**
 * Uploaded files cannot run as script in the CMS's origin (red-team finding F12, 2026-12-02).
 *
 * The local upload provider serves `/uploads/*` from the CMS's own origin, the origin of the
 * admin panel and its session cookie. An editor who uploaded an `.html` (or `.svg`, `.js`) file
 * and got a board member to open it ran script as the board member. Two layers, each enough:
 * 1. `UPLOAD_SECURITY`: the upload plugin's MIME allow-list (Strapi 5 `upload.config.security`,
 *    checked against the type sniffed from the bytes as well as the declared one): images that
 *    cannot carry script, PDF, office documents, archives, audio and video. HTML, SVG, XML and
 *    JavaScript are refused with a 400 naming the type.
 * 2. `uploadHeaders` (a Koa middleware in config/middlewares.ts): every answer under `/uploads/`
 *    carries `Content-Security-Policy: sandbox` with nothing allowed (a document opened from there
 *    runs no script and gets an opaque origin, so it cannot read the admin's cookies or call the
 *    admin API), `X-Content-Type-Options: nosniff`, and `Content-Disposition: attachment` unless
 *    the file's extension is one a browser shows inertly (images, PDF, audio, video) — so a file
 *    stored before this rule, or one whose name and bytes disagree, is downloaded, not rendered.
 */
import path from 'node:path';

/** MIME patterns the media library accepts (Strapi's `security.allowedTypes`; `*` = any subtype). */
export const UPLOAD_ALLOWED_TYPES: readonly string[] = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
  'image/tiff',
  'application/pdf',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.*',
  'application/vnd.oasis.opendocument.*',
  'application/rtf',
  'application/zip',
  'application/x-zip-compressed',
  'application/x-rar-compressed',
  'application/vnd.rar',
  'application/x-7z-compressed',
  'text/plain',
  'text/csv',
  'audio/*',
  'video/*',
];

/** Refused even where a pattern above would match: types a browser runs as a document or script. */
export const UPLOAD_DENIED_TYPES: readonly string[] = [
  'text/html',
  'application/xhtml+xml',
  'image/svg+xml',
  'application/xml',
  'text/xml',
  'text/javascript',
  'application/javascript',
  'application/x-javascript',
  'application/ecmascript',
  'application/x-shockwave-flash',
];

/** `upload.config.security` of config/plugins.ts. */
export const UPLOAD_SECURITY = { allowedTypes: [...UPLOAD_ALLOWED_TYPES], deniedTypes: [...UPLOAD_DENIED_TYPES] };

/** Extensions a browser displays without running anything: served inline, everything else as a download. */
const INLINE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.gif', '.webp', '.avif', '.bmp', '.pdf', '.mp3', '.ogg', '.wav', '.mp4', '.webm']);

/** The lower-case extension of a URL path, '' when it has none or does not decode. */
function extensionOf(urlPath: string): string {
  try {
    return path.extname(decodeURIComponent(urlPath)).toLowerCase();
  } catch {
    return '';
  }
}

/** The sandboxing headers of one `/uploads/` path (an object of header name → value). */
export function uploadHeadersFor(urlPath: string): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'",
    'X-Content-Type-Options': 'nosniff',
  };
  const ext = extensionOf(urlPath);
  if (!INLINE_EXTENSIONS.has(ext)) headers['Content-Disposition'] = 'attachment';
  return headers;
}

/** Koa middleware (config/middlewares.ts): sandboxing headers on every answer under /uploads/. */
export default () =>
  async function uploadHeaders(ctx: { path: string; set(name: string, value: string): void }, next: () => Promise<void>) {
    await next();
    if (ctx.path.startsWith('/uploads/') || ctx.path === '/uploads') {
      for (const [k, v] of Object.entries(uploadHeadersFor(ctx.path))) ctx.set(k, v);
    }
  };
