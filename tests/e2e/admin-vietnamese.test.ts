/**
 * Issue 10, item 8 — enumerations speak Vietnamese in the admin panel, in headless Chromium
 * (Debian's /usr/bin/chromium driven by playwright-core) through the built admin panel: the edit
 * view's selects (of a content type and of a component), the list view's cells, the list view's
 * filter (value picker and active-filter chip). What is stored and queried stays the English
 * identifier. Screenshots are kept in test-artifacts/admin-vietnamese/.
 *
 * Needs the built admin panel (cms/dist/build); when it is missing or older than cms/src/admin it
 * is built first (`npx strapi build`, ~2 minutes).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  ARTICLE_KIND_LABELS,
  ARTICLE_LANGUAGE_LABELS,
  ARTICLE_SCOPE_LABELS,
  EDITORIAL_STATE_LABELS,
  PROCEDURE_LEVEL_LABELS,
  PROCESSING_TIME_UNIT_LABELS,
  SUBMISSION_METHOD_LABELS,
} from '@cong/shared';
import { startAdminE2e, type AdminE2e } from '../helpers/admin-build';
import { repoRoot, type BootedCms } from '../helpers/strapi';
import { UID } from '../helpers/uids';

const ART = UID.article;
const PROC = UID.administrativeProcedure;
const SHOTS = path.join(repoRoot, 'test-artifacts', 'admin-vietnamese');
const NEW_TITLE = 'Lào Cai đón 1,2 triệu lượt khách du lịch trong quý I';
const NATIONAL_TITLE = 'Chính phủ ban hành nghị quyết về cải cách thủ tục hành chính';
const PROVINCE_TITLE = 'Sa Pa tổ chức lễ hội hoa đào năm 2026';

let e2e: AdminE2e;
let cms: BootedCms;

const shot = (page: Page, name: string): Promise<string> => e2e.shot(page, name);
/** A fresh browser session logged in as `email`. */
const loginAs = (email: string): Promise<Page> => e2e.loginAs(email);

/** The select of a field, found by its (Vietnamese) label. */
const select = (page: Page, label: string) => page.getByRole('combobox', { name: label, exact: true });

/** Strapi's empty choice of an enumeration select ("Choose here"). */
const PLACEHOLDER = 'Chọn tại đây';

/** Texts of the options of the open select's list, without the empty choice. */
async function openOptions(page: Page): Promise<string[]> {
  const listbox = page.getByRole('listbox');
  await listbox.waitFor();
  return (await listbox.getByRole('option').allInnerTexts()).map((t) => t.trim()).filter((t) => t && t !== PLACEHOLDER);
}

/** Opens a select and returns the texts of its options. */
async function optionTexts(page: Page, label: string): Promise<string[]> {
  await select(page, label).click();
  return openOptions(page);
}

