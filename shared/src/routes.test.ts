import { describe, expect, it } from 'vitest';
import { affectedRoutes, LEGAL_DOCUMENT_FACETS, legalDocumentFacetValue, procedureFieldValue, routes } from './routes.js';
import { DOCUMENT_TYPES, VALIDITY_STATUSES } from './domain.js';
import { CONTENT_TYPE_UIDS } from './content-types.js';

describe('routes', () => {
  it('builds the public URLs', () => {
    expect(routes.home()).toBe('/');
    expect(routes.agencyList()).toBe('/co-quan/');
    expect(routes.agency('so-y-te')).toBe('/co-quan/so-y-te/');
    expect(routes.agencySection('so-y-te', 'van-ban')).toBe('/co-quan/so-y-te/van-ban/');
    expect(routes.articleList()).toBe('/tin-tuc/');
    expect(routes.articleScope('province')).toBe('/tin-tuc/trong-tinh/');
    expect(routes.articleScope('national')).toBe('/tin-tuc/trong-nuoc/');
    expect(routes.articleScope('international')).toBe('/tin-tuc/quoc-te/');
    expect(routes.article('khai-mac')).toBe('/tin-tuc/khai-mac/');
    expect(routes.legalDocumentList()).toBe('/van-ban/');
    expect(routes.legalDocument('07-2006-qd-ubnd')).toBe('/van-ban/07-2006-qd-ubnd/');
    expect(routes.procedureList()).toBe('/thu-tuc-hanh-chinh/');
    expect(routes.procedure('cap-phep')).toBe('/thu-tuc-hanh-chinh/cap-phep/');
    expect(routes.eServiceList()).toBe('/dich-vu-cong/');
    expect(routes.questionList()).toBe('/hoi-dap/');
    expect(routes.question('hoi-ve-dat')).toBe('/hoi-dap/hoi-ve-dat/');
    expect(routes.investmentProjectList()).toBe('/du-an-dau-tu/');
    expect(routes.investmentProject('khu-du-lich')).toBe('/du-an-dau-tu/khu-du-lich/');
    expect(routes.provinceProfile()).toBe('/gioi-thieu/');
    expect(routes.rss()).toBe('/rss.xml');
    expect(routes.agencyRss('so-y-te')).toBe('/co-quan/so-y-te/rss.xml');
    expect(routes.search()).toBe('/tim-kiem/');
    expect(routes.sitemap()).toBe('/sitemap.xml');
    expect(routes.robots()).toBe('/robots.txt');
  });

  it('builds the facet pages of legal documents and the field pages of procedures', () => {
    expect(routes.legalDocumentFacet('type', 'quyet-dinh')).toBe('/van-ban/loai/quyet-dinh/');
    expect(routes.legalDocumentFacet('issuingBody', 'uy-ban-nhan-dan-tinh-lao-cai')).toBe('/van-ban/co-quan-ban-hanh/uy-ban-nhan-dan-tinh-lao-cai/');
    expect(routes.legalDocumentFacet('year', '2006')).toBe('/van-ban/nam/2006/');
    expect(routes.legalDocumentFacet('validity', 'con-hieu-luc')).toBe('/van-ban/hieu-luc/con-hieu-luc/');
    expect(routes.legalDocumentFacet('field', 'dat-dai')).toBe('/van-ban/linh-vuc/dat-dai/');
    expect(() => routes.legalDocumentFacet('signer' as never, 'x')).toThrow(/signer/);
    expect(() => routes.legalDocumentFacet('year', '')).toThrow();
    expect(routes.procedureField('dat-dai')).toBe('/thu-tuc-hanh-chinh/linh-vuc/dat-dai/');
    expect(() => routes.procedureField('a/b')).toThrow();
  });

  it('facet values: Vietnamese slugs of labels and texts, years of dates', () => {
    expect(legalDocumentFacetValue('type', 'decision')).toBe('quyet-dinh');
    expect(legalDocumentFacetValue('type', 'officialLetter')).toBe('cong-van');
    expect(legalDocumentFacetValue('type', 'other')).toBe('van-ban-khac');
    expect(legalDocumentFacetValue('type', 'memo')).toBeNull();
    expect(legalDocumentFacetValue('validity', 'inForce')).toBe('con-hieu-luc');
    expect(legalDocumentFacetValue('validity', 'partiallyExpired')).toBe('het-hieu-luc-mot-phan');
    expect(legalDocumentFacetValue('validity', 'unknown')).toBe('chua-xac-dinh');
    expect(legalDocumentFacetValue('year', '2006-02-09')).toBe('2006');
    expect(legalDocumentFacetValue('year', 1992)).toBe('1992');
    expect(legalDocumentFacetValue('year', '09/02/2006')).toBeNull();
    expect(legalDocumentFacetValue('issuingBody', 'Ủy ban nhân dân tỉnh Lào Cai')).toBe('uy-ban-nhan-dan-tinh-lao-cai');
    expect(legalDocumentFacetValue('field', 'Đất đai')).toBe('dat-dai');
    expect(legalDocumentFacetValue('field', '  ')).toBeNull();
    expect(legalDocumentFacetValue('field', null)).toBeNull();
    // every enum value has a distinct page
    for (const facet of ['type', 'validity'] as const) {
      const values = (facet === 'type' ? DOCUMENT_TYPES : VALIDITY_STATUSES).map((v) => legalDocumentFacetValue(facet, v));
      expect(values.every(Boolean)).toBe(true);
      expect(new Set(values).size).toBe(values.length);
    }
    expect(LEGAL_DOCUMENT_FACETS).toHaveLength(5);
    expect(procedureFieldValue('Đất đai')).toBe('dat-dai');
    expect(procedureFieldValue('')).toBe('khac');
    expect(procedureFieldValue(null)).toBe('khac');
  });

  it('refuses slugs that would break the URL', () => {
    expect(() => routes.article('')).toThrow();
    expect(() => routes.agency('a/b')).toThrow();
    expect(() => routes.articleScope('local' as never)).toThrow(/local/);
  });
});

