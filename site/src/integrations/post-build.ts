/**
 * What the site writes after Astro has built its pages (the `astro:build:done` hook of
 * {@link postBuild}, registered in astro.config.mjs), from the output folder itself — so it
 * covers every page, rendered or restored from the incremental cache, and ends up inside the
 * output (a publisher release folder included):
 *
 * - `/sitemap.xml`: every HTML page but the 404 page and pages marked `noindex`, with its last
 *   change (`article:modified_time` / `og:updated_time` of the page) when it has one;
 * - `/robots.txt`: everything allowed but the search results and the draft preview, and the
 *   sitemap's address;
 * - `.search/docs.json`: the search documents of the pages marked `data-search` (BaseLayout's
 *   `search` prop; search-docs.ts), which the publisher's search loads (site/publisher/search.ts,
 *   ADR 0018). A dot folder: never served as a file.
 *
 * The site's origin is Astro's `site` (`SITE_URL`).
 *
 * Under the publisher (`SITE_SITEMAP_AND_SEARCH=publisher`) the build writes robots.txt only:
 * the sitemap and the search documents cover every page (~20–45 s at 12,000 pages), so the publisher
 * writes them after the release is live (site/publisher/derived.ts) instead of holding up a
 * publish — the new page is served at once, search and sitemap follow within a minute.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { routes } from '@cong/shared';
import { SEARCH_DOCS_FILE, writeSearchDocs } from './search-docs';

/** One page of the sitemap. */
export interface SitemapEntry {
  /** site-relative path, e.g. `/van-ban/07-2006-qd-ubnd/` */
  path: string;
  /** last change, ISO date or date-time */
  lastmod?: string | null;
}

/** Paths (site-relative) crawlers should not fetch: the search results and the draft preview. */
export const ROBOTS_DISALLOW = ['/tim-kiem/', '/xem-truoc/'];

/** Characters XML 1.0 does not allow, removed from text (as the `sitemap` package does). */
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uD800-\uDFFF\p{NChar}]/gu;

/** A path `new URL()` leaves as it is (no character to encode)… */
const PLAIN_PATH = /^\/[A-Za-z0-9\-._~/]*$/;
/** …unless it has a `.` or `..` segment (resolved away by URL). */
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/;

/**
 * A sitemap (sitemaps.org 0.9) of `entries`: absolute URLs on `site`, sorted by path; `lastmod`
 * is cut to its date (`YYYY-MM-DD`) and left out when missing or malformed. Pages marked noindex
 * never reach it (`sitemapEntryOf`).
 *
 * The text is the `sitemap` package's (`SitemapStream` with `lastmodDateOnly`, no extra
 * namespaces), byte for byte — post-build.test.ts checks it against the package — written as one
 * string: the package's stream took 0.35–0.65 s for 15,000 URLs on the shared 2-core machine,
 * this 0.04–0.26 s, which matters now that each content publish rewrites the sitemap
 * (site/renderer/service.ts).
 * @throws {Error} when `entries` is empty (as the package: a sitemap lists at least one URL)
 */
export async function sitemapXml(entries: readonly SitemapEntry[], site: string | URL): Promise<string> {
  if (!entries.length) throw new Error('EmptySitemap: a sitemap lists at least one URL');
  const origin = new URL(site).origin;
  const rows = ROW_MEMO.for(String(site));
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  let text = '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">';
  for (const e of sorted) {
    // the path's length first: no path and lastmod can make another entry's key (red-team F19)
    const memoKey = `${e.path.length}:${e.path}${e.lastmod ?? ''}`;
    let row = rows.get(memoKey);
    if (row === undefined) {
      row = sitemapRow(e, site, origin);
      rows.set(memoKey, row);
    }
    text += row;
  }
  return `${text}</urlset>\n`;
}

/** One `<url>` of {@link sitemapXml}. */
function sitemapRow(e: SitemapEntry, site: string | URL, origin: string): string {
  const day = /^(\d{4}-\d{2}-\d{2})/.exec(e.lastmod ?? '')?.[1];
  // a plain path (the site's slugs) is its own URL path; anything else goes through URL
  const href = PLAIN_PATH.test(e.path) && !DOT_SEGMENT.test(e.path) ? origin + e.path : new URL(e.path, site).href;
  const loc = href.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(INVALID_XML, '');
  const lastmod = day && !Number.isNaN(Date.parse(day)) ? `<lastmod>${new Date(day).toISOString().slice(0, 10)}</lastmod>` : '';
  return `<url><loc>${loc}</loc>${lastmod}</url>`;
}

/**
 * The rows {@link sitemapXml} wrote, per site and (path, lastmod): a content publish rewrites the
 * sitemap with a handful of changed entries, and making each of 15,000 rows again (URL, escaping,
 * date) was most of the 50–100 ms the serialisation took per publish (session 7). Bounded: past
 * {@link ROW_MEMO_MAX} rows (pages renamed over a long-running process) it starts again.
 */
const ROW_MEMO_MAX = 200_000;
const ROW_MEMO = {
  site: '',
  rows: new Map<string, string>(),
  for(site: string): Map<string, string> {
    if (site !== this.site || this.rows.size > ROW_MEMO_MAX) {
      this.site = site;
      this.rows = new Map();
    }
    return this.rows;
  },
};

