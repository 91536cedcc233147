/**
 * Child process of the publisher (derived.ts): writes `sitemap.xml` and the Pagefind search
 * index of one release into a folder, then exits. Runs at the lowest CPU priority (set by the
 * parent, inherited by the Pagefind binary it starts) so a publish build is never slowed down by
 * it.
 *
 * Usage: `node --import tsx derive-worker.ts <webRoot> <outDir> <siteUrl>`; prints one line of
 * JSON `{"sitemapPages":n,"searchPages":n}` on success; exit code 1 with the error on stderr.
 */
import path from 'node:path';
import { precompressTree } from './precompress.js';
import { writeSearchIndex, writeSitemap } from '../src/integrations/post-build.js';

const [webRoot, outDir, site] = process.argv.slice(2);
if (!webRoot || !outDir || !site) {
  console.error('usage: derive-worker.ts <webRoot> <outDir> <siteUrl>');
  process.exit(2);
}
try {
  const sitemapPages = await writeSitemap(webRoot, site, outDir);
  const searchPages = await writeSearchIndex(webRoot, path.join(outDir, 'pagefind'));
  // brotli/gzip copies of the sitemap and Pagefind's entry file and scripts (static.ts serves them)
  precompressTree(outDir);
  console.log(JSON.stringify({ sitemapPages, searchPages }));
  process.exit(0);
} catch (err) {
  console.error((err as Error)?.stack ?? String(err));
  process.exit(1);
}
