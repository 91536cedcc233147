/**
 * The search documents of a built site: one compact record per page marked for search
 * (BaseLayout's `search` prop → `<main data-search="<kind>">`), read back from the built HTML so
 * it covers exactly the pages of one release — nothing unpublished can reach it, because only
 * published pages are ever built. The publisher's in-memory index (site/publisher/search.ts,
 * MiniSearch) is made from these records; ADR 0018.
 *
 * Written as `.search/docs.json` into a plain build's output (a dot folder: the publisher's
 * static handler never serves dot files, and docs/reverse-proxy.md's nginx refuses them), and by
 * the publisher's derive worker next to the sitemap (`search-docs.json` of a derived
 * generation).
 */
import fs from 'node:fs';
import path from 'node:path';
import { htmlToText } from '../lib/fold';

/** One indexed page. */
export interface SearchDoc {
  /** site-relative URL, e.g. `/van-ban/07-2006-qd-ubnd/` */
  url: string;
  /** the page's `<h1>` (its `<title>` when it has none) */
  title: string;
  /** the kind shown on results ("Văn bản", "Thủ tục hành chính", …; BaseLayout's `search` prop) */
  kind: string;
  /** the agency the page belongs to (from its structured data), or null */
  agency: string | null;
  /** its date (`YYYY-MM-DD`: modified, else published), or null */
  date: string | null;
  /** language of its main text (`vi`, or the `lang` of an `<article>` in another language) */
  lang: string;
  /** the visible text of `<main>` (without the parts marked `data-search-ignore`), at most {@link TEXT_CAP} characters */
  text: string;
}

/**
 * Characters of a page's text kept in its search document: words past it are not found. Was
 * 3,000 (a long legal document or procedure was not findable by words further down, issue 13);
 * raised to a bound that keeps the index's memory and per-query CPU within ADR 0018's figures
 * (bench/search.ts, bench/README.md "search").
 */
export const TEXT_CAP = 10_000;

/** `text` cut to at most `cap` characters at a word boundary (as a search document keeps it). */
export function capText(text: string, cap = TEXT_CAP): string {
  return text.length > cap ? text.slice(0, cap).replace(/\s+\S*$/, '') : text;
}

/** Where a plain build writes the documents, relative to its output folder. */
export const SEARCH_DOCS_FILE = '.search/docs.json';

/**
 * Removes every element whose opening tag carries `data-search-ignore` (with what it holds),
 * counting nested elements of the same name. Works on the well-formed HTML Astro writes; not a
 * general HTML parser.
 */
export function dropIgnored(html: string): string {
  const open = /<([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*\sdata-search-ignore\b[^>]*>/g;
  let out = html;
  for (let guard = 0; guard < 1000; guard++) {
    open.lastIndex = 0;
    const m = open.exec(out);
    if (!m) break;
    const tag = m[1].toLowerCase();
    const tagRe = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi');
    tagRe.lastIndex = m.index + m[0].length;
    let depth = 1;
    let end = out.length;
    for (let t = tagRe.exec(out); t; t = tagRe.exec(out)) {
      depth += t[1] ? -1 : t[0].endsWith('/>') ? 0 : 1;
      if (depth === 0) {
        end = t.index + t[0].length;
        break;
      }
    }
    out = `${out.slice(0, m.index)} ${out.slice(end)}`;
  }
  return out;
}

const decode = (s: string) => htmlToText(s);

/** The agency named in a page's JSON-LD (source organisation, provider, issuing body), or null. */
function agencyOf(html: string): string | null {
  for (const m of html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) {
    try {
      const data = JSON.parse(m[1]) as Record<string, unknown>;
      const items = Array.isArray(data['@graph']) ? (data['@graph'] as Record<string, unknown>[]) : [data];
      for (const item of items) {
        for (const key of ['sourceOrganization', 'provider', 'legislationPassedBy']) {
          const v = item?.[key] as { name?: unknown } | null | undefined;
          if (v && typeof v.name === 'string' && v.name) return v.name;
        }
      }
    } catch {
      /* not ours to judge */
    }
  }
  return null;
}

/**
 * The search document of a built page, or `null` when the page is not marked for search (no
 * `data-search` on `<main>`) or is `noindex`.
 *
 * @param url the page's site-relative URL
 * @param html the built file's content
 */
export function searchDocOf(url: string, html: string): SearchDoc | null {
  const main = /<main\b([^>]*)>([\s\S]*)<\/main>/i.exec(html);
  if (!main) return null;
  const kindAttr = /\sdata-search="([^"]*)"/.exec(main[1]);
  if (!kindAttr) return null;
  if (/<meta\s+name="robots"\s+content="[^"]*noindex/i.test(html)) return null;
  const body = dropIgnored(main[2]);
  const h1 = /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(body)?.[1];
  const title = decode(h1 ?? /<title>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? url);
  const lang = /<article\b[^>]*\slang="([a-zA-Z-]+)"/.exec(body)?.[1]?.toLowerCase() ?? 'vi';
  const date =
    /<meta\s+property="(?:article:modified_time|og:updated_time)"\s+content="(\d{4}-\d{2}-\d{2})/i.exec(html)?.[1] ??
    /<meta\s+property="article:published_time"\s+content="(\d{4}-\d{2}-\d{2})/i.exec(html)?.[1] ??
    null;
  // the text without the title again (shown apart), cut at a word boundary
  const text = capText(decode(body.replace(/<h1\b[^>]*>[\s\S]*?<\/h1>/i, ' ')));
  return { url, title, kind: decode(kindAttr[1]), agency: agencyOf(html), date, lang, text };
}

/** Every `.html` file under `dir`, relative with `/`, leaving out `_astro/` and dot folders. */
function htmlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const d of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      if (d.name.startsWith('.')) continue;
      const r = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) {
        if (r !== '_astro') walk(r);
      } else if (d.name.endsWith('.html')) out.push(r);
    }
  };
  walk('');
  return out.sort();
}

/** The page URL of a built file: `van-ban/x/index.html` → `/van-ban/x/`. */
export function urlOfFile(file: string): string {
  return `/${file.replace(/(^|\/)index\.html$/, '$1')}`;
}

/** The built file of a page URL: `/van-ban/x/` → `van-ban/x/index.html`. */
export function fileOfUrl(url: string): string {
  return url.endsWith('/') ? `${url.slice(1)}index.html` : url.slice(1);
}

/**
 * Reads the search documents of every page under `dir` (`concurrency` files at a time, so a
 * process doing it keeps answering).
 */
export async function collectSearchDocs(dir: string, concurrency = 16): Promise<SearchDoc[]> {
  const files = htmlFilesUnder(dir);
  const out: (SearchDoc | null)[] = new Array(files.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      out[i] = searchDocOf(urlOfFile(files[i]), await fs.promises.readFile(path.join(dir, files[i]), 'utf8'));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  return out.filter((d): d is SearchDoc => d !== null);
}

/**
 * Writes the search documents of the pages under `pagesDir` to `outFile` (JSON array of
 * {@link SearchDoc}; written to a temporary name and renamed, so a reader never sees half a file).
 * @returns the number of pages written
 */
export async function writeSearchDocs(pagesDir: string, outFile: string): Promise<number> {
  const docs = await collectSearchDocs(pagesDir);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const tmp = `${outFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(docs));
  fs.renameSync(tmp, outFile);
  return docs.length;
}
