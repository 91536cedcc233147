/**
 * The site's data cache: the raw CMS rows of the last build, kept on disk, so that a build made
 * for one publish refetches only the entries that changed instead of every collection.
 *
 * How a build uses it (see `fetchSiteData` in cms.ts):
 * 1. the publisher reads the CMS's published state (`GET /api/publisher/published`: per entry
 *    its documentId, publish/update instants, agency/procedure and `STATE_RELATIONS` targets)
 *    and hands it to the build as a file (`CMS_PUBLISHED_STATE_FILE`);
 * 2. {@link planRefresh} compares the state with the cached rows: an entry is refetched when it is
 *    new or any of those values differ; cached entries missing from the state are dropped
 *    (unpublished or deleted); everything else is reused as it is;
 * 3. the changed entries are fetched by documentId through the same GraphQL queries (so a reused
 *    row and a refetched row have the same shape), the single types always;
 * 4. the merged rows are written back ({@link writeDataCache}) for the next build.
 *
 * A row's relation fields are exactly what the state lists per entry, so a row cannot be stale
 * without the state showing it — including relations edited from the other side and targets
 * published after the entry. The cache is ignored (full load) when its format, the GraphQL
 * documents or the CMS URL differ, when the state lacks the relation lists (an older CMS), or when
 * most entries changed anyway.
 *
 * Env: `SITE_DATA_CACHE_FILE` (where the cache lives; unset = no cache), `CMS_PUBLISHED_STATE_FILE`
 * (the state of this build, written by the publisher; unset = full load, cache rewritten),
 * `SITE_DATA_CACHE_SHARED=1` (processes loading at the same time take turns, {@link takeCacheTurn}).
 *
 * In a long-running process (the renderer, site/renderer/) the cache is also kept in memory: a
 * read of the file this process last wrote or read, unchanged on disk, returns the rows in memory
 * (parsing ~27 MB of JSON at 15,000 pages took 0.6–0.9 s per publish), and the renderer can defer
 * the write until its answer is sent ({@link deferDataCacheWrites}: the stringify and write took
 * another 0.75 s). The rows are never modified after loading (the site indexes copies of them).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { COLLECTION_TYPES, type CollectionPlural, type CollectionType, STATE_RELATIONS, type PublishedEntry, type PublishedState } from '@cong/shared';
import { COLLECTION_QUERIES, SINGLES_QUERY, type GqlRef } from './queries';

/** Key of a cached collection in `RawSiteData`: a collection type's plural name (the registry, @cong/shared). */
export type CollectionKey = CollectionPlural;

/**
 * The collections of the site's raw data, by their key in `RawSiteData` (the type's plural name,
 * which is also its GraphQL collection field), with their Strapi uid. From the registry.
 */
export const CACHED_COLLECTIONS = Object.fromEntries(COLLECTION_TYPES.map((t) => [t.plural, { uid: t.uid, resultKey: t.plural }])) as {
  readonly [K in CollectionKey]: { readonly uid: Extract<CollectionType, { plural: K }>['uid']; readonly resultKey: K };
};

/** A raw row as the GraphQL queries return it: its ids, instants and relations as `{ documentId }`. */
export type RawRow = GqlRef & { updatedAt?: string | null; publishedAt?: string | null; [field: string]: unknown };

/** The cached rows of every collection. */
export type CachedCollections = Record<CollectionKey, RawRow[]>;

/** What the cache file holds. */
export interface DataCacheFile {
  /** {@link dataCacheVersion} of the code that wrote it */
  version: string;
  /** the CMS base URL the rows came from */
  cmsUrl: string;
  /** when it was written, ISO 8601 UTC */
  savedAt: string;
  collections: CachedCollections;
}

const FORMAT = 2; // 2: collections keyed by the registry's plural names

/**
 * Identifies the shape of cached rows: the cache format and a hash of the GraphQL documents (a
 * query that asks one more field makes every cached row incomplete, so the cache is dropped).
 */
export function dataCacheVersion(): string {
  const h = createHash('sha256');
  for (const doc of Object.values(COLLECTION_QUERIES)) h.update(doc);
  h.update(SINGLES_QUERY);
  return `${FORMAT}:${h.digest('hex').slice(0, 16)}`;
}

/** The cache this process last read or wrote; `onDisk` null while its write is deferred (then the memory is newer than the file). */
interface CacheMemo {
  file: string;
  body: DataCacheFile;
  onDisk: { mtimeMs: number; size: number } | null;
}
// on globalThis: route chunks that each bundle this module share one memo (as cms.ts's data memo)
const MEMO = Symbol.for('cong.site.dataCacheMemo');
const DEFER = Symbol.for('cong.site.dataCacheDeferWrites');
const PENDING = Symbol.for('cong.site.dataCachePendingWrite');
type Holder = { [MEMO]?: CacheMemo; [DEFER]?: boolean; [PENDING]?: () => void };
const holder = globalThis as Holder;

