/**
 * Site search answered by the publisher (issue 13 point 2, ADR 0018): an in-memory MiniSearch
 * index of the live release's search documents (site/src/integrations/search-docs.ts), and the
 * server-side `GET /tim-kiem/?q=…[&trang=N]`, which fills the built `/tim-kiem/index.html` with
 * the results — search works with JavaScript off, and the browser downloads no index.
 *
 * Matching and ranking:
 * - words are matched folded (tone marks removed, `đ`/`Đ` → `d`, lower case): "lao cai",
 *   "dat dai" find "Lào Cai", "đất đai";
 * - every word is required first; when no page holds them all, the query is relaxed to any
 *   word and the page says so in Vietnamese, before ever saying "Không tìm thấy kết quả";
 * - BM25 (MiniSearch) on title (×3), kind, agency and text, then among the best
 *   {@link RERANK_WINDOW}: pages holding the words side by side (the phrase) first, pages
 *   holding the query's own accented words as typed ("đô thị" rather than "độ thị") next, and
 *   pages in another language (an English article's ASCII "Lao Cai") after Vietnamese ones.
 *
 * Bounded cost (one request cannot exhaust the server): the query is cut to {@link MAX_QUERY_CHARS}
 * characters and {@link MAX_TERMS} distinct words of at most {@link MAX_TERM_CHARS} characters;
 * no user-supplied pattern (no regex, no prefix or fuzzy expansion); at most {@link MAX_PAGES}
 * result pages of {@link PAGE_SIZE}; each search is timed (`Server-Timing: search;dur=…`).
 * BM25 scores the rare words only: a word on more than {@link COMMON_SHARE} of the pages is
 * required by a substring check of the candidates' folded text (made once, at index time), so a
 * query scores at most ~2 × pages postings whatever its words; the relaxed pass is capped the
 * same way ({@link RELAXED_MIN_BUDGET}); re-ranking and excerpts touch only the best
 * {@link RERANK_WINDOW} and the {@link PAGE_SIZE} shown. Each search is charged to a CPU budget
 * ({@link SearchBudget}): searches together take at most {@link SEARCH_CPU_SHARE} of a core,
 * beyond it they get 503 with `Retry-After` (red-team F13).
 *
 * Index life: {@link SearchIndex.load} builds a new index from a documents file and swaps it in
 * only when complete (the old one answers meanwhile: no gap); {@link SearchIndex.update} re-reads
 * just the pages named (the renderer's publishes: a page is searchable within seconds).
 */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { foldVietnamese } from '@cong/shared';
import { fileOfUrl, searchDocOf, TEXT_CAP, type SearchDoc } from '../src/integrations/search-docs.js';

/** Characters of `q` considered (the rest is ignored, and the page says so). */
export const MAX_QUERY_CHARS = 200;
/** Distinct words of a query considered. */
export const MAX_TERMS = 10;
/** A longer "word" is cut to this many characters (no Vietnamese word comes close). */
export const MAX_TERM_CHARS = 40;
/** Results per page. */
export const PAGE_SIZE = 10;
/** Result pages a query can reach (`trang` beyond this is the last one). */
export const MAX_PAGES = 50;
/** Results re-ranked by phrase, exact accents and language. */
export const RERANK_WINDOW = 200;
/**
 * A word on more than this share of the pages (and more than {@link COMMON_MIN_PAGES}) is
 * "common": it is not scored by BM25 (its weight is near zero there) but required by a check of
 * the candidates' folded text — the scoring cost of a query then grows with its rarest word, not
 * with the number of common words (Lucene's "common terms" query does the same).
 */
export const COMMON_SHARE = 0.1;
/** See {@link COMMON_SHARE}: below this many pages no word counts as common. */
export const COMMON_MIN_PAGES = 1000;
/**
 * The relaxed pass (any word) scores the words rarest first while their pages add up to at most
 * the number of pages indexed (at least one word always): a page holding only a word that is on
 * nearly every page is left out of the relaxed results.
 */
