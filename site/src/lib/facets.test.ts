import { describe, expect, it } from 'vitest';
import type { LegalDocument, Procedure } from './cms';
import { legalDocumentFacets, procedureFields } from './facets';

const doc = (id: string, extra: Partial<LegalDocument>): LegalDocument =>
  ({
    documentId: id,
    slug: id,
    documentNumber: id,
    documentType: 'decision',
    issuingBody: 'Ủy ban nhân dân tỉnh Lào Cai',
    issuedDate: '2006-02-09',
    currentValidity: 'inForce',
    field: null,
    ...extra,
  }) as LegalDocument;

describe('legalDocumentFacets', () => {
  const docs = [
    doc('a', { issuedDate: '2024-05-10', field: 'Đất đai' }),
    doc('b', { documentType: 'resolution', issuingBody: 'Hội đồng nhân dân tỉnh Lào Cai', currentValidity: 'unknown' }),
    doc('c', { issuedDate: '1998-11-09', field: 'đất đai', issuingBody: 'ỦY BAN NHÂN DÂN TỈNH LÀO CAI' }),
  ];
  const facets = Object.fromEntries(legalDocumentFacets(docs).map((f) => [f.facet, f]));

  it('has the five facets with Vietnamese names', () => {
    expect(Object.keys(facets)).toEqual(['type', 'issuingBody', 'year', 'validity', 'field']);
    expect(facets.type.label).toBe('Loại văn bản');
  });

  it('groups documents per value, keeping their order; one page per slug', () => {
    expect(facets.type.values.map((v) => [v.label, v.href, v.items.map((d) => d.slug)])).toEqual([
      ['Quyết định', '/van-ban/loai/quyet-dinh/', ['a', 'c']],
      ['Nghị quyết', '/van-ban/loai/nghi-quyet/', ['b']],
    ]);
    // texts differing in case share a page, labelled with the first seen
    expect(facets.issuingBody.values.map((v) => [v.value, v.label, v.items.length])).toEqual([
      ['hoi-dong-nhan-dan-tinh-lao-cai', 'Hội đồng nhân dân tỉnh Lào Cai', 1],
      ['uy-ban-nhan-dan-tinh-lao-cai', 'Ủy ban nhân dân tỉnh Lào Cai', 2],
    ]);
    expect(facets.field.values.map((v) => [v.href, v.items.map((d) => d.slug)])).toEqual([['/van-ban/linh-vuc/dat-dai/', ['a', 'c']]]);
  });

  it('orders years newest first and statuses in their natural order', () => {
    expect(facets.year.values.map((v) => v.label)).toEqual(['2024', '2006', '1998']);
    expect(facets.validity.values.map((v) => v.label)).toEqual(['Còn hiệu lực', 'Chưa xác định']);
  });
});

describe('procedureFields', () => {
  it('groups by field in Vietnamese order, "Lĩnh vực khác" last', () => {
    const p = (slug: string, field: string | null) => ({ slug, field }) as Procedure;
    const fields = procedureFields([p('a', 'Xây dựng'), p('b', null), p('c', 'Đất đai'), p('d', 'Xây dựng')]);
    expect(fields.map((f) => [f.label, f.href, f.items.map((x) => x.slug)])).toEqual([
      ['Đất đai', '/thu-tuc-hanh-chinh/linh-vuc/dat-dai/', ['c']],
      ['Xây dựng', '/thu-tuc-hanh-chinh/linh-vuc/xay-dung/', ['a', 'd']],
      ['Lĩnh vực khác', '/thu-tuc-hanh-chinh/linh-vuc/khac/', ['b']],
    ]);
  });
});
