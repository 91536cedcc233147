/**
 * Issue 11, item 6 — the "Việc của tôi" widget on the admin homepage, in headless Chromium through
 * the built admin panel: an agency editor sees the item the board returned to it (with the
 * reason), a board member sees the item submitted for review, and neither sees another agency's
 * work. Screenshots in test-artifacts/my-work/.
 * Needs the built admin panel (built first when missing or stale, ~2 minutes; see admin-build.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { adminLogin, ensureAdminBuild } from '../helpers/admin-build';
import { bootCms, repoRoot, type BootedCms } from '../helpers/strapi';
import { PASSWORD, call, createAccount, login } from '../helpers/workflow';

const ART = 'api::article.article';
const SHOTS = path.join(repoRoot, 'test-artifacts', 'my-work');

let cms: BootedCms;
let browser: Browser;
const RETURNED = 'Kế hoạch tiếp công dân quý I năm 2027';
const SUBMITTED = 'Thông báo tuyển dụng viên chức năm 2027';
const OTHER = 'Tin của đơn vị khác không được thấy';

const step = (token: string, documentId: string, action: string, reason?: string) =>
  call(cms.url, token, 'POST', `/cong-workflow/items/${ART}/${documentId}/transitions`, { action, ...(reason ? { reason } : {}) });

async function homepage(email: string, shot: string): Promise<Page> {
  const page = await adminLogin(browser, cms.url, email, PASSWORD);
  await page.goto(`${cms.url}/admin`);
  await page.getByTestId('cong-my-work').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(SHOTS, `${shot}.png`), fullPage: true });
  return page;
}

beforeAll(async () => {
  ensureAdminBuild();
  fs.rmSync(SHOTS, { recursive: true, force: true });
  fs.mkdirSync(SHOTS, { recursive: true });
  cms = await bootCms({ serveAdmin: true });
  const s = cms.strapi;
  const agency = await s.documents('api::agency.agency').create({ data: { name: 'Sở Nội vụ', slug: 'so-noi-vu', kind: 'department' }, status: 'published' });
  const other = await s.documents('api::agency.agency').create({ data: { name: 'Sở Y tế', slug: 'so-y-te', kind: 'department' }, status: 'published' });
  await createAccount(s, { email: 'bientap@viec.local', role: 'agencyEditor', agencyDocumentId: agency.documentId, firstname: 'Lan' });
  await createAccount(s, { email: 'totruong@viec.local', role: 'agencyTeamLead', agencyDocumentId: agency.documentId, firstname: 'Hùng' });
  await createAccount(s, { email: 'totruong@yte.local', role: 'agencyTeamLead', agencyDocumentId: other.documentId });
  await createAccount(s, { email: 'bbt@viec.local', role: 'editorialBoard', firstname: 'Minh' });
  const mk = async (title: string, agencyId: string) =>
    (await s.documents(ART).create({ data: { title, kind: 'news', scope: 'province', agency: agencyId } })).documentId;
  const returned = await mk(RETURNED, agency.documentId);
  const submitted = await mk(SUBMITTED, agency.documentId);
  const otherReturned = await mk(OTHER, other.documentId);
  const [lead, otherLead, board] = [
    await login(cms.url, 'totruong@viec.local'),
    await login(cms.url, 'totruong@yte.local'),
    await login(cms.url, 'bbt@viec.local'),
  ];
  for (const [t, id] of [
    [lead, returned],
    [lead, submitted],
    [otherLead, otherReturned],
  ])
    expect((await step(t, id, 'submit')).status).toBe(200);
  expect((await step(board, returned, 'return', 'Bổ sung danh sách lịch tiếp theo từng tuần')).status).toBe(200);
  expect((await step(board, otherReturned, 'return', 'Lý do của đơn vị khác')).status).toBe(200);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'] });
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await cms?.stop();
});

describe('"Việc của tôi" on the admin homepage (Chromium)', () => {
  it('an agency editor sees the item returned to it, with the reason, and its update week — not the other agency’s', async () => {
    const page = await homepage('bientap@viec.local', '01-bien-tap-vien');
    const widget = page.getByTestId('cong-my-work');
    expect(await page.getByText('Việc của tôi', { exact: true }).count()).toBeGreaterThan(0);
    const returned = widget.getByTestId('cong-my-work-returned');
    await expect.poll(() => returned.innerText()).toContain(RETURNED);
    expect(await returned.innerText()).toContain('Lý do trả lại: Bổ sung danh sách lịch tiếp theo từng tuần');
    expect(await widget.getByTestId('cong-my-work-schedule').innerText()).toContain('Thứ Hai, Thứ Tư, Thứ Sáu');
    expect(await widget.innerText()).not.toContain(OTHER);
    expect(await widget.getByTestId('cong-my-work-waiting').count()).toBe(0);
    // the title links to the edit view
    await returned.getByRole('link', { name: RETURNED }).click();
    await page.waitForURL((u) => u.pathname.includes(`/content-manager/collection-types/${ART}/`));
    await page.context().close();
  });

  it('a board member sees the submitted item waiting for review', async () => {
    const page = await homepage('bbt@viec.local', '02-ban-bien-tap');
    const waiting = page.getByTestId('cong-my-work-waiting');
    await expect.poll(() => waiting.innerText()).toContain(SUBMITTED);
    expect(await waiting.innerText()).toContain('Chờ duyệt');
    expect(await waiting.innerText()).toContain('Sở Nội vụ');
    await page.context().close();
  });
});
