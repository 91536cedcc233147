/**
 * Astro integration of the renderer's server build (issue 12, ADR 0013): the same pages as the
 * static build, but every page route of src/pages is rendered on demand (`prerender: false`), and
 * the server entry (entry.mjs) exports Astro's `App` instead of starting a server. The renderer
 * (renderer.ts) loads that App once in a long-running child process and renders the pages a
 * publish changed, with the props it got from each page's own `getStaticPaths()`
 * (`Astro.locals.pageProps`, see docs/contributing.md).
 *
 * Only the publisher's renderer builds use it; a plain `astro build` of the site is unchanged.
 */

/** @returns {import('astro').AstroIntegration} */
export default function rendererIntegration() {
  return {
    name: 'cong-renderer',
    hooks: {
      'astro:route:setup': ({ route }) => {
        if (route.component.startsWith('src/pages/')) route.prerender = false;
      },
      'astro:config:done': ({ setAdapter }) => {
        setAdapter({
          name: 'cong-renderer',
          entrypointResolution: 'auto',
          serverEntrypoint: new URL('./entry.mjs', import.meta.url),
          adapterFeatures: { buildOutput: 'server' },
          supportedAstroFeatures: { serverOutput: 'stable', staticOutput: 'stable', hybridOutput: 'stable', sharpImageService: 'stable' },
        });
      },
    },
  };
}
