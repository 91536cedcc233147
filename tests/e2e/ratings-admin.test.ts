/**
 * Issue 11 item 4 — the "Đánh giá thông tin" tab of the admin "Báo cáo" page, in headless
 * Chromium through the built admin panel: the board sees every agency's ratings (counts of each
 * answer, share useful, latest comments); an agency editor sees only its own agency's, the scope
 * decided by the server (/cong-reports/ratings). Screenshots in test-artifacts/ratings-admin/
 * (and `SHOTS_DIR` when set).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdminE2e, type AdminE2e } from '../helpers/admin-build';
import { repoRoot } from '../helpers/strapi';

const SHOTS = path.join(repoRoot, 'test-artifacts', 'ratings-admin');
const RATING = 'api::page-rating.page-rating';
let e2e: AdminE2e;
let otherAgency = '';

beforeAll(async () => {
  e2e = await startAdminE2e({
    artifacts: SHOTS,
    agencyName: 'Sở Tư pháp',
    accounts: [
      { email: 'bbt@danhgia.local', role: 'editorialBoard', firstname: 'Ban biên tập' },
      { email: 'bientap@danhgia.local', role: 'agencyEditor', firstname: 'Biên tập viên', ofAgency: true },
    ],
  });
  const s = e2e.cms.strapi;
  otherAgency = (await s.documents('api::agency.agency').create({ data: { name: 'Sở Y tế', kind: 'department' }, status: 'published' })).documentId;
  const rows: [string, string, string, string | null][] = [
    ['/co-quan/so-tu-phap/', e2e.agencyId, 'useful', null],
    ['/co-quan/so-tu-phap/', e2e.agencyId, 'useful', null],
    ['/co-quan/so-tu-phap/', e2e.agencyId, 'partly', 'Thiếu số điện thoại tiếp dân'],
    ['/co-quan/so-y-te/', otherAgency, 'notUseful', 'Thông tin lịch tiêm chủng đã cũ'],
    ['/gioi-thieu/', '', 'useful', null],
  ];
  for (const [p, agency, score, comment] of rows) await s.db.query(RATING).create({ data: { path: p, agencyDocumentId: agency || null, score, comment } });
}, 900_000);

afterAll(async () => {
  await e2e?.stop();
});

const copy = (file: string, name: string) => {
  if (process.env.SHOTS_DIR) fs.copyFileSync(file, path.join(process.env.SHOTS_DIR, name));
};

describe('"Đánh giá thông tin" in the admin panel', () => {
  it('the board sees every agency: counts of each answer, share useful, latest comments', async () => {
    const page = await e2e.loginAs('bbt@danhgia.local');
    await page.goto(`${e2e.cms.url}/admin/bao-cao`);
    await page.getByRole('tab', { name: 'Đánh giá thông tin' }).click();
    await page.getByText('Theo cơ quan, đơn vị').waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('Sở Tư pháp');
    expect(text).toContain('Sở Y tế');
    expect(text).toContain('Trang chung của Cổng');
    expect(text).toContain('67%'); // 2 of 3 useful for Sở Tư pháp
    expect(text).toContain('Thiếu số điện thoại tiếp dân');
    expect(text).toContain('Thông tin lịch tiêm chủng đã cũ');
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 1000 });
      copy(await e2e.shot(page, `danh-gia-bbt-${width}`), `admin-danh-gia-bbt-${width}.png`);
    }
    await page.context().close();
  });

  it("an agency editor sees only its own agency's ratings (the server's scope)", async () => {
    const page = await e2e.loginAs('bientap@danhgia.local');
    await page.goto(`${e2e.cms.url}/admin/bao-cao`);
    await page.getByRole('tab', { name: 'Đánh giá thông tin' }).click();
    await page.getByText('Theo cơ quan, đơn vị').waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('Sở Tư pháp');
    expect(text).toContain('Thiếu số điện thoại tiếp dân');
    expect(text).not.toContain('Sở Y tế');
    expect(text).not.toContain('Thông tin lịch tiêm chủng đã cũ');
    expect(text).not.toContain('Trang chung của Cổng');
    copy(await e2e.shot(page, 'danh-gia-co-quan-1280'), 'admin-danh-gia-co-quan-1280.png');
    await page.context().close();
  });
});
