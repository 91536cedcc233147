/**
 * Marks every preview response (paths under `/xem-truoc/`): `noindex` in a robots meta tag and
 * an `X-Robots-Tag` header, a visible "Bản xem trước" banner at the top of the page, no caching,
 * no referrer (the URL carries a signature), and framing allowed for the CMS admin only (Strapi
 * shows the preview in an iframe). Other paths pass untouched (this also runs while
 * prerendering the public pages).
 */
import { defineMiddleware } from 'astro:middleware';
import { PREVIEW_PATH } from '@cong/shared';

export const PREVIEW_BANNER =
  '<div class="cong-preview-banner" role="status" style="position:sticky;top:0;z-index:1000;margin:0;padding:.6rem 1rem;' +
  'background:#ffd200;color:#1b1b1b;border-bottom:3px solid #b58900;font:600 1rem/1.4 system-ui,sans-serif;text-align:center">' +
  'Bản xem trước — nội dung chưa được đăng công khai, chỉ dùng để kiểm tra trước khi đăng.</div>';

function frameAncestors(): string {
  const origins = ["'self'"];
  for (const v of [process.env.CMS_PUBLIC_URL, process.env.CMS_URL]) {
    try {
      if (v) origins.push(new URL(v).origin);
    } catch {
      /* ignore a malformed URL */
    }
  }
  return [...new Set(origins)].join(' ');
}

export const onRequest = defineMiddleware(async (context, next) => {
  if (!context.url.pathname.startsWith(PREVIEW_PATH)) return next();
  const res = await next();
  const headers = new Headers(res.headers);
  headers.set('X-Robots-Tag', 'noindex, nofollow, noarchive');
  headers.set('Cache-Control', 'private, no-store');
  headers.set('Referrer-Policy', 'no-referrer');
  headers.set('Content-Security-Policy', `frame-ancestors ${frameAncestors()}`);
  if (!(headers.get('content-type') ?? '').includes('text/html')) return new Response(res.body, { status: res.status, headers });
  let html = await res.text();
  const meta = '<meta name="robots" content="noindex, nofollow, noarchive">';
  html = /<\/head>/i.test(html) ? html.replace(/<\/head>/i, `${meta}</head>`) : meta + html;
  html = /<body[^>]*>/i.test(html) ? html.replace(/<body([^>]*)>/i, `<body$1>${PREVIEW_BANNER}`) : PREVIEW_BANNER + html;
  headers.delete('content-length');
  return new Response(html, { status: res.status, headers });
});
