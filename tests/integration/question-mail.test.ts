/**
 * Issue 11, items 5–6 with the question fields and events of the questions module (names agreed
 * in the session brief): the editors' new-question mail, the asker's answered / forwarded /
 * rejected mails over real SMTP (maildev started by the test), and the questions due in
 * "Việc của tôi" (GET /cong-my-work), scoped to the agency.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootCms, type BootedCms } from '../helpers/strapi';
import { call, createAccount, login } from '../helpers/workflow';
import { sentTo, startMaildev, type Catcher } from '../helpers/maildev';

const QUESTION = 'api::question.question';
const SITE = 'https://cong-thu-nghiem.laocai.example';

const step = (url: string, token: string, uid: string, documentId: string, action: string, reason?: string) =>
  call(url, token, 'POST', `/cong-workflow/items/${uid}/${documentId}/transitions`, { action, ...(reason ? { reason } : {}) });

let cms: BootedCms;
let smtp: Catcher;
let agencyId = '';
let otherAgencyId = '';
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};
const editor = 'bientap.hoi@laocai.example';
const board = 'banbientap.hoi@laocai.example';

const myWork = async (who: string) => {
  const r = await call(cms.url, tokens[who], 'GET', '/cong-my-work');
  expect(r.status).toBe(200);
  return r.body.data;
};
const docIds = (group: { items: { documentId: string }[] } | null) => (group?.items ?? []).map((i) => i.documentId).sort();

beforeAll(async () => {
  smtp = await startMaildev();
  cms = await bootCms({ env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.smtpPort), SITE_URL: SITE } });
  const s = cms.strapi;
  const mk = (name: string, slug: string) =>
    s.documents('api::agency.agency').create({ data: { name, slug, kind: 'department', editorialState: 'published' }, status: 'published' });
  agencyId = (await mk('Sở Thử nghiệm Thư', 'so-thu-nghiem-thu')).documentId;
  otherAgencyId = (await mk('Sở Khác', 'so-khac')).documentId;
  ids.A = agencyId;
  ids.B = otherAgencyId;
  await createAccount(s, { email: editor, role: 'agencyEditor', agencyDocumentId: agencyId, firstname: 'Lan' });
  await createAccount(s, { email: 'bientap.khac@laocai.example', role: 'agencyEditor', agencyDocumentId: otherAgencyId });
  await createAccount(s, { email: board, role: 'editorialBoard' });
  tokens.editorA = await login(cms.url, editor);
  tokens.board = await login(cms.url, board);
}, 180_000);

afterAll(async () => {
  await cms?.stop();
  await smtp?.stop();
});

describe('question mails over SMTP (maildev)', () => {
  it("the agency's editors get the new-question mail with the admin link and the due date; the asker gets the answer mail with the tracking link", async () => {
    const s = cms.strapi;
    const asker = 'nguoi.hoi.1@example.vn';
    const q = await s.documents(QUESTION).create({
      data: {
        askerName: 'Nguyễn Văn An',
        askerEmail: asker,
        consentToPublish: true,
        subject: 'Thủ tục cấp đổi giấy chứng nhận quyền sử dụng đất',
        slug: 'thu-tuc-cap-doi-gcn',
        body: 'Tôi cần chuẩn bị giấy tờ gì?',
        agency: agencyId,
        answerStatus: 'received',
        trackingCode: 'HD-TEST-0001',
        receivedAt: '2026-12-01T02:00:00.000Z',
        dueAt: '2026-12-22T10:00:00.000Z',
      },
    });
    await s.eventHub.emit('cong.question.received', { documentId: q.documentId });
    const arrived = await smtp.waitFor((m) => sentTo(m, editor) && m.subject.startsWith('Câu hỏi mới'));
    expect(arrived.subject).toBe('Câu hỏi mới cho Sở Thử nghiệm Thư: Thủ tục cấp đổi giấy chứng nhận quyền sử dụng đất');
    expect(arrived.text).toContain(`/admin/content-manager/collection-types/${QUESTION}/${q.documentId}`);
    expect(arrived.text).toContain('Hạn trả lời: 22/12/2026');
    // the asker's contact is not in the editors' mail
    expect(arrived.text).not.toContain(asker);

    // answered: the board publishes the answer (the question's publish step)
    await s.documents(QUESTION).update({
      documentId: q.documentId,
      data: { answer: 'Ông/bà chuẩn bị đơn và giấy chứng nhận cũ.', answerStatus: 'answered', editorialState: 'approved' },
    });
    const boardToken = tokens.board;
    const r = await step(cms.url, boardToken, QUESTION, q.documentId, 'publish');
    expect(r.status).toBe(200);
    const answered = await smtp.waitFor((m) => sentTo(m, asker));
    expect(answered.subject).toBe('Câu hỏi của ông/bà đã được trả lời: Thủ tục cấp đổi giấy chứng nhận quyền sử dụng đất');
    expect(answered.text).toContain('Kính gửi ông/bà Nguyễn Văn An,');
    expect(answered.text).toContain(`${SITE}/hoi-dap/tra-cuu/?ma=HD-TEST-0001`);
    expect(answered.html).toContain(`href="${SITE}/hoi-dap/tra-cuu/?ma=HD-TEST-0001"`);
    expect(answered.text).toContain(`${SITE}/hoi-dap/thu-tuc-cap-doi-gcn/`);
  }, 120_000);

  it('a forwarded question: the asker is told with the reason, the new agency is told it arrived; a rejected one: the asker gets the reason', async () => {
    const s = cms.strapi;
    const asker = 'nguoi.hoi.2@example.vn';
    const q = await s.documents(QUESTION).create({
      data: {
        askerName: 'Lò Thị Mai',
        askerEmail: asker,
        subject: 'Cấp phép xây dựng nhà ở',
        body: 'Hỏi về cấp phép.',
        agency: otherAgencyId,
        answerStatus: 'forwarded',
        trackingCode: 'HD-TEST-0002',
      },
    });
    await s.eventHub.emit('cong.question.forwarded', {
      documentId: q.documentId,
      fromAgencyDocumentId: otherAgencyId,
      toAgencyDocumentId: agencyId,
      reason: 'Thuộc thẩm quyền của Sở Thử nghiệm Thư',
    });
    const toAsker = await smtp.waitFor((m) => sentTo(m, asker) && m.subject.includes('đã được chuyển'));
    expect(toAsker.text).toContain('Lý do chuyển: Thuộc thẩm quyền của Sở Thử nghiệm Thư');
    expect(toAsker.text).toContain(`${SITE}/hoi-dap/tra-cuu/?ma=HD-TEST-0002`);
    const toEditor = await smtp.waitFor((m) => sentTo(m, editor) && m.subject.includes('Cấp phép xây dựng'));
    expect(toEditor.text).toContain('Sở Khác đã chuyển đến Sở Thử nghiệm Thư');

    const rejected = await s.documents(QUESTION).create({
      data: {
        askerName: 'Giàng A Páo',
        askerEmail: 'nguoi.hoi.3@example.vn',
        subject: 'Quảng cáo',
        body: 'x',
        agency: agencyId,
        answerStatus: 'rejected',
        trackingCode: 'HD-TEST-0003',
      },
    });
    await s.eventHub.emit('cong.question.rejected', { documentId: rejected.documentId, reason: 'Nội dung quảng cáo, không phải câu hỏi' });
    const r = await smtp.waitFor((m) => sentTo(m, 'nguoi.hoi.3@example.vn'));
    expect(r.subject).toBe('Câu hỏi của ông/bà không được tiếp nhận: Quảng cáo');
    expect(r.text).toContain('Lý do: Nội dung quảng cáo, không phải câu hỏi');
  }, 60_000);
});

describe('questions due in "Việc của tôi"', () => {
  it('questions overdue and due this week: the agency sees its own, the board all', async () => {
    const s = cms.strapi;
    const now = Date.now();
    const mk = async (agency: string, subject: string, dueAt: Date, answerStatus = 'received') =>
      (
        await s.documents(QUESTION).create({
          data: {
            askerName: 'Người hỏi',
            subject,
            body: 'Câu hỏi',
            agency: ids[agency],
            answerStatus,
            trackingCode: `HD-${subject}`,
            receivedAt: new Date(now - 20 * 86400_000),
            dueAt,
          },
        })
      ).documentId;
    const overdueA = await mk('A', 'qua-han-a', new Date(now - 86400_000));
    const soonA = await mk('A', 'sap-han-a', new Date(now + 60_000));
    await mk('A', 'da-tra-loi-a', new Date(now - 86400_000), 'answered');
    const overdueB = await mk('B', 'qua-han-b', new Date(now - 2 * 86400_000));
    const a = await myWork('editorA');
    expect(docIds(a.questions.overdue)).toEqual([overdueA]);
    expect(a.questions.overdue.items[0].overdue).toBe(true);
    expect(docIds(a.questions.dueThisWeek)).toEqual([soonA]);
    expect(JSON.stringify(a)).not.toContain(overdueB);
    const board = await myWork('board');
    expect(docIds(board.questions.overdue)).toEqual([overdueA, overdueB].sort());
  });
});