export const RELAXED_MIN_BUDGET = 2000;
/** Characters of an excerpt shown under a result. */
export const EXCERPT_CHARS = 220;
/**
 * How long incremental updates are kept to be replayed on a documents file read before them, ms
 * (a generation's documents take about a minute to read at 15,000 pages).
 */
export const UPDATE_LOG_MS = 60 * 60_000;

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower case, NFC, and the words of `text` (runs of letters and digits). */
function words(text: string): string[] {
  return text.normalize('NFC').toLowerCase().match(WORD) ?? [];
}

const ASCII = /^[\x00-\x7f]*$/;

const foldCache = new Map<string, string>();
/** Words kept in the folding cache (a Vietnamese text has a few thousand distinct syllables). */
const FOLD_CACHE_MAX = 50_000;

/**
 * {@link foldVietnamese} of one lower-case word: ASCII words as they are, the others through a
 * bounded cache (folding is NFD + regexes: the main cost of indexing without it).
 */
function foldWord(w: string): string {
  if (ASCII.test(w)) return w;
  let f = foldCache.get(w);
  if (f === undefined) {
    if (foldCache.size >= FOLD_CACHE_MAX) foldCache.clear();
    f = foldVietnamese(w);
    foldCache.set(w, f);
  }
  return f;
}

/** A query made safe to run: its words (folded and as typed) and what was cut. */
export interface ParsedQuery {
  /** the query as shown back (at most {@link MAX_QUERY_CHARS} characters, control characters removed) */
  display: string;
  /** distinct folded words, at most {@link MAX_TERMS} */
  terms: string[];
  /** the same words as typed (lower case), for the exact-accent preference */
  typed: string[];
  /** the query was longer than {@link MAX_QUERY_CHARS} or had more than {@link MAX_TERMS} words */
  cut: boolean;
}

/** Parses a raw `q` (any string: hostile input) into at most {@link MAX_TERMS} bounded words. */
export function parseQuery(raw: string): ParsedQuery {
  const clean = raw.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g, ' ');
  const display = [...clean].slice(0, MAX_QUERY_CHARS).join('').replace(/\s+/g, ' ').trim();
  let cut = [...clean].length > MAX_QUERY_CHARS;
  const terms: string[] = [];
  const typed: string[] = [];
  for (const w of words(display)) {
    const t = w.slice(0, MAX_TERM_CHARS);
    const f = foldVietnamese(t);
    if (!f || terms.includes(f)) continue;
    if (terms.length === MAX_TERMS) {
      cut = true;
      break;
    }
    terms.push(f);
    typed.push(t);
  }
  return { display, terms, typed, cut };
}

/** One result as shown. */
export interface SearchHit {
  doc: Omit<SearchDoc, 'text'>;
  /** the excerpt as HTML: escaped text, the query's words in `<mark>` */
  excerptHtml: string;
  score: number;
}

/** What a search answers. */
export interface SearchAnswer {
  query: ParsedQuery;
  /** results in all (before pagination; at most {@link MAX_PAGES} × {@link PAGE_SIZE} are reachable) */
  total: number;
  /** no page held every word: these hold at least one */
  relaxed: boolean;
  /** 1-based page shown, and the number of pages reachable */
  page: number;
  pages: number;
  hits: SearchHit[];
  /** time spent, ms */
  ms: number;
  /** the index is not loaded yet */
  notReady: boolean;
  /** searches are over their CPU budget: try again after this many seconds ({@link SearchBudget}) */
  busySeconds?: number;
}

/** A page of the index with its text prepared once, at index time, for the per-query checks. */
interface Entry {
  doc: SearchDoc;
  /** ` <folded words of title and text> | <folded words of kind and agency> ` (single spaces) */
  folded: string;
  /** ` <lower-case words of title and text, as written> ` (single spaces) */
  lower: string;
}

interface Loaded {
  ms: MiniSearch<SearchDoc>;
  docs: Map<string, Entry>;
  /** pages holding each folded word (any field) */
  df: Map<string, number>;
  /** what it was made from (file or label) */
  source: string;
}

