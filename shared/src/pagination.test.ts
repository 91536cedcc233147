import { describe, expect, it } from 'vitest';
import { LIST_PAGE_SIZE, alphabeticalPageOf, archivePageOf, listNavKey, paginateList } from './pagination.js';

/** items 0…n−1 where a larger number is newer, given newest first */
const newestFirst = (n: number) => Array.from({ length: n }, (_, i) => n - 1 - i);
const pageOf = <T>(pages: ReturnType<typeof paginateList<T>>, page: number | null) => pages.find((p) => p.page === page)!;

describe('archivePageOf / alphabeticalPageOf', () => {
  it('counts archive pages from the oldest item, 20 a page', () => {
    expect(LIST_PAGE_SIZE).toBe(20);
    expect(archivePageOf(0)).toBe(1);
    expect(archivePageOf(19)).toBe(1);
    expect(archivePageOf(20)).toBe(2);
    expect(archivePageOf(9999)).toBe(500);
    expect(archivePageOf(5, 3)).toBe(2);
  });
  it('alphabetical: page 1 is the list itself', () => {
    expect(alphabeticalPageOf(0)).toBeNull();
    expect(alphabeticalPageOf(19)).toBeNull();
    expect(alphabeticalPageOf(20)).toBe(2);
  });
  it('rejects unusable positions and sizes', () => {
    expect(() => archivePageOf(-1)).toThrow(RangeError);
    expect(() => archivePageOf(1.5)).toThrow(RangeError);
    expect(() => archivePageOf(1, 0)).toThrow(RangeError);
    expect(() => paginateList([1], 'newest', 0)).toThrow(RangeError);
  });
});

describe('paginateList, newest first', () => {
  it('a short list is one page without navigation', () => {
    for (const n of [0, 1, 20]) {
      const pages = paginateList(newestFirst(n), 'newest');
      expect(pages).toHaveLength(1);
      expect(pages[0]).toMatchObject({ page: null, number: null, prev: null, next: null, around: [], first: null, last: null });
      expect(pages[0].items).toHaveLength(n);
    }
  });

  it('first page = the 20 newest; archive pages hold fixed chunks counted from the oldest', () => {
    const pages = paginateList(newestFirst(45), 'newest');
    expect(pages.map((p) => p.page)).toEqual([null, 3, 2, 1]);
    expect(pageOf(pages, null).items).toEqual(newestFirst(45).slice(0, 20));
    expect(pageOf(pages, 1).items).toEqual([19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(pageOf(pages, 2).items[0]).toBe(39);
    expect(pageOf(pages, 3).items).toEqual([44, 43, 42, 41, 40]);
    // the first page's "older" link goes to the page holding the newest item it does not show (24)
    expect(pageOf(pages, null).next).toEqual({ page: 2, number: 2 });
    expect(pageOf(pages, 3).prev).toEqual({ page: null, number: null });
    expect(pageOf(pages, 3).next).toEqual({ page: 2, number: 2 });
    expect(pageOf(pages, 1).next).toBeNull();
    expect(pageOf(pages, 2).around.map((r) => r.number)).toEqual([3, 2, 1]);
    // no page holds more than the page size; every item is on an archive page exactly once
    expect(Math.max(...pages.map((p) => p.items.length))).toBeLessThanOrEqual(20);
    expect(
      pages
        .filter((p) => p.page !== null)
        .flatMap((p) => p.items)
        .sort((a, b) => a - b),
    ).toEqual(newestFirst(45).reverse());
  });

  it('page numbers match archivePageOf', () => {
    const pages = paginateList(newestFirst(1234), 'newest');
    for (const p of pages.filter((x) => x.page !== null)) for (const item of p.items) expect(archivePageOf(item)).toBe(p.page);
  });

  it('publishing one item changes O(1) pages, not every archive page', () => {
    for (const n of [21, 40, 41, 59, 60, 1000, 9999, 10000]) {
      const before = new Map(paginateList(newestFirst(n), 'newest').map((p) => [p.page, JSON.stringify(p.items) + listNavKey(p)]));
      const after = paginateList(newestFirst(n + 1), 'newest');
      const changed = after.filter((p) => before.get(p.page) !== JSON.stringify(p.items) + listNavKey(p)).map((p) => p.page);
      // the first page, the page receiving the item, and at most the neighbours whose links to a new page appear
      expect(changed.length, `${n}: ${changed.join(',')}`).toBeLessThanOrEqual(2 + 3);
      expect(changed).toContain(null);
    }
  });

  it('navigation: first/last shown only when not already around', () => {
    const pages = paginateList(newestFirst(200), 'newest');
    const p10 = pageOf(pages, 10);
    expect(p10.around.map((r) => r.page)).toEqual([10, 9, 8]);
    expect(p10.first).toEqual({ page: null, number: null });
    expect(p10.last).toEqual({ page: 1, number: 1 });
    expect(pageOf(pages, 3).last).toBeNull();
    const p5 = pageOf(pages, 5);
    expect(p5.around.map((r) => r.page)).toEqual([7, 6, 5, 4, 3]);
    expect(p5.last).toEqual({ page: 1, number: 1 });
  });
});

describe('paginateList, alphabetical', () => {
  const names = Array.from({ length: 45 }, (_, i) => `tt-${String(i).padStart(2, '0')}`);
  it('numbered chunks from the start; page 1 is the list itself', () => {
    const pages = paginateList(names, 'alphabetical');
    expect(pages.map((p) => p.page)).toEqual([null, 2, 3]);
    expect(pages.map((p) => p.number)).toEqual([1, 2, 3]);
    expect(pages[0].items).toEqual(names.slice(0, 20));
    expect(pages[2].items).toEqual(names.slice(40));
    expect(pages[0].prev).toBeNull();
    expect(pages[0].next).toEqual({ page: 2, number: 2 });
    expect(pages[2].prev).toEqual({ page: 2, number: 2 });
    expect(pages[1].around.map((r) => r.number)).toEqual([1, 2, 3]);
    for (const [i, name] of names.entries()) expect(pages.find((p) => p.items.includes(name))!.page).toBe(alphabeticalPageOf(i));
  });
  it('a short or empty list is one page without navigation', () => {
    expect(paginateList([], 'alphabetical')).toEqual([{ page: null, number: 1, items: [], prev: null, next: null, around: [], first: null, last: null }]);
    expect(paginateList(names.slice(0, 20), 'alphabetical')).toHaveLength(1);
  });
});
