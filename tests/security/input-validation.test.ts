/**
 * Issue 9, class 7 ("bad input stored") and the server side of class 4 (URLs), against a booted
 * CMS on a real database (SQLite, and PostgreSQL with TEST_DB=postgres).
 *
 * Every write path: the admin API the admin panel uses (`/content-manager/collection-types/…`,
 * logged in as an editorial-board member), the content API's REST and GraphQL (a full-access API
 * token, which may create drafts), and `strapi.documents()` (server code, the seed). Each refusal
 * is asserted as HTTP 400 (or a GraphQL/ValidationError) whose `details.errors` names the field
 * path, AND as nothing stored changed: the type's row count and the existing document's draft and
 * published rows, `updatedAt` included (helpers/workflow `snapshot`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootCms, gql, type BootedCms } from '../helpers/strapi';
import { call, createAccount, login, snapshot, type HttpResult } from '../helpers/workflow';
import { UID } from '../helpers/uids';

const DB = process.env.TEST_DB ?? 'sqlite';
const AGY = UID.agency;
const ART = UID.article;
const DOC = UID.legalDocument;
const PROC = UID.administrativeProcedure;
const ESV = UID.eService;
const PRJ = UID.investmentProject;
const QST = UID.question;
const PROFILE = UID.provinceProfile;
const cm = (uid: string, documentId?: string) => `/content-manager/collection-types/${uid}${documentId ? `/${documentId}` : ''}`;

/** A real 260-character source link (the national legal database's full-text page with its query string). */
const LONG_URL =
  'https://vbpl.vn/laocai/Pages/vbpq-toanvan.aspx?ItemID=12345&Keyword=quy%20dinh%20trach%20nhiem%20cung%20cap%20thong%20tin%20cho%20cong%20giao%20tiep%20dien%20tu%20Lao%20Cai&dvid=312&TypeVB=1&Section=Toan%20van%20van%20ban%20quy%20pham%20phap%20luat&Page=1&l=vi';

let cms: BootedCms;
let s: any;
let board: string;
let apiToken: string;
let agencyA: string;
let decision: string; // 07/2006/QĐ-UBND, published
let draftDoc: string; // 15/2020/QĐ-UBND, draft only
let otherDoc: string; // 20/2021/NQ-HĐND
let procedure: string;
let eService: string;
let project: string;

const baseDoc = (documentNumber: string, extra: Record<string, unknown> = {}) => ({
  documentNumber,
  documentType: 'decision',
  issuingBody: 'Ủy ban nhân dân tỉnh Lào Cai',
  issuedDate: '2006-02-09',
  abstract: 'Về việc quy định trách nhiệm cung cấp thông tin',
  validityStatus: 'inForce',
  ...extra,
});

/** The field paths a refused call named (admin/REST body or a thrown ValidationError). */
function pathsOf(r: HttpResult | any): string[] {
  const errs = r?.body?.error?.details?.errors ?? r?.details?.errors ?? r?.extensions?.error?.details?.errors ?? [];
  return errs.map((e: any) => (Array.isArray(e.path) ? e.path.join('.') : String(e.path)));
}

function expectRefused(r: HttpResult, path: string, message?: RegExp) {
  expect(r.status, JSON.stringify(r.body)).toBe(400);
  expect(r.body.error.name).toBe('ValidationError');
  expect(pathsOf(r)).toContain(path);
  if (message) expect(r.body.error.message).toMatch(message);
}

async function expectThrows(p: Promise<unknown>, path: string, message?: RegExp) {
  let err: any = null;
  try {
    await p;
  } catch (e) {
    err = e;
  }
  expect(err, `expected a ValidationError naming ${path}`).not.toBeNull();
  expect(err.name).toBe('ValidationError');
  expect(pathsOf(err)).toContain(path);
  if (message) expect(err.message).toMatch(message);
  return err;
}

const count = (uid: string) => s.db.query(uid).count();