function entryOf(doc: SearchDoc): Entry {
  const body = words(`${doc.title ?? ''} ${doc.text ?? ''}`);
  const folded = body.map(foldWord).filter(Boolean);
  const meta = words(`${doc.kind ?? ''} ${doc.agency ?? ''}`)
    .map(foldWord)
    .filter(Boolean);
  return { doc, folded: ` ${folded.join(' ')} | ${meta.join(' ')} `, lower: ` ${body.join(' ')} ` };
}

/** The distinct folded words of a page, all fields (what the document frequencies count; not kept, to spare memory). */
function termsOf(e: Entry): Set<string> {
  const terms = new Set(e.folded.split(' '));
  terms.delete('');
  terms.delete('|');
  return terms;
}

function addEntry(cur: Loaded, e: Entry): void {
  cur.docs.set(e.doc.url, e);
  for (const t of termsOf(e)) cur.df.set(t, (cur.df.get(t) ?? 0) + 1);
}

function dropEntry(cur: Loaded, url: string): void {
  const e = cur.docs.get(url);
  if (!e) return;
  cur.docs.delete(url);
  for (const t of termsOf(e)) {
    const n = (cur.df.get(t) ?? 1) - 1;
    if (n > 0) cur.df.set(t, n);
    else cur.df.delete(t);
  }
}

/** Figures of the index, for `/status` and the bench. */
export interface SearchIndexStatus {
  source: string | null;
  pages: number;
  /** last full load: ms, and when (ISO 8601 UTC) */
  loadMs: number | null;
  loadedAt: string | null;
  /** last incremental update */
  lastUpdate: { at: string; updated: number; removed: number; ms: number } | null;
  lastError: string | null;
}

function newMiniSearch(): MiniSearch<SearchDoc> {
  return new MiniSearch<SearchDoc>({
    idField: 'url',
    fields: ['title', 'kind', 'agency', 'text'],
    storeFields: [],
    tokenize: (text) => words(text),
    processTerm: (term) => foldWord(term) || null,
    extractField: (doc, field) => String((doc as unknown as Record<string, unknown>)[field] ?? ''),
  });
}

/** Share of one CPU core searches may take over time (the rest serves pages and forms). */
export const SEARCH_CPU_SHARE = 0.5;
/** Search time that may be spent at once above that share before searches are refused, ms. */
export const SEARCH_BURST_MS = 3_000;

/**
 * The publisher's CPU budget for searches (red-team F13): a search runs on the event loop that
 * serves every page and form, and at 15,000 pages one query of common words took 0.25–2.5 s
 * (bench/README, search, runs 1–2; since the bounded compute ~10–70 ms of CPU, run 3), so a few
 * requests a second from anywhere froze the whole portal. Time
 * spent searching is a debt that is paid back at {@link SEARCH_CPU_SHARE} ms per ms; while it is
 * above {@link SEARCH_BURST_MS}, {@link wait} says how long a new search must wait (the server
 * answers 503 with `Retry-After`), so searches can take at most that share of the CPU whoever
 * sends them and however many addresses they use — the site itself keeps being served.
 */
export class SearchBudget {
  private debt = 0;
  private at: number;

  /**
   * @param share CPU share (0–1] searches may take
   * @param burstMs debt allowed before searches wait, ms
   * @param now monotonic clock, ms
   */
  constructor(
    private readonly share = SEARCH_CPU_SHARE,
    private readonly burstMs = SEARCH_BURST_MS,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.at = now();
  }

  private settle(): void {
    const t = this.now();
    this.debt = Math.max(0, this.debt - (t - this.at) * this.share);
    this.at = t;
  }

  /** ms until a search may run (0: now). */
  wait(): number {
    this.settle();
    return this.debt <= this.burstMs ? 0 : (this.debt - this.burstMs) / this.share;
  }

  /** Records `ms` spent searching. */
  charge(ms: number): void {
    this.settle();
    this.debt += Math.max(0, ms);
  }
}

/** The in-memory search index of the live release. */
export class SearchIndex {
  /** @param budget the CPU budget every {@link search} is charged to (see {@link SearchBudget}) */
  constructor(readonly budget: SearchBudget = new SearchBudget()) {}

