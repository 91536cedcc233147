/**
 * Child process: the renderer's server build of the site (adapter.mjs) into SITE_OUT_DIR
 * (`client/`: the assets, `server/`: the App), then exit (0 = success). Same config as the
 * static build otherwise, so the `/_astro/*` asset names match (one stylesheet).
 *
 * Env: PUBLISHER_SITE_ROOT (site/), SITE_OUT_DIR, SITE_CACHE_DIR, plus the site's own
 * (SITE_URL must be the static build's, it is in the pages). `RENDERER_PREVIEW=1` adds the draft
 * preview route (site/publisher/preview-integration.mjs), served by entry.mjs's `handler` — the
 * publisher's releases made by the renderer are built so.
 */
import { build } from 'astro';
import rendererIntegration from './adapter.mjs';
import previewIntegration from '../publisher/preview-integration.mjs';

const root = process.env.PUBLISHER_SITE_ROOT;
const outDir = process.env.SITE_OUT_DIR;
const cacheDir = process.env.SITE_CACHE_DIR;
if (!root || !outDir || !cacheDir) {
  console.error('server-build: PUBLISHER_SITE_ROOT, SITE_OUT_DIR and SITE_CACHE_DIR are required');
  process.exit(2);
}
// started by the publisher with an IPC channel: its end means the publisher is gone
if (process.send) process.on('disconnect', () => process.exit(1));
try {
  await build({
    root,
    outDir,
    cacheDir,
    logLevel: 'error',
    experimental: { incrementalBuild: false },
    adapter: rendererIntegration(),
    ...(process.env.RENDERER_PREVIEW === '1' ? { integrations: [previewIntegration()] } : {}),
  });
  process.exit(0);
} catch (err) {
  console.error(`server-build: ${err?.stack ?? err}`);
  process.exit(1);
}
