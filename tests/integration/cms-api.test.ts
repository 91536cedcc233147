/**
 * The CMS's public API on a real database: published content is readable over GraphQL and REST,
 * drafts are refused for the public, and server-side validation names the field at fault.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootCms, gql, type BootedCms } from '../helpers/strapi';

let cms: BootedCms;
let agencyId: string;

beforeAll(async () => {
  cms = await bootCms();
  const agency = await cms.strapi.documents('api::agency.agency').create({
    data: { name: 'Sở Tài nguyên và Môi trường', kind: 'department', updateSchedule: 'monWedFri', editorialState: 'published' },
    status: 'published',
  });
  agencyId = agency.documentId;
  await cms.strapi.documents('api::article.article').create({
    data: { title: 'Tin đã đăng về đất đai', kind: 'news', scope: 'province', agency: agencyId, editorialState: 'published' },
    status: 'published',
  });
  await cms.strapi.documents('api::article.article').create({
    data: { title: 'Bản nháp bí mật', kind: 'news', scope: 'province', agency: agencyId },
  });
});

afterAll(async () => {
  await cms?.stop();
});

describe(`public API (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  it('generates a Vietnamese slug and serves published content over GraphQL', async () => {
    const res = await gql(cms.url, `{ articles { title slug agency { name slug kind } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.articles).toEqual([
      {
        title: 'Tin đã đăng về đất đai',
        slug: 'tin-da-dang-ve-dat-dai',
        agency: { name: 'Sở Tài nguyên và Môi trường', slug: 'so-tai-nguyen-va-moi-truong', kind: 'department' },
      },
    ]);
  });

  it("keeps an article's first publication date when it is edited and republished (firstPublishedAt over GraphQL)", async () => {
    const articles = cms.strapi.documents('api::article.article');
    const draft = await articles.create({ data: { title: 'Thông báo lịch tiếp công dân', kind: 'announcement', scope: 'province', agency: agencyId } });
    await articles.publish({ documentId: draft.documentId });
    const first = await articles.findOne({ documentId: draft.documentId, status: 'published' });
    expect(first!.firstPublishedAt).toBeTruthy();
    await new Promise((r) => setTimeout(r, 1100));
    await articles.update({ documentId: draft.documentId, data: { summary: 'Đã sửa giờ tiếp công dân.' } });
    await articles.publish({ documentId: draft.documentId });
    const query = `{ articles(filters: { documentId: { eq: "${draft.documentId}" } }) { summary publishedAt firstPublishedAt } }`;
    const res = await gql(cms.url, query);
    expect(res.errors).toBeUndefined();
    const [row] = res.data.articles;
    expect(row.summary).toBe('Đã sửa giờ tiếp công dân.');
    expect(Date.parse(row.firstPublishedAt)).toBe(new Date(first!.firstPublishedAt as string).getTime());
    expect(Date.parse(row.publishedAt)).toBeGreaterThan(Date.parse(row.firstPublishedAt));
    await articles.delete({ documentId: draft.documentId });
  });

  it('refuses status: DRAFT over GraphQL for the public', async () => {
    const res = await gql(cms.url, `{ articles(status: DRAFT) { title } }`);
    expect(res.data?.articles ?? null).toBeNull();
    expect(res.errors?.[0]?.message).toMatch(/status must be absent or "published"/);
    expect(JSON.stringify(res)).not.toContain('Bản nháp bí mật');
  });

  it('refuses ?status=draft over REST for the public', async () => {
    const res = await fetch(`${cms.url}/api/articles?status=draft`);
    expect(res.status).toBe(400);
    expect(await res.text()).not.toContain('Bản nháp bí mật');
    const ok = await fetch(`${cms.url}/api/articles`);
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(body.data.map((a: any) => a.title)).toEqual(['Tin đã đăng về đất đai']);
  });

  it('does not let the public write', async () => {
    const res = await fetch(`${cms.url}/api/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: { title: 'Spam', kind: 'news', scope: 'province' } }),
    });
    expect(res.status).toBe(403);
  });

  it('enforces GraphQL maxLimit', async () => {
    const res = await gql(cms.url, `{ articles(pagination: { pageSize: 5000 }) { title } }`);
    // Strapi clamps or refuses above maxLimit; either way never more than 200 rows
    expect(res.data?.articles?.length ?? 0).toBeLessThanOrEqual(200);
  });

  it('rejects an effectiveDate before the issuedDate, naming the field, and stores nothing', async () => {
    const docs = cms.strapi.documents('api::legal-document.legal-document');
    await expect(
      docs.create({
        data: {
          documentNumber: '12/2020/QĐ-UBND',
          documentType: 'decision',
          issuingBody: 'UBND tỉnh Lào Cai',
          issuedDate: '2020-05-10',
          effectiveDate: '2020-05-01',
          abstract: 'Thử',
          validityStatus: 'inForce',
        },
      }),
    ).rejects.toMatchObject({ details: { errors: [expect.objectContaining({ path: ['effectiveDate'] })] } });
    expect(await docs.count({})).toBe(0);
  });

  it('rejects a malformed document number and negative fees', async () => {
    await expect(
      cms.strapi.documents('api::legal-document.legal-document').create({
        data: { documentNumber: 'abc', documentType: 'decision', issuingBody: 'UBND tỉnh', issuedDate: '2020-05-10', abstract: 'x', validityStatus: 'inForce' },
      }),
    ).rejects.toMatchObject({ details: { errors: [expect.objectContaining({ path: ['documentNumber'] })] } });
    await expect(
      cms.strapi.documents('api::administrative-procedure.administrative-procedure').create({
        data: { name: 'Thủ tục thử', fees: [{ description: 'Lệ phí', amountVnd: '-5000' }] },
      }),
    ).rejects.toMatchObject({ details: { errors: [expect.objectContaining({ path: ['fees', '0', 'amountVnd'] })] } });
  });

  it('refuses an article title over 255 characters with an error naming the field (PostgreSQL stores it as varchar(255))', async () => {
    const articles = cms.strapi.documents('api::article.article');
    const before = await articles.count({});
    const long = `Hội nghị ${'triển khai nhiệm vụ phát triển kinh tế - xã hội '.repeat(6)}`.slice(0, 256);
    await expect(articles.create({ data: { title: long, kind: 'news', scope: 'province' } })).rejects.toMatchObject({
      details: { errors: [expect.objectContaining({ path: ['title'] })] },
    });
    expect(await articles.count({})).toBe(before);
    const fits = await articles.create({ data: { title: long.slice(0, 255), kind: 'news', scope: 'province' } });
    expect(fits.title).toHaveLength(255);
    expect(fits.slug.length).toBeLessThanOrEqual(80);
    await articles.delete({ documentId: fits.documentId });
  });

  it('replaces the placeholder slug the admin panel proposes from an empty form', async () => {
    const a = await cms.strapi
      .documents('api::article.article')
      .create({ data: { title: 'Lào Cai đón khách du lịch', slug: 'article-1', kind: 'news', scope: 'province' } });
    expect(a.slug).toBe('lao-cai-don-khach-du-lich');
  });

  it('rejects a slug already used by another document', async () => {
    await expect(
      cms.strapi.documents('api::agency.agency').create({ data: { name: 'Sở khác', slug: 'so-tai-nguyen-va-moi-truong', kind: 'department' } }),
    ).rejects.toMatchObject({ details: { errors: [expect.objectContaining({ path: ['slug'] })] } });
  });
});
