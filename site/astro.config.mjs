// @ts-check
/**
 * The public site: every page prerendered from the CMS at build time (output: 'static').
 * Env: CMS_URL / CMS_TOKEN / MEDIA_BASE_URL (src/lib/cms.ts), SITE_URL (canonical origin),
 * SITE_OUT_DIR (output folder, default ./dist; `astro build --outDir` also works),
 * SITE_CACHE_DIR (Astro's cache, holding the incremental-build manifest and page copies).
 * After the build, src/integrations/post-build.ts writes sitemap.xml, robots.txt and the
 * search documents (.search/docs.json, loaded by the publisher's search) into the output.
 * CSS is transformed and minified by Lightning CSS for the browsers of site/package.json's
 * `browserslist` (old Android WebViews included: src/integrations/css-targets.ts).
 */
import { defineConfig } from 'astro/config';
import postBuild from './src/integrations/post-build.ts';
import { lightningcssTargets, viteCssTarget } from './src/integrations/css-targets.ts';

export default defineConfig({
  output: 'static',
  site: process.env.SITE_URL || 'http://127.0.0.1:4321',
  trailingSlash: 'always',
  outDir: process.env.SITE_OUT_DIR || './dist',
  cacheDir: process.env.SITE_CACHE_DIR || './node_modules/.astro',
  build: {
    format: 'directory',
    // one stylesheet file, cached by browsers, instead of CSS inlined in every page
    inlineStylesheets: 'never',
    // incremental builds need sequential page generation
    concurrency: 1,
  },
  devToolbar: { enabled: false },
  integrations: [postBuild()],
  vite: {
    css: { transformer: 'lightningcss', lightningcss: { targets: lightningcssTargets() } },
    build: {
      // the minifier's own targets (Vite does not pass css.lightningcss.targets to it)
      cssTarget: viteCssTarget(),
      cssMinify: 'lightningcss',
      rollupOptions: {
        output: {
          // the stylesheet would be named after the first route using it ("[...home]" → "_..")
          assetFileNames: (asset) => (asset.names?.some((n) => n.endsWith('.css')) ? '_astro/site.[hash][extname]' : '_astro/[name].[hash][extname]'),
        },
      },
    },
  },
  experimental: {
    // pages whose getStaticPaths() cacheKey and code are unchanged are copied from the last build
    incrementalBuild: true,
  },
});