  private current: Loaded | null = null;
  private loadSeq = 0;
  /**
   * Every incremental update of the last {@link UPDATE_LOG_MS} (`at`: `performance.now()`),
   * replayed on a documents file read before it (red-team: a generation's documents read before a
   * withdrawal brought the withdrawn page back into the results when loaded after it).
   */
  private updateLog: { at: number; webRoot: string; changed: readonly string[]; removed: readonly string[] }[] = [];
  /** entries dropped from the front of {@link updateLog} so far (keeps positions stable across awaits) */
  private updateLogDropped = 0;
  /** the newest `at` dropped from {@link updateLog}: documents read before it cannot be made current */
  private updateLogHorizon = Number.NEGATIVE_INFINITY;
  private status_: SearchIndexStatus = { source: null, pages: 0, loadMs: null, loadedAt: null, lastUpdate: null, lastError: null };
  /** Whether an index is loaded. */
  get ready(): boolean {
    return this.current !== null;
  }

  status(): SearchIndexStatus {
    return { ...this.status_, pages: this.current?.docs.size ?? 0 };
  }

  /**
   * Builds a new index from a documents file (JSON array of {@link SearchDoc}) and swaps it in
   * when complete; until then the previous one answers. When a newer load starts meanwhile, this
   * one is dropped. Indexing yields to the event loop between chunks, so requests keep being
   * answered.
   * Every incremental {@link update} made since `readSince` (or since this load started) is
   * replayed on the new index before it is swapped in, re-reading those pages from the release:
   * documents read before a publish never bring back a page it withdrew or the old text of a
   * page it changed.
   *
   * @param readSince `performance.now()` when the documents began to be read from the release
   *   (derived.ts: before its worker starts); omitted: the documents are as new as the release
   * @returns the number of pages indexed (0 when superseded)
   * @throws {Error} when the file cannot be read or is not a documents array, or when
   *   `readSince` is older than the updates still kept ({@link UPDATE_LOG_MS})
   */
  async load(file: string, readSince?: number): Promise<number> {
    const docs = JSON.parse(await fs.promises.readFile(file, 'utf8')) as unknown;
    if (!Array.isArray(docs)) throw new Error(`${file}: not a search documents array`);
    return this.loadDocs(docs as SearchDoc[], file, readSince);
  }

  /** As {@link load}, from documents in memory (`source` names them in the status). */
  async loadDocs(docs: readonly SearchDoc[], source: string, readSince?: number): Promise<number> {
    const seq = ++this.loadSeq;
    const t0 = performance.now();
    const since = readSince ?? t0;
    if (since < this.updateLogHorizon) throw new Error(`${source}: search documents older than the updates kept (${UPDATE_LOG_MS / 60_000} min)`);
    // position (counting dropped entries) of the first update to replay
    const firstKept = this.updateLog.findIndex((u) => u.at >= since);
    let pos = this.updateLogDropped + (firstKept < 0 ? this.updateLog.length : firstKept);
    const ms = newMiniSearch();
    const next: Loaded = { ms, docs: new Map(), df: new Map(), source };
    const seen = new Set<string>();
    const valid = docs.filter((d) => d && typeof d.url === 'string' && d.url.startsWith('/') && !seen.has(d.url) && seen.add(d.url));
    for (let i = 0; i < valid.length; i += 200) {
      for (const d of valid.slice(i, i + 200)) addEntry(next, entryOf(d));
      await ms.addAllAsync(valid.slice(i, i + 200));
      if (seq !== this.loadSeq) return 0;
    }
    // pages published since the documents were read (they are newer than its documents)
    for (; pos - this.updateLogDropped < this.updateLog.length; pos++) {
      const u = this.updateLog[pos - this.updateLogDropped];
      if (!u) throw new Error(`${source}: updates to replay were dropped during the load`);
      await applyUpdate(next, u.webRoot, u.changed, u.removed);
      if (seq !== this.loadSeq) return 0;
    }
    if (seq !== this.loadSeq) return 0;
    this.current = next;
    this.status_ = { ...this.status_, source, loadMs: Math.round(performance.now() - t0), loadedAt: new Date().toISOString(), lastError: null };
    return next.docs.size;
  }

