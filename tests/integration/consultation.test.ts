/**
 * Issue 11, items 3–4 — consultations on draft documents (Law 104/2016, Art. 17(1)(c)) and page
 * ratings (Decree 224/2026, Art. 10(3)(b)), against a booted CMS on a real database over HTTP:
 *
 * - a consultation opens and closes by its dates: the published state carries its phase, the
 *   CMS's cron emits `consultation.phase` to the publisher's webhook URL at the closing instant,
 *   and the diff of the states before and after names the pages to rebuild;
 * - comments arrive hidden; the public cannot read an unmoderated comment or any commenter's
 *   contact by any query (REST, GraphQL, filters, status, populate); another agency's editor and
 *   the council cannot moderate (admin API, bulk, REST, GraphQL); the owning agency approves and
 *   the comment becomes public without its contact; after closing no comment is taken;
 * - ratings are stored without personal data and counted per page and per agency in the admin
 *   report, each account seeing at most its own agency.
 */
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffPublishedStates, PUBLISHER_SECRET_HEADER, type PublishedState } from '@cong/shared';
import { bootCms, cmsDir, gql, testDb, type BootedCms } from '../helpers/strapi';
import { call, createAccount, login } from '../helpers/workflow';

const CONS = 'api::consultation.consultation';
const CMT = 'api::consultation-comment.consultation-comment';
const CMM = `/content-manager/collection-types/${CMT}`;
const SECRET = 'bi-mat-webhook-thu-nghiem-0123456789';
const require = createRequire(path.join(cmsDir, 'package.json'));
const intake = () => require(path.join(cmsDir, 'dist', 'src', 'consultation', 'intake.js'));

let cms: BootedCms;
let s: any;
let receiver: http.Server;
const hooks: any[] = [];
const agency: Record<'A' | 'B', string> = { A: '', B: '' };
const token: Record<string, string> = {};
let consultationId = '';
let closesAt = 0;
const UNIQUE_EMAIL = `nguoi-gop-y-${Date.now()}@bi-mat.vn`;
const UNIQUE_PHONE = '0912 777 888';
let pendingId = '';
let opened: PublishedState;
let hostileId = '';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const state = async (): Promise<PublishedState> => {
  const res = await fetch(`${cms.url}/api/publisher/published`, { headers: { [PUBLISHER_SECRET_HEADER]: SECRET } });
  return res.json() as Promise<PublishedState>;
};
const entryOf = (st: PublishedState) => st.entries[CONS].find((e) => e.documentId === consultationId)!;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      hooks.push({ secret: req.headers[PUBLISHER_SECRET_HEADER], ...JSON.parse(body || '{}') });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const port = (receiver.address() as AddressInfo).port;
  cms = await bootCms({
    env: { PUBLISHER_WEBHOOK_URL: `http://127.0.0.1:${port}/hooks/strapi`, PUBLISHER_WEBHOOK_SECRET: SECRET, WORKFLOW_CRON_RULE: '* * * * * *' },
  });
  s = cms.strapi;
  const mk = async (name: string, slug: string) =>
    (await s.documents('api::agency.agency').create({ data: { name, slug, kind: 'department' }, status: 'published' })).documentId;
  agency.A = await mk('Sở Tư pháp thử', 'so-tu-phap-thu');
  agency.B = await mk('Sở Y tế thử', 'so-y-te-thu');
  const accounts = [
    ['editorA', 'bientap.a@thu.local', 'agencyEditor', agency.A],
    ['editorB', 'bientap.b@thu.local', 'agencyEditor', agency.B],
    ['board', 'bbt@thu.local', 'editorialBoard', undefined],
    ['council', 'hoidong@thu.local', 'editorialCouncil', undefined],
  ] as const;
  for (const [key, email, role, agencyDocumentId] of accounts) {
    await createAccount(s, { email, role, agencyDocumentId });
    token[key] = await login(cms.url, email);
  }
}, 600_000);

afterAll(async () => {
  await cms?.stop();
  receiver?.close();
});

