/**
 * Cache keys for Astro's incremental static builds (`experimental.incrementalBuild`): every
 * page's `getStaticPaths()` returns a `cacheKey` built from the data the page shows, so a page
 * is re-rendered exactly when something it shows changed (its template's code is tracked by
 * Astro separately).
 *
 * - detail pages: the entry's `documentId@updatedAt` plus those of the entries it shows besides
 *   (its agency, linked documents, …);
 * - lists, the homepage and agency sub-site pages: a hash of the ids and `updatedAt` of all the
 *   entries they show, in display order (an entry added, removed, re-ordered or changed changes
 *   the key);
 * - every key includes the site's origin (`SITE_URL`), which every page shows in its canonical
 *   URL and Open Graph tags.
 */
import { createHash } from 'node:crypto';

/** Anything with an identity and a last-change time. */
export interface Keyed {
  documentId: string;
  updatedAt?: string | null;
}

/** One part of a key: an entry, a literal (e.g. a computed status), or nothing. */
export type KeyPart = Keyed | string | number | boolean | null | undefined;

/** Version of the key format; bump it to invalidate every cached page at once. */
const KEY_VERSION = 'v2';

/** The site's origin is part of every page (canonical URL, Open Graph): a new origin re-renders all. */
function siteOrigin(): string {
  return process.env.SITE_URL || '';
}

function partToString(p: KeyPart): string {
  if (p === null || p === undefined) return '-';
  if (typeof p === 'object') return `${p.documentId}@${p.updatedAt ?? ''}`;
  return `=${String(p)}`;
}

/**
 * A cache key from the entries (and literals) a page shows, in order: a short SHA-256 hex
 * digest, stable across builds for the same input. Nested arrays are flattened.
 *
 * The digest of each input text is remembered (bounded, {@link KEY_MEMO_MAX}): the long-running
 * renderer re-indexes every page's key on every publish (15,000 keys at the benchmark's size), and
 * building the text and looking it up costs a quarter of hashing it again (session 7: 8–22 ms
 * against 38–105 ms for 10,000 article keys on the shared 2-core machine).
 *
 * @example cacheKey(article, article.agency) // detail page
 * @example cacheKey('home', documents, procedures, articles) // a list
 */
export function cacheKey(...parts: (KeyPart | readonly KeyPart[])[]): string {
  // the text hashed is exactly what the earlier version fed the hash piece by piece
  let text = `${KEY_VERSION}|site=${siteOrigin()}`;
  for (const part of parts) {
    if (Array.isArray(part)) {
      text += `[${part.length}`;
      for (const p of part) text += `|${partToString(p as KeyPart)}`;
      text += ']';
    } else {
      text += `|${partToString(part as KeyPart)}`;
    }
  }
  let key = keyMemo.get(text);
  if (key === undefined) {
    key = createHash('sha256').update(text).digest('hex').slice(0, 24);
    if (text.length <= KEY_MEMO_MAX_CHARS) {
      if (keyMemo.size >= KEY_MEMO_MAX || keyMemoChars + text.length > KEY_MEMO_MAX_CHARS) {
        keyMemo.clear();
        keyMemoChars = 0;
      }
      keyMemo.set(text, key);
      keyMemoChars += text.length;
    }
  }
  return key;
}

/** Most input texts {@link cacheKey} remembers before it starts again (a site has one per page). */
const KEY_MEMO_MAX = 100_000;
/**
 * Most characters of input text {@link cacheKey} remembers (UTF-16 code units, ~2 bytes each at
 * worst): a list's key holds every entry it shows (the documents index, e-services, …: up to
 * megabytes of text) and changes on most publishes, so a bound on the count alone let the
 * long-running renderer keep gigabytes of old list texts (red-team F18). A single text longer
 * than this is hashed and not remembered.
 */
const KEY_MEMO_MAX_CHARS = 16_000_000;
const keyMemo = new Map<string, string>();
let keyMemoChars = 0;

/** What the digest memo holds now (`entries`, `chars`: characters of input text) — for tests of its bound. */
export function cacheKeyMemoSize(): { entries: number; chars: number } {
  return { entries: keyMemo.size, chars: [...keyMemo.keys()].reduce((n, t) => n + t.length, 0) };
}

/** Key parts of legal documents: each document and the validity status it is shown with. */
export function documentKeyParts(docs: readonly { documentId: string; updatedAt?: string | null; currentValidity: string }[]): KeyPart[] {
  return docs.flatMap((d) => [d, d.currentValidity]);
}