  /**
   * Incremental update for a publish (the renderer's path, issue 12): re-reads the built pages
   * `changedUrls` under `webRoot` (added, changed, or no longer marked for search) and drops
   * `removedUrls`, in the loaded index — a published page is found by the next query, without
   * rebuilding the whole index. A URL whose file is missing counts as removed. A later full
   * {@link load} replaces everything (the background rebuild).
   *
   * @param webRoot the release's web root (the folder holding `index.html`)
   * @param changedUrls site-relative page URLs (`/tin-tuc/x/`) written by the publish
   * @param removedUrls site-relative page URLs deleted by it
   * @returns how many pages were (re)indexed and removed
   */
  async update(webRoot: string, changedUrls: readonly string[], removedUrls: readonly string[] = []): Promise<{ updated: number; removed: number }> {
    const t0 = performance.now();
    this.updateLog.push({ at: t0, webRoot, changed: [...changedUrls], removed: [...removedUrls] });
    while (this.updateLog.length && this.updateLog[0].at < t0 - UPDATE_LOG_MS) {
      this.updateLogHorizon = this.updateLog.shift()!.at;
      this.updateLogDropped++;
    }
    const cur: Loaded = this.current ?? { ms: newMiniSearch(), docs: new Map(), df: new Map(), source: `updates of ${webRoot}` };
    const counts = await applyUpdate(cur, webRoot, changedUrls, removedUrls);
    this.current ??= cur;
    this.status_.lastUpdate = { at: new Date().toISOString(), ...counts, ms: Math.round(performance.now() - t0) };
    return counts;
  }

  /**
   * Searches. `page` is 1-based and clamped to the pages reachable.
   * @param raw the query as received (hostile input: bounded by {@link parseQuery})
   */
  search(raw: string, page = 1): SearchAnswer {
    const t0 = performance.now();
    const query = parseQuery(raw);
    const empty = (notReady: boolean): SearchAnswer => ({ query, total: 0, relaxed: false, page: 1, pages: 0, hits: [], ms: performance.now() - t0, notReady });
    const cur = this.current;
    if (!cur) return empty(true);
    if (!query.terms.length) return empty(false);
    const opts = {
      fields: ['title', 'kind', 'agency', 'text'],
      boost: { title: 3, kind: 1.5, agency: 1.2 },
      prefix: false,
      fuzzy: false,
      tokenize: (s: string) => [s],
      processTerm: (t: string) => t,
    };
    const n = cur.docs.size;
    const df = (t: string) => cur.df.get(t) ?? 0;
    const rarestFirst = (a: string, b: string) => df(a) - df(b);
    let relaxed = false;
    let results: { id: unknown; score: number }[] = [];
    if (query.terms.every((t) => df(t) > 0)) {
      // every word: BM25 over the rare words (the rarest always), the common ones checked in the text
      const common = Math.max(COMMON_MIN_PAGES, n * COMMON_SHARE);
      const byDf = [...query.terms].sort(rarestFirst);
      const scored = byDf.filter((t, i) => i === 0 || df(t) <= common);
      const checked = byDf.filter((t) => !scored.includes(t)).map((t) => ` ${t} `);
      results = cur.ms.search({ combineWith: 'AND', queries: scored }, opts);
      if (checked.length) {
        results = results.filter((r) => {
          const f = cur.docs.get(String(r.id))!.folded;
          return checked.every((t) => f.includes(t));
        });
      }
    }
    if (!results.length && query.terms.length > 1) {
      // any word: the rarest words while their pages add up to the budget
      relaxed = true;
      let budget = Math.max(RELAXED_MIN_BUDGET, n);
      const used: string[] = [];
      for (const t of query.terms.filter((w) => df(w) > 0).sort(rarestFirst)) {
        if (used.length && df(t) > budget) break;
        used.push(t);
        budget -= df(t);
      }
      if (used.length) results = cur.ms.search({ combineWith: 'OR', queries: used }, opts);
    }
    const phrase = query.terms.length > 1 ? ` ${query.terms.join(' ')} ` : null;
    const accented = query.typed.filter((t, i) => t !== query.terms[i]).map((t) => ` ${t} `);
    const ranked = results.map((r) => {
      const e = cur.docs.get(String(r.id))!;
      return { e, score: r.score * (e.doc.lang === 'vi' ? 1 : 0.4) };
    });
    ranked.sort((a, b) => b.score - a.score);
    const head = ranked.slice(0, RERANK_WINDOW).map((h) => ({ ...h, phrase: false }));
    for (const h of head) {
      // the texts were folded and split once, at index time
      if (phrase && h.e.folded.includes(phrase)) h.phrase = true;
      if (accented.length) h.score *= 1 + accented.filter((t) => h.e.lower.includes(t)).length / accented.length;
    }
    // a page holding the words side by side comes before every page holding them apart, whatever
    // the field weights say ("do thi": pages about "đô thị" before a title with "Nghĩa Đô" and a
    // "thị" elsewhere); within each tier, the score
    head.sort((a, b) => Number(b.phrase) - Number(a.phrase) || b.score - a.score);
    const all = [...head, ...ranked.slice(RERANK_WINDOW, MAX_PAGES * PAGE_SIZE)];
    const total = ranked.length;
    const pages = Math.min(MAX_PAGES, Math.ceil(total / PAGE_SIZE));
    const p = Math.min(Math.max(1, Math.floor(page) || 1), Math.max(pages, 1));
    const hits = all.slice((p - 1) * PAGE_SIZE, p * PAGE_SIZE).map(({ e, score }) => {
      const { text, ...rest } = e.doc;
      return { doc: rest, score, excerptHtml: excerptHtml(text, query.terms) };
    });
    const ms = performance.now() - t0;
    this.budget.charge(ms);
    return { query, total, relaxed, page: p, pages, hits, ms, notReady: false };
  }
}

