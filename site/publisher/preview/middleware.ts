/**
 * Marks every preview response (paths under `/xem-truoc/`): `noindex` in a robots meta tag and
 * an `X-Robots-Tag` header, a visible "Bản xem trước" banner at the top of the page (styled by
 * the site's stylesheet: the CSP allows no inline style), no caching, no referrer (the URL
 * carries a signature), and the portal's security headers (security-headers.ts) with framing
 * allowed for the CMS admin only (Strapi shows the preview in an iframe). Other paths pass
 * untouched (this also runs while prerendering the public pages).
 */
import { defineMiddleware } from 'astro:middleware';
import { PREVIEW_PATH } from '@cong/shared';
import { previewFrameAncestors, securityHeaders } from '../security-headers';

/** The banner on top of every preview page (styles: `.cong-preview-banner` in site.css). */
export const PREVIEW_BANNER =
  '<div class="cong-preview-banner" role="status">Bản xem trước — nội dung chưa được đăng công khai, chỉ dùng để kiểm tra trước khi đăng.</div>';

export const onRequest = defineMiddleware(async (context, next) => {
  if (!context.url.pathname.startsWith(PREVIEW_PATH)) return next();
  const res = await next();
  const headers = new Headers(res.headers);
  for (const [k, v] of Object.entries(securityHeaders({ frameAncestors: previewFrameAncestors() }))) headers.set(k, v);
  headers.set('X-Robots-Tag', 'noindex, nofollow, noarchive');
  headers.set('Cache-Control', 'private, no-store');
  headers.set('Referrer-Policy', 'no-referrer');
  if (!(headers.get('content-type') ?? '').includes('text/html')) return new Response(res.body, { status: res.status, headers });
  let html = await res.text();
  const meta = '<meta name="robots" content="noindex, nofollow, noarchive">';
  html = /<\/head>/i.test(html) ? html.replace(/<\/head>/i, `${meta}</head>`) : meta + html;
  html = /<body[^>]*>/i.test(html) ? html.replace(/<body([^>]*)>/i, `<body$1>${PREVIEW_BANNER}`) : PREVIEW_BANNER + html;
  headers.delete('content-length');
  return new Response(html, { status: res.status, headers });
});
