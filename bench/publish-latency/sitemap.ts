/**
 * What rewriting the sitemap costs a content publish (issue 12, ADR 0022): at `N` URLs (default
 * 15,000, the benchmark corpus), the one serialisation a publish that changed an entry pays —
 * `sitemapXml` (site/src/integrations/post-build.ts) against the `sitemap` package's stream it
 * replaced (same text) — its brotli/gzip copies (`compressCopies`), and reading the entries back
 * from the file (`parseSitemapXml`, once per renderer process). Median of 7 runs each, ms.
 *
 * Usage: `npx tsx bench/publish-latency/sitemap.ts [N]`
 */
import { Readable } from 'node:stream';
import os from 'node:os';
import { SitemapStream, streamToPromise } from 'sitemap';
import { parseSitemapXml, sitemapXml } from '../../site/src/integrations/post-build.js';
import { compressCopies } from '../../site/publisher/precompress.js';

const n = Number(process.argv[2]) || 15_000;
const site = 'https://laocai.gov.vn';
const kinds = ['tin-tuc', 'van-ban', 'thu-tuc-hanh-chinh', 'hoi-dap', 'co-quan/so-y-te/tin-tuc/trang'];
const entries = Array.from({ length: n }, (_, i) => ({
  path: `/${kinds[i % kinds.length]}/muc-so-${i}-ve-le-hoi-mua-xuan-sa-pa/`,
  lastmod: i % 3 ? '2026-11-30T01:02:03.000Z' : null,
}));

async function viaPackage(): Promise<string> {
  const rows = [...entries]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((e) => ({ url: new URL(e.path, site).href, ...(e.lastmod ? { lastmod: e.lastmod.slice(0, 10) } : {}) }));
  const stream = new SitemapStream({ lastmodDateOnly: true, xmlns: { news: false, xhtml: false, image: false, video: false } });
  return `${(await streamToPromise(Readable.from(rows).pipe(stream))).toString('utf8')}\n`;
}

async function median(f: () => unknown): Promise<number> {
  const t: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    await f();
    t.push(performance.now() - t0);
  }
  return t.sort((a, b) => a - b)[3];
}

const xml = await sitemapXml(entries, site);
if (xml !== (await viaPackage())) throw new Error('sitemapXml and the sitemap package differ');
const { br, gz } = compressCopies('sitemap.xml', Buffer.from(xml));
const rows = [
  ['sitemapXml (one string)', await median(() => sitemapXml(entries, site))],
  ['the sitemap package (stream), same text', await median(viaPackage)],
  ['brotli 5 + gzip 9 copies', await median(() => compressCopies('sitemap.xml', Buffer.from(xml)))],
  ['parseSitemapXml (a new renderer process)', await median(() => parseSitemapXml(xml, site))],
] as const;
console.log(
  `${n} URLs, sitemap ${(xml.length / 1e6).toFixed(2)} MB (br ${br?.length ?? 0} B, gz ${gz?.length ?? 0} B); load average ${os.loadavg()[0].toFixed(1)}`,
);
console.log('| step | median ms |\n|---|---:|');
for (const [what, ms] of rows) console.log(`| ${what} | ${ms.toFixed(0)} |`);
