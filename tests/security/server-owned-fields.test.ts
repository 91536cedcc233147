/**
 * Red-team findings F1 and F2 (2026-12-02), at the level of their class, on a booted CMS (SQLite,
 * and PostgreSQL with TEST_DB=postgres):
 * - F1, server-owned fields (registry `serverOwnedFields`): no account — an agency editor, its
 *   team lead, the board — nor an API token writes them by any path (admin API update, create and
 *   clone, REST, GraphQL); the RBAC field lists leave them out; the CMS's own steps still write
 *   them (intake, reject, publish). The tracking lookup shows an answer only once the board
 *   published it, and the answer it published, never a later draft.
 * - F2, a tracking code names one question: the database refuses a second draft row with it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTAKE_CLIENT_HEADER, INTAKE_TOKEN_HEADER, serverOwnedFields } from '@cong/shared';
import { bootCms, gql, type BootedCms } from '../helpers/strapi';
import { TRANSITION_UID, call, createAccount, login } from '../helpers/workflow';

const QST = 'api::question.question';
const CMQ = `/content-manager/collection-types/${QST}`;
const DB = process.env.TEST_DB ?? 'sqlite';
const token = randomBytes(32).toString('hex');
const OWNED = serverOwnedFields(QST);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

let cms: BootedCms;
let s: any;
let agencyA = '';
const tok: Record<string, string> = {};

/** A forged value for each server-owned field, different from anything the intake stores. */
const FORGED: Record<string, unknown> = {
  askerFullName: 'Kẻ Giả Mạo',
  askerEmail: 'attacker@evil.example',
  askerPhone: '0999999999',
  consentToPublish: false,
  answerStatus: 'answered',
  statusReason: 'lý do giả',
  receivedAt: '2020-01-01T00:00:00.000Z',
  dueAt: '2030-01-01T00:00:00.000Z',
  answeredAt: '2026-12-01T00:00:00.000Z',
  trackingCode: 'HD-2026-ZZZZZZ',
  trackingSecretHash: sha256('password'),
  dedupKey: sha256('dedup'),
};

