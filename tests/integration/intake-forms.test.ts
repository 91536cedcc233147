/**
 * Issue 11 items 3–4 end to end on real parts — a CMS booted on a fresh database, the publisher as
 * its own process (as `npm run publisher`) building the real Astro site and serving it, Debian's
 * Chromium with JavaScript disabled:
 *
 * - a citizen comments on an open consultation from its page without JavaScript: a bad field comes
 *   back with its Vietnamese error and the text kept, a good one gives the "thank you" page; the
 *   comment is stored hidden, is not on the page until the owning agency approves it, and is there
 *   after the rebuild the approval triggers; the closed consultation refuses comments;
 * - "Thông tin này có hữu ích không?" on a content page submits without JavaScript, is stored
 *   without personal data with the agency derived from the page, and is counted in the report;
 *   a forged path (no such page, a page without the form, a path outside the site) is refused and
 *   a forged agency is ignored (red-team F11);
 * - a fill-time token replayed is refused (single-use tokens);
 * - axe finds nothing on the new pages at 360 and 1280 px (with `SHOTS_DIR` set, screenshots of
 *   them are written there).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { FILL_TOKEN_FIELD, routes } from '@cong/shared';
import { bootCms, freePort, repoRoot, type BootedCms } from '../helpers/strapi';
import { call, createAccount, login } from '../helpers/workflow';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const siteDir = path.join(repoRoot, 'site');
const CONS = 'api::consultation.consultation';
const CMT = 'api::consultation-comment.consultation-comment';
const CMM = `/content-manager/collection-types/${CMT}`;
const RATING = 'api::page-rating.page-rating';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const MIN_FILL_MS = 1500;
const SHOTS = process.env.SHOTS_DIR || '';

const webhookSecret = randomBytes(24).toString('hex');
const previewToken = randomBytes(32).toString('hex');
const intakeToken = randomBytes(32).toString('hex');
const formSecret = randomBytes(32).toString('hex');

let cms: BootedCms;
let tmp: string;
let pubUrl: string;
let publisher: ChildProcess | null = null;
let pubLog = '';
let browser: Browser;
let noJs: BrowserContext;
let withJs: BrowserContext;
const agency = { documentId: '', slug: 'so-tu-phap', name: 'Sở Tư pháp' };
const open = { documentId: '', slug: '', title: 'Dự thảo Nghị quyết quy định mức chi hỗ trợ hòa giải ở cơ sở' };
const closed = { documentId: '', slug: '', title: 'Dự thảo Quyết định về quản lý cụm công nghiệp' };
const tok: Record<string, string> = {};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 180_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await sleep(300);
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (${last})` : ''}\n--- publisher log ---\n${pubLog.slice(-5000)}`);
}

async function post(formPath: string, fields: Record<string, string>) {
  const res = await fetch(`${pubUrl}${formPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
  return { status: res.status, body: await res.text() };
}

async function freshToken(formPath: string): Promise<string> {
  const html = await (await fetch(`${pubUrl}${formPath}`)).text();
  const m = new RegExp(`name="${FILL_TOKEN_FIELD}" value="([^"]*)"`).exec(html);
  if (!m?.[1]) throw new Error(`no fill-time token on ${formPath}`);
  return m[1];
}

/** Clicks the submit button of the form `selector` and waits for the page it posts to. */
async function submit(page: Page, selector = 'main form.intake-form') {
  const [res] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click(`${selector} button[type=submit]`)]);
  await page.waitForLoadState('load');
  return res;
}

async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const r = await page.evaluate(async (tags) => (globalThis as any).axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
  return r.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
}

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