/** Re-reads `changedUrls` of the release at `webRoot` into `cur`, drops `removedUrls` (see {@link SearchIndex.update}). */
async function applyUpdate(
  cur: Loaded,
  webRoot: string,
  changedUrls: readonly string[],
  removedUrls: readonly string[],
): Promise<{ updated: number; removed: number }> {
  const root = path.resolve(webRoot);
  const read = await Promise.all(
    changedUrls.map(async (url) => {
      const file = path.join(webRoot, fileOfUrl(url));
      if (!url.startsWith('/') || !path.resolve(file).startsWith(root + path.sep)) return { url, doc: null };
      try {
        return { url, doc: searchDocOf(url, await fs.promises.readFile(file, 'utf8')) };
      } catch {
        return { url, doc: null };
      }
    }),
  );
  let updated = 0;
  let removed = 0;
  const drop = (url: string) => {
    if (!cur.docs.has(url)) return;
    cur.ms.discard(url);
    dropEntry(cur, url);
    removed++;
  };
  for (const { url, doc } of read) {
    if (!doc) {
      drop(url);
      continue;
    }
    if (cur.docs.has(url)) cur.ms.replace(doc);
    else cur.ms.add(doc);
    dropEntry(cur, url);
    addEntry(cur, entryOf(doc));
    updated++;
  }
  for (const url of removedUrls) drop(url);
  return { updated, removed };
}

/** HTML-escapes text for element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * An excerpt of `text` (about {@link EXCERPT_CHARS} characters) around the first of the query's
 * words — wherever it is in the text indexed ({@link TEXT_CAP}), so a page found by a word far
 * down shows that passage — escaped, with every word that folds to one of `terms` in `<mark>`.
 */
export function excerptHtml(text: string, terms: readonly string[]): string {
  const set = new Set(terms);
  let start = 0;
  for (const m of text.matchAll(WORD)) {
    if (set.has(foldWord(m[0].toLowerCase()))) {
      start = Math.max(0, m.index - 60);
      break;
    }
    if (m.index > TEXT_CAP) break;
  }
  if (start > 0) {
    const sp = text.indexOf(' ', start);
    start = sp >= 0 && sp < start + 20 ? sp + 1 : start;
  }
  let slice = text.slice(start, start + EXCERPT_CHARS);
  if (start + EXCERPT_CHARS < text.length) slice = slice.replace(/\s+\S*$/, '');
  let out = '';
  let last = 0;
  for (const m of slice.matchAll(WORD)) {
    if (!set.has(foldWord(m[0].toLowerCase()))) continue;
    out += `${escapeHtml(slice.slice(last, m.index))}<mark>${escapeHtml(m[0])}</mark>`;
    last = m.index + m[0].length;
  }
  out += escapeHtml(slice.slice(last));
  return `${start > 0 ? '… ' : ''}${out}${start + slice.length < text.length ? ' …' : ''}`;
}

