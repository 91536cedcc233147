import { describe, expect, it } from 'vitest';
import { affectedRoutes, CONTENT_TYPE_UIDS, routes } from './routes.js';

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
  });

  it('refuses slugs that would break the URL', () => {
    expect(() => routes.article('')).toThrow();
    expect(() => routes.agency('a/b')).toThrow();
    expect(() => routes.articleScope('local' as never)).toThrow(/local/);
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

  it('legal document', () => {
    expect(affectedRoutes('api::legal-document.legal-document', { slug: '07-2006-qd-ubnd', agency: department })).toEqual([
      '/',
      '/co-quan/so-y-te/',
      '/co-quan/so-y-te/van-ban/',
      '/van-ban/',
      '/van-ban/07-2006-qd-ubnd/',
    ]);
    // a district has no legal documents section
    expect(affectedRoutes('api::legal-document.legal-document', { slug: 'x', agency: district })).toEqual([
      '/',
      '/co-quan/huyen-bat-xat/',
      '/van-ban/',
      '/van-ban/x/',
    ]);
  });

  it('administrative procedure (in both section sets)', () => {
    expect(affectedRoutes('api::administrative-procedure.administrative-procedure', { slug: 'p', agency: district })).toEqual([
      '/',
      '/co-quan/huyen-bat-xat/',
      '/co-quan/huyen-bat-xat/thu-tuc-hanh-chinh/',
      '/thu-tuc-hanh-chinh/',
      '/thu-tuc-hanh-chinh/p/',
    ]);
  });

  it('e-service', () => {
    expect(
      affectedRoutes('api::e-service.e-service', { slug: 'nop-thue', procedure: { slug: 'p' }, agency: { slug: 'cuc-thue' } }),
    ).toEqual(['/', '/co-quan/cuc-thue/', '/dich-vu-cong/', '/thu-tuc-hanh-chinh/p/']);
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
      '/co-quan/huyen-bat-xat/thu-tuc-hanh-chinh/',
    ]);
    const dept = affectedRoutes('api::agency.agency', department);
    expect(dept).toHaveLength(3 + 9 + 1);
    expect(dept).toContain('/co-quan/so-y-te/gioi-thieu/');
    expect(dept).toContain('/co-quan/so-y-te/rss.xml');
    // kind unknown: every section any kind has
    expect(affectedRoutes('api::agency.agency', { slug: 'x' })).toHaveLength(3 + 9 + 2 + 1);
    expect(() => affectedRoutes('api::agency.agency', { slug: 'x', kind: 'ministry' })).toThrow(/ministry/);
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
