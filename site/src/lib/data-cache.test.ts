import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PublishedEntry, PublishedState } from '@cong/shared';
import {
  cacheText,
  CACHED_COLLECTIONS,
  dataCacheVersion,
  deferDataCacheWrites,
  flushDataCacheWrite,
  planRefresh,
  readDataCache,
  rowMatchesState,
  takeCacheTurn,
  writeDataCache,
  type CachedCollections,
  type DataCacheFile,
  type RawRow,
} from './data-cache';

const DOC = 'api::legal-document.legal-document';
const ART = 'api::article.article';
const T1 = '2026-11-01T01:00:00.000Z';
const T2 = '2026-11-02T01:00:00.000Z';

function emptyCollections(): CachedCollections {
  return Object.fromEntries(Object.keys(CACHED_COLLECTIONS).map((k) => [k, []])) as unknown as CachedCollections;
}
function emptyState(): PublishedState {
  return { generatedAt: T2, entries: Object.fromEntries(Object.values(CACHED_COLLECTIONS).map((c) => [c.uid, []])) };
}
const article = (id: string, updatedAt = T1, agency: string | null = 'ag'): RawRow => ({
  documentId: id,
  updatedAt,
  publishedAt: T1,
  agency: agency ? { documentId: agency } : null,
  title: id,
});
const articleEntry = (id: string, updatedAt = T1, agency: string | null = 'ag'): PublishedEntry => ({
  documentId: id,
  slug: id,
  publishedAt: T1,
  updatedAt,
  agency: agency ? { documentId: agency, slug: 'so', kind: 'department' } : null,
});
const doc = (id: string, replacedBy: string[] = []): RawRow => ({
  documentId: id,
  updatedAt: T1,
  publishedAt: T1,
  agency: null,
  replaces: [],
  replacedBy: replacedBy.map((documentId) => ({ documentId })),
  amends: [],
  amendedBy: [],
});
const docEntry = (id: string, replacedBy: string[] = [], refs = true): PublishedEntry => ({
  documentId: id,
  slug: id,
  publishedAt: T1,
  updatedAt: T1,
  agency: null,
  ...(refs ? { refs: { replaces: [], replacedBy: [...replacedBy].sort(), amends: [], amendedBy: [] } } : {}),
});
function cacheWith(fill: (c: CachedCollections) => void): DataCacheFile {
  const collections = emptyCollections();
  fill(collections);
  return { version: dataCacheVersion(), cmsUrl: 'http://cms', savedAt: T1, collections };
}

describe('rowMatchesState', () => {
  it('matches on instants (whatever their ISO spelling), agency and relation targets', () => {
    expect(rowMatchesState(ART, article('a'), articleEntry('a'))).toBe(true);
    expect(rowMatchesState(ART, { ...article('a'), updatedAt: '2026-11-01T01:00:00Z' }, articleEntry('a'))).toBe(true);
    expect(rowMatchesState(ART, article('a'), articleEntry('a', T2))).toBe(false);
    // moved to another agency from the agency's side: the article's updatedAt did not move
    expect(rowMatchesState(ART, article('a'), articleEntry('a', T1, 'other'))).toBe(false);
    expect(rowMatchesState(DOC, doc('d'), docEntry('d'))).toBe(true);
    // replaced by a document published later: only the relation list tells
    expect(rowMatchesState(DOC, doc('d'), docEntry('d', ['n']))).toBe(false);
    expect(rowMatchesState(DOC, doc('d'), docEntry('d', [], false))).toBe(false);
  });
});

describe('planRefresh', () => {
  it('reuses unchanged rows, refetches new and changed ones, drops unpublished ones', () => {
    const cache = cacheWith((c) => {
      c.articles = ['a', 'b', 'c', 'gone'].map((id) => article(id));
      c.legalDocuments = [doc('d1'), doc('d2')];
    });
    const state = emptyState();
    state.entries[ART] = [articleEntry('a'), articleEntry('b', T2), articleEntry('c'), articleEntry('new')];
    state.entries[DOC] = [docEntry('d1'), docEntry('d2', ['d3']), docEntry('d3')];
    // more entries unchanged than changed
    for (let i = 0; i < 20; i++) {
      const id = `x${i}`;
      cache.collections.articles.push(article(id));
      state.entries[ART].push(articleEntry(id));
    }
    const plan = planRefresh(cache, state);
    expect(plan.mode).toBe('incremental');
    expect(plan.fetch.articles.sort()).toEqual(['b', 'new']);
    expect(plan.reuse.articles.map((r) => r.documentId)).toContain('a');
    expect(plan.reuse.articles).toHaveLength(22);
    expect(plan.removed.articles).toBe(1);
    expect(plan.fetch.legalDocuments.sort()).toEqual(['d2', 'd3']);
    expect(plan.reuse.legalDocuments.map((r) => r.documentId)).toEqual(['d1']);
  });

  it('loads everything without a cache, from an older CMS, or when most entries changed', () => {
    const state = emptyState();
    state.entries[ART] = [articleEntry('a')];
    expect(planRefresh(null, state)).toMatchObject({ mode: 'full', reason: 'no usable data cache' });
    const cache = cacheWith((c) => (c.articles = [article('a', T2)]));
    expect(planRefresh(cache, state)).toMatchObject({ mode: 'full', reason: '1 of 1 entries changed' });
    const old = emptyState();
    old.entries[DOC] = [docEntry('d', [], false)];
    expect(
      planRefresh(
        cacheWith(() => undefined),
        old,
      ).reason,
    ).toMatch(/older CMS/);
    const partial = emptyState();
    delete partial.entries[ART];
    expect(
      planRefresh(
        cacheWith(() => undefined),
        partial,
      ).reason,
    ).toMatch(/has no api::article/);
  });
});

