/**
 * Child process of the publisher: one Astro build of the site, then exit (0 = success).
 * Adds to the site's own config: the @astrojs/node adapter (middleware mode) and the preview
 * integration (the on-demand route `/xem-truoc/…`), so the release has `client/` (static files)
 * and `server/` (the preview's server code, loaded by the publisher).
 * A separate process per build keeps the publisher's memory flat and gives every build fresh
 * data (the site memoises its CMS load per process).
 *
 * Env (set by builder.ts): PUBLISHER_SITE_ROOT, SITE_OUT_DIR, SITE_CACHE_DIR,
 * PUBLISHER_INCREMENTAL (1/0), PUBLISHER_FORCE (1 = ignore the incremental cache), plus the
 * site's own (CMS_URL, CMS_TOKEN, …).
 */
import { build } from 'astro';
import node from '@astrojs/node';
import previewIntegration from './preview-integration.mjs';

// A warm worker (PUBLISHER_WARM=1, spawned ahead of time with an IPC channel) has loaded Astro
// already and waits for the build's environment; this saves the start-up time from the
// publish-to-live latency.
if (process.env.PUBLISHER_WARM === '1' && typeof process.send === 'function') {
  await import('vite');
  const msg = await new Promise((resolve) => {
    process.once('message', resolve);
    process.once('disconnect', () => process.exit(0));
  });
  Object.assign(process.env, msg?.env ?? {});
  process.removeAllListeners('disconnect');
  process.disconnect();
}

const root = process.env.PUBLISHER_SITE_ROOT;
const outDir = process.env.SITE_OUT_DIR;
const cacheDir = process.env.SITE_CACHE_DIR;
if (!root || !outDir || !cacheDir) {
  console.error('astro-build: PUBLISHER_SITE_ROOT, SITE_OUT_DIR and SITE_CACHE_DIR are required');
  process.exit(2);
}

try {
  await build({
    root,
    outDir,
    cacheDir,
    logLevel: 'info',
    force: process.env.PUBLISHER_FORCE === '1',
    experimental: { incrementalBuild: process.env.PUBLISHER_INCREMENTAL !== '0' },
    // the on-demand draft preview: server code in <outDir>/server, static files in <outDir>/client
    adapter: node({ mode: 'middleware' }),
    integrations: [previewIntegration()],
  });
  process.exit(0);
} catch (err) {
  console.error(`astro-build: ${err?.stack ?? err}`);
  process.exit(1);
}