beforeAll(async () => {
  cms = await bootCms();
  s = cms.strapi;
  agencyA = (await s.documents(AGY).create({ data: { name: 'Sở Tư pháp', kind: 'department', editorialState: 'published' }, status: 'published' })).documentId;
  await createAccount(s, { email: 'bbt.input@thu.local', role: 'editorialBoard' });
  board = await login(cms.url, 'bbt.input@thu.local');
  apiToken = (await s.admin.services['api-token-content-api'].create({ name: 'Nhập liệu thử', type: 'full-access', lifespan: null, kind: 'content-api' }))
    .accessKey;
  const docs = s.documents(DOC);
  decision = (await docs.create({ data: { ...baseDoc('07/2006/QĐ-UBND'), agency: agencyA, editorialState: 'published' }, status: 'published' })).documentId;
  draftDoc = (await docs.create({ data: baseDoc('15/2020/QĐ-UBND', { issuedDate: '2020-03-01' }) })).documentId;
  otherDoc = (await docs.create({ data: baseDoc('20/2021/NQ-HĐND', { documentType: 'resolution', issuedDate: '2021-07-01' }) })).documentId;
  procedure = (
    await s.documents(PROC).create({
      data: {
        name: 'Cấp phiếu lý lịch tư pháp',
        fees: [{ description: 'Lệ phí', amountVnd: '200000' }],
        dossierComponents: [{ name: 'Tờ khai', originals: 1 }],
      },
    })
  ).documentId;
  eService = (
    await s
      .documents(ESV)
      .create({ data: { name: 'Đăng ký khai sinh trực tuyến', url: 'https://dichvucong.laocai.gov.vn/khai-sinh', registrationStatus: 'registered' } })
  ).documentId;
  project = (await s.documents(PRJ).create({ data: { name: 'Khu du lịch Sa Pa', capitalVnd: '5000000000000' } })).documentId;
}, 600_000);

afterAll(async () => {
  await cms?.stop();
});