describe('cache file', () => {
  it('round-trips, and is ignored for another CMS, another version or a corrupt file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-data-cache-'));
    const file = path.join(dir, 'sub', 'data.json');
    const collections = emptyCollections();
    collections.articles = [article('a')];
    writeDataCache(file, 'http://cms', collections);
    expect(readDataCache(file, 'http://cms')?.collections.articles).toEqual([article('a')]);
    expect(readDataCache(file, 'http://other')).toBeNull();
    const body = JSON.parse(fs.readFileSync(file, 'utf8'));
    fs.writeFileSync(file, JSON.stringify({ ...body, version: '0:old' }));
    expect(readDataCache(file, 'http://cms')).toBeNull();
    fs.writeFileSync(file, '{"trunc');
    expect(readDataCache(file, 'http://cms')).toBeNull();
    expect(readDataCache(path.join(dir, 'missing.json'), 'http://cms')).toBeNull();
    expect(fs.readdirSync(path.join(dir, 'sub'))).toEqual(['data.json']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the last rows in memory: the file this process wrote is not parsed again, a file changed by another writer is', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-data-cache-'));
    const file = path.join(dir, 'data.json');
    const collections = emptyCollections();
    collections.articles = [article('a')];
    writeDataCache(file, 'http://cms', collections);
    const first = readDataCache(file, 'http://cms');
    // the same objects, not a parse of the file
    expect(first?.collections.articles[0]).toBe(collections.articles[0]);
    expect(readDataCache(file, 'http://cms')).toBe(first);
    // another process (a fallback astro build) rewrites the file: it is read again
    const other = { ...JSON.parse(fs.readFileSync(file, 'utf8')), collections: { ...collections, articles: [article('b'), article('c')] } };
    fs.writeFileSync(file, JSON.stringify(other));
    expect(readDataCache(file, 'http://cms')?.collections.articles.map((r) => r.documentId)).toEqual(['b', 'c']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a deferred write leaves the file as it was until flushed, and reads see the new rows meanwhile', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-data-cache-'));
    const file = path.join(dir, 'data.json');
    const holder = globalThis as Record<symbol, unknown>;
    const onDisk = () => (JSON.parse(fs.readFileSync(file, 'utf8')) as DataCacheFile).collections.articles.map((r) => r.documentId);
    const one = emptyCollections();
    one.articles = [article('a')];
    writeDataCache(file, 'http://cms', one);
    deferDataCacheWrites();
    try {
      const two = emptyCollections();
      two.articles = [article('a'), article('b')];
      writeDataCache(file, 'http://cms', two);
      expect(onDisk()).toEqual(['a']);
      expect(readDataCache(file, 'http://cms')?.collections.articles.map((r) => r.documentId)).toEqual(['a', 'b']);
      flushDataCacheWrite();
      expect(onDisk()).toEqual(['a', 'b']);
      flushDataCacheWrite(); // nothing pending: a no-op
      expect(readDataCache(file, 'http://cms')?.collections.articles.map((r) => r.documentId)).toEqual(['a', 'b']);
    } finally {
      delete holder[Symbol.for('cong.site.dataCacheDeferWrites')];
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes exactly JSON.stringify of the cache, rows stringified once and reused', () => {
    const collections = emptyCollections();
    collections.articles = [article('a'), { ...article('b'), title: 'Tiêu đề "có" ngoặc\n\u2028' }];
    collections.legalDocuments = [{ documentId: 'd', updatedAt: null, publishedAt: T1, nested: { list: [1, null, 'x'] } }];
    const body: DataCacheFile = { version: dataCacheVersion(), cmsUrl: 'http://cms', savedAt: T2, collections };
    expect(cacheText(body)).toBe(JSON.stringify(body));
    // a new row beside kept ones
    collections.articles = [...collections.articles, article('c')];
    expect(cacheText(body)).toBe(JSON.stringify(body));
    expect(cacheText({ ...body, collections: emptyCollections() })).toBe(JSON.stringify({ ...body, collections: emptyCollections() }));
  });
});

describe('takeCacheTurn', () => {
  it('lets one process load at a time; the next waits for the turn to be given back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-data-cache-'));
    const file = path.join(dir, 'data.json');
    const first = await takeCacheTurn(file);
    expect(fs.readFileSync(`${file}.lock`, 'utf8')).toBe(String(process.pid));
    let second: (() => void) | null = null;
    const waiting = takeCacheTurn(file).then((give) => (second = give));
    await new Promise((r) => setTimeout(r, 300));
    expect(second).toBeNull();
    first();
    await waiting;
    expect(second).not.toBeNull();
    second!();
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes over a lock whose process is gone, and gives up waiting after the limit', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-data-cache-'));
    const file = path.join(dir, 'data.json');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    fs.writeFileSync(`${file}.lock`, gone);
    const give = await takeCacheTurn(file);
    expect(fs.readFileSync(`${file}.lock`, 'utf8')).toBe(String(process.pid));
    // held by a live process (this one): a waiter with a 200 ms limit loads on its own
    const t0 = Date.now();
    const noop = await takeCacheTurn(file, 200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(200);
    noop();
    expect(fs.existsSync(`${file}.lock`)).toBe(true);
    give();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes over a lock left empty (its process died between creating and writing it) once it is 10 s old', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-data-cache-'));
    const file = path.join(dir, 'data.json');
    fs.writeFileSync(`${file}.lock`, '');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(`${file}.lock`, old, old);
    const give = await takeCacheTurn(file, 2_000);
    expect(fs.readFileSync(`${file}.lock`, 'utf8')).toBe(String(process.pid));
    give();
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