describe(`consultation on a draft document (${testDb})`, () => {
  it('is published by the workflow and is open between its dates (phase in the published state)', async () => {
    // long enough for the steps below on a loaded machine; the cron checks every second
    closesAt = Date.now() + 20_000;
    const created = await s.documents(CONS).create({
      data: {
        title: 'Dự thảo Quyết định quy định giá dịch vụ thử nghiệm',
        agency: agency.A,
        summary: 'Lấy ý kiến nhân dân về dự thảo.',
        body: '## Điều 1\n\nPhạm vi điều chỉnh.',
        opensAt: new Date(Date.now() - 3600_000).toISOString(),
        closesAt: new Date(closesAt).toISOString(),
      },
      status: 'published',
    });
    consultationId = created.documentId;
    opened = await state();
    expect(entryOf(opened).fields).toMatchObject({ phase: 'open' });
    const pub = await gql(cms.url, `{ consultations { documentId title opensAt closesAt } }`);
    expect(pub.data.consultations.map((c: any) => c.documentId)).toEqual([consultationId]);
  });

  it('takes comments while open, stored hidden (pending) with the agency of the consultation, never the form', async () => {
    const { receiveComment } = intake();
    const a = await receiveComment(s, {
      consultation: consultationId,
      authorName: 'Nguyễn Văn Góp',
      organisation: 'Hội Luật gia',
      authorEmail: UNIQUE_EMAIL,
      authorPhone: UNIQUE_PHONE,
      body: 'Đề nghị làm rõ Điều 1.',
    });
    pendingId = a.documentId;
    const h = await receiveComment(s, {
      consultation: consultationId,
      authorName: '<img src=x onerror=alert(1)>',
      body: '<script>alert("xss")</script><a href="javascript:alert(2)">bấm</a>',
    });
    hostileId = h.documentId;
    const row = await s.db.query(CMT).findOne({ where: { documentId: pendingId }, populate: { agency: { select: ['documentId'] } } });
    expect([row.moderationStatus, row.publishedAt, row.agency.documentId]).toEqual(['pending', null, agency.A]);
    await expect(receiveComment(s, { consultation: consultationId, authorName: '', body: 'x' })).rejects.toMatchObject({
      details: { errors: [{ path: ['authorName'] }] },
    });
    await expect(receiveComment(s, { consultation: 'khong-ton-tai', authorName: 'A', body: 'x' })).rejects.toMatchObject({
      details: { errors: [{ path: ['consultation'] }] },
    });
  });

  it('the public cannot read an unmoderated comment or any contact, by any query', async () => {
    const rest = await call(cms.url, null, 'GET', '/api/consultation-comments');
    expect(rest.status).toBe(200);
    expect(rest.body.data).toEqual([]);
    expect((await call(cms.url, null, 'GET', `/api/consultation-comments/${pendingId}`)).status).toBe(404);
    for (const q of ['status=draft', 'status=DRAFT', 'status[]=draft']) {
      expect((await call(cms.url, null, 'GET', `/api/consultation-comments?${q}`)).status, q).toBe(400);
    }
    // private fields cannot be filtered on, populated or asked for
    const byEmail = await call(cms.url, null, 'GET', `/api/consultation-comments?filters[authorEmail][$eq]=${encodeURIComponent(UNIQUE_EMAIL)}`);
    expect(byEmail.status).toBe(400);
    const viaConsultation = await call(cms.url, null, 'GET', `/api/consultations?populate[comments][fields][0]=authorEmail`);
    expect(JSON.stringify(viaConsultation.body)).not.toContain(UNIQUE_EMAIL);
    expect(JSON.stringify((await call(cms.url, null, 'GET', `/api/consultations?populate=*`)).body)).not.toContain('Đề nghị làm rõ');
    const g = await gql(cms.url, `{ consultationComments { documentId body consultation { documentId } } }`);
    expect(g.data.consultationComments).toEqual([]);
    // one consultation's comments through the relation (a list inside a list is refused by the query budget)
    const one = await gql(cms.url, `query($id: ID!) { consultation(documentId: $id) { comments { documentId } } }`, { id: consultationId });
    expect(one.data.consultation.comments).toEqual([]);
    expect((await gql(cms.url, `{ consultationComments(status: DRAFT) { documentId } }`)).errors).toBeTruthy();
    expect((await gql(cms.url, `{ consultationComments { authorEmail } }`)).errors).toBeTruthy();
    expect((await gql(cms.url, `{ consultationComments(filters: { authorPhone: { eq: "0912 777 888" } }) { documentId } }`)).errors).toBeTruthy();
    // no write path on the content API
    expect((await call(cms.url, null, 'POST', '/api/consultation-comments', { data: { authorName: 'x', body: 'y' } })).status).toBeGreaterThanOrEqual(400);
    expect((await gql(cms.url, `mutation { createConsultationComment(data: { authorName: "x", body: "y" }) { documentId } }`)).errors).toBeTruthy();
  });

  it("another agency's editor and the council cannot moderate it — admin API, bulk, REST, GraphQL", async () => {
    for (const who of ['editorB', 'council']) {
      const t = token[who];
      const list = await call(cms.url, t, 'GET', `${CMM}?page=1&pageSize=100`);
      expect(list.status === 403 || !list.body.results.some((r: any) => r.documentId === pendingId), who).toBe(true);
      // the edit view shows nothing of it (403, or an empty document)
      const one = await call(cms.url, t, 'GET', `${CMM}/${pendingId}`);
      expect(JSON.stringify(one.body), who).not.toContain(UNIQUE_EMAIL);
      expect(JSON.stringify(one.body), who).not.toContain('Đề nghị làm rõ');
      expect((await call(cms.url, t, 'PUT', `${CMM}/${pendingId}`, { moderationStatus: 'approved' })).status, who).toBe(403);
      expect((await call(cms.url, t, 'POST', `${CMM}/${pendingId}/actions/publish`, {})).status, who).toBe(403);
      await call(cms.url, t, 'POST', `${CMM}/actions/bulkPublish`, { documentIds: [pendingId] });
      await call(cms.url, t, 'POST', `${CMM}/actions/bulkDelete`, { documentIds: [pendingId] });
      // the admin session is not a content-API identity: REST and GraphQL refuse it
      expect(
        (await call(cms.url, t, 'PUT', `/api/consultation-comments/${pendingId}`, { data: { moderationStatus: 'approved' } })).status,
      ).toBeGreaterThanOrEqual(400);
      const m = await gql(
        cms.url,
        `mutation { updateConsultationComment(documentId: "${pendingId}", data: { moderationStatus: approved }) { documentId } }`,
        {},
        t,
      );
      expect(m.errors ?? m.error).toBeTruthy();
    }
    const rows = await s.db.query(CMT).findMany({ where: { documentId: pendingId } });
    expect(rows.map((r: any) => [r.moderationStatus, r.publishedAt])).toEqual([['pending', null]]);
  });

  it('the owning agency approves; the comment is public without the contact', async () => {
    const res = await call(cms.url, token.editorA, 'PUT', `${CMM}/${pendingId}`, { moderationStatus: 'approved' });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    const approved = await call(cms.url, token.editorA, 'POST', `${CMM}/${hostileId}/actions/publish`, {});
    expect(approved.status).toBe(200);
    const rest = await call(cms.url, null, 'GET', '/api/consultation-comments?populate=*');
    expect(rest.body.data.map((c: any) => c.documentId).sort()).toEqual([pendingId, hostileId].sort());
    const text = JSON.stringify(rest.body);
    expect(text).not.toContain(UNIQUE_EMAIL);
    expect(text).not.toContain('0912');
    const g = await gql(cms.url, `{ consultationComments { documentId authorName body consultation { documentId } } }`);
    expect(g.data.consultationComments.map((c: any) => c.documentId).sort()).toEqual([pendingId, hostileId].sort());
    expect(g.data.consultationComments.every((c: any) => c.consultation.documentId === consultationId)).toBe(true);
    // the published state lists the approved comments: the publisher rebuilds the page
    expect(entryOf(await state()).refs?.comments?.sort()).toEqual([pendingId, hostileId].sort());
  });

  it('each moderation decision is in the audit log: who, when, what, the note as the reason', async () => {
    const log = (documentId: string) =>
      s.db.query('api::workflow-transition.workflow-transition').findMany({ where: { contentType: CMT, itemDocumentId: documentId }, orderBy: { id: 'asc' } });
    const approved = await log(pendingId);
    expect(approved).toHaveLength(1);
    expect(approved[0]).toMatchObject({
      action: 'moderate',
      fromState: 'draft',
      toState: 'published',
      actorEmail: 'bientap.a@thu.local',
      agencyDocumentId: agency.A,
    });
    expect(approved[0].detail).toEqual({ moderationStatus: { from: 'pending', to: 'approved' } });
    expect(approved[0].itemTitle).toContain('Nguyễn Văn Góp');
    expect((await log(hostileId)).map((r: any) => [r.action, r.toState])).toEqual([['moderate', 'published']]);
    // hidden again with a note: one more entry, the note as its reason; the public no longer sees it
    const hide = await call(cms.url, token.editorA, 'PUT', `${CMM}/${hostileId}`, {
      moderationStatus: 'rejected',
      moderationNote: 'Nội dung không liên quan đến dự thảo',
    });
    expect(hide.status, JSON.stringify(hide.body).slice(0, 300)).toBe(200);
    const hidden = await log(hostileId);
    expect(hidden).toHaveLength(2);
    expect(hidden[1]).toMatchObject({ action: 'moderate', fromState: 'published', toState: 'withdrawn', reason: 'Nội dung không liên quan đến dự thảo' });
    expect(hidden[1].detail).toEqual({ moderationStatus: { from: 'approved', to: 'rejected' } });
    const rest = await call(cms.url, null, 'GET', '/api/consultation-comments');
    expect(rest.body.data.map((c: any) => c.documentId)).toEqual([pendingId]);
    // the refused attempts of other agencies and the council left nothing in the log
    expect(hidden.every((r: any) => r.actorEmail === 'bientap.a@thu.local')).toBe(true);
  });

  it('closes at its end date: the cron asks the publisher to rebuild, the state diff names its pages, no comment is taken', async () => {
    const before = opened;
    await sleep(Math.max(0, closesAt - Date.now()) + 2_500);
    const hook = hooks.find((h) => h.event === 'consultation.phase' && h.entry?.documentId === consultationId);
    expect(hook, JSON.stringify(hooks).slice(0, 500)).toMatchObject({ secret: SECRET, uid: CONS, phase: 'closed', at: new Date(closesAt).toISOString() });
    const after = await state();
    expect(entryOf(after).fields?.phase).toBe('closed');
    const diff = diffPublishedStates(before, after);
    const slug = entryOf(after).slug;
    expect(diff.routes).toEqual(expect.arrayContaining(['/', '/lay-y-kien/', `/lay-y-kien/${slug}/`, '/co-quan/so-tu-phap-thu/lay-y-kien/']));
    const { receiveComment } = intake();
    await expect(receiveComment(s, { consultation: consultationId, authorName: 'Muộn', body: 'Gửi sau hạn' })).rejects.toMatchObject({
      details: { errors: [{ path: ['consultation'] }] },
    });
  });
});

