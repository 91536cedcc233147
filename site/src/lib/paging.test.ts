import { describe, expect, it } from 'vitest';
import { paginateList } from '@cong/shared';
import { joinParam, pageParam, pageSummary, pageTitle } from './paging';

describe('paging helpers', () => {
  it('rest parameters of list pages', () => {
    expect(pageParam(null)).toBeUndefined();
    expect(pageParam(3)).toBe('trang/3');
    expect(joinParam('trong-tinh', pageParam(2))).toBe('trong-tinh/trang/2');
    expect(joinParam(undefined, pageParam(null))).toBeUndefined();
    expect(joinParam('tin-tuc', undefined)).toBe('tin-tuc');
  });

  it('titles: archive pages get their number', () => {
    const pages = paginateList(
      Array.from({ length: 45 }, (_, i) => i),
      'newest',
    );
    expect(pageTitle('Tin tức', pages[0])).toBe('Tin tức');
    expect(pageTitle('Tin tức', pages[1])).toBe('Tin tức – Trang 3');
  });

  it('Vietnamese summary lines, without the total on archive pages', () => {
    const dates = Array.from({ length: 45 }, (_, i) => `2026-03-${String(1 + Math.floor(i / 2)).padStart(2, '0')}T03:00:00Z`).reverse();
    const pages = paginateList(dates, 'newest');
    const opts = { noun: 'tin', total: 45, pageSize: 20 };
    expect(pageSummary(pages[0], 'newest', opts)).toBe('20 tin mới nhất trong tổng số 45. Tin cũ hơn ở các trang sau, đánh số từ trang 1 là trang cũ nhất.');
    const oldest = pages.find((p) => p.page === 1)!;
    expect(pageSummary(oldest, 'newest', { ...opts, dates: oldest.items })).toBe(
      'Trang 1: 20 tin, đăng từ ngày 01/03/2026 đến ngày 10/03/2026. Trang 1 là trang cũ nhất; nội dung mỗi trang giữ nguyên khi có tin mới.',
    );
    expect(pageSummary(paginateList([1, 2], 'newest')[0], 'newest', opts)).toBeNull();
    const alpha = paginateList(
      Array.from({ length: 45 }, (_, i) => i),
      'alphabetical',
    );
    expect(pageSummary(alpha[1], 'alphabetical', { noun: 'thủ tục', total: 45, pageSize: 20 })).toBe('Trang 2: thủ tục thứ 21–40 theo thứ tự tên.');
    expect(pageSummary(alpha[0], 'alphabetical', { noun: 'thủ tục', total: 45, pageSize: 20 })).toBe(
      'Trang 1: thủ tục thứ 1–20 theo thứ tự tên (trong tổng số 45).',
    );
  });
});