const commentCount = () => cms.strapi.db.query(CMT).count();
const ratingCount = () => cms.strapi.db.query(RATING).count();

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-intake-forms-'));
  const pubPort = await freePort();
  pubUrl = `http://127.0.0.1:${pubPort}`;
  cms = await bootCms({
    env: {
      PUBLISHER_WEBHOOK_URL: `${pubUrl}/hooks/strapi`,
      PUBLISHER_WEBHOOK_SECRET: webhookSecret,
      CMS_PREVIEW_TOKEN: previewToken,
      INTAKE_TOKEN: intakeToken,
    },
  });
  const s = cms.strapi;
  const a = await s
    .documents('api::agency.agency')
    .create({ data: { name: agency.name, slug: agency.slug, kind: 'department', updateSchedule: 'monWedFri' } as any, status: 'published' });
  agency.documentId = a.documentId;
  for (const [c, opensAt, closesAt] of [
    [open, Date.now() - 86_400_000, Date.now() + 7 * 86_400_000],
    [closed, Date.now() - 30 * 86_400_000, Date.now() - 86_400_000],
  ] as const) {
    const created = await s.documents(CONS).create({
      data: {
        title: c.title,
        agency: agency.documentId,
        summary: 'Lấy ý kiến nhân dân về dự thảo.',
        body: '## Điều 1. Phạm vi điều chỉnh\n\nNghị quyết này quy định mức chi.',
        opensAt: new Date(opensAt).toISOString(),
        closesAt: new Date(closesAt).toISOString(),
      } as any,
      status: 'published',
    });
    c.documentId = created.documentId;
    c.slug = (await s.db.query(CONS).findOne({ where: { documentId: created.documentId, publishedAt: { $notNull: true } }, select: ['slug'] })).slug;
  }
  for (const [key, email, role, agencyDocumentId] of [
    ['editor', 'bientap@tuphap.local', 'agencyEditor', agency.documentId],
    ['board', 'bbt@congthu.local', 'editorialBoard', undefined],
  ] as const) {
    await createAccount(s, { email, role, agencyDocumentId });
    tok[key] = await login(cms.url, email);
  }

  publisher = spawn(process.execPath, ['--import', 'tsx', path.join(siteDir, 'publisher', 'main.ts')], {
    cwd: siteDir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(pubPort),
      RELEASES_DIR: path.join(tmp, 'releases'),
      PUBLISHER_CACHE_DIR: path.join(tmp, 'cache'),
      PUBLISHER_DATA_DIR: path.join(tmp, 'data'),
      CMS_URL: cms.url,
      CMS_TOKEN: previewToken,
      PUBLISHER_WEBHOOK_SECRET: webhookSecret,
      INTAKE_TOKEN: intakeToken,
      INTAKE_FORM_SECRET: formSecret,
      INTAKE_MIN_FILL_MS: String(MIN_FILL_MS),
      COALESCE_MS: '500',
      COALESCE_MAX_MS: '3000',
      RECONCILE_INTERVAL_MS: '0',
      DAILY_REBUILD: 'false',
      PREWARM_BUILD: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  publisher.stdout!.on('data', (d) => (pubLog += d));
  publisher.stderr!.on('data', (d) => (pubLog += d));
  await waitFor('the first release', async () => (await fetch(`${pubUrl}${routes.consultation(open.slug)}`)).status === 200, 300_000);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-background-networking'] });
  noJs = await browser.newContext({ javaScriptEnabled: false });
  withJs = await browser.newContext({ bypassCSP: true });
}, 400_000);

