/**
 * The CMS's citizen intake route (issue 11) attacked directly, on a booted CMS (SQLite, and
 * PostgreSQL with TEST_DB=postgres): no token or a wrong one, a token in the wrong place,
 * oversize and malformed bodies, the public role's own routes; and hostile HTML in every field,
 * stored as text and never run as script where the publisher shows it again (the form with
 * errors, the receipt, the lookup result), checked in Chromium with JavaScript on.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { COMMENT_FORM, INTAKE_CLIENT_HEADER, INTAKE_TOKEN_HEADER, QUESTION_FORM, RATING_FORM, renderIntakeForm } from '@cong/shared';
import { sha256Hex } from '@cong/shared/intake-token';
import { bootCms, type BootedCms } from '../helpers/strapi';
import { commentReceiptHtml, questionReceiptHtml, questionStatusHtml, ratingReceiptHtml } from '../../site/publisher/intake-routes';

const QST = 'api::question.question';
const token = randomBytes(32).toString('hex');
const HOSTILE = `"><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"><svg onload="window.__pwned=3">`;

let cms: BootedCms;
let browser: Browser;
let agencySlug = '';

const send = (body: unknown, headers: Record<string, string> = { [INTAKE_TOKEN_HEADER]: token }, path = '/api/cong-intake/questions') =>
  fetch(`${cms.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [INTAKE_CLIENT_HEADER]: `10.0.0.${Math.floor(Math.random() * 250)}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** The id of a fill-time token as the publisher forwards it once checked (single-use: recorded by the CMS). */
const fillToken = () => ({ id: `${Date.now()}.${randomBytes(9).toString('base64url')}`, expiresAt: new Date(Date.now() + 86_400_000).toISOString() });

const valid = (over: Record<string, unknown> = {}) => ({
  fillToken: fillToken(),
  values: {
    askerName: 'Hoàng Văn Tư',
    askerEmail: `tu.${randomBytes(4).toString('hex')}@example.vn`,
    agency: agencySlug,
    subject: 'Hỏi về chế độ chính sách',
    body: `Xin hỏi về chế độ trợ cấp cho người cao tuổi (${randomBytes(3).toString('hex')}).`,
    consentToPublish: true,
    ...over,
  },
});

beforeAll(async () => {
  cms = await bootCms({ env: { INTAKE_TOKEN: token } });
  const a = await cms.strapi
    .documents('api::agency.agency')
    .create({ data: { name: 'Sở Y tế', slug: 'so-y-te', kind: 'department', updateSchedule: 'monWedFri' } as any });
  await cms.strapi.documents('api::agency.agency').publish({ documentId: a.documentId });
  agencySlug = 'so-y-te';
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking'],
  });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await cms?.stop();
});

