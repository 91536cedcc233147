/**
 * The citizen walkthrough of issue 11's "done when", against a portal started with `npm start`:
 * a citizen asks a question WITHOUT JavaScript on an old-phone-sized screen (360 px), reads the
 * receipt and looks it up; the agency's editor answers in the admin panel, the team lead submits,
 * the board approves and publishes; the site rebuilds; the tracking page shows the answer; the
 * mails arrive in the local SMTP catcher. Every step is screenshotted for a person to look at.
 *
 *   npm start                                   # in one terminal; note the "Mails:" URL it prints
 *   npx tsx scripts/walkthrough/citizen.ts --mail http://127.0.0.1:PORT/ [--out DIR]
 *
 * Env/flags: SITE (default http://127.0.0.1:4321), CMS (default http://127.0.0.1:1337), the seeded
 * local accounts of scripts/start.sh (password SEED_ACCOUNTS_PASSWORD, default CongLaoCai@2026).
 * Needs Debian's Chromium at /usr/bin/chromium. Exits non-zero at the first step that fails,
 * naming it. Not a test (the suite's tests/integration/questions.test.ts is): a person's check
 * of the running portal, with pictures.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const { values: args } = parseArgs({
  options: {
    mail: { type: 'string' },
    out: { type: 'string', default: 'test-artifacts/walkthrough' },
    agency: { type: 'string', default: 'so-tai-nguyen-va-moi-truong' },
    part: { type: 'string', default: 'all' },
  },
});
const SITE = (process.env.SITE ?? 'http://127.0.0.1:4321').replace(/\/$/, '');
const CMS = (process.env.CMS ?? 'http://127.0.0.1:1337').replace(/\/$/, '');
const PASSWORD = process.env.SEED_ACCOUNTS_PASSWORD ?? 'CongLaoCai@2026';
const OUT = path.resolve(args.out!);
const MAIL = args.mail?.replace(/\/$/, '');
const STAMP = new Date().toISOString().slice(11, 19).replace(/:/g, '');
const SUBJECT = `Hỏi số ${STAMP}: hồ sơ cấp giấy chứng nhận quyền sử dụng đất lần đầu`;
const ASKER_EMAIL = `nguoidan.${STAMP}@example.vn`;

fs.mkdirSync(OUT, { recursive: true });
let n = 0;
const shots: string[] = [];
async function shot(page: Page, name: string): Promise<void> {
  const file = path.join(OUT, `${String(++n).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  shots.push(file);
  console.log(`  📷 ${path.relative(process.cwd(), file)}`);
}

/** The page a failing step is screenshotted on. */
let current: Page | null = null;
async function step<T>(title: string, fn: () => Promise<T>): Promise<T> {
  console.log(`▶ ${title}`);
  try {
    return await fn();
  } catch (e) {
    console.error(`✗ ${title}: ${(e as Error).message}`);
    if (current) await shot(current, 'loi').catch(() => undefined);
    throw e;
  }
}

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, seconds = 120): Promise<T> {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const v = await fn().catch(() => null);
    if (v) return v;
    if (Date.now() > end) throw new Error(`waited ${seconds} s for ${what}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function citizen(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 }, locale: 'vi-VN', deviceScaleFactor: 1 });
}

async function adminLogin(browser: Browser, email: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  const page = await ctx.newPage();
  await page.goto(`${CMS}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.getByRole('button', { name: /Đăng nhập|Login/ }).click();
  await page.waitForURL((u) => !u.pathname.includes('/auth/'), { timeout: 60_000 });
  current = page;
  return page;
}

const panel = (page: Page) => page.getByTestId('cong-workflow-panel');
async function workflowStep(page: Page, label: string, reason?: string): Promise<void> {
  const button = page.getByRole('button', { name: label, exact: true }).first();
  const visible = await button.waitFor({ state: 'visible', timeout: 10_000 }).then(
    () => true,
    () => false,
  );
  if (visible) await button.click();
  else {
    await page.getByRole('button', { name: 'Thao tác khác với mục nội dung' }).click();
    await page.getByRole('menuitem', { name: label }).click();
  }
  const dialog = page.getByRole('alertdialog').or(page.getByRole('dialog'));
  await dialog.waitFor();
  if (reason) await dialog.locator('textarea[name="reason"]').fill(reason);
  await dialog.getByRole('button', { name: label, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

async function mails(): Promise<{ subject: string; to: { address: string }[]; text?: string; html?: string }[]> {
  if (!MAIL) return [];
  const r = await fetch(`${MAIL}/api/email`);
  return r.ok ? ((await r.json()) as never) : [];
}

/** An admin API token of a seeded local account (POST /admin/login). */
async function adminToken(email: string): Promise<string> {
  const r = await fetch(`${CMS}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!r.ok) throw new Error(`login ${email}: ${r.status}`);
  return ((await r.json()) as { data: { token: string } }).data.token;
}
async function api(token: string, method: string, url: string, body?: unknown): Promise<Record<string, unknown>> {
  const r = await fetch(`${CMS}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await r.json().catch(() => ({}))) as Record<string, unknown>;
  if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}

/**
 * A consultation, a comment and a rating: the agency opens a draft for comment (editor drafts, team
 * lead submits, board approves and publishes through the workflow API, as the admin panel's buttons
 * do), a citizen comments without JavaScript, the agency approves the comment, it appears; the
 * consultation closes by its date and the page says so; a citizen rates a page and the board reads
 * the count in Báo cáo → Đánh giá thông tin.
 */
async function consultationAndRating(browser: Browser): Promise<void> {
  const CONS = 'api::consultation.consultation';
  const CMT = 'api::consultation-comment.consultation-comment';
  const closeInSeconds = 240;
  const editor = await adminToken('bientap.tnmt@laocai.local');
  const lead = await adminToken('totruong.tnmt@laocai.local');
  const board = await adminToken('banbientap@laocai.local');
  const title = `Dự thảo Quyết định quy định hạn mức giao đất ở (lấy ý kiến ${STAMP})`;
  let consultationId = '';
  await step('the agency opens a draft document for comment (closes in 4 minutes) through the workflow', async () => {
    const created = (await api(editor, 'POST', `/content-manager/collection-types/${CONS}`, {
      title,
      slug: `du-thao-han-muc-giao-dat-o-${STAMP}`,
      summary: 'Sở Tài nguyên và Môi trường lấy ý kiến nhân dân về dự thảo quy định hạn mức giao đất ở tại nông thôn và đô thị.',
      body: '## Điều 1. Phạm vi điều chỉnh\n\nQuyết định này quy định hạn mức giao đất ở cho hộ gia đình, cá nhân.',
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + closeInSeconds * 1000).toISOString(),
    })) as { data: { documentId: string } };
    consultationId = created.data.documentId;
    const t = `/cong-workflow/items/${CONS}/${consultationId}/transitions`;
    await api(lead, 'POST', t, { action: 'submit' });
    await api(board, 'POST', t, { action: 'approve' });
    await api(board, 'POST', t, { action: 'publish' });
  });
  const ctx = await citizen(browser);
  const page = await ctx.newPage();
  current = page;
  const body = 'Đề nghị quy định rõ hạn mức cho hộ gia đình có nhiều thế hệ cùng sinh sống tại khu vực nông thôn miền núi.';
  await step('a citizen finds it on /lay-y-kien/ and comments without JavaScript', async () => {
    await until('the consultation on /lay-y-kien/', async () => {
      await page.goto(`${SITE}/lay-y-kien/`);
      return (await page.getByRole('link', { name: new RegExp(STAMP) }).count()) > 0;
    });
    await shot(page, 'lay-y-kien-danh-sach');
    await page
      .getByRole('link', { name: new RegExp(STAMP) })
      .first()
      .click();
    await page.waitForLoadState();
    await shot(page, 'du-thao-dang-lay-y-kien');
    await page
      .getByRole('link', { name: /Gửi góp ý|góp ý/ })
      .first()
      .click();
    await page.waitForURL(/gop-y-du-thao/);
    await page.locator('input[name="authorName"]').fill('Trần Thị Bình');
    await page.locator('textarea[name="body"]').fill(body);
    await page.waitForTimeout(3500);
    await page.getByRole('button', { name: /Gửi góp ý/ }).click();
    await page.waitForLoadState();
    const text = await page.locator('main').innerText();
    if (!/Cảm ơn|đã nhận/i.test(text)) throw new Error(`no thanks page: ${text.slice(0, 300)}`);
    await shot(page, 'gop-y-da-nhan');
  });
  await step('the comment is hidden until the agency approves it; the editor approves it', async () => {
    const rows = (await api(editor, 'GET', `/content-manager/collection-types/${CMT}?pageSize=50&sort=createdAt:DESC`)) as {
      results: { documentId: string; body: string }[];
    };
    const mine = rows.results.find((r) => r.body === body);
    if (!mine) throw new Error("the comment is not in the agency's moderation list");
    const adminPage = await adminLogin(browser, 'bientap.tnmt@laocai.local');
    await adminPage.goto(`${CMS}/admin/content-manager/collection-types/${CMT}/${mine.documentId}`);
    await adminPage.waitForTimeout(3000);
    await shot(adminPage, 'bien-tap-vien-kiem-duyet-gop-y');
    await adminPage.context().close();
    current = page;
    await api(editor, 'PUT', `/content-manager/collection-types/${CMT}/${mine.documentId}`, { moderationStatus: 'approved' });
    await api(editor, 'POST', `/content-manager/collection-types/${CMT}/${mine.documentId}/actions/publish`, {});
  });
  /** Opens this run's consultation from the list, as a citizen would; returns the page's main text. */
  const openConsultation = async () => {
    await page.goto(`${SITE}/lay-y-kien/`);
    await page
      .getByRole('link', { name: new RegExp(STAMP) })
      .first()
      .click();
    await page.waitForLoadState();
    return page.locator('main').innerText();
  };
  await step('the approved comment appears on the consultation page', async () => {
    await until('the comment on the page', async () => (await openConsultation()).includes('nhiều thế hệ'));
    await shot(page, 'gop-y-hien-thi');
  });
  await step('a citizen rates a news page without JavaScript', async () => {
    await page.goto(`${SITE}/tin-tuc/`);
    // an article of the list (not a scope tab): its heading link
    await page.locator('main a.item-title').first().click();
    await page.waitForLoadState();
    await page.getByLabel('Có, hữu ích').check();
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.waitForLoadState();
    const text = await page.locator('main').innerText();
    if (!/Cảm ơn/i.test(text)) throw new Error(`no thanks: ${text.slice(0, 300)}`);
    await shot(page, 'danh-gia-da-nhan');
  });
  await step('the board reads the rating in Báo cáo → Đánh giá thông tin', async () => {
    const adminPage = await adminLogin(browser, 'banbientap@laocai.local');
    await adminPage.goto(`${CMS}/admin/bao-cao`);
    await adminPage.getByRole('tab', { name: 'Đánh giá thông tin' }).click();
    await adminPage.waitForTimeout(3000);
    await shot(adminPage, 'ban-bien-tap-bao-cao-danh-gia');
    await adminPage.context().close();
    current = page;
  });
  await step(`the consultation closes by its date and its page says so (waits up to ${closeInSeconds + 120} s)`, async () => {
    await until('the closed notice', async () => /Đã hết thời gian lấy ý kiến/.test(await openConsultation()), closeInSeconds + 120);
    await shot(page, 'du-thao-da-het-han');
  });
  await ctx.close();
}

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking'] });
  let code = '';
  let secret = '';
  let questionId = '';
  try {
    if (args.part === 'all' || args.part === 'consultation') await consultationAndRating(browser);
    if (args.part === 'consultation') return;
    const ctx = await citizen(browser);
    const page = await ctx.newPage();
    current = page;

    await step('citizen opens the agency sub-site Q&A section and follows "Gửi câu hỏi" (no JavaScript, 360 px)', async () => {
      await page.goto(`${SITE}/co-quan/${args.agency}/hoi-dap/`);
      await shot(page, 'chuyen-trang-hoi-dap');
      await page
        .getByRole('link', { name: /Gửi câu hỏi/ })
        .first()
        .click();
      await page.waitForURL(/gui-cau-hoi/);
      const chosen = await page.locator('select[name="agency"] option:checked').innerText();
      if (!/Tài nguyên|Nông nghiệp/i.test(chosen) && args.agency === 'so-tai-nguyen-va-moi-truong') throw new Error(`agency not preselected: "${chosen}"`);
      await shot(page, 'form-co-quan-chon-san');
    });

    await step('a bad field: the form comes back with the error beside it and the text kept', async () => {
      await page.locator('input[name="askerName"]').fill('Nguyễn Văn An');
      await page.locator('input[name="subject"]').fill(SUBJECT);
      await page.locator('textarea[name="body"]').fill('Ngắn quá');
      await page.waitForTimeout(3500); // the minimum fill time of a person
      await page.getByRole('button', { name: /Gửi câu hỏi/ }).click();
      await page.waitForLoadState();
      const kept = await page.locator('input[name="subject"]').inputValue();
      if (kept !== SUBJECT) throw new Error('subject not kept');
      if (!(await page.locator('.field-error, [id$="-loi"], .error').count())) throw new Error('no field error shown');
      await shot(page, 'form-bao-loi-giu-noi-dung');
    });

    await step('the citizen fixes it and sends: receipt with tracking code and secret', async () => {
      await page.locator('input[name="askerEmail"]').fill(ASKER_EMAIL);
      await page
        .locator('textarea[name="body"]')
        .fill('Xin hỏi hồ sơ đề nghị cấp giấy chứng nhận quyền sử dụng đất lần đầu cho hộ gia đình gồm những giấy tờ gì và nộp ở đâu?');
      const consent = page.locator('input[name="consentToPublish"]');
      if (!(await consent.isChecked())) await consent.check();
      await page.waitForTimeout(3500);
      await page.getByRole('button', { name: /Gửi câu hỏi/ }).click();
      // the receipt is the answer to the POST itself (no redirect: the secret is never in a URL)
      await page.locator('#ma-theo-doi').waitFor({ timeout: 60_000 });
      code = (await page.locator('#ma-theo-doi').innerText()).trim();
      secret = (await page.locator('#ma-bi-mat').innerText()).trim();
      if (!code || !secret) throw new Error('no tracking code/secret on the receipt');
      console.log(`  tracking code ${code}`);
      await shot(page, 'bien-nhan');
    });

    const lookup = async (): Promise<string> => {
      await page.goto(`${SITE}/hoi-dap/tra-cuu/`);
      await page.locator('input[name="trackingCode"]').fill(code);
      await page.locator('input[name="secret"]').fill(secret);
      await page.waitForTimeout(3500);
      await page.getByRole('button', { name: /Tra cứu/ }).click();
      await page.waitForLoadState();
      return page.locator('main').innerText();
    };
    await step('the citizen looks it up: received, with a due date', async () => {
      const text = await lookup();
      if (!/Đã tiếp nhận|Đã nhận/i.test(text)) throw new Error(`lookup says: ${text.slice(0, 200)}`);
      await shot(page, 'tra-cuu-da-tiep-nhan');
    });

    await step("the agency's editors got a new-question mail", async () => {
      if (!MAIL) return console.log('  (no --mail: skipped)');
      const m = await until('the new-question mail', async () => (await mails()).find((x) => /câu hỏi/i.test(x.subject) && x.subject.includes(STAMP)), 60);
      console.log(`  mail "${m.subject}" to ${m.to.map((t) => t.address).join(', ')}`);
    });

    const editor = await adminLogin(browser, 'bientap.tnmt@laocai.local');
    await step('the editor sees the question in the queue with its due date and answers it', async () => {
      await editor.goto(`${CMS}/admin/content-manager/collection-types/api::question.question`);
      const row = editor.getByRole('row', { name: new RegExp(STAMP) });
      await row.waitFor({ timeout: 30_000 });
      await shot(editor, 'bien-tap-vien-hang-doi-cau-hoi');
      await row.click();
      await panel(editor).waitFor({ timeout: 90_000 });
      questionId = editor.url().split('/').pop()!.split('?')[0]!;
      const area = editor.locator('.CodeMirror, [role="textbox"]').first();
      await area.click();
      // insertText: the markdown editor (CodeMirror) drops non-ASCII characters typed key by key by Playwright
      await editor.keyboard.insertText('Hồ sơ gồm: đơn đăng ký theo mẫu 04a/ĐK, giấy tờ về quyền sử dụng đất, sơ đồ thửa đất. Nộp tại Bộ phận một cửa cấp xã.');
      const by = editor.locator('input[name="answeredBy"]');
      if (await by.count()) await by.fill('Sở Tài nguyên và Môi trường');
      await editor.getByRole('button', { name: 'Lưu', exact: true }).click();
      await editor.waitForTimeout(2000);
      await shot(editor, 'bien-tap-vien-tra-loi');
    });
    await editor.context().close();

    const lead = await adminLogin(browser, 'totruong.tnmt@laocai.local');
    await step('the team lead submits the answer', async () => {
      await lead.goto(`${CMS}/admin/content-manager/collection-types/api::question.question/${questionId}`);
      await panel(lead).waitFor({ timeout: 90_000 });
      await workflowStep(lead, 'Trình duyệt');
      await until('the state "Chờ duyệt"', async () => /Chờ duyệt/.test(await panel(lead).innerText()), 30);
      await shot(lead, 'to-truong-trinh-duyet');
    });
    await lead.context().close();

    const board = await adminLogin(browser, 'banbientap@laocai.local');
    await step('the board approves and publishes it', async () => {
      await board.goto(`${CMS}/admin/content-manager/collection-types/api::question.question/${questionId}`);
      await panel(board).waitFor({ timeout: 90_000 });
      await workflowStep(board, 'Duyệt');
      await workflowStep(board, 'Đăng ngay');
      await shot(board, 'ban-bien-tap-da-dang');
    });
    await board.context().close();
    current = page;

    await step('the site rebuilds: the question and answer are public (consent given)', async () => {
      const url = await until(
        'the question on /hoi-dap/',
        async () => {
          await page.goto(`${SITE}/hoi-dap/`);
          const link = page.getByRole('link', { name: new RegExp(STAMP) }).first();
          return (await link.count()) ? link.getAttribute('href') : null;
        },
        180,
      );
      await page.goto(new URL(url, SITE).href);
      const text = await page.locator('main').innerText();
      if (text.includes(ASKER_EMAIL)) throw new Error("the asker's email is on the public page");
      if (text.includes('Nguyễn Văn An')) throw new Error('the full name is public (should be shortened)');
      await shot(page, 'cau-hoi-cong-khai');
    });

    await step('the tracking page shows it answered', async () => {
      const text = await lookup();
      if (!/Đã trả lời/.test(text)) throw new Error(`lookup says: ${text.slice(0, 200)}`);
      await shot(page, 'tra-cuu-da-tra-loi');
    });

    await step('the asker got the answer mail with the tracking link', async () => {
      if (!MAIL) return console.log('  (no --mail: skipped)');
      const m = await until(
        'the answer mail',
        async () => (await mails()).find((x) => x.to.some((t) => t.address === ASKER_EMAIL) && /trả lời/i.test(x.subject)),
        60,
      );
      const body = `${m.text ?? ''}${m.html ?? ''}`;
      if (!body.includes('/hoi-dap/tra-cuu/')) throw new Error('no tracking link in the answer mail');
      if (body.includes(secret)) throw new Error('the secret is in the mail');
      console.log(`  mail "${m.subject}"`);
    });
    await ctx.close();
  } finally {
    await browser.close();
  }
  console.log(`\n✓ walkthrough done; ${shots.length} screenshots in ${OUT}`);
}

main().catch((e: unknown) => {
  console.error((e as Error).message);
  process.exit(1);
});
