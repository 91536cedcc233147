import { describe, expect, it } from 'vitest';
import { singleDocumentQuery, uidOfPreviewType, propsShow } from './load.js';

describe('preview helpers', () => {
  it('adapts the site list query to one document in one status', () => {
    const q = singleDocumentQuery('articles', 'draft');
    expect(q).toContain('$filters: ArticleFiltersInput');
    expect(q).toMatch(/articles\(status: DRAFT, filters: \$filters, pagination/);
    expect(singleDocumentQuery('administrativeProcedures', 'published')).toMatch(/administrativeProcedures\(status: PUBLISHED/);
  });
  it('maps preview type names to uids and finds the shown document in page props', () => {
    expect(uidOfPreviewType('article')).toBe('api::article.article');
    expect(uidOfPreviewType('nope')).toBeNull();
    const t = { documentId: 'a' };
    expect(propsShow({ article: t }, t)).toBe(true);
    expect(propsShow({ services: [{}, t] }, t)).toBe(true);
    expect(propsShow({ article: { documentId: 'a' } }, t)).toBe(false);
  });
});
