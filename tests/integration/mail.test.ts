/**
 * Issue 11, item 5 — notification mails over real SMTP: a booted CMS sends through Strapi's email
 * plugin (nodemailer provider, configured from env) to a real maildev started by the test; the
 * mails are read back over maildev's API. Then a second CMS points at an SMTP server that refuses
 * every mail: the workflow step still succeeds, the queue retries and gives up, and the log names
 * no address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootCms, type BootedCms } from '../helpers/strapi';
import { call, createAccount, login } from '../helpers/workflow';
import { sentTo, startMaildev, type Catcher } from '../helpers/maildev';

const ART = 'api::article.article';
const SITE = 'https://cong-thu-nghiem.laocai.example';

async function makeAgency(strapi: any, name: string, slug: string) {
  return strapi.documents('api::agency.agency').create({ data: { name, slug, kind: 'department', editorialState: 'published' }, status: 'published' });
}

const step = (url: string, token: string, uid: string, documentId: string, action: string, reason?: string) =>
  call(url, token, 'POST', `/cong-workflow/items/${uid}/${documentId}/transitions`, { action, ...(reason ? { reason } : {}) });

describe('mails over SMTP to a local catcher (maildev)', () => {
  let cms: BootedCms;
  let smtp: Catcher;
  let agencyId = '';
  let otherAgencyId = '';
  const editor = 'bientap.mail@laocai.example';
  const lead = 'totruong.mail@laocai.example';
  const otherEditor = 'bientap.khac@laocai.example';
  const board = 'banbientap.mail@laocai.example';

  beforeAll(async () => {
    smtp = await startMaildev();
    cms = await bootCms({
      env: {
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(smtp.smtpPort),
        SMTP_SECURE: 'false',
        MAIL_FROM: 'Cổng TTĐT tỉnh Lào Cai <no-reply@laocai.example>',
        MAIL_REPLY_TO: 'bbt@laocai.example',
        SITE_URL: SITE,
      },
    });
    const s = cms.strapi;
    agencyId = (await makeAgency(s, 'Sở Thử nghiệm Thư', 'so-thu-nghiem-thu')).documentId;
    otherAgencyId = (await makeAgency(s, 'Sở Khác', 'so-khac')).documentId;
    await createAccount(s, { email: editor, role: 'agencyEditor', agencyDocumentId: agencyId, firstname: 'Lan' });
    await createAccount(s, { email: lead, role: 'agencyTeamLead', agencyDocumentId: agencyId, firstname: 'Minh' });
    await createAccount(s, { email: otherEditor, role: 'agencyEditor', agencyDocumentId: otherAgencyId });
    await createAccount(s, { email: board, role: 'editorialBoard', firstname: 'Hà' });
  }, 180_000);

  afterAll(async () => {
    await cms?.stop();
    await smtp?.stop();
  });

  it("a returned item's mail reaches the agency's editors with the reason; a published item's mail carries its public link", async () => {
    const s = cms.strapi;
    const reason = 'Thiếu nguồn trích dẫn <số liệu> & ảnh minh hoạ';
    const doc = await s.documents(ART).create({
      data: { title: 'Thông báo lịch tiếp công dân tháng 12', slug: 'lich-tiep-cong-dan-thang-12', kind: 'announcement', scope: 'province', agency: agencyId },
    });
    const [leadToken, boardToken] = [await login(cms.url, lead), await login(cms.url, board)];
    expect((await step(cms.url, leadToken, ART, doc.documentId, 'submit')).status).toBe(200);
    expect((await step(cms.url, boardToken, ART, doc.documentId, 'return', reason)).status).toBe(200);

    const returned = await smtp.waitFor((m) => sentTo(m, editor) && m.subject.startsWith('Nội dung bị trả lại'));
    expect(returned.subject).toBe('Nội dung bị trả lại: Thông báo lịch tiếp công dân tháng 12');
    expect(returned.from[0].address).toBe('no-reply@laocai.example');
    expect(returned.text).toContain(reason);
    expect(returned.text).toContain(`/admin/content-manager/collection-types/${ART}/${doc.documentId}`);
    // the reason is text in the HTML version, never markup
    expect(returned.html).toContain('Thiếu nguồn trích dẫn &lt;số liệu&gt; &amp; ảnh minh hoạ');
    expect(returned.html).not.toContain('<số liệu>');
    await smtp.waitFor((m) => sentTo(m, lead) && m.subject.startsWith('Nội dung bị trả lại'));

    // fixed, submitted again, approved and published by the board
    expect((await step(cms.url, await login(cms.url, editor), ART, doc.documentId, 'revise')).status).toBe(200);
    await s.documents(ART).update({ documentId: doc.documentId, data: { body: 'Có nguồn.' } });
    expect((await step(cms.url, leadToken, ART, doc.documentId, 'submit')).status).toBe(200);
    expect((await step(cms.url, boardToken, ART, doc.documentId, 'approve')).status).toBe(200);
    expect((await step(cms.url, boardToken, ART, doc.documentId, 'publish')).status).toBe(200);
    const published = await smtp.waitFor((m) => sentTo(m, editor) && m.subject.startsWith('Đã xuất bản'));
    expect(published.text).toContain(`${SITE}/tin-tuc/lich-tiep-cong-dan-thang-12/`);
    expect(published.html).toContain(`href="${SITE}/tin-tuc/lich-tiep-cong-dan-thang-12/"`);

    // nothing went to another agency's editor nor to the board
    await cms.strapi.congMail.whenIdle();
    const all = await smtp.mails();
    expect(all.filter((m) => sentTo(m, otherEditor) || sentTo(m, board))).toEqual([]);
  }, 120_000);
});

describe('a failing SMTP server never fails the step that caused the mail', () => {
  let cms: BootedCms;
  let smtp: Catcher;
  const logged: string[] = [];
  const editor = 'bientap.loi@laocai.example';

  beforeAll(async () => {
    // a real SMTP server that refuses this CMS: it asks for a login the CMS gets wrong
    smtp = await startMaildev(['--incoming-user', 'cong', '--incoming-pass', 'mat-khau-dung']);
    cms = await bootCms({
      env: {
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(smtp.smtpPort),
        SMTP_USER: 'cong',
        SMTP_PASSWORD: 'mat-khau-sai',
        MAIL_RETRY_DELAYS_MS: '100,100',
        SITE_URL: SITE,
      },
    });
    for (const level of ['warn', 'error', 'info'] as const) {
      const original = cms.strapi.log[level].bind(cms.strapi.log);
      cms.strapi.log[level] = (msg: any, ...rest: any[]) => {
        logged.push(String(msg));
        return original(msg, ...rest);
      };
    }
  }, 180_000);

  afterAll(async () => {
    await cms?.stop();
    await smtp?.stop();
  });

  it('the board returns an item while every mail is refused: the step succeeds, the mail is retried then dropped, and no address is logged', async () => {
    const s = cms.strapi;
    const agency = await makeAgency(s, 'Sở Lỗi Thư', 'so-loi-thu');
    await createAccount(s, { email: editor, role: 'agencyEditor', agencyDocumentId: agency.documentId });
    await createAccount(s, { email: 'totruong.loi@laocai.example', role: 'agencyTeamLead', agencyDocumentId: agency.documentId });
    await createAccount(s, { email: 'bbt.loi@laocai.example', role: 'editorialBoard' });
    const doc = await s.documents(ART).create({ data: { title: 'Tin bị trả lại', kind: 'news', scope: 'province', agency: agency.documentId } });
    expect((await step(cms.url, await login(cms.url, 'totruong.loi@laocai.example'), ART, doc.documentId, 'submit')).status).toBe(200);
    const r = await step(cms.url, await login(cms.url, 'bbt.loi@laocai.example'), ART, doc.documentId, 'return', 'Sai chính tả');
    expect(r.status).toBe(200);
    expect(r.body.data.state).toBe('returned');

    // two recipients (editor, team lead), three attempts each, then given up
    await expect.poll(() => s.congMail.stats.failed, { timeout: 30_000 }).toBe(2);
    await s.congMail.whenIdle();
    expect(s.congMail.stats.sent).toBe(0);
    expect(logged.filter((l) => l.includes('[mail]') && l.includes('EAUTH')).length).toBe(6);
    expect(logged.filter((l) => l.includes('[mail]') && /@/.test(l))).toEqual([]);
    expect(await smtp.mails()).toEqual([]);
    // the item's state is intact
    const draft = await s.db.query(ART).findOne({ where: { documentId: doc.documentId, publishedAt: null } });
    expect(draft.editorialState).toBe('returned');
  }, 120_000);
});
