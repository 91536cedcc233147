/**
 * Issue 11 items 1–2, end to end on real parts: a CMS booted on a fresh database, the publisher
 * as its own process (as `npm run publisher`) building the real Astro site and serving it, and
 * Debian's Chromium with JavaScript disabled.
 *
 * - a citizen asks a question without JavaScript (agency preselected from the agency sub-site's
 *   link), reads the receipt (tracking code and secret) and looks the question up;
 * - a bad field comes back with its Vietnamese error next to it and the text kept;
 * - axe finds nothing on the new pages (form, form with errors, receipt, lookup, result) at 360 and 1280 px;
 * - the honeypot, the fill-time trap and the rate limit refuse what they should; a burst of 50
 *   submissions from one address keeps every one admitted before the limit;
 * - the queue: forward (audited, reason, event), answer through the workflow (team lead submits,
 *   the board publishes), reject (reason shown to the asker; publishing refused); a question whose
 *   asker did not consent is answered but never public;
 * - privacy: the unique contact of an answered, published question appears nowhere in GraphQL,
 *   REST, webhook payloads, the built release (every page, the search index, the feeds).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { FILL_TOKEN_FIELD, routes } from '@cong/shared';
import { bootCms, freePort, gql, repoRoot, type BootedCms } from '../helpers/strapi';
import { call, createAccount, login, TRANSITION_UID } from '../helpers/workflow';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const siteDir = path.join(repoRoot, 'site');
const QST = 'api::question.question';
const AGENCY = 'api::agency.agency';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const MIN_FILL_MS = 1500;
const PER_ADDRESS = 30;

const webhookSecret = randomBytes(24).toString('hex');
const previewToken = randomBytes(32).toString('hex');
const intakeToken = randomBytes(32).toString('hex');
const formSecret = randomBytes(32).toString('hex');
/** a contact no other text contains: searched for everywhere once its question is public */
const uniqueEmail = `nguoi.hoi.${randomBytes(5).toString('hex')}@example.vn`;
const uniquePhone = `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

let cms: BootedCms;
let tmp: string;
let pubUrl: string;
let publisher: ChildProcess | null = null;
let pubLog = '';
let browser: Browser;
let noJs: BrowserContext;
let withJs: BrowserContext;
const agencies: Record<'A' | 'B', { documentId: string; slug: string; name: string }> = {} as never;
const events: { name: string; payload: any }[] = [];
const webhookBodies: string[] = [];
let hookServer: http.Server;

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
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (${last})` : ''}\n--- publisher log ---\n${pubLog.slice(-5000)}`);
}

async function publishedAgency(name: string, slug: string) {
  const a = await cms.strapi.documents(AGENCY).create({ data: { name, slug, kind: 'department', updateSchedule: 'monWedFri' } as any });
  await cms.strapi.documents(AGENCY).publish({ documentId: a.documentId });
  return { documentId: a.documentId, slug, name };
}

/** The form page's fresh token (the publisher issues one per GET). */
async function freshToken(): Promise<string> {
  const html = await (await fetch(`${pubUrl}${routes.questionAsk()}`)).text();
  const m = new RegExp(`name="${FILL_TOKEN_FIELD}" value="([^"]*)"`).exec(html);
  if (!m?.[1]) throw new Error('no fill-time token in the form');
  return m[1];
}

