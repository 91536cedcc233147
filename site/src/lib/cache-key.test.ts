import { describe, expect, it } from 'vitest';
import { cacheKey, cacheKeyMemoSize, documentKeyParts } from './cache-key';

const a = { documentId: 'a', updatedAt: '2026-03-01T20:00:00.000Z' };
const b = { documentId: 'b', updatedAt: '2026-03-02T20:00:00.000Z' };

describe('cacheKey', () => {
  it('is stable for the same entries', () => {
    expect(cacheKey('x', a, [a, b])).toBe(cacheKey('x', { ...a }, [{ ...a }, { ...b }]));
    expect(cacheKey('x', a)).toMatch(/^[0-9a-f]{24}$/);
  });

  it('changes when an entry changes, is added, removed or moved', () => {
    const base = cacheKey('list', [a, b]);
    expect(cacheKey('list', [a, { ...b, updatedAt: '2026-03-03T00:00:00.000Z' }])).not.toBe(base);
    expect(cacheKey('list', [a])).not.toBe(base);
    expect(cacheKey('list', [b, a])).not.toBe(base);
    expect(cacheKey('list', [a, b, { documentId: 'c', updatedAt: 'x' }])).not.toBe(base);
    expect(cacheKey('other', [a, b])).not.toBe(base);
  });

  it('tells an empty list, a missing relation and a literal apart', () => {
    const keys = [cacheKey([]), cacheKey(null), cacheKey('-'), cacheKey(undefined, null), cacheKey([null])];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('folds the shown validity of legal documents in', () => {
    const doc = { ...a, currentValidity: 'notYetEffective' };
    expect(cacheKey(documentKeyParts([doc]))).not.toBe(cacheKey(documentKeyParts([{ ...doc, currentValidity: 'inForce' }])));
  });

  it('changes with the site origin (canonical URLs, Open Graph)', () => {
    const saved = process.env.SITE_URL;
    try {
      process.env.SITE_URL = 'https://laocai.gov.vn';
      const one = cacheKey('x', a);
      process.env.SITE_URL = 'http://127.0.0.1:4321';
      expect(cacheKey('x', a)).not.toBe(one);
    } finally {
      if (saved === undefined) delete process.env.SITE_URL;
      else process.env.SITE_URL = saved;
    }
  });

  it('gives the keys earlier releases saved (a changed format would re-render every page after an upgrade), remembered or not', () => {
    const saved = process.env.SITE_URL;
    try {
      process.env.SITE_URL = 'https://laocai.gov.vn';
      // computed by the version that hashed the parts one by one, before the digests were remembered
      for (let i = 0; i < 2; i++) expect(cacheKey('article', a, null, [a, b], 'hieu-luc', 3)).toBe('b00d769ea1ee43df29714ad5');
      expect(cacheKey('article', a, null, [a, b], 'hieu-luc', 4)).not.toBe('b00d769ea1ee43df29714ad5');
    } finally {
      if (saved === undefined) delete process.env.SITE_URL;
      else process.env.SITE_URL = saved;
    }
  });
});

describe('cacheKey memo (red-team F18)', () => {
  it('keeps a bounded amount of text however long the keys of the lists are', () => {
    // a list page's key holds every entry it shows: 20,000 documents ≈ 1 M characters, new on each publish
    const docs = Array.from({ length: 20_000 }, (_, i) => ({ documentId: `doc${String(i).padStart(20, '0')}`, updatedAt: '2026-12-02T11:20:00.000Z' }));
    for (let publish = 0; publish < 40; publish++) cacheKey('documents', docs, `publish ${publish}`);
    const { entries, chars } = cacheKeyMemoSize();
    expect(entries).toBeGreaterThan(0);
    expect(chars).toBeLessThanOrEqual(16_000_000);
    // still the same keys, remembered or not
    expect(cacheKey('documents', docs, 'publish 3')).toBe(cacheKey('documents', docs, 'publish 3'));
  });
});