function stamp(file: string): { mtimeMs: number; size: number } | null {
  try {
    const st = fs.statSync(file);
    return { mtimeMs: st.mtimeMs, size: st.size };
  } catch {
    return null;
  }
}

/**
 * From now on {@link writeDataCache} keeps the rows in memory and leaves the file write to
 * {@link flushDataCacheWrite} (the long-running renderer calls it after answering a publish, so
 * the write is not on the publish's path). A process that never flushes loses only speed: the
 * next reader of the older file refetches what the state shows changed.
 */
export function deferDataCacheWrites(): void {
  holder[DEFER] = true;
}

/** Writes the cache whose write was deferred, if any (see {@link deferDataCacheWrites}). */
export function flushDataCacheWrite(): void {
  const write = holder[PENDING];
  holder[PENDING] = undefined;
  write?.();
}

/**
 * Reads the cache file; `null` when it is missing, unreadable, of another version or from
 * another CMS (never throws: a bad cache only costs a full load). The file this process last
 * read or wrote, unchanged on disk (modification time and size), is not parsed again.
 */
export function readDataCache(file: string, cmsUrl: string): DataCacheFile | null {
  try {
    const memo = holder[MEMO];
    let parsed: DataCacheFile;
    if (memo && memo.file === file && (memo.onDisk === null || sameStamp(memo.onDisk, stamp(file)))) {
      parsed = memo.body;
    } else {
      const before = stamp(file);
      parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as DataCacheFile;
      holder[MEMO] = before ? { file, body: parsed, onDisk: before } : undefined;
    }
    if (parsed?.version !== dataCacheVersion() || parsed.cmsUrl !== cmsUrl || !parsed.collections) return null;
    for (const key of Object.keys(CACHED_COLLECTIONS) as CollectionKey[]) {
      if (!Array.isArray(parsed.collections[key])) return null;
    }
    return parsed;
  } catch {
    return null;
  }
}

/**
 * Writes the cache file atomically (a temporary file renamed over the old one), creating its
 * folder. Errors are reported on the console and swallowed: the build does not depend on it.
 */
export function writeDataCache(file: string, cmsUrl: string, collections: CachedCollections): void {
  const body: DataCacheFile = { version: dataCacheVersion(), cmsUrl, savedAt: new Date().toISOString(), collections };
  const write = () => {
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(tmp, cacheText(body));
      fs.renameSync(tmp, file);
      const onDisk = stamp(file);
      // still the newest rows of this process (no later write replaced the memo meanwhile)
      if (holder[MEMO]?.body === body) holder[MEMO] = onDisk ? { file, body, onDisk } : undefined;
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      if (holder[MEMO]?.body === body) holder[MEMO] = undefined;
      console.warn(`[cms] could not write the data cache ${file}: ${(err as Error).message}`);
    }
  };
  holder[MEMO] = { file, body, onDisk: null };
  if (holder[DEFER]) holder[PENDING] = write;
  else write();
}

// each row's JSON, kept while the row lives: a publish changes a few rows of thousands, and the
// rows are never modified, so rewriting the cache stringifies only the new ones (0.55 s → ~0.05 s
// at 15,000 pages). On globalThis, as the memo: route chunks may each bundle this module.
const ROW_JSON = Symbol.for('cong.site.dataCacheRowJson');
const rowJsonCache = ((globalThis as { [ROW_JSON]?: WeakMap<object, string> })[ROW_JSON] ??= new WeakMap<object, string>());

function rowJson(row: RawRow): string {
  let text = rowJsonCache.get(row);
  if (text === undefined) {
    text = JSON.stringify(row);
    rowJsonCache.set(row, text);
  }
  return text;
}

/** `JSON.stringify(body)`, character for character, from each row's kept JSON. */
export function cacheText(body: DataCacheFile): string {
  const collections = Object.entries(body.collections)
    .map(([key, rows]) => `${JSON.stringify(key)}:[${(rows as RawRow[]).map(rowJson).join(',')}]`)
    .join(',');
  return `{"version":${JSON.stringify(body.version)},"cmsUrl":${JSON.stringify(body.cmsUrl)},"savedAt":${JSON.stringify(body.savedAt)},"collections":{${collections}}}`;
}

/**
 * Takes this process's turn at loading into the shared cache `file` when
 * `SITE_DATA_CACHE_SHARED=1` (the workers of a full render, site/renderer/full-render.ts): the
 * first process to create `<file>.lock` loads from the CMS and writes the cache; the others wait
 * for the lock to go, then load through the cache it wrote (only what the published state shows
 * changed since) — one full load for a code deploy instead of one per worker. A lock whose
 * process is gone is taken over; after `maxWaitMs` (default 15 min) the waiter loads on its own.
 *
 * @returns a function that gives the turn back (removes the lock); a no-op for a process that did not hold it
 */