/** A urlencoded POST of the question form to the publisher. */
async function post(fields: Record<string, string>, formPath = routes.questionAsk()) {
  const res = await fetch(`${pubUrl}${formPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
  return { status: res.status, body: await res.text(), headers: res.headers };
}

const question = (over: Record<string, string> = {}) => ({
  askerName: 'Trần Thị Thu',
  askerEmail: `thu.${randomBytes(4).toString('hex')}@example.vn`,
  askerPhone: '',
  agency: agencies.A.slug,
  subject: 'Hỏi về cấp giấy phép xây dựng nhà ở',
  body: `Xin hỏi hồ sơ cấp giấy phép xây dựng nhà ở riêng lẻ gồm những gì? (${randomBytes(4).toString('hex')})`,
  consentToPublish: 'on',
  website: '',
  ...over,
});

async function questionCount(): Promise<number> {
  return cms.strapi.db.query(QST).count({ where: { publishedAt: null } });
}

/** Clicks the citizen form's own submit button (not the header's search button) and waits for the page it posts to. */
async function submit(page: Page) {
  const [res] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('form.intake-form button[type=submit]')]);
  await page.waitForLoadState('load');
  return res;
}

async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const r = await page.evaluate(async (tags) => (globalThis as any).axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
  return r.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
}

/**
 * Every file of the live release and of the publisher's derived files (sitemap, the search
 * documents its search index is made of), as text.
 */
function releaseFiles(): { file: string; text: string }[] {
  const roots = [fs.realpathSync(path.join(tmp, 'releases', 'current')), path.join(tmp, 'data', 'derived')];
  const out: { file: string; text: string }[] = [];
  const walk = (root: string, dir: string) => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, d.name);
      if (d.isDirectory()) walk(root, p);
      else if (d.isFile()) out.push({ file: path.relative(root, p), text: fs.readFileSync(p).toString('utf8') });
    }
  };
  for (const root of roots) if (fs.existsSync(root)) walk(root, root);
  return out;
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-questions-'));
  const pubPort = await freePort();
  pubUrl = `http://127.0.0.1:${pubPort}`;
  // a second webhook receiver: every payload the CMS sends is kept and searched for the contact
  const hookPort = await freePort();
  hookServer = http.createServer((req, res) => {
    let b = '';
    req.on('data', (c) => (b += c));
    req.on('end', () => {
      webhookBodies.push(b);
      // forward to the publisher
      fetch(`${pubUrl}/hooks/strapi`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-cong-publisher-secret': webhookSecret },
        body: b,
      }).catch(() => {});
      res.end('ok');
    });
  });
  await new Promise<void>((r) => hookServer.listen(hookPort, '127.0.0.1', () => r()));
  cms = await bootCms({
    env: {
      PUBLISHER_WEBHOOK_URL: `http://127.0.0.1:${hookPort}/hooks/strapi`,
      PUBLISHER_WEBHOOK_SECRET: webhookSecret,
      CMS_PREVIEW_TOKEN: previewToken,
      INTAKE_TOKEN: intakeToken,
      QUESTION_RATE_PER_ADDRESS: String(PER_ADDRESS),
      QUESTION_RATE_PER_CONTACT: '3',
    },
  });
  for (const name of ['cong.question.received', 'cong.question.forwarded', 'cong.question.rejected']) {
    cms.strapi.eventHub.on(name, (payload: any) => events.push({ name, payload }));
  }
  agencies.A = await publishedAgency('Sở Xây dựng', 'so-xay-dung');
  agencies.B = await publishedAgency('Sở Tài nguyên và Môi trường', 'so-tai-nguyen-va-moi-truong');

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
  await waitFor('the first release', async () => (await fetch(`${pubUrl}${routes.questionAsk()}`)).status === 200, 300_000);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-background-networking'] });
  noJs = await browser.newContext({ javaScriptEnabled: false });
  // axe is injected as a script: past the site's CSP (which allows no inline script) in this context only
  withJs = await browser.newContext({ bypassCSP: true });
}, 400_000);

