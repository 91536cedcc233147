/**
 * Child process of the publisher (derived.ts): writes the search documents (`search-docs.json`,
 * src/integrations/search-docs.ts, loaded by the publisher's search index) and — for a release
 * without a sitemap of its own (made by `astro build`) — `sitemap.xml` of one release into a
 * folder, then exits. Runs at the lowest CPU priority (set by the parent)
 * so a publish build is never slowed down by it.
 *
 * Usage: `node --import tsx derive-worker.ts <webRoot> <outDir> <siteUrl>`; prints one line of
 * JSON `{"sitemapPages":n|null,"searchPages":n}` on success (null: the release has its own sitemap); exit code 1 with the error on stderr.
 */
import fs from 'node:fs';
import path from 'node:path';
import { precompressTree } from './precompress.js';
import { writeSitemap } from '../src/integrations/post-build.js';
import { writeSearchDocs } from '../src/integrations/search-docs.js';
import { DERIVED_SEARCH_DOCS } from './derived.js';

const [webRoot, outDir, site] = process.argv.slice(2);
if (!webRoot || !outDir || !site) {
  console.error('usage: derive-worker.ts <webRoot> <outDir> <siteUrl>');
  process.exit(2);
}
try {
  // a release made by the renderer carries its own sitemap, kept up to date per publish
  // (site/renderer/service.ts): only a release without one (astro build) needs it made here
  const own = fs.existsSync(path.join(webRoot, 'sitemap.xml'));
  const sitemapPages = own ? null : await writeSitemap(webRoot, site, outDir);
  // brotli/gzip copies of the sitemap (static.ts serves it); the search documents are read by
  // the publisher only, never sent: written after, so not compressed
  precompressTree(outDir);
  const searchPages = await writeSearchDocs(webRoot, path.join(outDir, DERIVED_SEARCH_DOCS));
  console.log(JSON.stringify({ sitemapPages, searchPages }));
  process.exit(0);
} catch (err) {
  console.error((err as Error)?.stack ?? String(err));
  process.exit(1);
}
