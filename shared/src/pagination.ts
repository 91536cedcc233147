/**
 * Pagination of the public site's long lists, designed for incremental builds.
 *
 * The site is rebuilt incrementally: a page re-renders only when the data it shows changes. The
 * classic scheme — page 1 = the 20 newest items, page 2 = the next 20, … — shifts every item of
 * every page by one when one item is published, so every page of the list would re-render (500
 * pages for 10,000 news items). Its URLs also never show the same thing twice: a citizen who
 * bookmarks or cites "trang 3" finds other news there tomorrow.
 *
 * Two schemes, by the order of the list:
 *
 * - **newest first** (`'newest'`: news, legal documents, questions): the list's own URL
 *   (e.g. `/tin-tuc/`) shows the {@link LIST_PAGE_SIZE} newest items. All items are also cut into
 *   fixed archive pages counted **from the oldest item**: `/tin-tuc/trang/1/` holds the 20
 *   oldest, `/tin-tuc/trang/2/` the next 20, …, the last page the newest (1–20 items). A new item
 *   only lands on the last archive page (or opens a new one), so a publish re-renders the list's
 *   own URL and one or two archive pages; every other archive page keeps its content and its
 *   address for good (a permanent link, like a newspaper's archive). Pages are read newest
 *   first, so "Trang sau" (cũ hơn) goes from page n to page n − 1.
 * - **alphabetical** (`'alphabetical'`: procedures, investment projects — by name): there is no
 *   "newest" end, so pages are plain numbered chunks from the start of the alphabet (the list's
 *   own URL = page 1, `…/trang/2/`, …). A new item re-renders the pages from its place in the
 *   alphabet to the end of that list: bounded by the list's size, which is small because these
 *   lists are cut by field or by agency first (`/thu-tuc-hanh-chinh/linh-vuc/<field>/`).
 *
 * Pure functions; page numbers are 1-based; `null` as a page means the list's own URL.
 */

/** Items on one list page (the first page of a newest-first list, and every archive page). */
export const LIST_PAGE_SIZE = 20;

/** URL segment before a page number: `/tin-tuc/trang/3/`. */
export const LIST_PAGE_SEGMENT = 'trang';

/** How a list is ordered, which decides its pagination scheme (see the module docs). */
export type ListOrder = 'newest' | 'alphabetical';

/** A link to a page of a list: `page` null = the list's own URL; `number` is what users read. */
export interface ListPageRef {
  page: number | null;
  /** the page number shown ("Trang 3"); `null` for the newest-first list's own URL ("Mới nhất") */
  number: number | null;
}

/** One page of a paginated list with its navigation. */
export interface ListPage<T> extends ListPageRef {
  /** the items of this page, in display order */
  items: T[];
  /** toward the start of the display order (newer items / earlier in the alphabet) */
  prev: ListPageRef | null;
  /** toward the end of the display order (older items / later in the alphabet) */
  next: ListPageRef | null;
  /** numbered pages to link around this one (this one included when numbered), in display order */
  around: ListPageRef[];
  /** the list's own URL when it is not this page and not in `around` ("Mới nhất" / "Trang đầu") */
  first: ListPageRef | null;
  /** the far end of the list when it is not this page and not in `around` ("Cũ nhất" / "Trang cuối") */
  last: ListPageRef | null;
}

/** How many numbered pages are linked on each side of the current one. */
const AROUND = 2;

/**
 * The archive page (1-based, `…/trang/<n>/`) of a newest-first list that holds the item at
 * `positionFromOldest` (0 = the oldest item of the list). Stable: publishing newer items never
 * moves an item to another archive page.
 *
 * @throws {RangeError} for a negative or non-integer position, or a page size below 1
 */
export function archivePageOf(positionFromOldest: number, pageSize: number = LIST_PAGE_SIZE): number {
  checkSize(pageSize);
  if (!Number.isInteger(positionFromOldest) || positionFromOldest < 0) {
    throw new RangeError(`Invalid list position: ${positionFromOldest}`);
  }
  return Math.floor(positionFromOldest / pageSize) + 1;
}

/**
 * The URL page of an alphabetical list holding the item at `position` (0 = first in the
 * alphabet): `null` for the list's own URL (page 1), else the page number (≥ 2).
 *
 * @throws {RangeError} like {@link archivePageOf}
 */