afterAll(async () => {
  await browser?.close();
  if (publisher && publisher.exitCode === null) {
    const exited = new Promise((r) => publisher!.once('exit', r));
    publisher.kill('SIGTERM');
    await exited;
  }
  await new Promise((r) => hookServer?.close(r));
  await cms?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('asking a question without JavaScript', () => {
  let receipt: { code: string; secret: string };

  it('the agency sub-site links the form with the agency preselected; the receipt gives a code and a secret; the lookup shows it received', async () => {
    const page = await noJs.newPage();
    await page.goto(`${pubUrl}${routes.agencySection(agencies.A.slug, 'hoi-dap')}`);
    await page.getByRole('link', { name: `Gửi câu hỏi đến ${agencies.A.name}` }).click();
    expect(await page.locator('#question-agency').inputValue()).toBe(agencies.A.slug);
    await page.fill('#question-askerName', 'Nguyễn Văn An');
    await page.fill('#question-askerEmail', 'an.nguyen@example.vn');
    await page.fill('#question-subject', 'Thời gian làm thủ tục cấp phép');
    await page.fill('#question-body', 'Xin hỏi thời gian giải quyết thủ tục cấp giấy phép xây dựng là bao lâu ạ?');
    await page.check('#question-consentToPublish');
    await sleep(MIN_FILL_MS);
    expect((await submit(page)).status()).toBe(200);
    const code = (await page.locator('#ma-theo-doi').textContent())!.trim();
    const secret = (await page.locator('#ma-bi-mat').textContent())!.trim();
    expect(code).toMatch(/^HD-\d{4}-[A-Z0-9]{6}$/);
    expect(secret.length).toBeGreaterThanOrEqual(20);
    expect(await page.textContent('main')).toContain(agencies.A.name);
    receipt = { code, secret };

    // stored: the agency's queue, a draft, the secret only as a hash, a due date, the name shortened
    const row = await cms.strapi.db.query(QST).findOne({ where: { trackingCode: code, publishedAt: null }, populate: { agency: true } });
    expect(row).toMatchObject({
      editorialState: 'draft',
      answerStatus: 'received',
      askerName: 'Nguyễn V. A.',
      askerFullName: 'Nguyễn Văn An',
      askerEmail: 'an.nguyen@example.vn',
    });
    expect(row.agency.documentId).toBe(agencies.A.documentId);
    expect(row.trackingSecretHash).not.toContain(secret);
    expect(new Date(row.dueAt).getTime()).toBeGreaterThan(Date.now() + 14 * 86_400_000);
    expect(await cms.strapi.db.query(QST).count({ where: { trackingCode: code, publishedAt: { $notNull: true } } })).toBe(0);
    expect(events.some((e) => e.name === 'cong.question.received' && e.payload.documentId === row.documentId)).toBe(true);

    await page.goto(`${pubUrl}${routes.questionLookup()}`);
    await page.fill('#question-lookup-trackingCode', code.toLowerCase());
    await page.fill('#question-lookup-secret', secret);
    expect((await submit(page)).status()).toBe(200);
    const result = await page.textContent('.lookup-result');
    expect(result).toContain('Đã tiếp nhận');
    expect(result).toContain('Hạn trả lời');
    expect(result).toContain(agencies.A.name);
    await page.close();
  });

  it('a wrong secret reads nothing', async () => {
    const r = await post({ trackingCode: receipt.code, secret: 'x'.repeat(22) }, routes.questionLookup());
    expect(r.status).toBe(404);
    expect(r.body).toContain('Mã theo dõi hoặc mã bí mật không đúng');
    expect(r.body).not.toContain('Đã tiếp nhận');
  });

  it('a bad field comes back with its error next to it and the text kept', async () => {
    const page = await noJs.newPage();
    await page.goto(`${pubUrl}${routes.questionAsk()}`);
    const long = 'Nội dung câu hỏi rất dài cần được giữ nguyên sau khi báo lỗi. <b>không phải HTML</b>';
    await page.fill('#question-askerName', 'Lê Văn Bình');
    await page.fill('#question-askerEmail', 'khong-phai-thu-dien-tu');
    await page.selectOption('#question-agency', agencies.B.slug);
    await page.fill('#question-subject', 'Hỏi về đất đai');
    await page.fill('#question-body', long);
    await sleep(MIN_FILL_MS);
    const before = await questionCount();
    expect((await submit(page)).status()).toBe(422);
    expect(await page.textContent('#question-askerEmail-loi')).toContain('Thư điện tử không đúng dạng');
    expect(await page.getAttribute('#question-askerEmail', 'aria-invalid')).toBe('true');
    expect(await page.inputValue('#question-body')).toBe(long);
    expect(await page.inputValue('#question-askerEmail')).toBe('khong-phai-thu-dien-tu');
    expect(await page.locator('#question-agency').inputValue()).toBe(agencies.B.slug);
    expect(await page.locator('.form-errors').textContent()).toContain('Chưa gửi được');
    expect(await questionCount()).toBe(before);
    await page.close();
  });

  it('axe finds nothing on the new pages at 360 and 1280 px (form, errors, receipt, lookup, result)', async () => {
    const found: string[] = [];
    for (const width of [360, 1280]) {
      // axe runs as a script: this context has JavaScript (the pages themselves need none)
      const page = await withJs.newPage();
      await page.setViewportSize({ width, height: 900 });
      for (const route of [routes.questionAsk(), routes.questionLookup(), routes.questionReceipt()]) {
        await page.goto(`${pubUrl}${route}`);
        found.push(...(await axe(page)).map((v) => `${width} ${route} ${v}`));
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      }
      // the form with errors
      await page.goto(`${pubUrl}${routes.questionAsk()}`);
      await page.fill('#question-askerEmail', 'sai');
      await sleep(MIN_FILL_MS);
      expect((await submit(page)).status()).toBe(422);
      found.push(...(await axe(page)).map((v) => `${width} errors ${v}`));
      // the lookup result
      await page.goto(`${pubUrl}${routes.questionLookup()}`);
      await page.fill('#question-lookup-trackingCode', receipt.code);
      await page.fill('#question-lookup-secret', receipt.secret);
      expect((await submit(page)).status()).toBe(200);
      expect(await page.locator('.lookup-result').count()).toBe(1);
      found.push(...(await axe(page)).map((v) => `${width} result ${v}`));
      await page.close();
    }
    expect(found).toEqual([]);
  });
});

describe('abuse controls', () => {
  it('the honeypot refuses and stores nothing', async () => {
    const token = await freshToken();
    await sleep(MIN_FILL_MS);
    const before = await questionCount();
    const r = await post({ ...question(), website: 'http://spam.example', [FILL_TOKEN_FIELD]: token });
    expect(r.status).toBe(400);
    expect(r.body).toContain('Để trống ô này');
    expect(await questionCount()).toBe(before);
  });

  it('the fill-time trap refuses a form posted at once, without a token, or with a forged one — the text kept', async () => {
    const before = await questionCount();
    const q = question();
    const fast = await post({ ...q, [FILL_TOKEN_FIELD]: await freshToken() });
    expect(fast.status).toBe(400);
    expect(fast.body).toContain('quá nhanh');
    expect(fast.body).toContain(q.body);
    const none = await post({ ...q });
    expect(none.status).toBe(400);
    const forged = await post({ ...q, [FILL_TOKEN_FIELD]: `${Date.now() - 60_000}.AAAAAAAAAAAA.${'A'.repeat(43)}` });
    expect(forged.status).toBe(400);
    expect(await questionCount()).toBe(before);
  });

  it('a duplicate (same contact, same text) is refused; the per-contact limit holds', async () => {
    const token = await freshToken();
    await sleep(MIN_FILL_MS);
    const q = question();
    expect((await post({ ...q, [FILL_TOKEN_FIELD]: token })).status).toBe(200);
    const again = await post({ ...q, [FILL_TOKEN_FIELD]: token });
    expect(again.status).toBe(409);
    expect(again.body).toContain('đã được gửi trước đây');
    // the same token with another question (a replayed page): refused, the text kept
    const replayed = await post({ ...question(), [FILL_TOKEN_FIELD]: token });
    expect(replayed.status).toBe(409);
    expect(replayed.body).toContain('đã được gửi một lần');
  });

  it('the CMS route refuses a missing or wrong token and oversize bodies; the public role creates nothing', async () => {
    const body = JSON.stringify({ values: question() });
    const none = await fetch(`${cms.url}/api/cong-intake/questions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(none.status).toBe(401);
    const wrong = await fetch(`${cms.url}/api/cong-intake/questions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-cong-intake-token': 'x'.repeat(64) },
      body,
    });
    expect(wrong.status).toBe(401);
    const rest = await fetch(`${cms.url}/api/questions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: question() }),
    });
    expect(rest.status).toBeGreaterThanOrEqual(400);
    const big = await post({ ...question(), body: 'x'.repeat(70 * 1024), [FILL_TOKEN_FIELD]: await freshToken() });
    expect(big.status).toBe(413);
  });

  it('a burst of 50 submissions from one address: the limit refuses the excess, and every one admitted before it is stored', async () => {
    // one token per submission: a token is single-use (the CMS records its id)
    const tokens = await Promise.all(Array.from({ length: 50 }, () => freshToken()));
    await sleep(MIN_FILL_MS);
    const before = await questionCount();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => post({ ...question({ subject: `Câu hỏi số ${i + 1} trong đợt gửi` }), [FILL_TOKEN_FIELD]: tokens[i]! })),
    );
    const admitted = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status === 429);
    expect(admitted.length + refused.length).toBe(50);
    expect(refused.length).toBeGreaterThan(0);
    expect(admitted.length).toBeGreaterThan(0);
    expect(refused[0]!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused[0]!.body).toContain('quá nhiều lần');
    const codes = admitted.map((r) => /id="ma-theo-doi">([^<]+)</.exec(r.body)![1]);
    const stored = await cms.strapi.db.query(QST).findMany({ where: { trackingCode: { $in: codes }, publishedAt: null }, select: ['trackingCode'] });
    expect(stored.map((s: any) => s.trackingCode).sort()).toEqual([...codes].sort());
    expect(await questionCount()).toBe(before + admitted.length);
    // the limiter's counters are in the CMS database (shared by every instance)
    const rows = await cms.strapi.db.connection('cong_rate_limits').count({ n: '*' });
    expect(Number((rows[0] as any).n)).toBeGreaterThan(0);
  });
});

describe('the queue: forward, answer through the workflow, reject; privacy of the contact', () => {
  const CMQ = `/content-manager/collection-types/${QST}`;
  const tok: Record<string, string> = {};
  const transition = (who: string, documentId: string, body: Record<string, unknown>) =>
    call(cms.url, tok[who]!, 'POST', `/cong-workflow/items/${QST}/${documentId}/transitions`, body);
  const lookup = async (code: string, secret: string) => post({ trackingCode: code, secret }, routes.questionLookup());

  /** Asks a question through the publisher; returns its code, secret and documentId. */
  async function ask(fields: Record<string, string>) {
    const token = await freshToken();
    await sleep(MIN_FILL_MS);
    const r = await post({ ...question(fields), [FILL_TOKEN_FIELD]: token });
    expect(r.status, r.body.slice(0, 400)).toBe(200);
    const code = /id="ma-theo-doi">([^<]+)</.exec(r.body)![1]!;
    const secret = /id="ma-bi-mat">([^<]+)</.exec(r.body)![1]!;
    const row = await cms.strapi.db.query(QST).findOne({ where: { trackingCode: code, publishedAt: null }, select: ['documentId', 'slug'] });
    return { code, secret, documentId: row.documentId as string, slug: row.slug as string };
  }

  beforeAll(async () => {
    // the burst above used this address's allowance: start the queue's questions afresh
    await cms.strapi.db.connection('cong_rate_limits').del();
    const accounts = [
      ['editorA', 'bientap.a@cauhoi.local', 'agencyEditor', agencies.A.documentId],
      ['leadA', 'totruong.a@cauhoi.local', 'agencyTeamLead', agencies.A.documentId],
      ['editorB', 'bientap.b@cauhoi.local', 'agencyEditor', agencies.B.documentId],
      ['leadB', 'totruong.b@cauhoi.local', 'agencyTeamLead', agencies.B.documentId],
      ['board', 'bbt@cauhoi.local', 'editorialBoard', undefined],
    ] as const;
    for (const [key, email, role, agencyDocumentId] of accounts) {
      await createAccount(cms.strapi, { email, role, agencyDocumentId });
      tok[key] = await login(cms.url, email);
    }
  });

  it('forward (audited, reason shown to the asker), answer in the other agency, team lead submits, board publishes; the contact leaks nowhere', async () => {
    const q = await ask({ askerName: 'Phạm Minh Châu', askerEmail: uniqueEmail, askerPhone: uniquePhone, agency: agencies.A.slug });

    // another agency cannot touch it; its own agency forwards it with a reason
    expect((await transition('editorB', q.documentId, { action: 'forward', reason: 'x', toAgency: agencies.A.documentId })).status).toBe(403);
    expect((await transition('editorA', q.documentId, { action: 'forward', toAgency: agencies.B.documentId })).status).toBe(400);
    const fwd = await transition('editorA', q.documentId, {
      action: 'forward',
      reason: 'Thuộc thẩm quyền của Sở Tài nguyên và Môi trường',
      toAgency: agencies.B.documentId,
    });
    expect(fwd.status, JSON.stringify(fwd.body)).toBe(200);
    expect(fwd.body.data).toMatchObject({ movedOut: true, agency: { documentId: agencies.B.documentId } });
    const log = await cms.strapi.db.query(TRANSITION_UID).findOne({ where: { itemDocumentId: q.documentId, action: 'forward' } });
    expect(log).toMatchObject({ reason: 'Thuộc thẩm quyền của Sở Tài nguyên và Môi trường' });
    expect(log.detail).toMatchObject({ fromAgency: agencies.A.documentId, toAgency: agencies.B.documentId });
    expect(events).toContainEqual({
      name: 'cong.question.forwarded',
      payload: {
        documentId: q.documentId,
        fromAgencyDocumentId: agencies.A.documentId,
        toAgencyDocumentId: agencies.B.documentId,
        reason: 'Thuộc thẩm quyền của Sở Tài nguyên và Môi trường',
      },
    });
    // now it is B's: A is out
    expect((await transition('editorA', q.documentId, { action: 'reject', reason: 'x' })).status).toBe(403);
    const looked = await lookup(q.code, q.secret);
    expect(looked.body).toContain('Đã chuyển cơ quan khác');
    expect(looked.body).toContain('Thuộc thẩm quyền của Sở Tài nguyên và Môi trường');

    // B answers; publishing without an answer is refused
    const edit = await call(cms.url, tok.editorB!, 'PUT', `${CMQ}/${q.documentId}`, {
      answer: 'Hồ sơ gồm đơn đề nghị và bản vẽ thiết kế.',
      answeredBy: 'Sở Tài nguyên và Môi trường',
    });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    expect((await transition('leadB', q.documentId, { action: 'submit' })).status).toBe(200);
    expect((await transition('board', q.documentId, { action: 'approve' })).status).toBe(200);
    const pub = await transition('board', q.documentId, { action: 'publish' });
    expect(pub.status, JSON.stringify(pub.body)).toBe(200);

    const answered = await lookup(q.code, q.secret);
    expect(answered.body).toContain('Đã trả lời');
    expect(answered.body).toContain(routes.question(q.slug));

    // the public page shows the shortened name, once the site is rebuilt
    const page = await waitFor('the answer page', async () => {
      const r = await fetch(`${pubUrl}${routes.question(q.slug)}`);
      return r.status === 200 && (await r.text());
    });
    expect(page).toContain('Phạm M. C.');
    // the release that serves the page also holds its search index and feeds (built together)

    // privacy: the contact is nowhere public
    const secretsOf = [uniqueEmail, uniquePhone, 'Phạm Minh Châu'];
    const gqlAll = await gql(cms.url, `{ questions { documentId askerName subject body answer answerStatus agency { name } } }`);
    expect(JSON.stringify(gqlAll)).toContain('Phạm M. C.');
    const gqlPrivate = await gql(cms.url, `{ questions { askerEmail askerPhone askerContact askerFullName trackingCode statusReason } }`);
    expect(gqlPrivate.errors?.length).toBeGreaterThan(0);
    const rest = await (await fetch(`${cms.url}/api/questions?populate=*`)).text();
    const restFields = await (
      await fetch(`${cms.url}/api/questions?fields[0]=askerEmail&fields[1]=askerPhone&filters[askerEmail][$eq]=${encodeURIComponent(uniqueEmail)}`)
    ).text();
    const withToken = await (await fetch(`${cms.url}/api/questions?populate=*`, { headers: { authorization: `Bearer ${previewToken}` } })).text();
    for (const text of [JSON.stringify(gqlAll), JSON.stringify(gqlPrivate), rest, restFields, withToken, ...webhookBodies, pubLog]) {
      for (const s of secretsOf) expect(text).not.toContain(s);
    }
    const files = releaseFiles();
    expect(files.some((f) => f.file.endsWith('.xml'))).toBe(true);
    for (const f of files) for (const s of secretsOf) expect(f.text.includes(s), `${s} in ${f.file}`).toBe(false);
  });

  it('without consent the question is answered but never public; the asker reads the answer on the tracking page', async () => {
    const q = await ask({ consentToPublish: '', askerName: 'Vàng A Sử' });
    await call(cms.url, tok.editorA!, 'PUT', `${CMQ}/${q.documentId}`, { answer: 'Câu trả lời riêng cho người hỏi.' });
    expect((await transition('leadA', q.documentId, { action: 'submit' })).status).toBe(200);
    expect((await transition('board', q.documentId, { action: 'approve' })).status).toBe(200);
    expect((await transition('board', q.documentId, { action: 'publish' })).status).toBe(200);
    expect(await cms.strapi.db.query(QST).count({ where: { documentId: q.documentId, publishedAt: { $notNull: true } } })).toBe(0);
    const gqlAll = await gql(cms.url, `{ questions { documentId } }`);
    expect(gqlAll.data.questions.map((x: any) => x.documentId)).not.toContain(q.documentId);
    const looked = await lookup(q.code, q.secret);
    expect(looked.body).toContain('Đã trả lời');
    expect(looked.body).toContain('Câu trả lời riêng cho người hỏi.');
  });

  it('reject: the reason reaches the asker and the event is emitted; a rejected question cannot be published', async () => {
    const q = await ask({});
    expect((await transition('editorA', q.documentId, { action: 'reject' })).status).toBe(400);
    expect((await transition('editorA', q.documentId, { action: 'reject', reason: 'Nội dung quảng cáo, không phải câu hỏi' })).status).toBe(200);
    expect(events).toContainEqual({ name: 'cong.question.rejected', payload: { documentId: q.documentId, reason: 'Nội dung quảng cáo, không phải câu hỏi' } });
    const looked = await lookup(q.code, q.secret);
    expect(looked.body).toContain('Không tiếp nhận');
    expect(looked.body).toContain('Nội dung quảng cáo, không phải câu hỏi');
    await call(cms.url, tok.editorA!, 'PUT', `${CMQ}/${q.documentId}`, { answer: 'x' });
    expect((await transition('leadA', q.documentId, { action: 'submit' })).status).toBe(200);
    expect((await transition('board', q.documentId, { action: 'approve' })).status).toBe(200);
    const pub = await transition('board', q.documentId, { action: 'publish' });
    expect(pub.status).toBe(400);
    expect(JSON.stringify(pub.body)).toContain('từ chối');
  });

  it('the monthly compliance report counts the questions per agency', async () => {
    const month = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
    const r = await call(cms.url, tok.board!, 'GET', `/cong-reports/compliance?month=${month}`);
    expect(r.status).toBe(200);
    const rowA = r.body.data.rows.find((x: any) => x.agencyDocumentId === agencies.A.documentId);
    const rowB = r.body.data.rows.find((x: any) => x.agencyDocumentId === agencies.B.documentId);
    const countA = await cms.strapi.db.query(QST).count({ where: { publishedAt: null, agency: { documentId: agencies.A.documentId } } });
    expect(rowA.questions.received).toBe(countA);
    expect(rowB.questions).toMatchObject({ received: 1, answeredOnTime: 1, overdue: 0 });
  });
});
