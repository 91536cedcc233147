/**
 * Issue 3 — the editorial workflow end to end, in headless Chromium (Debian's /usr/bin/chromium
 * driven by playwright-core) through the built admin panel: an agency editor logs in and writes
 * an article, the team lead submits it, a board member returns it with a reason, the editor
 * fixes it, the team lead resubmits, a board member approves and publishes it; the public
 * GraphQL API shows it only after publishing. A screenshot of every step is kept in
 * test-artifacts/workflow/.
 *
 * Needs the built admin panel (cms/dist/build). When it is missing or older than cms/src/admin,
 * this test builds it first with `npx strapi build` — about 2 minutes and ~1.5 GB of memory on
 * the 2-core CI machine (vite); later runs reuse it.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startAdminE2e, type AdminE2e } from '../helpers/admin-build';
import { gql, repoRoot, type BootedCms } from '../helpers/strapi';
import { UID } from '../helpers/uids';

const ART = UID.article;
const SHOTS = path.join(repoRoot, 'test-artifacts', 'workflow');
const TITLE = 'Lào Cai công bố kế hoạch sử dụng đất năm 2026';

let e2e: AdminE2e;
let cms: BootedCms;
let agencyId = '';

const shot = (page: Page, name: string): Promise<string> => e2e.shot(page, name);
/** A fresh browser session logged in as `email`. */
const loginAs = (email: string): Promise<Page> => e2e.loginAs(email);

async function openArticle(page: Page, documentId: string) {
  await page.goto(`${cms.url}/admin/content-manager/collection-types/${ART}/${documentId}`);
  await page.getByTestId('cong-workflow-panel').waitFor();
}

const panel = (page: Page) => page.getByTestId('cong-workflow-panel');

async function expectState(page: Page, label: string) {
  await expect.poll(async () => (await panel(page).locator('[data-editorial-state]').first().innerText()).trim(), { timeout: 20_000 }).toBe(label);
}

/** Clicks a workflow button in the "Mục nội dung" panel, or in its "more actions" menu. */
async function clickAction(page: Page, label: string) {
  const button = page.getByRole('button', { name: label, exact: true }).first();
  const visible = await button.waitFor({ state: 'visible', timeout: 10_000 }).then(
    () => true,
    () => false,
  );
  if (visible) {
    await button.click();
    return;
  }
  await page.getByRole('button', { name: 'Thao tác khác với mục nội dung' }).click();
  await page.getByRole('menuitem', { name: label }).click();
}