/** robots.txt: everything allowed except {@link ROBOTS_DISALLOW}, and the sitemap's absolute URL. */
export function robotsTxt(site: string | URL): string {
  return ['User-agent: *', ...ROBOTS_DISALLOW.map((p) => `Disallow: ${p}`), 'Allow: /', '', `Sitemap: ${new URL(routes.sitemap(), site).href}`, ''].join('\n');
}

/** Every `.html` file under `dir` (recursive), as paths relative to `dir` with `/` separators. */
export function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const d of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) {
        if (r !== '_astro' && !d.name.startsWith('.')) walk(r);
      } else if (d.name.endsWith('.html')) out.push(r);
    }
  };
  walk('');
  return out.sort();
}

/** The site-relative path a built HTML file has in the sitemap (`van-ban/x/index.html` → `/van-ban/x/`). */
export function sitemapPathOf(file: string): string {
  return `/${file.replace(/(^|\/)index\.html$/, '$1')}`;
}

const XML_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

/**
 * The entries of a sitemap written by {@link sitemapXml} for `site` (the inverse, for a writer
 * that keeps the sitemap up to date page by page: site/renderer/service.ts), or `null` when the
 * text is not such a sitemap (a URL on another origin, an unreadable `<loc>`). `lastmod` comes
 * back as the day written. A caller that must be exact checks that {@link sitemapXml} of the
 * result gives the same text again.
 */
export function parseSitemapXml(xml: string, site: string | URL): SitemapEntry[] | null {
  if (!xml.includes('<urlset')) return null;
  const origin = new URL(site).origin;
  const out: SitemapEntry[] = [];
  for (const m of xml.matchAll(/<url><loc>([^<]*)<\/loc>(?:<lastmod>([^<]*)<\/lastmod>)?<\/url>/g)) {
    let url: URL;
    try {
      url = new URL(m[1].replace(/&(?:amp|lt|gt|quot|apos);/g, (e) => XML_ENTITIES[e]));
    } catch {
      return null;
    }
    if (url.origin !== origin) return null;
    let pagePath = url.pathname;
    try {
      pagePath = decodeURI(pagePath);
    } catch {
      /* kept encoded */
    }
    out.push({ path: pagePath + url.search, lastmod: m[2] ?? null });
  }
  return out;
}

/**
 * The sitemap entry of a built HTML file, or `null` when it does not belong in the sitemap
 * (the 404 page, a page with `<meta name="robots" content="noindex">`).
 *
 * @param file path relative to the output folder (`van-ban/x/index.html`)
 * @param html the file's content
 */
export function sitemapEntryOf(file: string, html: string): SitemapEntry | null {
  if (file === '404.html' || file.endsWith('/404.html')) return null;
  if (/<meta\s+name="robots"\s+content="[^"]*noindex/i.test(html)) return null;
  const pagePath = sitemapPathOf(file);
  const lastmod = /<meta\s+property="(?:article:modified_time|og:updated_time)"\s+content="([^"]+)"/i.exec(html)?.[1] ?? null;
  return { path: pagePath, lastmod };
}

/**
 * Reads the sitemap entries of every HTML page under `dir` (asynchronously, `concurrency` files
 * at a time, so a server running it keeps answering requests).
 */
export async function collectSitemapEntries(dir: string, concurrency = 32): Promise<SitemapEntry[]> {
  const files = htmlFiles(dir);
  const out: (SitemapEntry | null)[] = new Array(files.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      out[i] = sitemapEntryOf(files[i], await fs.promises.readFile(path.join(dir, files[i]), 'utf8'));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  return out.filter((e): e is SitemapEntry => e !== null);
}

/**
 * Writes `sitemap.xml` of the pages under `pagesDir` into `outDir` (default: the same folder);
 * returns the number of pages in the sitemap.
 */
export async function writeSitemap(pagesDir: string, site: string | URL, outDir = pagesDir): Promise<number> {
  const entries = await collectSitemapEntries(pagesDir);
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, routes.sitemap().slice(1)), await sitemapXml(entries, site));
  return entries.length;
}

/** Writes robots.txt into `dir`. */
export function writeRobots(dir: string, site: string | URL): void {
  fs.writeFileSync(path.join(dir, routes.robots().slice(1)), robotsTxt(site));
}

/**
 * The Astro integration: after the build, writes the sitemap, robots.txt and the search documents
 * into the folder of the static files (`dir` of `astro:build:done`: the output folder, or its
 * `client/` part when an adapter builds server code too).
 */
export default function postBuild(): AstroIntegration {
  let site: URL | string = 'http://127.0.0.1:4321/';
  return {
    name: 'cong-post-build',
    hooks: {
      'astro:config:done': ({ config }) => {
        if (config.site) site = config.site;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const t0 = Date.now();
        writeRobots(out, site);
        if (process.env.SITE_SITEMAP_AND_SEARCH === 'publisher') {
          logger.info('robots.txt; sitemap.xml and the search documents are left to the publisher (after the release is live)');
          return;
        }
        const pages = await writeSitemap(out, site);
        const indexed = await writeSearchDocs(out, path.join(out, SEARCH_DOCS_FILE));
        logger.info(`sitemap.xml (${pages} pages), robots.txt, search documents (${indexed} pages) in ${Date.now() - t0} ms`);
      },
    },
  };
}
