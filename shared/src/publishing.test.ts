import { describe, expect, it } from 'vitest';
import {
  diffPublishedStates,
  previewUrl,
  routesOfEntry,
  signPreviewGrant,
  verifyPreviewGrant,
  type PublishedEntry,
  type PublishedState,
  applyStateDelta,
} from './publishing.js';

const agency = { documentId: 'ag1', slug: 'so-y-te', kind: 'department' };
const article = (id: string, over: Partial<PublishedEntry> = {}): PublishedEntry => ({
  documentId: id,
  slug: `tin-${id}`,
  publishedAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  fields: { scope: 'province' },
  agency,
  ...over,
});
const state = (articles: PublishedEntry[], extra: Record<string, PublishedEntry[]> = {}): PublishedState => ({
  generatedAt: '2026-01-02T00:00:00.000Z',
  entries: { 'api::article.article': articles, ...extra },
});

describe('diffPublishedStates', () => {
  it('finds nothing between equal states', () => {
    const s = state([article('a'), article('b')]);
    expect(diffPublishedStates(s, structuredClone(s))).toEqual({ changes: [], routes: [] });
  });

  it('reports an added article with its page, lists, feeds, agency sub-site and the homepage', () => {
    const d = diffPublishedStates(state([article('a')]), state([article('a'), article('b')]));
    expect(d.changes.map((c) => [c.kind, c.documentId])).toEqual([['added', 'b']]);
    expect(d.routes).toEqual([
      '/',
      '/co-quan/so-y-te/',
      '/co-quan/so-y-te/rss.xml',
      '/co-quan/so-y-te/tin-tuc/',
      '/rss.xml',
      '/tin-tuc/',
      '/tin-tuc/tin-b/',
      '/tin-tuc/trong-tinh/',
    ]);
  });

  it('reports an unpublished or deleted entry as removed, with the pages it was on', () => {
    const d = diffPublishedStates(state([article('a'), article('b')]), state([article('a')]));
    expect(d.changes).toEqual([expect.objectContaining({ kind: 'removed', documentId: 'b', after: null })]);
    expect(d.routes).toContain('/tin-tuc/tin-b/');
  });

  it('reports a republished or re-slugged entry as changed, with old and new pages', () => {
    const d = diffPublishedStates(state([article('a')]), state([article('a', { slug: 'tin-moi', publishedAt: '2026-01-03T00:00:00.000Z' })]));
    expect(d.changes.map((c) => c.kind)).toEqual(['changed']);
    expect(d.routes).toEqual(expect.arrayContaining(['/tin-tuc/tin-a/', '/tin-tuc/tin-moi/']));
  });

  it('treats a null previous state as "everything added" and ignores unknown uids', () => {
    const d = diffPublishedStates(null, state([article('a')], { 'api::unknown.unknown': [article('x')] }));
    expect(d.changes.map((c) => [c.uid, c.kind])).toEqual([['api::article.article', 'added']]);
  });

  it('covers single types and agencies', () => {
    const prev = state([], { 'api::homepage.homepage': [{ documentId: 'h', slug: null, publishedAt: '2026-01-01T00:00:00.000Z', updatedAt: null }] });
    const next = state([], {
      'api::homepage.homepage': [{ documentId: 'h', slug: null, publishedAt: '2026-01-05T00:00:00.000Z', updatedAt: null }],
      'api::agency.agency': [
        { documentId: 'ag2', slug: 'huyen-bat-xat', fields: { kind: 'district' }, publishedAt: '2026-01-05T00:00:00.000Z', updatedAt: null },
      ],
    });
    const d = diffPublishedStates(prev, next);
    expect(d.changes.map((c) => [c.uid, c.kind])).toEqual([
      ['api::agency.agency', 'added'],
      ['api::homepage.homepage', 'changed'],
    ]);
    expect(d.routes).toEqual(expect.arrayContaining(['/', '/co-quan/', '/co-quan/huyen-bat-xat/']));
  });
});