async function confirm(page: Page, label: string) {
  const dialog = page.getByRole('alertdialog');
  await dialog.waitFor();
  await dialog.getByRole('button', { name: label, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

const publicTitles = async () => (await gql(cms.url, `{ articles(pagination: { pageSize: 100 }) { title } }`)).data.articles.map((a: any) => a.title);

beforeAll(async () => {
  e2e = await startAdminE2e({
    artifacts: SHOTS,
    agencyName: 'Sở Tài nguyên và Môi trường',
    accounts: [
      { email: 'bientap@e2e.local', role: 'agencyEditor', ofAgency: true, firstname: 'Lan' },
      { email: 'totruong@e2e.local', role: 'agencyTeamLead', ofAgency: true, firstname: 'Hùng' },
      { email: 'bbt@e2e.local', role: 'editorialBoard', firstname: 'Minh' },
    ],
  });
  ({ cms, agencyId } = e2e);
}, 900_000);

afterAll(async () => {
  await e2e?.stop();
});

describe('editorial workflow in the admin panel (Chromium)', () => {
  let documentId = '';

  it('an agency editor writes an article (a draft of its own agency)', async () => {
    const page = await loginAs('bientap@e2e.local');
    await page.goto(`${cms.url}/admin/content-manager/collection-types/${ART}/create`);
    await page.locator('input[name="title"]').fill(TITLE);
    await page.locator('textarea[name="summary"]').fill('UBND tỉnh Lào Cai công bố kế hoạch sử dụng đất năm 2026 của thành phố Lào Cai.');
    // Strapi 5 proposes a slug once, from the empty form ("article"); the editor asks for a new one from the title
    await page.getByRole('button', { name: 'Tạo lại' }).click();
    await expect.poll(() => page.locator('input[name="slug"]').inputValue(), { timeout: 20_000 }).toBe('lao-cai-cong-bo-ke-hoach-su-dung-dat-nam-2026');
    await shot(page, 'bien-tap-vien-soan-bai');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.waitForURL((u) => !u.pathname.endsWith('/create'), { timeout: 30_000 });
    documentId = page.url().split('/').pop()!.split('?')[0];
    await panel(page).waitFor();
    await expectState(page, 'Bản nháp');
    // the editor cannot submit: no "Trình duyệt" button anywhere
    expect(await page.getByRole('button', { name: 'Trình duyệt', exact: true }).count()).toBe(0);
    await shot(page, 'bien-tap-vien-da-luu-ban-nhap');
    const row = await cms.strapi.db.query(ART).findOne({ where: { documentId, publishedAt: null }, populate: { agency: { select: ['documentId'] } } });
    expect(row.agency.documentId).toBe(agencyId);
    await page.context().close();
  });

  it('the team lead submits it for review', async () => {
    const page = await loginAs('totruong@e2e.local');
    await openArticle(page, documentId);
    await shot(page, 'to-truong-mo-bai');
    await clickAction(page, 'Trình duyệt');
    await confirm(page, 'Trình duyệt');
    await expectState(page, 'Chờ duyệt');
    await shot(page, 'to-truong-da-trinh-duyet');
    await page.context().close();
  });

  it('a board member sees it in the list and returns it with a reason', async () => {
    const page = await loginAs('bbt@e2e.local');
    await page.goto(`${cms.url}/admin/content-manager/collection-types/${ART}`);
    await page
      .getByRole('row', { name: new RegExp(TITLE) })
      .getByText('Chờ duyệt')
      .waitFor();
    await shot(page, 'ban-bien-tap-danh-sach-cho-duyet');
    await openArticle(page, documentId);
    await clickAction(page, 'Trả lại');
    const dialog = page.getByRole('dialog');
    await dialog.locator('textarea[name="reason"]').fill('Đề nghị bổ sung số quyết định phê duyệt kế hoạch và nguồn tin.');
    await shot(page, 'ban-bien-tap-nhap-ly-do-tra-lai');
    await dialog.getByRole('button', { name: 'Trả lại', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await expectState(page, 'Trả lại');
    await shot(page, 'ban-bien-tap-da-tra-lai');
    await page.context().close();
    expect(await publicTitles()).not.toContain(TITLE);
  });

  it('the editor reads the reason and fixes the article', async () => {
    const page = await loginAs('bientap@e2e.local');
    await openArticle(page, documentId);
    expect(await page.getByTestId('cong-workflow-last-reason').innerText()).toMatch(/bổ sung số quyết định/);
    await shot(page, 'bien-tap-vien-doc-ly-do');
    await page
      .locator('textarea[name="summary"]')
      .fill('Theo Quyết định số 123/QĐ-UBND, UBND tỉnh Lào Cai công bố kế hoạch sử dụng đất năm 2026 (nguồn: Sở TN&MT).');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expectState(page, 'Bản nháp');
    await shot(page, 'bien-tap-vien-da-sua');
    await page.context().close();
  });

  it('the team lead resubmits it', async () => {
    const page = await loginAs('totruong@e2e.local');
    await openArticle(page, documentId);
    await clickAction(page, 'Trình duyệt');
    await confirm(page, 'Trình duyệt');
    await expectState(page, 'Chờ duyệt');
    await shot(page, 'to-truong-trinh-lai');
    await page.context().close();
  });

  it('a board member approves and publishes it; the public sees it only now', async () => {
    const page = await loginAs('bbt@e2e.local');
    await openArticle(page, documentId);
    await clickAction(page, 'Duyệt');
    await confirm(page, 'Duyệt');
    await expectState(page, 'Đã duyệt');
    await shot(page, 'ban-bien-tap-da-duyet');
    expect(await publicTitles()).not.toContain(TITLE);
    await clickAction(page, 'Đăng ngay');
    await confirm(page, 'Đăng ngay');
    await expectState(page, 'Đã đăng');
    await shot(page, 'ban-bien-tap-da-dang');
    expect(await publicTitles()).toContain(TITLE);
    await page.goto(`${cms.url}/admin/content-manager/collection-types/${ART}`);
    await page
      .getByRole('row', { name: new RegExp(TITLE) })
      .getByText('Đã đăng')
      .first()
      .waitFor();
    await shot(page, 'danh-sach-da-dang');
    await page.context().close();
    const log = await cms.strapi.db
      .query('api::workflow-transition.workflow-transition')
      .findMany({ where: { itemDocumentId: documentId }, orderBy: { id: 'asc' } });
    expect(log.map((l: any) => l.action)).toEqual(['create', 'submit', 'return', 'edit', 'submit', 'approve', 'publish']);
  });
});
