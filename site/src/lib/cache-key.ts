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
 * @example cacheKey(article, article.agency) // detail page
 * @example cacheKey('home', documents, procedures, articles) // a list
 */
export function cacheKey(...parts: (KeyPart | readonly KeyPart[])[]): string {
  const h = createHash('sha256');
  h.update(KEY_VERSION);
  h.update(`|site=${siteOrigin()}`);
  for (const part of parts) {
    if (Array.isArray(part)) {
      h.update(`[${part.length}`);
      for (const p of part) h.update(`|${partToString(p as KeyPart)}`);
      h.update(']');
    } else {
      h.update(`|${partToString(part as KeyPart)}`);
    }
  }
  return h.digest('hex').slice(0, 24);
}

/** Key parts of legal documents: each document and the validity status it is shown with. */
export function documentKeyParts(docs: readonly { documentId: string; updatedAt?: string | null; currentValidity: string }[]): KeyPart[] {
  return docs.flatMap((d) => [d, d.currentValidity]);
}
