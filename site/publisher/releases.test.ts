import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, countHtmlPages, ReleaseStore } from './releases.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-releases-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function makeRelease(store: ReleaseStore, id: string, files: Record<string, string> = { 'index.html': 'home' }) {
  const staging = store.stagingPath(id);
  for (const [f, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(staging, f)), { recursive: true });
    fs.writeFileSync(path.join(staging, f), body);
  }
  store.finalize(id);
}

describe('ReleaseStore', () => {
  it('makes sortable, unique ids even within one millisecond', () => {
    const store = new ReleaseStore(dir);
    const now = new Date('2026-01-02T03:04:05.678Z');
    const a = store.newId(now);
    const b = store.newId(now);
    const c = store.newId(new Date('2026-01-02T03:04:05.000Z'));
    expect(a).toBe('20260102T030405678Z');
    expect(b).toBe('20260102T030405678Z-1');
    expect(c).toBe('20260102T030405678Z-2');
    expect([c, a, b].sort()).toEqual([a, b, c]);
  });

  it('switches `current` with a symlink rename and lists releases oldest first', () => {
    const store = new ReleaseStore(dir);
    store.init();
    expect(store.current()).toBeNull();
    makeRelease(store, '20260101T000000000Z', { 'index.html': 'one' });
    makeRelease(store, '20260102T000000000Z', { 'client/index.html': 'two', 'server/entry.mjs': '' });
    store.activate('20260101T000000000Z');
    expect(store.current()).toBe('20260101T000000000Z');
    expect(fs.readFileSync(path.join(dir, 'current', 'index.html'), 'utf8')).toBe('one');
    store.activate('20260102T000000000Z');
    expect(fs.readlinkSync(path.join(dir, 'current'))).toBe('20260102T000000000Z');
    expect(store.list()).toEqual(['20260101T000000000Z', '20260102T000000000Z']);
    expect(store.webRoot('20260101T000000000Z')).toBe(path.join(dir, '20260101T000000000Z'));
    expect(store.webRoot('20260102T000000000Z')).toBe(path.join(dir, '20260102T000000000Z', 'client'));
    expect(store.serverEntry('20260102T000000000Z')).toMatch(/server\/entry\.mjs$/);
    expect(store.serverEntry('20260101T000000000Z')).toBeNull();
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('.current-'))).toEqual([]);
  });

  it('prunes old releases but never the current or pinned ones', async () => {
    const store = new ReleaseStore(dir);
    store.init();
    const ids = ['20260101T000000000Z', '20260102T000000000Z', '20260103T000000000Z', '20260104T000000000Z', '20260105T000000000Z'];
    for (const id of ids) makeRelease(store, id);
    store.activate(ids[3]);
    expect(await store.prune(1, [ids[0]])).toEqual([ids[1], ids[2]]);
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('.building'))).toEqual([]);
    expect(store.list()).toEqual([ids[0], ids[3], ids[4]]);
  });

  it('cleans staging folders left by an interrupted run, and refuses bad ids', () => {
    const store = new ReleaseStore(dir);
    fs.mkdirSync(path.join(dir, '.building-20260101T000000000Z'), { recursive: true });
    store.init();
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(() => store.path('../etc')).toThrow(/release id/);
  });

  it('stores and reads release metadata', () => {
    const store = new ReleaseStore(dir);
    store.init();
    makeRelease(store, '20260101T000000000Z');
    const meta = {
      id: '20260101T000000000Z',
      createdAt: '2026-01-01T00:00:00.000Z',
      buildMs: 1,
      trigger: 'manual',
      codeHash: 'x',
      incremental: true,
      pages: { total: 1, html: 1, rendered: 1, cached: 0 },
      state: { generatedAt: '2026-01-01T00:00:00.000Z', entries: {} },
    };
    store.writeMeta(store.path(meta.id), meta);
    expect(store.readMeta(meta.id)).toEqual(meta);
    expect(store.readMeta('20260109T000000000Z')).toBeNull();
  });
});

describe('acquireLock', () => {
  it('is exclusive while held, and taken over from a dead process', () => {
    const release = acquireLock(dir);
    expect(() => acquireLock(dir)).toThrow(/in use/);
    release();
    expect(fs.existsSync(path.join(dir, '.lock'))).toBe(false);
    fs.writeFileSync(path.join(dir, '.lock'), '999999999');
    const again = acquireLock(dir);
    expect(fs.readFileSync(path.join(dir, '.lock'), 'utf8')).toBe(String(process.pid));
    again();
  });
});

describe('countHtmlPages', () => {
  it('counts HTML files recursively', () => {
    fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
    for (const f of ['index.html', 'a/index.html', 'a/b/index.html', 'a/rss.xml']) fs.writeFileSync(path.join(dir, f), '');
    expect(countHtmlPages(dir)).toBe(3);
    expect(countHtmlPages(path.join(dir, 'missing'))).toBe(0);
  });
});