afterAll(async () => {
  await browser?.close();
  if (publisher && publisher.exitCode === null) {
    const exited = new Promise((r) => publisher!.once('exit', r));
    publisher.kill('SIGTERM');
    await exited;
  }
  await cms?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('commenting on a draft without JavaScript', () => {
  const body = 'Đề nghị bổ sung mức chi cho tổ hòa giải ở thôn, bản vùng cao. <b>không phải HTML</b>';
  let commentId = '';

  it('from the open consultation: a bad field comes back with its error and the text kept; then the thanks page', async () => {
    const page = await noJs.newPage();
    await page.goto(`${pubUrl}${routes.consultation(open.slug)}`);
    await page.getByRole('link', { name: 'Gửi ý kiến góp ý cho dự thảo này' }).click();
    expect(new URL(page.url()).pathname).toBe(routes.consultationComment());
    expect(await page.locator('#comment-consultation').inputValue()).toBe(open.documentId);
    // the closed draft is not among the choices
    expect(await page.locator(`#comment-consultation option[value="${closed.documentId}"]`).count()).toBe(0);
    await page.fill('#comment-authorName', 'Lò Văn Páo');
    await page.fill('#comment-authorEmail', 'khong-phai-thu');
    await page.fill('#comment-body', body);
    await sleep(MIN_FILL_MS);
    const before = await commentCount();
    expect((await submit(page)).status()).toBe(422);
    expect(await page.textContent('#comment-authorEmail-loi')).toContain('Thư điện tử không đúng dạng');
    expect(await page.getAttribute('#comment-authorEmail', 'aria-invalid')).toBe('true');
    expect(await page.inputValue('#comment-body')).toBe(body);
    expect(await page.inputValue('#comment-authorName')).toBe('Lò Văn Páo');
    expect(await page.locator('#comment-consultation').inputValue()).toBe(open.documentId);
    expect(await commentCount()).toBe(before);

    await page.fill('#comment-authorEmail', 'pao.lo@example.vn');
    await sleep(MIN_FILL_MS);
    expect((await submit(page)).status()).toBe(200);
    expect(await page.textContent('h1')).toContain('Cảm ơn');
    expect(await page.textContent('.receipt')).toContain(open.title);
    expect(await page.getAttribute('.receipt a', 'href')).toBe(routes.consultation(open.slug));
    await page.close();

    const rows = await cms.strapi.db.query(CMT).findMany({ where: { body }, populate: { agency: { select: ['documentId'] } } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ moderationStatus: 'pending', publishedAt: null, authorName: 'Lò Văn Páo', authorEmail: 'pao.lo@example.vn' });
    expect(rows[0].agency.documentId).toBe(agency.documentId);
    commentId = rows[0].documentId;
  });

  it('is not public until moderated, and on the page after the approval rebuilds it', async () => {
    const page = await (await fetch(`${pubUrl}${routes.consultation(open.slug)}`)).text();
    expect(page).not.toContain('Lò Văn Páo');
    expect((await call(cms.url, null, 'GET', '/api/consultation-comments')).body.data).toEqual([]);
    const res = await call(cms.url, tok.editor!, 'PUT', `${CMM}/${commentId}`, { moderationStatus: 'approved' });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    const html = await waitFor('the approved comment on the page', async () => {
      const t = await (await fetch(`${pubUrl}${routes.consultation(open.slug)}`)).text();
      return t.includes('Lò Văn Páo') ? t : null;
    });
    expect(html).toContain('Đề nghị bổ sung mức chi');
    expect(html).toContain('&lt;b&gt;không phải HTML&lt;/b&gt;');
    expect(html).not.toContain('pao.lo@example.vn');
  });

  it('the closed consultation refuses comments with a clear message, and its page offers no form', async () => {
    const closedPage = await (await fetch(`${pubUrl}${routes.consultation(closed.slug)}`)).text();
    expect(closedPage).toContain('Đã hết thời gian lấy ý kiến');
    expect(closedPage).not.toContain(routes.consultationComment(closed.documentId).replace('?', '?'));
    const token = await freshToken(routes.consultationComment());
    await sleep(MIN_FILL_MS);
    const before = await commentCount();
    const r = await post(routes.consultationComment(), {
      consultation: closed.documentId,
      authorName: 'Người gửi muộn',
      body: 'Góp ý gửi sau khi đã hết hạn lấy ý kiến.',
      website: '',
      [FILL_TOKEN_FIELD]: token,
    });
    expect(r.status).toBe(422);
    expect(r.body).toContain('Đã hết thời gian lấy ý kiến đối với dự thảo này');
    expect(r.body).toContain('Góp ý gửi sau khi đã hết hạn lấy ý kiến.');
    expect(await commentCount()).toBe(before);
  });

  it('a replayed fill-time token is refused (single-use), the text kept', async () => {
    const token = await freshToken(routes.consultationComment());
    await sleep(MIN_FILL_MS);
    const fields = (text: string) => ({ consultation: open.documentId, authorName: 'Hà Thị Mai', body: text, website: '', [FILL_TOKEN_FIELD]: token });
    const before = await commentCount();
    expect((await post(routes.consultationComment(), fields('Góp ý lần thứ nhất về Điều 1 của dự thảo.'))).status).toBe(200);
    const again = await post(routes.consultationComment(), fields('Góp ý gửi lại bằng cùng một trang biểu mẫu.'));
    expect(again.status).toBe(409);
    expect(again.body).toContain('đã được gửi một lần');
    expect(again.body).toContain('Góp ý gửi lại bằng cùng một trang biểu mẫu.');
    expect(await commentCount()).toBe(before + 1);
  });
});

describe('"Thông tin này có hữu ích không?" without JavaScript', () => {
  it('is on a content page, submits, thanks, and is counted for the agency of the page — nothing about the reader stored', async () => {
    const page = await noJs.newPage();
    const pagePath = routes.consultation(open.slug);
    await page.goto(`${pubUrl}${pagePath}`);
    const form = page.locator('aside.page-rating form');
    expect(await form.getAttribute('action')).toBe(routes.pageRating());
    // the page's agency is not in the form: the CMS derives it (red-team F11)
    expect(await form.locator('input[name="agency"]').count()).toBe(0);
    const before = await ratingCount();
    // without a choice: the form again at /danh-gia/ with the error, the comment kept
    await page.fill('#rating-comment', 'Nên có bản so sánh với quy định cũ');
    expect((await submit(page, 'aside.page-rating form')).status()).toBe(422);
    expect(await page.textContent('#rating-score-loi')).toContain('Vui lòng chọn một mức');
    expect(await page.inputValue('#rating-comment')).toBe('Nên có bản so sánh với quy định cũ');
    await page.check('label:has-text("Chưa đầy đủ")');
    expect((await submit(page)).status()).toBe(200);
    expect(await page.textContent('h1')).toContain('Cảm ơn');
    expect(await page.getAttribute('.receipt a', 'href')).toBe(pagePath);
    await page.close();

    expect(await ratingCount()).toBe(before + 1);
    const row = await cms.strapi.db.query(RATING).findOne({ where: { comment: 'Nên có bản so sánh với quy định cũ' } });
    expect(row).toMatchObject({ path: pagePath, score: 'partly', agencyDocumentId: agency.documentId });
    const month = new Date().toISOString().slice(0, 7);
    const report = await call(cms.url, tok.board!, 'GET', `/cong-reports/ratings?month=${month}`);
    expect(report.body.data.byPage.find((l: any) => l.key === pagePath)).toMatchObject({ total: 1, partly: 1 });
    expect(report.body.data.byAgency.find((l: any) => l.agencyDocumentId === agency.documentId)).toMatchObject({ label: agency.name, total: 1 });
    const mine = await call(cms.url, tok.editor!, 'GET', `/cong-reports/ratings?month=${month}`);
    expect(mine.body.data.total.total).toBe(1);
  });

  it('a forged path is refused, a forged agency ignored (red-team F11)', async () => {
    const before = await ratingCount();
    for (const forged of ['/khong-co-trang-nay/', routes.pageRating(), routes.questionAsk(), 'https://evil.example/tin-tuc/', '/../../etc/passwd', '']) {
      const r = await post(routes.pageRating(), { path: forged, score: 'useful', comment: '', website: '' });
      expect(r.status, forged).toBe(422);
      expect(r.body, forged).toContain('Không xác định được trang được đánh giá');
    }
    expect(await ratingCount()).toBe(before);
    // an existing page, written another way, with an agency of the client's choosing: stored under the normalised path, the page's own agency
    const r = await post(routes.pageRating(), {
      path: `/lay-y-kien/${open.slug}/index.html`,
      score: 'useful',
      agency: 'so-khac',
      comment: 'Rõ ràng',
      website: '',
    });
    expect(r.status).toBe(200);
    const row = await cms.strapi.db.query(RATING).findOne({ where: { comment: 'Rõ ràng' } });
    expect(row).toMatchObject({ path: routes.consultation(open.slug), agencyDocumentId: agency.documentId });
    // cross-site posts and the honeypot are refused
    const trap = await post(routes.pageRating(), { path: routes.consultation(open.slug), score: 'useful', website: 'http://spam.example' });
    expect(trap.status).toBe(400);
    expect(await ratingCount()).toBe(before + 1);
  });
});

describe('accessibility of the new pages', () => {
  it('axe finds nothing at 360 and 1280 px (comment form, its errors, thanks; rating form, its errors, thanks; the consultation page)', async () => {
    const found: string[] = [];
    for (const width of [360, 1280]) {
      const page = await withJs.newPage();
      await page.setViewportSize({ width, height: 900 });
      const check = async (label: string) => {
        found.push(...(await axe(page)).map((v) => `${width} ${label} ${v}`));
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${width} ${label} overflows`).toBe(true);
        await shot(page, `${label}-${width}`);
      };
      for (const [label, route] of [
        ['gop-y-du-thao', routes.consultationComment(open.documentId)],
        ['danh-gia', routes.pageRating()],
        ['lay-y-kien-mo', routes.consultation(open.slug)],
        ['lay-y-kien-dong', routes.consultation(closed.slug)],
      ] as const) {
        await page.goto(`${pubUrl}${route}`);
        await check(label);
      }
      await page.goto(`${pubUrl}${routes.consultationComment(open.documentId)}`);
      await page.fill('#comment-authorEmail', 'sai');
      await sleep(MIN_FILL_MS);
      expect((await submit(page)).status()).toBe(422);
      await check('gop-y-du-thao-loi');
      await page.fill('#comment-authorEmail', '');
      await page.fill('#comment-authorName', 'Vàng Thị Dung');
      await page.fill('#comment-body', `Góp ý kiểm tra trợ năng ở khổ ${width} px cho dự thảo.`);
      await sleep(MIN_FILL_MS);
      expect((await submit(page)).status()).toBe(200);
      await check('gop-y-du-thao-da-nhan');
      await page.goto(`${pubUrl}${routes.consultation(open.slug)}`);
      expect((await submit(page, 'aside.page-rating form')).status()).toBe(422);
      await check('danh-gia-loi');
      await page.check('#rating-score');
      expect((await submit(page)).status()).toBe(200);
      await check('danh-gia-da-nhan');
      await page.close();
    }
    expect(found).toEqual([]);
  });
});
