/**
 * Server entry of the renderer's build (adapter.mjs): exports Astro's `App` over the build's
 * manifest, which the renderer (renderer.ts) loads once and asks to render one page at a time.
 * Not a web server: nothing here listens.
 *
 * It also exports `handler(req, res, next)`, the publisher's hand-off for the on-demand routes
 * that are not pages of src/pages — the draft preview `/xem-truoc/…`, present when the build
 * includes site/publisher/preview-integration.mjs (server-build.mjs with `RENDERER_PREVIEW=1`).
 * Any other URL goes to `next()`: a page URL is never rendered here on demand (every page route
 * of this build is on demand, and without the renderer's props it would render wrongly).
 */
import { createApp } from 'astro/app/entrypoint';
import { createRequestFromNodeRequest, writeResponse } from 'astro/app/node';

/** The build's App (non-streaming: a page is rendered into one string). */
export const app = createApp({ streaming: false });

/** The only on-demand prefix served to readers (shared/src/publishing.ts, PREVIEW_PATH). */
const PREVIEW_PATH = '/xem-truoc/';

/**
 * Node request handler of the preview route (the publisher's live-release.ts loads it like
 * @astrojs/node's middleware handler). GET/HEAD only; answers 500 when the route throws.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {() => void} next
 */
export async function handler(req, res, next) {
  if (!(req.url ?? '').startsWith(PREVIEW_PATH)) return next();
  let request;
  try {
    request = createRequestFromNodeRequest(req, { skipBody: true });
  } catch {
    res.statusCode = 400;
    res.end();
    return;
  }
  const routeData = app.match(request);
  if (!routeData || routeData.component.startsWith('src/pages/')) return next();
  try {
    await writeResponse(await app.render(request, { routeData }), res);
  } catch (err) {
    console.error(`renderer: preview ${req.url}: ${err?.stack ?? err}`);
    if (!res.headersSent) {
      res.statusCode = 500;
      res.end();
    } else res.destroy();
  }
}