const intake = (path: string, values: Record<string, unknown>) =>
  fetch(`${cms.url}/api/cong-intake/questions${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [INTAKE_TOKEN_HEADER]: token, [INTAKE_CLIENT_HEADER]: `10.1.0.${Math.floor(Math.random() * 250)}` },
    body: JSON.stringify({
      values,
      fillToken: { id: `${Date.now()}.${randomBytes(9).toString('base64url')}`, expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
    }),
  });

/** A citizen's question through the intake route: its documentId, code and secret. */
async function ask(): Promise<{ documentId: string; code: string; secret: string }> {
  const r = await intake('', {
    askerName: 'Nguyễn Thị Hoa',
    askerEmail: `hoa.${randomBytes(4).toString('hex')}@example.vn`,
    agency: 'so-tai-nguyen',
    subject: 'Hỏi về cấp giấy chứng nhận quyền sử dụng đất',
    body: `Xin hỏi thủ tục cấp giấy chứng nhận (${randomBytes(3).toString('hex')}).`,
    consentToPublish: true,
  });
  const body: any = await r.json();
  expect(r.status, JSON.stringify(body)).toBe(201);
  const row = await s.db.query(QST).findOne({ where: { trackingCode: body.trackingCode, publishedAt: null }, select: ['documentId'] });
  return { documentId: row.documentId, code: body.trackingCode, secret: body.secret };
}

const lookup = async (code: string, secret: string) => (await intake('/status', { trackingCode: code, secret })).json() as Promise<any>;

/** The draft row's server-owned fields and the whole document's row and log counts. */
async function owned(documentId: string) {
  const row = await s.db.query(QST).findOne({ where: { documentId, publishedAt: null } });
  return {
    fields: Object.fromEntries(OWNED.map((f) => [f, row[f] instanceof Date ? row[f].toISOString() : row[f]])),
    rows: await s.db.query(QST).count(),
  };
}

const transition = (who: string, documentId: string, body: Record<string, unknown>) =>
  call(cms.url, tok[who]!, 'POST', `/cong-workflow/items/${QST}/${documentId}/transitions`, body);

beforeAll(async () => {
  cms = await bootCms({ env: { INTAKE_TOKEN: token } });
  s = cms.strapi;
  const a = await s
    .documents('api::agency.agency')
    .create({ data: { name: 'Sở Tài nguyên và Môi trường', slug: 'so-tai-nguyen', kind: 'department', updateSchedule: 'monWedFri' } });
  await s.documents('api::agency.agency').publish({ documentId: a.documentId });
  agencyA = a.documentId;
  const accounts = [
    ['editorA', 'agencyEditor', agencyA],
    ['leadA', 'agencyTeamLead', agencyA],
    ['board', 'editorialBoard', undefined],
  ] as const;
  for (const [key, role, agencyDocumentId] of accounts) {
    await createAccount(s, { email: `${key.toLowerCase()}@owned.test`, role, agencyDocumentId });
    tok[key] = await login(cms.url, `${key.toLowerCase()}@owned.test`);
  }
  tok.full = (await s.admin.services['api-token-content-api'].create({ name: 'Tích hợp', type: 'full-access', lifespan: null, kind: 'content-api' })).accessKey;
}, 600_000);

afterAll(async () => {
  await cms?.stop();
});

describe(`F1 — the question's server-owned fields (${DB})`, () => {
  it('the registry lists them and the workflow roles may not create or update any of them', async () => {
    expect(OWNED).toEqual(expect.arrayContaining(Object.keys(FORGED)));
    for (const who of ['editorA', 'leadA', 'board']) {
      const r = await call(cms.url, tok[who]!, 'GET', '/admin/users/me/permissions');
      expect(r.status).toBe(200);
      const writes = r.body.data.filter((p: any) => p.subject === QST && /\.(create|update)$/.test(p.action));
      expect(writes.length, who).toBeGreaterThan(0);
      for (const p of writes) {
        expect(p.properties.fields.length).toBeGreaterThan(0);
        for (const f of OWNED) expect(p.properties.fields, `${who} ${p.action} ${f}`).not.toContain(f);
      }
    }
  });

  for (const who of ['editorA', 'leadA', 'board']) {
    it(`${who}: an admin API update of any one server-owned field is refused (403, naming it) and changes nothing`, async () => {
      const q = await ask();
      for (const f of OWNED) {
        const before = await owned(q.documentId);
        const r = await call(cms.url, tok[who]!, 'PUT', `${CMQ}/${q.documentId}`, { answer: 'Trả lời chưa duyệt', [f]: FORGED[f] });
        expect(r.status, `${f}: ${JSON.stringify(r.body)}`).toBe(403);
        expect(r.body.error.message).toContain(f);
        expect(await owned(q.documentId), f).toEqual(before);
      }
      // the citizen's secret still works, and the lookup shows nothing answered
      const view = await lookup(q.code, q.secret);
      expect(view).toMatchObject({ status: 'received', answer: null });
    });
  }

  it("the panel's save of the whole form with the stored values unchanged still works; a correction of the citizen's text is named in the log", async () => {
    const q = await ask();
    const before = await owned(q.documentId);
    const r = await call(cms.url, tok.editorA!, 'PUT', `${CMQ}/${q.documentId}`, {
      ...before.fields,
      body: 'Xin hỏi thủ tục cấp giấy chứng nhận quyền sử dụng đất lần đầu.',
      answer: 'Bản nháp trả lời',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(await owned(q.documentId)).toEqual(before);
    const log = await s.db.query(TRANSITION_UID).findOne({ where: { itemDocumentId: q.documentId, action: 'edit' }, orderBy: { id: 'desc' } });
    expect(log.detail).toEqual({ correctedCitizenFields: ['body'] });
  });

  it('an admin API create carrying a server-owned field is refused; one without gets none of them', async () => {
    const count = await s.db.query(QST).count();
    const base = { askerName: 'x', subject: 'Câu hỏi nhập tay', body: 'Nội dung', agency: { connect: [{ documentId: agencyA }] } };
    for (const f of ['trackingCode', 'trackingSecretHash', 'answerStatus', 'dueAt', 'askerEmail']) {
      const r = await call(cms.url, tok.editorA!, 'POST', CMQ, { ...base, slug: `cau-hoi-${f.toLowerCase()}`, [f]: FORGED[f] });
      expect(r.status, `${f}: ${JSON.stringify(r.body)}`).toBe(403);
    }
    expect(await s.db.query(QST).count()).toBe(count);
  });

  it("a clone of a citizen's question carries none of its server-owned fields (no second holder of its code or secret)", async () => {
    const q = await ask();
    const r = await call(cms.url, tok.editorA!, 'POST', `${CMQ}/clone/${q.documentId}`, { slug: `ban-sao-${randomBytes(3).toString('hex')}` });
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
    const copy = await s.db.query(QST).findOne({ where: { documentId: r.body.data.documentId, publishedAt: null } });
    for (const f of [
      'askerFullName',
      'askerEmail',
      'askerPhone',
      'statusReason',
      'receivedAt',
      'dueAt',
      'answeredAt',
      'trackingCode',
      'trackingSecretHash',
      'dedupKey',
    ]) {
      expect(copy[f] ?? null, f).toBeNull();
    }
    expect(copy.answerStatus).toBe('received');
  });

  it('REST and GraphQL with a full-access API token cannot write them either', async () => {
    const q = await ask();
    const before = await owned(q.documentId);
    const rest = await call(cms.url, tok.full!, 'PUT', `/api/questions/${q.documentId}?status=draft`, {
      data: { answerStatus: 'answered', answer: 'x', trackingSecretHash: FORGED.trackingSecretHash, dueAt: FORGED.dueAt },
    });
    expect(rest.status).toBeGreaterThanOrEqual(400);
    const g = await gql(
      cms.url,
      `mutation($id: ID!) { updateQuestion(documentId: $id, status: DRAFT, data: { answerStatus: answered, dueAt: "2030-01-01T00:00:00.000Z", consentToPublish: false }) { documentId } }`,
      { id: q.documentId },
      tok.full,
    );
    expect(g.errors?.length ?? 0, JSON.stringify(g)).toBeGreaterThan(0);
    expect(await owned(q.documentId)).toEqual(before);
  });

  it("the CMS's own steps still write them: reject records the status and reason", async () => {
    const q = await ask();
    const r = await transition('editorA', q.documentId, { action: 'reject', reason: 'Không thuộc thẩm quyền' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((await owned(q.documentId)).fields).toMatchObject({ answerStatus: 'rejected', statusReason: 'Không thuộc thẩm quyền' });
    expect(await lookup(q.code, q.secret)).toMatchObject({ status: 'rejected', reason: 'Không thuộc thẩm quyền' });
  });

  it('the tracking lookup shows an answer only once the board published it, and the one it published', async () => {
    const q = await ask();
    const draftAnswer = 'Hồ sơ gồm đơn đề nghị và giấy tờ về quyền sử dụng đất.';
    expect((await call(cms.url, tok.editorA!, 'PUT', `${CMQ}/${q.documentId}`, { answer: draftAnswer })).status).toBe(200);
    expect(await lookup(q.code, q.secret)).toMatchObject({ status: 'received', answer: null, answeredAt: null });
    // a status forged straight into the database (as before this fix) is not taken for an answer
    await s.db.query(QST).updateMany({ where: { documentId: q.documentId }, data: { answerStatus: 'answered' } });
    expect(await lookup(q.code, q.secret)).toMatchObject({ status: 'received', answer: null });
    await s.db.query(QST).updateMany({ where: { documentId: q.documentId }, data: { answerStatus: 'received' } });

    expect((await transition('leadA', q.documentId, { action: 'submit' })).status).toBe(200);
    expect((await transition('board', q.documentId, { action: 'approve' })).status).toBe(200);
    const pub = await transition('board', q.documentId, { action: 'publish' });
    expect(pub.status, JSON.stringify(pub.body)).toBe(200);
    expect(await lookup(q.code, q.secret)).toMatchObject({ status: 'answered', answer: draftAnswer });

    // a later unreviewed edit of the draft answer does not reach the asker
    const later = await call(cms.url, tok.editorA!, 'PUT', `${CMQ}/${q.documentId}`, { answer: 'Bản sửa CHƯA DUYỆT' });
    expect(later.status, JSON.stringify(later.body)).toBe(200);
    expect(await lookup(q.code, q.secret)).toMatchObject({ status: 'answered', answer: draftAnswer });
  });
});

describe(`F1 — the same class on the other types (${DB})`, () => {
  const CON = 'api::consultation.consultation';
  const CMT = 'api::consultation-comment.consultation-comment';

  it("a consultation's comments are not moved from the consultation's side of the relation, nor taken by a clone", async () => {
    expect(serverOwnedFields(CON)).toContain('comments');
    const consultation = (title: string) =>
      s.documents(CON).create({
        data: { title, agency: agencyA, summary: 'Tóm tắt', opensAt: '2026-01-01T00:00:00.000Z', closesAt: '2030-01-01T00:00:00.000Z' },
      });
    const x = await consultation('Dự thảo quy định A');
    const y = await consultation('Dự thảo quy định B');
    const c = await s.documents(CMT).create({
      data: { consultation: x.documentId, agency: agencyA, authorName: 'Lò Văn Páo', body: 'Góp ý của tôi', receivedAt: new Date().toISOString() },
    });
    const of = async () =>
      (await s.db.query(CMT).findOne({ where: { documentId: c.documentId, publishedAt: null }, populate: { consultation: { select: ['documentId'] } } }))
        .consultation?.documentId;
    expect(await of()).toBe(x.documentId);
    const CMC = `/content-manager/collection-types/${CON}`;
    const move = await call(cms.url, tok.editorA!, 'PUT', `${CMC}/${y.documentId}`, { comments: { connect: [{ documentId: c.documentId }] } });
    expect(move.status, JSON.stringify(move.body)).toBe(403);
    expect(move.body.error.message).toContain('comments');
    expect(await of()).toBe(x.documentId);
    // an ordinary save (the panel sends empty relation changes) still works
    const save = await call(cms.url, tok.editorA!, 'PUT', `${CMC}/${y.documentId}`, {
      title: 'Dự thảo quy định B (sửa)',
      comments: { connect: [], disconnect: [] },
    });
    expect(save.status, JSON.stringify(save.body)).toBe(200);
    const clone = await call(cms.url, tok.editorA!, 'POST', `${CMC}/clone/${x.documentId}`, { slug: `ban-sao-${randomBytes(3).toString('hex')}` });
    expect(clone.status, JSON.stringify(clone.body)).toBeLessThan(300);
    expect(await of()).toBe(x.documentId);
  });
});

describe(`F2 — a tracking code names one question (${DB})`, () => {
  it('the database refuses a second draft row with the same code', async () => {
    const q = await ask();
    const row = await s.db.query(QST).findOne({ where: { documentId: q.documentId, publishedAt: null } });
    const table = s.db.metadata.get(QST).tableName;
    const { id: _id, ...copy } = await s.db.connection(table).where({ id: row.id }).first();
    await expect(s.db.connection(table).insert({ ...copy, document_id: `forged${randomBytes(6).toString('hex')}`, slug: 'forged-copy' })).rejects.toThrow();
    expect(await s.db.query(QST).count({ where: { trackingCode: q.code } })).toBe(1);
    expect(await lookup(q.code, q.secret)).toMatchObject({ status: 'received', trackingCode: q.code });
  });
});

describe(`F10, F7 — citizens' submissions are not erased by an agency; the public slug does not give the code away (${DB})`, () => {
  const CON = 'api::consultation.consultation';
  const CMT = 'api::consultation-comment.consultation-comment';

  it("an agency's editor and team lead cannot delete a citizen's question or comment; the board can, and it is logged", async () => {
    const q = await ask();
    for (const who of ['editorA', 'leadA']) {
      const r = await call(cms.url, tok[who]!, 'DELETE', `${CMQ}/${q.documentId}`);
      expect(r.status, `${who} ${JSON.stringify(r.body)}`).toBeGreaterThanOrEqual(400);
      expect(await s.db.query(QST).count({ where: { documentId: q.documentId } }), who).toBe(1);
    }
    const con = await s.documents(CON).create({
      data: { title: 'Dự thảo quy định C', agency: agencyA, summary: 'Tóm tắt', opensAt: '2026-01-01T00:00:00.000Z', closesAt: '2030-01-01T00:00:00.000Z' },
    });
    const c = await s.documents(CMT).create({
      data: { consultation: con.documentId, agency: agencyA, authorName: 'Giàng A Lử', body: 'Tôi phản đối dự thảo này', receivedAt: new Date().toISOString() },
    });
    for (const who of ['editorA', 'leadA']) {
      const r = await call(cms.url, tok[who]!, 'DELETE', `/content-manager/collection-types/${CMT}/${c.documentId}`);
      expect(r.status, `${who} ${JSON.stringify(r.body)}`).toBeGreaterThanOrEqual(400);
      expect(await s.db.query(CMT).count({ where: { documentId: c.documentId } }), who).toBe(1);
    }
    const del = await call(cms.url, tok.board!, 'DELETE', `${CMQ}/${q.documentId}`);
    expect(del.status, JSON.stringify(del.body)).toBe(200);
    expect(await s.db.query(QST).count({ where: { documentId: q.documentId } })).toBe(0);
    expect(await s.db.query(TRANSITION_UID).count({ where: { itemDocumentId: q.documentId, action: 'delete' } })).toBe(1);
  });

  it("a question's public slug does not end with its tracking code's tail", async () => {
    for (let i = 0; i < 3; i++) {
      const q = await ask();
      const row = await s.db.query(QST).findOne({ where: { documentId: q.documentId, publishedAt: null }, select: ['slug'] });
      expect(row.slug.endsWith(q.code.slice(-6).toLowerCase()), `${row.slug} ${q.code}`).toBe(false);
    }
  });
});