describe('routes.listPage', () => {
  it('pages of a paginated list under its own URL', () => {
    expect(routes.listPage('/tin-tuc/', null)).toBe('/tin-tuc/');
    expect(routes.listPage('/tin-tuc/', 3)).toBe('/tin-tuc/trang/3/');
    expect(routes.listPage(routes.articleScope('province'), 1)).toBe('/tin-tuc/trong-tinh/trang/1/');
    expect(routes.listPage(routes.agencySection('bao-lao-cai', 'tin-tuc'), 12)).toBe('/co-quan/bao-lao-cai/tin-tuc/trang/12/');
    expect(routes.listPage(routes.legalDocumentFacet('year', '2006'), 2)).toBe('/van-ban/nam/2006/trang/2/');
  });
  it('throws for unusable input', () => {
    expect(() => routes.listPage('/tin-tuc', 1)).toThrow();
    expect(() => routes.listPage('/tin-tuc/', 0)).toThrow();
    expect(() => routes.listPage('/tin-tuc/', 1.5)).toThrow();
  });
});

describe('affectedRoutes', () => {
  const department = { slug: 'so-y-te', kind: 'department' as const };
  const district = { slug: 'huyen-bat-xat', kind: 'district' as const };

  it('article of a department', () => {
    expect(affectedRoutes('api::article.article', { slug: 'khai-mac', scope: 'province', agency: department })).toEqual([
      '/',
      '/co-quan/so-y-te/',
      '/co-quan/so-y-te/rss.xml',
      '/co-quan/so-y-te/tin-tuc/',
      '/rss.xml',
      '/tin-tuc/',
      '/tin-tuc/khai-mac/',
      '/tin-tuc/trong-tinh/',
    ]);
  });

  it('article of a district: no news section in R-2.2', () => {
    expect(affectedRoutes('api::article.article', { slug: 'le-hoi', scope: 'national', agency: district })).toEqual([
      '/',
      '/co-quan/huyen-bat-xat/',
      '/rss.xml',
      '/tin-tuc/',
      '/tin-tuc/le-hoi/',
      '/tin-tuc/trong-nuoc/',
    ]);
  });

  it('with the list positions of the entry: the archive pages holding it', () => {
    const out = affectedRoutes('api::article.article', {
      slug: 'khai-mac',
      scope: 'province',
      agency: department,
      listPositions: { '/tin-tuc/': 9999, '/tin-tuc/trong-tinh/': 40, '/co-quan/so-y-te/tin-tuc/': 0, '/not-a-list-of-it/': 5 },
    });
    expect(out).toContain('/tin-tuc/trang/500/');
    expect(out).toContain('/tin-tuc/trong-tinh/trang/3/');
    expect(out).toContain('/co-quan/so-y-te/tin-tuc/trang/1/');
    expect(out.filter((r) => r.includes('/trang/'))).toHaveLength(3);
    // alphabetical lists: page 1 is the list itself
    const proc = affectedRoutes('api::administrative-procedure.administrative-procedure', {
      slug: 'p',
      field: 'Đất đai',
      listPositions: { '/thu-tuc-hanh-chinh/linh-vuc/dat-dai/': 45, '/thu-tuc-hanh-chinh/': 3 },
    });
    expect(proc).toContain('/thu-tuc-hanh-chinh/linh-vuc/dat-dai/trang/3/');
    expect(proc.filter((r) => r.includes('/trang/'))).toEqual(['/thu-tuc-hanh-chinh/linh-vuc/dat-dai/trang/3/']);
    const doc = affectedRoutes('api::legal-document.legal-document', {
      slug: 'x',
      documentType: 'decision',
      issuedDate: '2006-02-09',
      listPositions: { '/van-ban/nam/2006/': 21 },
    });
    expect(doc).toContain('/van-ban/nam/2006/trang/2/');
  });

  it('article without agency or scope', () => {
    expect(affectedRoutes('api::article.article', { slug: 'tin', agency: null })).toEqual([
      '/',
      '/rss.xml',
      '/tin-tuc/',
      '/tin-tuc/quoc-te/',
      '/tin-tuc/tin/',
      '/tin-tuc/trong-nuoc/',
      '/tin-tuc/trong-tinh/',
    ]);
  });

  const validityPages = [
    '/van-ban/hieu-luc/chua-co-hieu-luc/',
    '/van-ban/hieu-luc/chua-xac-dinh/',
    '/van-ban/hieu-luc/con-hieu-luc/',
    '/van-ban/hieu-luc/het-hieu-luc-mot-phan/',
    '/van-ban/hieu-luc/het-hieu-luc/',
  ];

  it('legal document: its page, the list, its facet pages, its agency', () => {
    const decision = {
      slug: '07-2006-qd-ubnd',
      documentType: 'decision',
      issuedDate: '2006-02-09',
      issuingBody: 'Ủy ban nhân dân tỉnh Lào Cai',
      field: 'Thông tin và Truyền thông',
      agency: department,
    };
    expect(affectedRoutes('api::legal-document.legal-document', decision)).toEqual(
      [
        '/',
        '/co-quan/so-y-te/',
        '/co-quan/so-y-te/van-ban/',
        '/van-ban/',
        '/van-ban/07-2006-qd-ubnd/',
        '/van-ban/co-quan-ban-hanh/uy-ban-nhan-dan-tinh-lao-cai/',
        '/van-ban/linh-vuc/thong-tin-va-truyen-thong/',
        '/van-ban/loai/quyet-dinh/',
        '/van-ban/nam/2006/',
        ...validityPages,
      ].sort(),
    );
    // a district has no legal documents section; without facet fields: every type page
    const bare = affectedRoutes('api::legal-document.legal-document', { slug: 'x', agency: district });
    expect(bare.filter((r) => !r.startsWith('/van-ban/loai/') && !r.startsWith('/van-ban/hieu-luc/'))).toEqual([
      '/',
      '/co-quan/huyen-bat-xat/',
      '/van-ban/',
      '/van-ban/x/',
    ]);
    expect(bare.filter((r) => r.startsWith('/van-ban/loai/'))).toHaveLength(DOCUMENT_TYPES.length);
    expect(bare.filter((r) => r.startsWith('/van-ban/hieu-luc/'))).toEqual(validityPages);
    // the documents it replaces or amends show it too
    expect(affectedRoutes('api::legal-document.legal-document', { slug: 'x', documentType: 'decision', related: [{ slug: 'y' }, { slug: null }] })).toContain(
      '/van-ban/y/',
    );
  });

  it('administrative procedure (in both section sets) and its field page', () => {
    expect(affectedRoutes('api::administrative-procedure.administrative-procedure', { slug: 'p', agency: district })).toEqual([
      '/',
      '/co-quan/huyen-bat-xat/',
      '/co-quan/huyen-bat-xat/thu-tuc-hanh-chinh/',
      '/thu-tuc-hanh-chinh/',
      '/thu-tuc-hanh-chinh/p/',
    ]);
    expect(affectedRoutes('api::administrative-procedure.administrative-procedure', { slug: 'p', field: 'Đất đai' })).toEqual([
      '/',
      '/thu-tuc-hanh-chinh/',
      '/thu-tuc-hanh-chinh/linh-vuc/dat-dai/',
      '/thu-tuc-hanh-chinh/p/',
    ]);
    expect(affectedRoutes('api::administrative-procedure.administrative-procedure', { slug: 'p', field: null })).toContain(
      '/thu-tuc-hanh-chinh/linh-vuc/khac/',
    );
  });

  it('e-service', () => {
    expect(affectedRoutes('api::e-service.e-service', { slug: 'nop-thue', procedure: { slug: 'p' }, agency: { slug: 'cuc-thue' } })).toEqual([
      '/',
      '/co-quan/cuc-thue/',
      '/dich-vu-cong/',
      '/thu-tuc-hanh-chinh/p/',
    ]);
  });

  it('investment project', () => {
    expect(affectedRoutes('api::investment-project.investment-project', { slug: 'khu-du-lich', agency: department })).toEqual([
      '/',
      '/co-quan/so-y-te/',
      '/co-quan/so-y-te/du-an-dau-tu/',
      '/du-an-dau-tu/',
      '/du-an-dau-tu/khu-du-lich/',
    ]);
  });

  it('question', () => {
    expect(affectedRoutes('api::question.question', { slug: 'hoi', agency: district })).toEqual([
      '/',
      '/co-quan/huyen-bat-xat/',
      '/co-quan/huyen-bat-xat/hoi-dap/',
      '/hoi-dap/',
      '/hoi-dap/hoi/',
    ]);
  });

  it('agency: its whole section set', () => {
    expect(affectedRoutes('api::agency.agency', district)).toEqual([
      '/',
      '/co-quan/',
      '/co-quan/huyen-bat-xat/',
      '/co-quan/huyen-bat-xat/co-cau-to-chuc/',
      '/co-quan/huyen-bat-xat/dieu-kien-tu-nhien-xa-hoi/',
      '/co-quan/huyen-bat-xat/dinh-huong-phat-trien/',
      '/co-quan/huyen-bat-xat/hoi-dap/',
      '/co-quan/huyen-bat-xat/lay-y-kien/',
      '/co-quan/huyen-bat-xat/thu-tuc-hanh-chinh/',
      '/dich-vu-cong/',
      '/thu-tuc-hanh-chinh/',
    ]);
    const dept = affectedRoutes('api::agency.agency', department);
    expect(dept).toHaveLength(5 + 10 + 1);
    expect(dept).toContain('/co-quan/so-y-te/gioi-thieu/');
    expect(dept).toContain('/co-quan/so-y-te/rss.xml');
    // kind unknown: every section any kind has
    expect(affectedRoutes('api::agency.agency', { slug: 'x' })).toHaveLength(5 + 10 + 2 + 1);
    expect(() => affectedRoutes('api::agency.agency', { slug: 'x', kind: 'ministry' })).toThrow(/ministry/);
  });

  it('consultation: its page, /lay-y-kien/, its agency home and section', () => {
    expect(affectedRoutes('api::consultation.consultation', { slug: 'du-thao-a', agency: { slug: 'so-y-te', kind: 'department' } })).toEqual([
      '/',
      '/co-quan/so-y-te/',
      '/co-quan/so-y-te/lay-y-kien/',
      '/lay-y-kien/',
      '/lay-y-kien/du-thao-a/',
    ]);
  });

  it('single types', () => {
    expect(affectedRoutes('api::province-profile.province-profile', {})).toEqual(['/', '/gioi-thieu/']);
    expect(affectedRoutes('api::homepage.homepage', {})).toEqual(['/']);
  });

  it('is sorted and unique for every known uid', () => {
    for (const uid of CONTENT_TYPE_UIDS) {
      const out = affectedRoutes(uid, { slug: 's', scope: 'province', kind: 'press', agency: { slug: 'a' } });
      expect(out).toEqual([...new Set(out)].sort());
      expect(out).toContain('/');
    }
  });

  it('throws for an unknown uid, naming it', () => {
    expect(() => affectedRoutes('api::royalty.royalty', { slug: 'x' })).toThrow(/api::royalty\.royalty/);
    expect(() => affectedRoutes('plugin::users-permissions.user', {})).toThrow(/plugin::users-permissions\.user/);
  });
});