async function pick(page: Page, label: string, option: string) {
  await select(page, label).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

beforeAll(async () => {
  e2e = await startAdminE2e({
    artifacts: SHOTS,
    agencyName: 'Sở Văn hoá, Thể thao và Du lịch',
    accounts: [
      { email: 'bientap@e2e.local', role: 'agencyEditor', ofAgency: true, firstname: 'Lan' },
      { email: 'bbt@e2e.local', role: 'editorialBoard', firstname: 'Minh' },
    ],
  });
  cms = e2e.cms;
  const s = cms.strapi;
  await s.documents(ART).create({ data: { title: NATIONAL_TITLE, slug: 'chinh-phu-ban-hanh-nghi-quyet', kind: 'news', scope: 'national', language: 'vi' } });
  await s.documents(ART).create({ data: { title: PROVINCE_TITLE, slug: 'sa-pa-le-hoi-hoa-dao', kind: 'announcement', scope: 'province', language: 'vi' } });
  await s.documents(PROC).create({
    data: {
      name: 'Cấp giấy phép kinh doanh dịch vụ lữ hành nội địa',
      slug: 'cap-giay-phep-lu-hanh-noi-dia',
      level: 'full',
      submissionMethods: [{ method: 'online' }, { method: 'inPerson' }],
      processingTime: { unit: 'workingDays' },
    },
  });
}, 900_000);

afterAll(async () => {
  await e2e?.stop();
});

describe('the admin panel speaks Vietnamese from the first visit (Chromium)', () => {
  it('the login page of a browser with nothing stored (English system language) is Vietnamese', async () => {
    const context = await e2e.browser.newContext({ locale: 'en-US' });
    try {
      const page = await context.newPage();
      await page.goto(`${cms.url}/admin/auth/login`);
      await page.getByText('Cổng thông tin điện tử tỉnh Lào Cai').waitFor({ timeout: 60_000 });
      expect(await page.locator('body').innerText()).not.toContain('Welcome to Strapi');
      await shot(page, 'login-first-visit');
    } finally {
      await context.close();
    }
  });
});

describe('enumerations in Vietnamese in the admin panel (Chromium)', () => {
  it('the edit view offers Vietnamese options and stores the English identifier', async () => {
    const page = await loginAs('bientap@e2e.local');
    await page.goto(`${cms.url}/admin/content-manager/collection-types/${ART}/create`);
    await page.locator('input[name="title"]').fill(NEW_TITLE);
    await page.getByRole('button', { name: 'Tạo lại' }).click();

    // the schema's defaults (news, province) show as labels; the editor picks other values by their labels
    await expect.poll(() => select(page, 'Loại').innerText()).toContain(ARTICLE_KIND_LABELS.news);
    expect(await optionTexts(page, 'Loại')).toEqual([ARTICLE_KIND_LABELS.news, ARTICLE_KIND_LABELS.announcement]);
    await shot(page, 'chon-loai-tin');
    await page.getByRole('option', { name: 'Thông báo', exact: true }).click();
    expect(await optionTexts(page, 'Phạm vi tin')).toEqual(['Trong tỉnh', 'Trong nước', 'Quốc tế']);
    await page.getByRole('option', { name: ARTICLE_SCOPE_LABELS.international, exact: true }).click();
    await select(page, 'Ngôn ngữ').scrollIntoViewIfNeeded();
    expect(await optionTexts(page, 'Ngôn ngữ')).toEqual(['Tiếng Việt', 'Tiếng Anh']);
    await shot(page, 'chon-ngon-ngu');
    await page.getByRole('option', { name: ARTICLE_LANGUAGE_LABELS.en, exact: true }).click();
    await expect.poll(() => select(page, 'Loại').innerText()).toContain('Thông báo');
    expect(await select(page, 'Phạm vi tin').innerText()).toContain('Quốc tế');
    expect(await select(page, 'Ngôn ngữ').innerText()).toContain('Tiếng Anh');

    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.waitForURL((u) => !u.pathname.endsWith('/create'), { timeout: 30_000 });
    const documentId = page.url().split('/').pop()!.split('?')[0];
    const row = await cms.strapi.db.query(ART).findOne({ where: { documentId, publishedAt: null } });
    expect({ kind: row.kind, scope: row.scope, language: row.language, editorialState: row.editorialState }).toEqual({
      kind: 'announcement',
      scope: 'international',
      language: 'en',
      editorialState: 'draft',
    });

    // reopened, the saved values show as labels, not identifiers
    await page.reload();
    await expect.poll(() => select(page, 'Loại').innerText(), { timeout: 30_000 }).toContain('Thông báo');
    expect(await select(page, 'Phạm vi tin').innerText()).toContain('Quốc tế');
    await shot(page, 'bai-da-luu');
    await select(page, 'Ngôn ngữ').scrollIntoViewIfNeeded();
    expect(await select(page, 'Ngôn ngữ').innerText()).toContain('Tiếng Anh');
    expect(await select(page, 'Trạng thái biên tập').innerText()).toContain(EDITORIAL_STATE_LABELS.draft);
    const form = await page.locator('main').innerText();
    for (const raw of ['news', 'announcement', 'province', 'international', 'en', 'draft']) expect(form).not.toMatch(new RegExp(`\\b${raw}\\b`));
    await shot(page, 'bai-da-luu-cuoi-trang');
    await page.context().close();
  });

  it('enumerations inside components show Vietnamese labels too', async () => {
    const page = await loginAs('bbt@e2e.local');
    const proc = await cms.strapi.db.query(PROC).findOne({ where: { publishedAt: null } });
    await page.goto(`${cms.url}/admin/content-manager/collection-types/${PROC}/${proc.documentId}`);
    await expect.poll(() => select(page, 'Mức độ dịch vụ công').innerText(), { timeout: 30_000 }).toContain(PROCEDURE_LEVEL_LABELS.full);
    const main = page.locator('main');
    // an entry of a repeatable component opens one at a time (accordion): open each in turn
    const triggers = main.locator('button[data-radix-collection-item][aria-expanded][aria-controls]:not([role="combobox"])');
    expect(await triggers.count()).toBe(2);
    for (const [i, label] of [SUBMISSION_METHOD_LABELS.online, SUBMISSION_METHOD_LABELS.inPerson].entries()) {
      await triggers.nth(i).click();
      await expect.poll(() => main.innerText(), { timeout: 10_000 }).toContain(label);
      await main.getByRole('combobox').filter({ hasText: label }).first().scrollIntoViewIfNeeded();
      await shot(page, `thu-tuc-cach-thuc-${label === SUBMISSION_METHOD_LABELS.online ? 'truc-tuyen' : 'truc-tiep'}`);
    }
    const text = await main.innerText();
    expect(text).toContain(PROCESSING_TIME_UNIT_LABELS.workingDays);
    for (const raw of ['workingDays', 'inPerson', 'online', 'informationOnly']) expect(text).not.toMatch(new RegExp(`\\b${raw}\\b`));
    await page.context().close();
  });

  it('the list view shows labels, and a filter picks a value by its label', async () => {
    const page = await loginAs('bbt@e2e.local');
    await page.goto(`${cms.url}/admin/content-manager/collection-types/${ART}`);
    const table = page.getByRole('grid').or(page.locator('table')).first();
    await page.getByRole('row', { name: new RegExp(NATIONAL_TITLE) }).waitFor();
    expect(await page.getByRole('row', { name: new RegExp(NATIONAL_TITLE) }).innerText()).toContain(ARTICLE_SCOPE_LABELS.national);
    expect(await page.getByRole('row', { name: new RegExp(PROVINCE_TITLE) }).innerText()).toContain(ARTICLE_SCOPE_LABELS.province);
    expect(await page.getByRole('row', { name: new RegExp(NEW_TITLE) }).innerText()).toContain(ARTICLE_SCOPE_LABELS.international);
    const cells = await table.innerText();
    expect(cells).toContain(EDITORIAL_STATE_LABELS.draft);
    for (const raw of ['national', 'province', 'international', 'draft']) expect(cells).not.toMatch(new RegExp(`\\b${raw}\\b`));
    await shot(page, 'danh-sach-bai');

    await page.getByRole('button', { name: /Bộ lọc|Filters/ }).click();
    const popover = page.getByRole('dialog');
    await pick(page, 'Chọn trường', 'Phạm vi tin');
    await popover.getByRole('combobox').nth(2).click();
    const values = await openOptions(page);
    expect(values).toEqual(['Trong tỉnh', 'Trong nước', 'Quốc tế']);
    await shot(page, 'bo-loc-chon-gia-tri');
    await page.getByRole('option', { name: 'Trong nước', exact: true }).click();
    await popover.getByRole('button', { name: /Thêm bộ lọc|Add filter/ }).click();

    await page.waitForURL((u) => decodeURIComponent(u.search).includes('[scope][$eq]=national'));
    await page.getByRole('row', { name: new RegExp(PROVINCE_TITLE) }).waitFor({ state: 'detached' });
    await page.getByRole('row', { name: new RegExp(NATIONAL_TITLE) }).waitFor();
    expect(await page.getByRole('row', { name: new RegExp(NEW_TITLE) }).count()).toBe(0);
    const chip = page.getByText(/Phạm vi tin .* Trong nước/).first();
    await chip.waitFor();
    expect(await chip.innerText()).not.toContain('national');
    await shot(page, 'danh-sach-da-loc');
    await page.context().close();
  });
});