describe('legal documents', () => {
  it('a change of a route field (here the type) is a change, and its facet pages are touched', () => {
    const doc = (type: string): PublishedEntry => ({
      documentId: 'd1',
      slug: '07-2006-qd-ubnd',
      publishedAt: '2026-01-01T00:00:00.000Z',
      updatedAt: null,
      fields: { documentType: type, issuedDate: '2006-02-09', issuingBody: 'UBND tỉnh Lào Cai', field: 'Thông tin', validityStatus: 'inForce', isPolicy: true },
      agency: null,
    });
    const uid = 'api::legal-document.legal-document';
    const d = diffPublishedStates({ generatedAt: '', entries: { [uid]: [doc('decision')] } }, { generatedAt: '', entries: { [uid]: [doc('directive')] } });
    expect(d.changes.map((c) => c.kind)).toEqual(['changed']);
    expect(d.routes).toEqual(expect.arrayContaining(['/', '/van-ban/', '/van-ban/07-2006-qd-ubnd/']));
  });
});

describe('routesOfEntry', () => {
  it('never throws on bad data: falls back to what it can compute', () => {
    expect(routesOfEntry('api::article.article', article('a', { slug: 'bad/slug', fields: { scope: 'local' } }))).toContain('/');
    expect(routesOfEntry('api::nope.nope', article('a'))).toEqual(['/']);
  });
});

describe('preview grants', () => {
  const grant = { uid: 'api::article.article', documentId: 'abc123', status: 'draft' as const, exp: 2_000_000_000 };

  it('verifies a signature made with the same secret, before expiry', async () => {
    const sig = await signPreviewGrant(grant, 's3cret');
    expect(sig).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await verifyPreviewGrant(grant, sig, 's3cret', 1_900_000_000)).toBe(true);
  });

  it('refuses another secret, a changed grant, an expired grant or a malformed signature', async () => {
    const sig = await signPreviewGrant(grant, 's3cret');
    expect(await verifyPreviewGrant(grant, sig, 'other', 1_900_000_000)).toBe(false);
    expect(await verifyPreviewGrant({ ...grant, documentId: 'abc124' }, sig, 's3cret', 1_900_000_000)).toBe(false);
    expect(await verifyPreviewGrant({ ...grant, status: 'published' }, sig, 's3cret', 1_900_000_000)).toBe(false);
    expect(await verifyPreviewGrant(grant, sig, 's3cret', 2_000_000_001)).toBe(false);
    expect(await verifyPreviewGrant(grant, 'not base64!', 's3cret', 1_900_000_000)).toBe(false);
    expect(await verifyPreviewGrant(grant, sig, '', 1_900_000_000)).toBe(false);
  });

  it('builds the site preview URL', async () => {
    const url = await previewUrl('https://laocai.gov.vn/', { uid: grant.uid, documentId: 'abc123', status: 'draft', exp: grant.exp }, 's3cret');
    const u = new URL(url);
    expect(u.pathname).toBe('/xem-truoc/article/abc123/');
    expect(u.searchParams.get('status')).toBe('draft');
    expect(u.searchParams.get('exp')).toBe(String(grant.exp));
    expect(await verifyPreviewGrant(grant, u.searchParams.get('sig')!, 's3cret', 1_900_000_000)).toBe(true);
    await expect(previewUrl('https://x', { uid: 'api::nope.nope', documentId: 'a', status: 'draft' }, 's')).rejects.toThrow(/nope/);
  });
});

describe('applyStateDelta', () => {
  const e = (documentId: string, slug: string) => ({ documentId, slug, publishedAt: '2026-01-01T00:00:00.000Z', updatedAt: null });
  const prev = {
    generatedAt: '2026-01-01T00:00:00.000Z',
    entries: { 'api::article.article': [e('a', 'a'), e('c', 'c')], 'api::agency.agency': [e('x', 'x')] },
  };

  it('replaces changed entries, adds new ones in documentId order, drops removed ones, leaves other types and its inputs alone', () => {
    const next = applyStateDelta(prev, {
      generatedAt: '2026-01-02T00:00:00.000Z',
      since: 'c0',
      cursor: 'c1',
      changed: { 'api::article.article': [e('b', 'b'), e('c', 'c-moi')] },
      removed: { 'api::article.article': ['a'], 'api::question.question': ['q'] },
    });
    expect(next.generatedAt).toBe('2026-01-02T00:00:00.000Z');
    expect(next.entries['api::article.article']).toEqual([e('b', 'b'), e('c', 'c-moi')]);
    expect(next.entries['api::agency.agency']).toBe(prev.entries['api::agency.agency']);
    expect(next.entries['api::question.question']).toEqual([]);
    expect(prev.entries['api::article.article']).toEqual([e('a', 'a'), e('c', 'c')]);
  });
});