export function alphabeticalPageOf(position: number, pageSize: number = LIST_PAGE_SIZE): number | null {
  const n = archivePageOf(position, pageSize);
  return n === 1 ? null : n;
}

function checkSize(pageSize: number): void {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`Invalid page size: ${pageSize}`);
}

/**
 * Cuts a list, given in display order, into its pages (see the module docs for the two schemes).
 *
 * - `'newest'` (items newest first): the first page (`page: null`) holds the `pageSize` newest;
 *   when there are more, archive pages 1…K (K = ⌈total / pageSize⌉) hold the items counted from
 *   the oldest, each shown newest first. Returned in display order: the first page, then K, K−1,
 *   …, 1. With `total ≤ pageSize` only the first page (no archive).
 * - `'alphabetical'`: pages 1…P (P = ⌈total / pageSize⌉), page 1 at the list's own URL.
 *
 * An empty list still has its first page (with no items). Navigation of a page depends only on
 * its own number and on K (or P), never on the items of other pages, so a page's content and
 * links change only when its own items change or when K crosses its neighbourhood.
 *
 * @throws {RangeError} for a page size below 1
 */
export function paginateList<T>(items: readonly T[], order: ListOrder, pageSize: number = LIST_PAGE_SIZE): ListPage<T>[] {
  checkSize(pageSize);
  const total = items.length;
  if (order === 'alphabetical') {
    const count = Math.max(1, Math.ceil(total / pageSize));
    const ref = (n: number): ListPageRef => ({ page: n === 1 ? null : n, number: n });
    const pages: ListPage<T>[] = [];
    for (let n = 1; n <= count; n++) {
      const around: ListPageRef[] = [];
      for (let k = Math.max(1, n - AROUND); k <= Math.min(count, n + AROUND); k++) around.push(ref(k));
      pages.push({
        ...ref(n),
        items: items.slice((n - 1) * pageSize, n * pageSize),
        prev: n > 1 ? ref(n - 1) : null,
        next: n < count ? ref(n + 1) : null,
        around: count > 1 ? around : [],
        first: n - AROUND > 1 ? ref(1) : null,
        last: n + AROUND < count ? ref(count) : null,
      });
    }
    return pages;
  }

  const firstRef: ListPageRef = { page: null, number: null };
  const ref = (n: number): ListPageRef => ({ page: n, number: n });
  if (total <= pageSize) {
    return [{ ...firstRef, items: [...items], prev: null, next: null, around: [], first: null, last: null }];
  }
  const count = Math.ceil(total / pageSize);
  // the first page shows newest-first positions 0…pageSize−1; the next item (the newest one it
  // does not show) sits at position-from-oldest total−1−pageSize
  const olderThanFirst = archivePageOf(total - 1 - pageSize, pageSize);
  const pages: ListPage<T>[] = [
    {
      ...firstRef,
      items: items.slice(0, pageSize),
      prev: null,
      next: ref(olderThanFirst),
      around: [],
      first: null,
      last: olderThanFirst > 1 ? ref(1) : null,
    },
  ];
  for (let n = count; n >= 1; n--) {
    // archive page n holds positions-from-oldest (n−1)·size … n·size−1; in the newest-first
    // array, position-from-oldest p is at index total−1−p
    const start = Math.max(0, total - n * pageSize);
    const end = total - (n - 1) * pageSize;
    const around: ListPageRef[] = [];
    for (let k = Math.min(count, n + AROUND); k >= Math.max(1, n - AROUND); k--) around.push(ref(k));
    pages.push({
      ...ref(n),
      items: items.slice(start, end),
      prev: n < count ? ref(n + 1) : firstRef,
      next: n > 1 ? ref(n - 1) : null,
      around,
      first: firstRef,
      last: n - AROUND > 1 ? ref(1) : null,
    });
  }
  return pages;
}

/**
 * The part of a page's cache key that its navigation shows (the numbered links, first/last and
 * neighbours), as a string: equal for two builds exactly when the page's pagination links are.
 */
export function listNavKey(page: Pick<ListPage<unknown>, 'page' | 'prev' | 'next' | 'around' | 'first' | 'last'>): string {
  const r = (x: ListPageRef | null) => (x ? `${x.page ?? '-'}` : '_');
  return `nav:${page.page ?? '-'}|${r(page.prev)}|${r(page.next)}|${page.around.map(r).join(',')}|${r(page.first)}|${r(page.last)}`;
}