describe(`document numbers are unique after normalising (${DB})`, () => {
  const variants = [
    '07/2006/QĐ-UBND',
    '07/2006/QD-UBND',
    '07/2006/qđ-ubnd',
    '07/2006/Qd-Ubnd',
    ' 07 / 2006 / QĐ-UBND',
    '07/2006/QĐ-UBND'.normalize('NFD'),
    '07/2006/QĐ–UBND',
  ];

  it('refuses each spelling of an existing number on create through the admin API, naming documentNumber and the existing document', async () => {
    const before = await count(DOC);
    const stored = await snapshot(s, DOC, decision);
    for (const v of variants) {
      const r = await call(cms.url, board, 'POST', cm(DOC), { ...baseDoc(v), agency: { connect: [{ documentId: agencyA }] } });
      expectRefused(r, 'documentNumber', new RegExp(decision));
    }
    expect(await count(DOC)).toBe(before);
    expect(await snapshot(s, DOC, decision)).toEqual(stored);
  });

  it('refuses them through strapi.documents() and REST/GraphQL with an API token too', async () => {
    const before = await count(DOC);
    for (const v of variants) await expectThrows(s.documents(DOC).create({ data: baseDoc(v) }), 'documentNumber', /trùng với văn bản "07\/2006\/QĐ-UBND"/);
    const rest = await call(cms.url, apiToken, 'POST', '/api/legal-documents?status=draft', { data: baseDoc('07/2006/QD-UBND') });
    expectRefused(rest, 'documentNumber');
    const g = await gql(
      cms.url,
      `mutation($d: LegalDocumentInput!) { createLegalDocument(status: DRAFT, data: $d) { documentId } }`,
      {
        d: {
          documentNumber: '07/2006/QD-UBND',
          documentType: 'decision',
          issuingBody: 'UBND tỉnh',
          issuedDate: '2006-02-09',
          abstract: 'Trùng',
          validityStatus: 'inForce',
        },
      },
      apiToken,
    );
    expect(g.data?.createLegalDocument ?? null).toBeNull();
    expect(g.errors?.[0]?.message).toMatch(/documentNumber|Số ký hiệu/);
    expect(await count(DOC)).toBe(before);
  });

  it('counts a draft-only document, and refuses an update of another document to a taken number', async () => {
    // an unpublished document may be another agency's: its number and id are not told
    const err = await expectThrows(
      s.documents(DOC).create({ data: baseDoc('15/2020/QD-UBND', { issuedDate: '2020-03-01' }) }),
      'documentNumber',
      /một văn bản khác chưa đăng/,
    );
    expect(`${err.message} ${JSON.stringify(err.details ?? {})}`).not.toContain(draftDoc);
    const stored = await snapshot(s, DOC, otherDoc);
    const r = await call(cms.url, board, 'PUT', cm(DOC, otherDoc), { documentNumber: '07/2006/QD-UBND' });
    expectRefused(r, 'documentNumber', new RegExp(decision));
    await expectThrows(s.documents(DOC).update({ documentId: otherDoc, data: { documentNumber: '15/2020/QĐ-UBND' } }), 'documentNumber');
    expect(await snapshot(s, DOC, otherDoc)).toEqual(stored);
  });

  it('lets a document keep its own number when it is edited (draft and published rows of one document are not duplicates)', async () => {
    const r = await call(cms.url, board, 'PUT', cm(DOC, decision), {
      documentNumber: '07/2006/QĐ-UBND',
      abstract: 'Về việc quy định trách nhiệm cung cấp thông tin (sửa)',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const row = await s.db.query(DOC).findOne({ where: { documentId: decision, publishedAt: null } });
    expect(row.abstract).toMatch(/\(sửa\)$/);
    expect(row.documentNumberKey).toBe('7/2006/QD-UBND');
  });

  it('of two simultaneous creates of one number, exactly one is stored', async () => {
    const before = await count(DOC);
    const results = await Promise.allSettled([
      s.documents(DOC).create({ data: baseDoc('33/2024/QĐ-UBND', { issuedDate: '2024-05-01' }) }),
      s.documents(DOC).create({ data: baseDoc('33/2024/QD-UBND', { issuedDate: '2024-05-01' }) }),
      call(cms.url, board, 'POST', cm(DOC), baseDoc('33/2024/qđ-ubnd', { issuedDate: '2024-05-01' })),
    ]);
    const stored = results.filter((r) => r.status === 'fulfilled' && !((r.value as any)?.status >= 400));
    expect(stored).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') expect(pathsOf(r.reason)).toContain('documentNumber');
      else if ((r.value as any)?.status >= 400) expectRefused(r.value as HttpResult, 'documentNumber');
    }
    expect(await count(DOC)).toBe(before + 1);
  });

  it('backs the rule with a partial unique index on draft rows, and never serves the key', async () => {
    const indexed =
      cms.db === 'postgres'
        ? (await s.db.connection.raw(`SELECT indexdef FROM pg_indexes WHERE indexname = 'legal_documents_number_key_draft_uq'`)).rows.map(
            (r: any) => r.indexdef,
          )
        : (await s.db.connection.raw(`SELECT sql FROM sqlite_master WHERE name = 'legal_documents_number_key_draft_uq'`)).map((r: any) => r.sql);
    expect(indexed.join(' ')).toMatch(/UNIQUE INDEX.*document_number_key.*WHERE.*published_at.*IS NULL/i);
    // a raw insert that bypasses the middleware still cannot store a second draft with the key
    const before = await count(DOC);
    await expect(
      s.db
        .query(DOC)
        .create({ data: { ...baseDoc('07/2006/QD-UBND'), documentId: 'khongduocluu0000000000000', documentNumberKey: '7/2006/QD-UBND', publishedAt: null } }),
    ).rejects.toThrow();
    expect(await count(DOC)).toBe(before);
    const rest = await call(cms.url, null, 'GET', '/api/legal-documents');
    expect(rest.status).toBe(200);
    expect(JSON.stringify(rest.body)).not.toContain('documentNumberKey');
    const g = await gql(cms.url, '{ legalDocuments { documentNumber documentNumberKey } }');
    expect(g.errors?.[0]?.message).toMatch(/documentNumberKey/);
  });
});

describe(`numbers outside the safe range are refused naming the field (${DB})`, () => {
  it('refuses a 24-digit fee (stored as 1e+23 before) and its variants on create and update, through the admin API and documents()', async () => {
    const before = await count(PROC);
    const stored = await snapshot(s, PROC, procedure);
    const storedFees = (await s.db.query(PROC).findOne({ where: { documentId: procedure, publishedAt: null }, populate: { fees: true } })).fees;
    const bad: unknown[] = [
      '100000000000000000000000',
      1e23,
      '1e+23',
      '1E23',
      9007199254740993n.toString(),
      -5000,
      '-5000',
      '12 000',
      '12.000',
      '1.5',
      'một trăm',
      true,
    ];
    for (const amountVnd of bad) {
      const r = await call(cms.url, board, 'POST', cm(PROC), { name: 'Thủ tục thử phí', fees: [{ description: 'Lệ phí', amountVnd }] });
      expectRefused(r, 'fees.0.amountVnd');
      const u = await call(cms.url, board, 'PUT', cm(PROC, procedure), {
        fees: [
          { description: 'Lệ phí', amountVnd: '200000' },
          { description: 'Phí', amountVnd },
        ],
      });
      expectRefused(u, 'fees.1.amountVnd');
      await expectThrows(s.documents(PROC).create({ data: { name: 'Thủ tục thử phí', fees: [{ description: 'Lệ phí', amountVnd }] } }), 'fees.0.amountVnd');
    }
    const r = await call(cms.url, board, 'POST', cm(PROC), { name: 'Thủ tục thử phí', fees: [{ description: 'Lệ phí', amountVnd: '1e+23' }] });
    expect(r.body.error.message).toMatch(/Số tiền \(đồng\) \(fees\.0\.amountVnd\).*không dùng dạng lũy thừa/);
    expect(await count(PROC)).toBe(before);
    expect(await snapshot(s, PROC, procedure)).toEqual(stored);
    const after = (await s.db.query(PROC).findOne({ where: { documentId: procedure, publishedAt: null }, populate: { fees: true } })).fees;
    expect(after).toEqual(storedFees);
  });

  it('accepts the largest safe amount and keeps it exact', async () => {
    const p = await s
      .documents(PROC)
      .create({ data: { name: 'Thủ tục phí lớn', fees: [{ description: 'Phí', amountVnd: '9007199254740991' }] }, populate: { fees: true } });
    expect(String(p.fees[0].amountVnd)).toBe('9007199254740991');
    await s.documents(PROC).delete({ documentId: p.documentId });
  });

  it('refuses out-of-range numbers in every numeric field, nested ones included', async () => {
    const stored = await snapshot(s, PRJ, project);
    const procStored = await snapshot(s, PROC, procedure);
    const agyStored = await snapshot(s, AGY, agencyA);
    for (const capitalVnd of ['1e+23', '123456789012345678901234', -1, 'NaN']) {
      expectRefused(await call(cms.url, board, 'PUT', cm(PRJ, project), { capitalVnd }), 'capitalVnd');
    }
    expect(await snapshot(s, PRJ, project)).toEqual(stored);
    expectRefused(
      await call(cms.url, board, 'PUT', cm(PROC, procedure), { dossierComponents: [{ name: 'Tờ khai', originals: -1 }] }),
      'dossierComponents.0.originals',
    );
    expectRefused(
      await call(cms.url, board, 'PUT', cm(PROC, procedure), { dossierComponents: [{ name: 'Tờ khai', copies: 3_000_000_000 }] }),
      'dossierComponents.0.copies',
    );
    expectRefused(await call(cms.url, board, 'PUT', cm(PROC, procedure), { processingTime: { value: 1e12, unit: 'days' } }), 'processingTime.value');
    expectRefused(await call(cms.url, board, 'PUT', cm(PROC, procedure), { steps: [{ order: 1.5, description: 'Nộp hồ sơ' }] }), 'steps.0.order');
    await expectThrows(s.documents(PROFILE).create({ data: { name: 'Tỉnh Lào Cai', population: 1e10 } }), 'population');
    await expectThrows(s.documents(PROFILE).create({ data: { name: 'Tỉnh Lào Cai', areaKm2: '6.364e3' } }), 'areaKm2');
    expect(await count(PROFILE)).toBe(0);
    await expectThrows(s.documents(AGY).update({ documentId: agencyA, data: { sortOrder: '1e3' } }), 'sortOrder');
    expect(await snapshot(s, PROC, procedure)).toEqual(procStored);
    expect(await snapshot(s, AGY, agencyA)).toEqual(agyStored);
  });
});

describe(`text: NFC stored, control characters refused, lengths from the schema (${DB})`, () => {
  it('refuses a NUL byte (and other control characters) in a title, naming the field, on every path', async () => {
    const before = await count(ART);
    for (const title of ['Tin\u0000 thử', 'Tin thử\u0007', '\u001b[31mTin', 'Tin\u007f', 'Tin \ud800 lẻ', 'Tin\ufffe']) {
      expectRefused(
        await call(cms.url, board, 'POST', cm(ART), { title, kind: 'news', scope: 'province' }),
        'title',
        /Tiêu đề \(title\): chứa ký tự điều khiển/,
      );
      await expectThrows(s.documents(ART).create({ data: { title, kind: 'news', scope: 'province' } }), 'title');
    }
    expectRefused(
      await call(cms.url, apiToken, 'POST', '/api/articles?status=draft', { data: { title: 'Tin\u0000', kind: 'news', scope: 'province' } }),
      'title',
    );
    const g = await gql(
      cms.url,
      `mutation($t: String!) { createArticle(status: DRAFT, data: { title: $t, kind: news, scope: province }) { documentId } }`,
      { t: 'Tin\u0000 GraphQL' },
      apiToken,
    );
    expect(g.data?.createArticle ?? null).toBeNull();
    expect(g.errors?.[0]?.message).toMatch(/title/);
    expect(await count(ART)).toBe(before);
  });

  it('refuses control characters in nested components and in updates, leaving the stored document as it was', async () => {
    const stored = await snapshot(s, PROC, procedure);
    expectRefused(await call(cms.url, board, 'PUT', cm(PROC, procedure), { fees: [{ description: 'Lệ\u0000 phí', amountVnd: '1000' }] }), 'fees.0.description');
    expectRefused(await call(cms.url, board, 'PUT', cm(PROC, procedure), { steps: [{ order: 1, description: 'Bước\u0008 một' }] }), 'steps.0.description');
    expectRefused(await call(cms.url, board, 'PUT', cm(PROC, procedure), { name: 'Tên\u0000' }), 'name');
    expect(await snapshot(s, PROC, procedure)).toEqual(stored);
    const agencyBefore = await snapshot(s, AGY, agencyA);
    expectRefused(await call(cms.url, board, 'PUT', cm(AGY, agencyA), { contact: { address: 'Số 1\u0000 đường Hoàng Liên' } }), 'contact.address');
    expect(await snapshot(s, AGY, agencyA)).toEqual(agencyBefore);
  });

  it('stores NFD-decomposed Vietnamese as NFC (top level and in components), so NFC search finds it', async () => {
    const nfc = 'Lào Cai đẩy mạnh chuyển đổi số trong cải cách hành chính';
    const r = await call(cms.url, board, 'POST', cm(ART), {
      title: nfc.normalize('NFD'),
      summary: 'Tóm tắt về Sa Pa'.normalize('NFD'),
      kind: 'news',
      scope: 'province',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const row = await s.db.query(ART).findOne({ where: { documentId: r.body.data.documentId, publishedAt: null } });
    expect(row.title).toBe(nfc);
    expect(row.summary).toBe('Tóm tắt về Sa Pa'.normalize('NFC'));
    expect(row.slug).toBe('lao-cai-day-manh-chuyen-doi-so-trong-cai-cach-hanh-chinh');
    expect((await s.documents(ART).findFirst({ filters: { title: { $eq: nfc } } }))?.documentId).toBe(r.body.data.documentId);
    const p = await s.documents(PROC).create({
      data: { name: 'Thủ tục NFD'.normalize('NFD'), fees: [{ description: 'Lệ phí cấp giấy'.normalize('NFD'), amountVnd: 0 }] },
      populate: { fees: true },
    });
    expect(p.name).toBe('Thủ tục NFD'.normalize('NFC'));
    expect(p.fees[0].description).toBe('Lệ phí cấp giấy'.normalize('NFC'));
  });

  it('refuses a string over 255 characters (varchar(255)) naming the field, keeps longer text in text fields', async () => {
    const long = 'Ủy ban nhân dân tỉnh Lào Cai và Hội đồng nhân dân tỉnh Lào Cai '.repeat(5).slice(0, 256);
    const before = await count(DOC);
    expectRefused(await call(cms.url, board, 'POST', cm(DOC), baseDoc('41/2025/QĐ-UBND', { issuingBody: long })), 'issuingBody', /dài 256 ký tự, tối đa 255/);
    expectRefused(await call(cms.url, board, 'PUT', cm(AGY, agencyA), { contact: { address: long } }), 'contact.address');
    await expectThrows(s.documents(ESV).create({ data: { name: long, registrationStatus: 'registered' } }), 'name');
    await expectThrows(s.documents(QST).create({ data: { askerName: 'Nguyễn Văn A', subject: long, body: 'Hỏi' } }), 'subject');
    expect(await count(DOC)).toBe(before);
    const text = await s.documents(PROC).create({ data: { name: `Thủ tục ${'rất dài '.repeat(100)}`.trim() } });
    expect(text.name.length).toBeGreaterThan(255);
  });
});

describe(`dates: an unparseable date is refused naming the field (${DB})`, () => {
  const badDates = ['2026-13-45', 'hôm qua', '2026-02-30', '99999-01-01', '2026-2-3', '30/04/2026', '2026-02-28T25:00:00Z', 'null'];

  it('on every date field of a legal document, through the admin API and documents(), storing nothing', async () => {
    const before = await count(DOC);
    for (const d of badDates) {
      expectRefused(await call(cms.url, board, 'POST', cm(DOC), baseDoc('42/2025/QĐ-UBND', { issuedDate: d })), 'issuedDate', /Ngày ban hành \(issuedDate\)/);
      await expectThrows(s.documents(DOC).create({ data: baseDoc('42/2025/QĐ-UBND', { effectiveDate: d }) }), 'effectiveDate');
    }
    expect(await count(DOC)).toBe(before);
    const stored = await snapshot(s, DOC, otherDoc);
    expectRefused(await call(cms.url, board, 'PUT', cm(DOC, otherDoc), { expiryDate: '2026-02-30' }), 'expiryDate');
    expect(await snapshot(s, DOC, otherDoc)).toEqual(stored);
    // an emptied date input is no date, not an error (a required one is then checked at publish,
    // as Strapi checks required fields of drafts)
    const cleared = await call(cms.url, board, 'PUT', cm(DOC, otherDoc), { effectiveDate: '' });
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);
    expect((await s.db.query(DOC).findOne({ where: { documentId: otherDoc, publishedAt: null } })).effectiveDate).toBeNull();
  });

  it('on the article event date and the question answer date-time', async () => {
    expectRefused(await call(cms.url, board, 'POST', cm(ART), { title: 'Lễ hội', kind: 'news', scope: 'province', eventDate: '2026-02-30' }), 'eventDate');
    await expectThrows(
      s.documents(QST).create({ data: { askerName: 'Nguyễn Văn A', subject: 'Hỏi về đất', body: 'Hỏi', answeredAt: 'hôm qua' } }),
      'answeredAt',
    );
    await expectThrows(
      s.documents(QST).create({ data: { askerName: 'Nguyễn Văn A', subject: 'Hỏi về đất', body: 'Hỏi', answeredAt: '2026-04-31T10:00:00Z' } }),
      'answeredAt',
    );
    const q = await s
      .documents(QST)
      .create({ data: { askerName: 'Nguyễn Văn A', subject: 'Hỏi về đất 2', body: 'Hỏi', answeredAt: '2026-04-30T10:00:00.000Z' } });
    expect(new Date(q.answeredAt).toISOString()).toBe('2026-04-30T10:00:00.000Z');
  });
});

describe(`URL fields: real URLs fit, unsafe ones are refused (${DB})`, () => {
  const unsafe = [
    'javascript:alert(document.domain)//',
    ' JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'https://user:pass@laocai.gov.vn/',
    'laocai.gov.vn/a b',
    `https://laocai.gov.vn/${'a'.repeat(2030)}`,
  ];

  it('stores a real 260-character source URL intact', async () => {
    expect(LONG_URL.length).toBe(260);
    const r = await call(cms.url, board, 'POST', cm(DOC), { ...baseDoc('43/2025/QĐ-UBND', { issuedDate: '2025-01-10' }), sourceUrl: LONG_URL });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const row = await s.db.query(DOC).findOne({ where: { documentId: r.body.data.documentId, publishedAt: null } });
    expect(row.sourceUrl).toBe(LONG_URL);
    const a = await s.documents(ART).create({ data: { title: 'Tin có nguồn dài', kind: 'news', scope: 'province', sourceUrl: LONG_URL } });
    expect(a.sourceUrl).toBe(LONG_URL);
    const e = await s.documents(ESV).update({ documentId: eService, data: { url: `${LONG_URL}&x=1` } });
    expect(e.url).toBe(`${LONG_URL}&x=1`);
    await s.documents(ESV).update({ documentId: eService, data: { url: 'https://dichvucong.laocai.gov.vn/khai-sinh' } });
  });

  it('refuses javascript: and other unsafe URLs in every URL field, naming it, on create and update', async () => {
    const counts = { art: await count(ART), doc: await count(DOC), proc: await count(PROC) };
    const esvBefore = await snapshot(s, ESV, eService);
    const agyBefore = await snapshot(s, AGY, agencyA);
    for (const u of unsafe) {
      expectRefused(
        await call(cms.url, board, 'POST', cm(ART), { title: 'Tin thử URL', kind: 'news', scope: 'province', sourceUrl: u }),
        'sourceUrl',
        /Địa chỉ nguồn \(URL\) \(sourceUrl\)/,
      );
      expectRefused(await call(cms.url, board, 'POST', cm(DOC), { ...baseDoc('44/2025/QĐ-UBND'), sourceUrl: u }), 'sourceUrl');
      await expectThrows(s.documents(PROC).create({ data: { name: 'Thủ tục thử URL', sourceUrl: u } }), 'sourceUrl');
      expectRefused(await call(cms.url, board, 'PUT', cm(ESV, eService), { url: u }), 'url');
      expectRefused(await call(cms.url, board, 'PUT', cm(AGY, agencyA), { contact: { website: u } }), 'contact.website');
    }
    expectRefused(
      await call(cms.url, apiToken, 'POST', '/api/articles?status=draft', { data: { title: 'Tin', kind: 'news', scope: 'province', sourceUrl: unsafe[0] } }),
      'sourceUrl',
    );
    expect({ art: await count(ART), doc: await count(DOC), proc: await count(PROC) }).toEqual(counts);
    expect(await snapshot(s, ESV, eService)).toEqual(esvBefore);
    expect(await snapshot(s, AGY, agencyA)).toEqual(agyBefore);
  });

  it('accepts a contact website and stores an emptied URL as empty', async () => {
    const a = await s.documents(AGY).update({
      documentId: agencyA,
      data: { contact: { website: 'https://sotuphap.laocai.gov.vn/', email: 'stp@laocai.gov.vn', phone: '0214 3840 222' } },
      populate: { contact: true },
    });
    expect(a.contact.website).toBe('https://sotuphap.laocai.gov.vn/');
    const e = await s.documents(ESV).update({ documentId: eService, data: { url: '  ' } });
    expect(e.url).toBeNull();
  });
});
