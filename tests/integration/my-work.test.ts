/**
 * Issue 11, item 6 — the "Việc của tôi" admin route (GET /cong-my-work) over HTTP on a booted CMS:
 * each role sees its own work, and an agency account never sees another agency's items or
 * questions through it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '@cong/shared';
import { bootCms, type BootedCms } from '../helpers/strapi';
import { call, createAccount, login } from '../helpers/workflow';

const ART = 'api::article.article';

let cms: BootedCms;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};

const step = (token: string, documentId: string, action: string, reason?: string) =>
  call(cms.url, token, 'POST', `/cong-workflow/items/${ART}/${documentId}/transitions`, { action, ...(reason ? { reason } : {}) });
const myWork = async (who: string) => {
  const r = await call(cms.url, tokens[who], 'GET', '/cong-my-work');
  expect(r.status).toBe(200);
  return r.body.data;
};
const docIds = (group: { items: { documentId: string }[] } | null) => (group?.items ?? []).map((i) => i.documentId).sort();

beforeAll(async () => {
  cms = await bootCms();
  const s = cms.strapi;
  for (const [key, name, slug, schedule] of [
    ['A', 'Sở Việc A', 'so-viec-a', 'monWedFri'],
    ['B', 'Báo Việc B', 'bao-viec-b', 'daily'],
  ] as const) {
    const a = await s
      .documents('api::agency.agency')
      .create({ data: { name, slug, kind: 'department', updateSchedule: schedule, editorialState: 'published' }, status: 'published' });
    ids[key] = a.documentId;
    await createAccount(s, { email: `bientap.${slug}@laocai.example`, role: 'agencyEditor', agencyDocumentId: a.documentId });
    await createAccount(s, { email: `totruong.${slug}@laocai.example`, role: 'agencyTeamLead', agencyDocumentId: a.documentId });
    tokens[`editor${key}`] = await login(cms.url, `bientap.${slug}@laocai.example`);
    tokens[`lead${key}`] = await login(cms.url, `totruong.${slug}@laocai.example`);
    const mk = async (title: string) => (await s.documents(ART).create({ data: { title, kind: 'news', scope: 'province', agency: a.documentId } })).documentId;
    ids[`draft${key}`] = await mk(`Bản nháp ${key}`);
    ids[`review${key}`] = await mk(`Chờ duyệt ${key}`);
    ids[`returned${key}`] = await mk(`Bị trả lại ${key}`);
    ids[`published${key}`] = await mk(`Đã đăng ${key}`);
  }
  await createAccount(s, { email: 'bbt.viec@laocai.example', role: 'editorialBoard' });
  await createAccount(s, { email: 'bbt2.viec@laocai.example', role: 'editorialBoard' });
  tokens.board = await login(cms.url, 'bbt.viec@laocai.example');
  tokens.board2 = await login(cms.url, 'bbt2.viec@laocai.example');
  for (const key of ['A', 'B']) {
    const lead = tokens[`lead${key}`];
    for (const d of ['review', 'returned', 'published']) expect((await step(lead, ids[`${d}${key}`], 'submit')).status).toBe(200);
    expect((await step(tokens.board, ids[`returned${key}`], 'return', `Thiếu ảnh ${key}`)).status).toBe(200);
    expect((await step(tokens.board, ids[`published${key}`], 'approve')).status).toBe(200);
    expect((await step(tokens.board, ids[`published${key}`], 'publish')).status).toBe(200);
  }
}, 240_000);

afterAll(async () => {
  await cms?.stop();
});

describe('GET /cong-my-work (Việc của tôi)', () => {
  it("an agency editor sees its agency's returned items with the reason, nothing to review, and its update week with today met", async () => {
    const w = await myWork('editorA');
    expect(w.scope).toBe('agency');
    expect(w.agency.name).toBe('Sở Việc A');
    expect(docIds(w.returned)).toEqual([ids.returnedA]);
    expect(w.returned.items[0].reason).toBe('Thiếu ảnh A');
    expect(w.returned.items[0].path).toBe(`/content-manager/collection-types/${ART}/${ids.returnedA}`);
    expect(w.waiting).toBeNull();
    expect(w.schedule.label).toBe('Thứ Hai, Thứ Tư, Thứ Sáu');
    expect(w.schedule.days).toHaveLength(7);
    const today = w.schedule.days.find((d: any) => d.date === todayInVietnam());
    expect(today.met).toBe(true);
    expect(w.schedule.days.filter((d: any) => d.required).map((d: any) => d.weekday)).toEqual([1, 3, 5]);
  });

  it("a team lead sees its agency's drafts to submit; the press agency's week is every day", async () => {
    const a = await myWork('leadA');
    expect(a.waiting.label).toMatch(/tổ trưởng gửi duyệt/);
    expect(docIds(a.waiting)).toEqual([ids.draftA]);
    const b = await myWork('leadB');
    expect(docIds(b.waiting)).toEqual([ids.draftB]);
    expect(b.schedule.days.every((d: any) => d.required)).toBe(true);
  });

  it('the board sees the submitted items of every agency, and no agency schedule', async () => {
    const w = await myWork('board');
    expect(w.scope).toBe('all');
    expect(docIds(w.waiting)).toEqual([ids.reviewA, ids.reviewB].sort());
    expect(w.returned.total).toBe(0);
    expect(w.schedule).toBeNull();
  });

  it("another agency's items never appear in an agency account's answer", async () => {
    for (const [who, other] of [
      ['editorA', 'B'],
      ['leadA', 'B'],
      ['editorB', 'A'],
      ['leadB', 'A'],
    ]) {
      const text = JSON.stringify(await myWork(who));
      for (const k of ['draft', 'review', 'returned', 'published']) expect(text).not.toContain(ids[`${k}${other}`]);
      expect(text).not.toContain(ids[other]);
      expect(text).not.toContain(other === 'A' ? 'Sở Việc A' : 'Báo Việc B');
    }
  });

  it('refuses a request without an admin session', async () => {
    expect((await call(cms.url, null, 'GET', '/cong-my-work')).status).toBe(401);
  });
});
