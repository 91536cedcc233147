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

// Restore unchanged pages from the incremental cache as hard links instead of copies: Astro
// empties outDir and copies every cached page into it on each build, which at 10,000+ pages costs
// more than rendering the few changed ones. A hard link costs one syscall, and the releases then
// share the unchanged pages' files with the cache (disk), keeping their mtime (stable ETags).
// Safe because cache files are then never modified in place: writes into the cache go to a new
// file renamed over the old one, so a release linked to the old file keeps its content.
// Enabled for the Astro versions this was checked against (7.3: `restoreOutputFile` uses
// fs.promises.copyFile, `writeOutputFile` fs.promises.writeFile); otherwise pages are copied.
if (process.env.PUBLISHER_LINK_RESTORE !== '0') {
  const { createRequire } = await import('node:module');
  const astroVersion = createRequire(import.meta.url)('astro/package.json').version;
  if (/^7\.3\./.test(astroVersion)) {
    const fs = (await import('node:fs')).default;
    const path = await import('node:path');
    const { fileURLToPath } = await import('node:url');
    const cacheDist = path.resolve(cacheDir, 'dist') + path.sep;
    const asPath = (p) => (p instanceof URL ? fileURLToPath(p) : typeof p === 'string' ? p : null);
    const inCache = (p) => {
      const f = asPath(p);
      return f !== null && path.resolve(f).startsWith(cacheDist);
    };
    const copyFile = fs.promises.copyFile.bind(fs.promises);
    const writeFile = fs.promises.writeFile.bind(fs.promises);
    let tmpN = 0;
    fs.promises.copyFile = async (src, dest, mode) => {
      if (inCache(src) && !inCache(dest)) {
        try {
          await fs.promises.link(src, dest);
          return;
        } catch (err) {
          if (err?.code === 'EEXIST') {
            await fs.promises.rm(dest, { force: true });
            return copyFile(src, dest, mode);
          }
          // EXDEV (another filesystem), EPERM…: copy
        }
      }
      return copyFile(src, dest, mode);
    };
    fs.promises.writeFile = async (file, data, options) => {
      if (!inCache(file)) return writeFile(file, data, options);
      const target = asPath(file);
      const tmp = `${target}.${process.pid}.${++tmpN}.tmp`;
      await writeFile(tmp, data, options);
      await fs.promises.rename(tmp, target);
    };
  }
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