export async function takeCacheTurn(file: string, maxWaitMs = 15 * 60_000): Promise<() => void> {
  const lock = `${file}.lock`;
  const until = Date.now() + maxWaitMs;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lock, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return () => undefined;
    }
    let holder: number;
    let age: number;
    try {
      holder = Number(fs.readFileSync(lock, 'utf8') || 0);
      age = Date.now() - fs.statSync(lock).mtimeMs;
    } catch {
      continue; // given back meanwhile: try again
    }
    // a holder gone, or a lock left empty (its process died between creating and writing it)
    if ((holder && !alive(holder)) || (!holder && age > 10_000)) {
      fs.rmSync(lock, { force: true });
      continue;
    }
    if (Date.now() > until) return () => undefined;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sameStamp(a: { mtimeMs: number; size: number }, b: { mtimeMs: number; size: number } | null): boolean {
  return !!b && a.mtimeMs === b.mtimeMs && a.size === b.size;
}

/**
 * Reads the published state a publisher wrote for this build.
 * @throws {Error} naming the file when it cannot be read or is not a published state
 */
export function readStateFile(file: string): PublishedState {
  let state: PublishedState;
  try {
    state = JSON.parse(fs.readFileSync(file, 'utf8')) as PublishedState;
  } catch (err) {
    throw new Error(`CMS_PUBLISHED_STATE_FILE ${file}: ${(err as Error).message}`, { cause: err });
  }
  if (!state || typeof state.entries !== 'object') throw new Error(`CMS_PUBLISHED_STATE_FILE ${file}: not a published state`);
  return state;
}

const instant = (v: unknown): number | null => {
  if (typeof v !== 'string' || !v) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
};

function refIds(v: unknown): string[] {
  const list = Array.isArray(v) ? v : v ? [v] : [];
  return [...new Set(list.map((r) => (r as GqlRef).documentId))].sort();
}

/**
 * Whether a cached row shows what the state says of its entry: same publish and update
 * instants, same agency and procedure, same targets of the type's `STATE_RELATIONS`.
 */
export function rowMatchesState(uid: string, row: RawRow, entry: PublishedEntry): boolean {
  if (instant(row.updatedAt) !== instant(entry.updatedAt) || instant(row.publishedAt) !== instant(entry.publishedAt)) return false;
  if ('agency' in entry && ((row.agency as GqlRef | null | undefined)?.documentId ?? null) !== (entry.agency?.documentId ?? null)) return false;
  if ('procedure' in entry && ((row.procedure as GqlRef | null | undefined)?.documentId ?? null) !== (entry.procedure?.documentId ?? null)) return false;
  for (const field of STATE_RELATIONS[uid] ?? []) {
    const want = entry.refs?.[field];
    if (!want) return false;
    const have = refIds(row[field]);
    if (have.length !== want.length || have.some((id, i) => id !== want[i])) return false;
  }
  return true;
}

/** What {@link planRefresh} decides for one build. */
export interface RefreshPlan {
  /** `full`: load everything (with the reason); `incremental`: reuse + refetch */
  mode: 'full' | 'incremental';
  reason?: string;
  /** cached rows still valid, per collection */
  reuse: CachedCollections;
  /** documentIds to fetch, per collection */
  fetch: Record<CollectionKey, string[]>;
  /** cached entries no longer published, per collection (for the log) */
  removed: Record<CollectionKey, number>;
}

/**
 * Compares the cached rows with the CMS's published state and decides what to refetch. Pure.
 *
 * @param maxShare above this share of changed entries (0–1, default 0.5) a full load is chosen:
 *   fetching by id costs more per row than paging through everything
 */
export function planRefresh(cache: DataCacheFile | null, state: PublishedState, maxShare = 0.5): RefreshPlan {
  const empty = <T>(make: () => T) => Object.fromEntries(Object.keys(CACHED_COLLECTIONS).map((k) => [k, make()])) as Record<CollectionKey, T>;
  const plan: RefreshPlan = { mode: 'incremental', reuse: empty(() => []), fetch: empty(() => []), removed: empty(() => 0) };
  const full = (reason: string): RefreshPlan => ({ ...plan, mode: 'full', reason });
  if (!cache) return full('no usable data cache');
  let total = 0;
  let changed = 0;
  for (const [key, { uid }] of Object.entries(CACHED_COLLECTIONS) as [CollectionKey, (typeof CACHED_COLLECTIONS)[CollectionKey]][]) {
    const entries = state.entries[uid];
    if (!Array.isArray(entries)) return full(`the published state has no ${uid}`);
    const cached = new Map(cache.collections[key].map((r) => [r.documentId, r]));
    const live = new Set<string>();
    for (const entry of entries) {
      if ((STATE_RELATIONS[uid] ?? []).length && !entry.refs) return full('the published state lists no relations (older CMS)');
      live.add(entry.documentId);
      const row = cached.get(entry.documentId);
      if (row && rowMatchesState(uid, row, entry)) plan.reuse[key].push(row);
      else plan.fetch[key].push(entry.documentId);
    }
    for (const id of cached.keys()) if (!live.has(id)) plan.removed[key]++;
    total += entries.length;
    changed += plan.fetch[key].length + plan.removed[key];
  }
  if (total > 0 && changed / total > maxShare) return full(`${changed} of ${total} entries changed`);
  return plan;
}
