/**
 * Astro integration the publisher adds to its builds (astro-build.mjs): the on-demand draft
 * preview route `/xem-truoc/<type>/<documentId>/` (`prerender: false`, served by the publisher
 * through @astrojs/node's middleware handler) and the middleware that marks preview responses
 * (noindex, the "Bản xem trước" banner, no caching, framable only by the CMS).
 *
 * Injected rather than placed in src/pages so that a plain `astro build` of the site stays fully
 * static (no adapter, no server output).
 */
import { PREVIEW_PATH } from '@cong/shared';

/** @returns {import('astro').AstroIntegration} */
export default function previewIntegration() {
  return {
    name: 'cong-preview',
    hooks: {
      'astro:config:setup': ({ injectRoute, addMiddleware }) => {
        injectRoute({
          pattern: `${PREVIEW_PATH}[...path]`,
          entrypoint: new URL('./preview/Preview.astro', import.meta.url),
          prerender: false,
        });
        addMiddleware({ entrypoint: new URL('./preview/middleware.ts', import.meta.url), order: 'pre' });
      },
    },
  };
}
