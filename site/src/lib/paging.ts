/**
 * Glue between the shared pagination scheme (`paginateList` in `@cong/shared`, see
 * shared/src/pagination.ts for why archive pages are counted from the oldest item) and the
 * site's Astro routes: rest-parameter values, page titles and the Vietnamese summary line of a
 * page. Pure.
 */
import { LIST_PAGE_SEGMENT, type ListOrder, type ListPage } from '@cong/shared';
import { safeDate } from './format';

/**
 * The rest-parameter tail of a list page: `undefined` for the list's own URL, `trang/<n>` else.
 * Joined after the list's own segments with {@link joinParam}.
 */
export function pageParam(page: number | null): string | undefined {
  return page === null ? undefined : `${LIST_PAGE_SEGMENT}/${page}`;
}

/** Joins rest-parameter parts (`undefined` parts dropped; all dropped → `undefined`, the route's own URL). */
export function joinParam(...parts: (string | undefined | null)[]): string | undefined {
  const kept = parts.filter((p): p is string => !!p);
  return kept.length ? kept.join('/') : undefined;
}

/**
 * The `<title>` of a list page: the list's title, with " – Trang <n>" on archive pages (and on
 * pages ≥ 2 of alphabetical lists) so that every page has a title of its own (WCAG 2.4.2).
 */
export function pageTitle(title: string, page: Pick<ListPage<unknown>, 'page' | 'number'>): string {
  return page.page === null ? title : `${title} – Trang ${page.number}`;
}

/**
 * The line that says which part of the list a page holds, in Vietnamese, or `null` when the
 * list has a single page:
 * - newest-first archive page: "Trang 38: 20 tin, đăng từ ngày 12/03/2026 đến ngày 15/03/2026.
 *   Trang 1 là trang cũ nhất; mỗi trang giữ nguyên nội dung khi có tin mới." (`dates` = the
 *   items' dates, ISO; `noun` = "tin", "văn bản", "câu hỏi"; `dateVerb` = "đăng", "ban hành");
 * - the newest-first list's own URL: "<total> <noun>, mới nhất ở đầu."…
 * - alphabetical page: "Trang 2: <noun> thứ 21–40 theo thứ tự tên."
 *
 * @param total number of items of the whole list (shown on the list's own URL only: archive pages
 *   must not change when the list grows)
 */
export function pageSummary(
  page: ListPage<unknown>,
  order: ListOrder,
  opts: { noun: string; total: number; pageSize: number; dates?: (string | null | undefined)[]; dateVerb?: string },
): string | null {
  const { noun, total, pageSize } = opts;
  const single = page.prev === null && page.next === null;
  if (single) return null;
  if (order === 'alphabetical') {
    const from = ((page.number ?? 1) - 1) * pageSize + 1;
    return `Trang ${page.number}: ${noun} thứ ${from}–${from + page.items.length - 1} theo thứ tự tên${page.page === null ? ` (trong tổng số ${total})` : ''}.`;
  }
  if (page.page === null) {
    return `${page.items.length} ${noun} mới nhất trong tổng số ${total}. ${capitalise(noun)} cũ hơn ở các trang sau, đánh số từ trang 1 là trang cũ nhất.`;
  }
  const dates = (opts.dates ?? []).filter((d): d is string => !!d).sort();
  const range =
    dates.length === 0
      ? ''
      : safeDate(dates[0]) === safeDate(dates[dates.length - 1])
        ? `, ${opts.dateVerb ?? 'đăng'} ngày ${safeDate(dates[0])}`
        : `, ${opts.dateVerb ?? 'đăng'} từ ngày ${safeDate(dates[0])} đến ngày ${safeDate(dates[dates.length - 1])}`;
  return `Trang ${page.number}: ${page.items.length} ${noun}${range}. Trang 1 là trang cũ nhất; nội dung mỗi trang giữ nguyên khi có ${noun} mới.`;
}

function capitalise(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}