describe('the intake route refuses', () => {
  it('a missing token, a wrong one, a token in the query or as a bearer', async () => {
    const count = await cms.strapi.db.query(QST).count();
    expect((await send(valid(), {})).status).toBe(401);
    expect((await send(valid(), { [INTAKE_TOKEN_HEADER]: `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}` })).status).toBe(401);
    expect((await send(valid(), { [INTAKE_TOKEN_HEADER]: '' })).status).toBe(401);
    expect((await send(valid(), { authorization: `Bearer ${token}` })).status).toBe(401);
    expect((await send(valid(), {}, `/api/cong-intake/questions?token=${token}`)).status).toBe(401);
    expect((await send({ values: { trackingCode: 'HD-2026-AAAAAA', secret: 'x' } }, {}, '/api/cong-intake/questions/status')).status).toBe(401);
    expect(await cms.strapi.db.query(QST).count()).toBe(count);
  });

  it('the public role cannot create a question through REST or GraphQL', async () => {
    const rest = await fetch(`${cms.url}/api/questions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: valid().values }),
    });
    expect(rest.status).toBeGreaterThanOrEqual(400);
    const gql = await fetch(`${cms.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { createQuestion(data: { askerName: "x", subject: "xxxxx", body: "y" }) { documentId } }' }),
    });
    const body: any = await gql.json();
    expect(body.errors?.length ?? 0).toBeGreaterThan(0);
  });

  it('oversize and malformed bodies, naming the field', async () => {
    const long = await send(valid({ body: 'x'.repeat(5001) }));
    expect(long.status).toBe(422);
    expect(((await long.json()) as any).errors.body).toMatch(/Nội dung câu hỏi dài quá/);
    const huge = await send(valid({ body: 'x'.repeat(2 * 1024 * 1024) }));
    expect([413, 422]).toContain(huge.status);
    expect((await send('{not json')).status).toBeGreaterThanOrEqual(400);
    expect((await send({ values: ['a'] })).status).toBe(400);
    const unknownAgency = await send(valid({ agency: 'khong-co' }));
    expect(unknownAgency.status).toBe(422);
    expect(((await unknownAgency.json()) as any).errors.agency).toMatch(/Cơ quan nhận câu hỏi/);
    const noContact = await send(valid({ askerEmail: '' }));
    expect(((await noContact.json()) as any).errors.askerEmail).toMatch(/ít nhất một/);
  });

  it('a fill-time token used twice (replayed), or none at all, creates nothing the second time', async () => {
    const first = valid();
    const count = await cms.strapi.db.query(QST).count();
    expect((await send(first)).status).toBe(201);
    // the same token with other text (a bot replaying the page's token), and the very same body
    const replay = await send({ ...valid(), fillToken: first.fillToken });
    expect(replay.status).toBe(409);
    expect(((await replay.json()) as any).errors._form).toMatch(/đã được gửi một lần/);
    expect((await send(first)).status).toBe(409);
    const { fillToken: _omit, ...none } = valid();
    expect((await send(none)).status).toBe(400);
    expect((await send({ ...valid(), fillToken: { id: '../x', expiresAt: 'never' } })).status).toBe(400);
    expect(await cms.strapi.db.query(QST).count()).toBe(count + 1);
  });

  it('the comment and rating routes want the intake token; the public role cannot create comments or ratings via REST or GraphQL', async () => {
    const CMT = 'api::consultation-comment.consultation-comment';
    const RATING = 'api::page-rating.page-rating';
    const [comments, ratings] = [await cms.strapi.db.query(CMT).count(), await cms.strapi.db.query(RATING).count()];
    expect((await send({ values: { path: '/gioi-thieu/', score: 'useful' } }, {}, '/api/cong-intake/page-ratings')).status).toBe(401);
    expect((await send({ values: { consultation: 'x', authorName: 'A', body: 'Nội dung góp ý' } }, {}, '/api/cong-intake/consultation-comments')).status).toBe(
      401,
    );
    for (const [path, data] of [
      ['/api/consultation-comments', { authorName: 'x', body: 'y', moderationStatus: 'approved' }],
      ['/api/page-ratings', { path: '/gioi-thieu/', score: 'useful' }],
    ] as const) {
      const rest = await fetch(`${cms.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ data }) });
      expect(rest.status, path).toBeGreaterThanOrEqual(400);
    }
    for (const query of [
      'mutation { createConsultationComment(data: { authorName: "x", body: "y" }) { documentId } }',
      'mutation { createPageRating(data: { path: "/gioi-thieu/", score: useful }) { documentId } }',
    ]) {
      const r = await fetch(`${cms.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      const body: any = await r.json();
      expect(body.errors?.length ?? 0, query).toBeGreaterThan(0);
    }
    expect(await cms.strapi.db.query(CMT).count()).toBe(comments);
    expect(await cms.strapi.db.query(RATING).count()).toBe(ratings);
  });

  it('a rating whose path is forged, or which names its own agency, is refused or stored with the agency derived from the path (F11)', async () => {
    const RATING = 'api::page-rating.page-rating';
    const rate = (values: Record<string, unknown>) => send({ values }, undefined, '/api/cong-intake/page-ratings');
    for (const path of ['/co-quan/khong-ton-tai/', '/tin-tuc/khong-co-bai-nay/', 'https://evil.example/x/', '/../../etc/', '']) {
      const r = await rate({ path, score: 'useful' });
      expect(r.status, path).toBe(422);
      expect(((await r.json()) as any).errors.path, path).toMatch(/Trang được đánh giá/);
    }
    const ok = await rate({ path: '/co-quan/so-y-te/', score: 'partly', agency: 'khac', agencyDocumentId: 'gia-mao', comment: 'Thiếu giờ làm việc' });
    expect(ok.status).toBe(201);
    const row = await cms.strapi.db.query(RATING).findOne({ where: { comment: 'Thiếu giờ làm việc' } });
    const agency = await cms.strapi.db.query('api::agency.agency').findOne({ where: { slug: 'so-y-te', publishedAt: { $notNull: true } } });
    expect(row).toMatchObject({ path: '/co-quan/so-y-te/', score: 'partly', agencyDocumentId: agency.documentId });
  });

  it('no rate-limit key can be turned back into an address, a mailbox or a phone number (F14): keyed hashes, not the values or bare SHA-256s of them', async () => {
    // a bare SHA-256 of an IPv4 address is reversed by trying the 2^32 addresses (minutes on one
    // core), one of a phone number by trying the numbering plan: every limit — the ratings', the
    // question's per address and per contact, the lookup's — stores a keyed hash
    const address = '203.0.113.77';
    const email = `nguoi.hoi.${randomBytes(3).toString('hex')}@example.vn`;
    const phone = `09${String(Date.now()).slice(-8)}`;
    const headers = { [INTAKE_TOKEN_HEADER]: token, [INTAKE_CLIENT_HEADER]: address };
    const rating = await send({ values: { path: '/co-quan/so-y-te/', score: 'useful' } }, headers, '/api/cong-intake/page-ratings');
    expect(rating.status).toBe(201);
    const question = await send(valid({ askerEmail: email, askerPhone: phone }), headers);
    expect(question.status).toBe(201);
    const { trackingCode } = (await question.json()) as any;
    const lookup = await send({ values: { trackingCode, secret: 'A'.repeat(22) } }, headers, '/api/cong-intake/questions/status');
    expect(lookup.status).toBe(404);
    const keys = (await cms.strapi.db.connection('cong_rate_limits').select('key')).map((row: { key: string }) => row.key);
    for (const limiter of ['rating-address', 'question-address', 'question-contact', 'question-lookup']) {
      expect(keys.filter((k: string) => k.startsWith(`${limiter}:`)).length, limiter).toBeGreaterThan(0);
    }
    const secrets = [address, email, phone, `e:${email}`, `p:${phone}`, `rating:${address}`];
    for (const k of keys) {
      expect(k).toMatch(/^[a-z-]+:[0-9a-f]{64}$/);
      for (const v of secrets) {
        expect(k).not.toContain(v);
        expect(k).not.toContain(sha256Hex(v));
      }
    }
  });

  it('a lookup with a wrong secret answers like an unknown code', async () => {
    const ok = await send(valid());
    expect(ok.status).toBe(201);
    const { trackingCode } = (await ok.json()) as any;
    const wrong = await send({ values: { trackingCode, secret: 'A'.repeat(22) } }, undefined, '/api/cong-intake/questions/status');
    const unknown = await send({ values: { trackingCode: 'HD-2026-ZZZZZZ', secret: 'A'.repeat(22) } }, undefined, '/api/cong-intake/questions/status');
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(await wrong.json()).toEqual(await unknown.json());
  });
});

describe('the per-contact limit counts one person once, however the contact is written', () => {
  /** Runs `fn` with a per-contact limit of one question a day (the CMS reads its settings at every request). */
  async function withOnePerContact(fn: () => Promise<void>) {
    const saved = process.env.QUESTION_RATE_PER_CONTACT;
    process.env.QUESTION_RATE_PER_CONTACT = '1';
    try {
      await fn();
    } finally {
      if (saved === undefined) delete process.env.QUESTION_RATE_PER_CONTACT;
      else process.env.QUESTION_RATE_PER_CONTACT = saved;
    }
  }
  const stored = async (trackingCode: string) =>
    cms.strapi.db.query(QST).findOne({ where: { trackingCode, publishedAt: null }, select: ['askerEmail', 'askerPhone'] });
  const overLimit = async (r: Response, what: string) => {
    expect(r.status, what).toBe(429);
    expect(((await r.json()) as any).errors._form, what).toMatch(/quá nhiều lần/);
  };

  it('a Gmail address written with other case, dots, a +tag or googlemail.com: the 2nd variant is refused; the address is stored as typed', async () => {
    await withOnePerContact(async () => {
      const tag = randomBytes(4).toString('hex');
      const first = await send(valid({ askerEmail: `nguyen.van.a.${tag}@gmail.com` }));
      expect(first.status).toBe(201);
      expect(await stored(((await first.json()) as any).trackingCode)).toMatchObject({ askerEmail: `nguyen.van.a.${tag}@gmail.com` });
      const count = await cms.strapi.db.query(QST).count();
      for (const variant of [`NguyenVanA${tag.toUpperCase()}@Gmail.com`, `nguyenvana${tag}+x@gmail.com`, `Nguyen.VanA.${tag}+hoi.dap@googlemail.com`]) {
        await overLimit(await send(valid({ askerEmail: variant })), variant);
      }
      // another domain keeps its dots (a.b@ and ab@ may be two people) but not a +tag
      const other = await send(valid({ askerEmail: `tran.b.${tag}@laocai.gov.vn` }));
      expect(other.status).toBe(201);
      await overLimit(await send(valid({ askerEmail: `Tran.B.${tag}+2@LaoCai.gov.vn` })), 'tag at another domain');
      expect((await send(valid({ askerEmail: `tranb${tag}@laocai.gov.vn` }))).status).toBe(201);
      expect(await cms.strapi.db.query(QST).count()).toBe(count + 2);
    });
  });

  it('a phone written +84 …, 0912.345.678 or 0912345678: the 2nd variant is refused, and so is the same phone beside a new email', async () => {
    await withOnePerContact(async () => {
      const digits = String(100_000_000 + Math.floor(Math.random() * 800_000_000)).slice(0, 9);
      const local = `0${digits}`;
      const first = await send(valid({ askerEmail: '', askerPhone: `+84 ${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` }));
      expect(first.status).toBe(201);
      expect(await stored(((await first.json()) as any).trackingCode)).toMatchObject({ askerEmail: null, askerPhone: local });
      for (const variant of [`${local.slice(0, 4)}.${local.slice(4, 7)}.${local.slice(7)}`, local, `(+84) ${digits}`]) {
        await overLimit(await send(valid({ askerEmail: '', askerPhone: variant })), variant);
      }
      await overLimit(await send(valid({ askerEmail: `moi.${randomBytes(4).toString('hex')}@example.vn`, askerPhone: local })), 'same phone, new email');
    });
  });
});

describe('hostile HTML in every field', () => {
  it('is stored as text and never runs as script where the publisher shows it again', async () => {
    const r = await send(valid({ askerName: `Lý <script>window.__pwned=1</script>`, subject: `Tiêu đề ${HOSTILE}`, body: `Nội dung câu hỏi ${HOSTILE}` }));
    expect(r.status).toBe(201);
    const receipt = (await r.json()) as any;
    const row = await cms.strapi.db.query(QST).findOne({ where: { trackingCode: receipt.trackingCode, publishedAt: null } });
    expect(row.subject).toContain('<script>');
    const status = await send({ values: { trackingCode: receipt.trackingCode, secret: receipt.secret } }, undefined, '/api/cong-intake/questions/status');
    const view = (await status.json()) as any;
    expect(view.subject).toContain('<script>');

    const pages = [
      renderIntakeForm(QUESTION_FORM, {
        values: { askerName: HOSTILE, askerEmail: HOSTILE, subject: HOSTILE, body: `</textarea>${HOSTILE}`, agency: HOSTILE },
        errors: { _form: HOSTILE, askerEmail: HOSTILE, subject: HOSTILE },
        token: HOSTILE,
        options: { agency: [{ value: HOSTILE, label: HOSTILE }] },
      }),
      questionReceiptHtml({ ...receipt, agencyName: HOSTILE, trackingCode: HOSTILE }),
      renderIntakeForm(COMMENT_FORM, {
        values: { authorName: HOSTILE, organisation: HOSTILE, body: `</textarea>${HOSTILE}`, consultation: HOSTILE },
        errors: { _form: HOSTILE, body: HOSTILE },
        options: { consultation: [{ value: HOSTILE, label: HOSTILE }] },
      }),
      renderIntakeForm(RATING_FORM, {
        values: { path: HOSTILE, comment: `</textarea>${HOSTILE}`, score: HOSTILE },
        errors: { path: HOSTILE, comment: HOSTILE },
      }),
      commentReceiptHtml({ consultationTitle: HOSTILE, consultationUrl: 'javascript:window.__pwned=5' }),
      ratingReceiptHtml(`javascript:window.__pwned=6`),
      questionStatusHtml({ ...view, reason: HOSTILE, agencyName: HOSTILE, answer: HOSTILE, url: `javascript:window.__pwned=4` }),
    ];
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    for (const html of pages) {
      await page.setContent(`<!doctype html><html lang="vi"><body>${html}</body></html>`);
      await page.waitForTimeout(100);
      expect(await page.evaluate(() => (window as any).__pwned ?? null)).toBeNull();
      expect(await page.locator('script, img, svg').count()).toBe(0);
    }
    // a link out of the lookup result cannot be a javascript: URL
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