const fmtDate = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
};

/** The link to result page `page` of `q`. */
function pageHref(q: string, page: number): string {
  const params = new URLSearchParams({ q });
  if (page > 1) params.set('trang', String(page));
  return `/tim-kiem/?${params.toString()}`;
}

/** The results region (`<section id="ket-qua">`) of an answer, all user text escaped. */
export function resultsHtml(a: SearchAnswer): string {
  const q = escapeHtml(a.query.display);
  const status: string[] = [];
  if (a.busySeconds) status.push(`Hệ thống tìm kiếm đang quá tải, vui lòng thử lại sau ${a.busySeconds} giây, hoặc tìm theo danh mục dưới đây.`);
  else if (a.notReady) status.push('Bộ tìm kiếm đang được chuẩn bị, vui lòng thử lại sau ít phút, hoặc tìm theo danh mục dưới đây.');
  else if (!a.query.terms.length) status.push('Hãy nhập từ khóa cần tìm (chữ hoặc số).');
  else if (!a.total) status.push(`Không tìm thấy kết quả nào cho “${q}”. Hãy thử từ khóa khác, ngắn hơn, hoặc tìm theo danh mục dưới đây.`);
  else if (a.relaxed)
    status.push(`Không có trang nào chứa đủ mọi từ của “${q}”. Dưới đây là ${a.total} trang chứa một vài từ trong đó; hãy thử bớt từ để tìm chính xác hơn.`);
  else status.push(`Tìm thấy ${a.total} kết quả cho “${q}”.`);
  if (a.query.cut) status.push(`Từ khóa quá dài: chỉ dùng ${MAX_TERMS} từ, ${MAX_QUERY_CHARS} ký tự đầu.`);
  if (a.total > a.pages * PAGE_SIZE && a.page === a.pages) status.push(`Chỉ hiển thị ${a.pages * PAGE_SIZE} kết quả đầu; hãy thêm từ khóa để thu hẹp.`);
  const items = a.hits
    .map((h) => {
      const meta = [h.doc.agency, h.doc.date ? fmtDate(h.doc.date) : null].filter(Boolean).map((s) => escapeHtml(String(s)));
      return (
        `<li><a class="item-title" href="${escapeHtml(h.doc.url)}">${escapeHtml(h.doc.title || h.doc.url)}</a>` +
        (h.doc.kind ? ` <span class="badge">${escapeHtml(h.doc.kind)}</span>` : '') +
        (meta.length ? `<p class="meta">${meta.join(' · ')}</p>` : '') +
        (h.excerptHtml ? `<p class="excerpt">${h.excerptHtml}</p>` : '') +
        '</li>'
      );
    })
    .join('');
  let nav = '';
  if (a.pages > 1) {
    const links: string[] = [];
    if (a.page > 1) links.push(`<li class="step"><a href="${escapeHtml(pageHref(a.query.display, a.page - 1))}" rel="prev">‹ Trang trước</a></li>`);
    const from = Math.max(1, a.page - 2);
    const to = Math.min(a.pages, a.page + 2);
    for (let i = from; i <= to; i++) {
      links.push(
        `<li><a href="${escapeHtml(pageHref(a.query.display, i))}"${i === a.page ? ' aria-current="page"' : ''}><span class="visually-hidden">Trang </span>${i}</a></li>`,
      );
    }
    if (a.page < a.pages) links.push(`<li class="step"><a href="${escapeHtml(pageHref(a.query.display, a.page + 1))}" rel="next">Trang sau ›</a></li>`);
    nav = `<nav class="pagination" aria-label="Phân trang kết quả tìm kiếm"><ul>${links.join('')}</ul></nav>`;
  }
  return (
    `<section id="ket-qua" aria-labelledby="h-ket-qua"><h2 id="h-ket-qua">Kết quả${a.page > 1 ? ` (trang ${a.page}/${a.pages})` : ''}</h2>` +
    `<p id="trang-thai" role="status">${status.join(' ')}</p>` +
    (items ? `<ol class="search-results" id="danh-sach-ket-qua" start="${(a.page - 1) * PAGE_SIZE + 1}">${items}</ol>` : '') +
    `${nav}</section>`
  );
}