describe(`page ratings (${testDb})`, () => {
  it('are stored without personal data and counted per page and per agency, each account seeing at most its agency', async () => {
    const { receiveRating } = intake();
    const p = '/co-quan/so-tu-phap-thu/';
    for (const score of ['useful', 'useful', 'partly', 'notUseful'])
      await receiveRating(s, { path: p, score, comment: score === 'partly' ? 'Thiếu địa chỉ' : '' });
    // the agency is derived from the path (red-team F11): a sub-site page → its agency, whatever the client says
    expect(await receiveRating(s, { path: '/co-quan/so-y-te-thu/gioi-thieu', score: 'useful', agency: agency.A } as any)).toMatchObject({
      agencyDocumentId: agency.B,
    });
    expect(await receiveRating(s, { path: '/gioi-thieu/', score: 'partly', agency: 'so-tu-phap-thu' } as any)).toMatchObject({ agencyDocumentId: null });
    const stored = await s.db.query('api::page-rating.page-rating').findMany({ where: { path: '/co-quan/so-y-te-thu/gioi-thieu/' } });
    expect(stored).toHaveLength(1);
    // an unknown agency, an entry that is not published, a path that is not a page: refused, nothing stored
    for (const forged of [
      '/co-quan/khong-co-co-quan/',
      '/tin-tuc/bai-khong-ton-tai/',
      '/lay-y-kien/khong-co/',
      '/../etc/passwd',
      '/tin-tuc/<script>/',
      '//evil.example/',
    ]) {
      await expect(receiveRating(s, { path: forged, score: 'useful' }), forged).rejects.toMatchObject({ details: { errors: [{ path: ['path'] }] } });
    }
    await expect(receiveRating(s, { path: '/a/', score: 'tuyet' })).rejects.toMatchObject({ details: { errors: [{ path: ['score'] }] } });
    await expect(receiveRating(s, { path: 'https://evil.example/', score: 'useful' })).rejects.toMatchObject({ details: { errors: [{ path: ['path'] }] } });
    const cols = Object.keys(s.getModel('api::page-rating.page-rating').attributes);
    expect(cols.sort()).toEqual(
      [
        'agencyDocumentId',
        'comment',
        'createdAt',
        'createdBy',
        'path',
        'score',
        'updatedAt',
        'updatedBy',
        'documentId',
        'locale',
        'localizations',
        'publishedAt',
      ]
        .filter((c) => cols.includes(c))
        .sort(),
    );
    for (const c of cols) expect(c).not.toMatch(/ip|address|cookie|email|user|session/i);

    const month = new Date().toISOString().slice(0, 7);
    const board = await call(cms.url, token.board, 'GET', `/cong-reports/ratings?month=${month}`);
    expect(board.status).toBe(200);
    expect(board.body.data.total).toMatchObject({ total: 6, useful: 3, partly: 2, notUseful: 1 });
    const byA = board.body.data.byAgency.find((l: any) => l.agencyDocumentId === agency.A);
    expect(byA).toMatchObject({ label: 'Sở Tư pháp thử', total: 4, useful: 2, partly: 1, notUseful: 1, average: 1.25 });
    expect(board.body.data.byPage.find((l: any) => l.key === p)).toMatchObject({ total: 4 });
    expect(board.body.data.comments).toEqual([expect.objectContaining({ path: p, comment: 'Thiếu địa chỉ' })]);
    const council = await call(cms.url, token.council, 'GET', `/cong-reports/ratings?month=${month}`);
    expect(council.body.data.total.total).toBe(6);
    const a = await call(cms.url, token.editorA, 'GET', `/cong-reports/ratings?month=${month}`);
    expect(a.body.data.total).toMatchObject({ total: 4 });
    expect(a.body.data.byAgency.map((l: any) => l.agencyDocumentId)).toEqual([agency.A]);
    const b = await call(cms.url, token.editorB, 'GET', `/cong-reports/ratings?month=${month}`);
    expect(b.body.data.total).toMatchObject({ total: 1 });
    const csv = await fetch(`${cms.url}/cong-reports/ratings?month=${month}&format=csv`, { headers: { authorization: `Bearer ${token.board}` } });
    expect(await csv.text()).toContain('Sở Tư pháp thử');
    // never on the content API
    expect((await call(cms.url, null, 'GET', '/api/page-ratings')).status).toBeGreaterThanOrEqual(400);
    expect((await gql(cms.url, `{ pageRatings { score } }`)).errors).toBeTruthy();
  });
});