/** The marked region of the built search page that results replace. */
export const RESULTS_MARKER = '<div id="ket-qua" data-search-results></div>';

/**
 * The built search page (`template`: the release's `/tim-kiem/index.html`) with the answer: the
 * results region filled, the query in the search box, the `<title>` naming it.
 * @throws {Error} when the template has no {@link RESULTS_MARKER}
 */
export function renderSearchPage(template: string, a: SearchAnswer): string {
  if (!template.includes(RESULTS_MARKER)) throw new Error('the search page has no results region (data-search-results)');
  const q = escapeHtml(a.query.display);
  return template
    .replace(RESULTS_MARKER, () => resultsHtml(a))
    .replace(/(<input id="tu-khoa"[^>]*?)(\s*\/?>)/, (_, tag: string, end: string) => `${tag.replace(/\svalue="[^"]*"/, '')} value="${q}"${end}`)
    .replace(/<title>([^<]*)<\/title>/, (_, t: string) => `<title>${q ? `“${q}” – ` : ''}${t}</title>`);
}

const templates = new Map<string, string>();

/** Where the search page is answered. */
export const SEARCH_PATH = '/tim-kiem/';

/** Whether a request is a search the publisher answers (GET/HEAD `/tim-kiem/` with a non-empty `q`). */
export function isSearchRequest(req: IncomingMessage, url: URL): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && url.pathname === SEARCH_PATH && !!url.searchParams.get('q')?.trim();
}

/**
 * Answers a search request (see {@link isSearchRequest}) from `index` into the search page of
 * the release at `webRoot`: 200, `text/html`, `Cache-Control: private, max-age=30` (results
 * change with every publish; never kept by a shared cache), `X-Robots-Tag: noindex`,
 * `Server-Timing: search;dur=<ms>`; HEAD gets the headers only. Over the search CPU budget
 * ({@link SearchBudget}): 503, `Retry-After: <s>`, `Cache-Control: no-store`, the page saying
 * when to try again, and no search run. Calls `next()` when the release
 * has no search page.
 */
export function serveSearch(req: IncomingMessage, res: ServerResponse, url: URL, index: SearchIndex, webRoot: string, next: () => void): void {
  let template = templates.get(webRoot);
  if (template === undefined) {
    try {
      template = fs.readFileSync(path.join(webRoot, 'tim-kiem', 'index.html'), 'utf8');
    } catch {
      return next();
    }
    if (templates.size > 8) templates.clear();
    templates.set(webRoot, template);
  }
  const raw = url.searchParams.get('q') ?? '';
  const wait = index.budget.wait();
  if (wait > 0) {
    // over the CPU budget (red-team F13): no search runs; the page says when to try again
    const busySeconds = Math.max(1, Math.ceil(wait / 1000));
    const busy: SearchAnswer = { query: parseQuery(raw), total: 0, relaxed: false, page: 1, pages: 0, hits: [], ms: 0, notReady: false, busySeconds };
    const body = Buffer.from(renderSearchPage(template, busy));
    res.writeHead(503, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': body.length,
      'cache-control': 'no-store',
      'retry-after': String(busySeconds),
      'x-robots-tag': 'noindex',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  const page = Number.parseInt(url.searchParams.get('trang') ?? '1', 10);
  const answer = index.search(raw, Number.isFinite(page) ? page : 1);
  const body = Buffer.from(renderSearchPage(template, answer));
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': body.length,
    'cache-control': 'private, max-age=30',
    'x-robots-tag': 'noindex',
    'server-timing': `search;dur=${answer.ms.toFixed(1)}`,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
