/**
 * Accountability reports on a real CMS: the monthly compliance record per unit (R-3.7, schedule
 * ) and the royalty ledger, from the transition log, over the admin API, JSON
 * and CSV; each agency's accounts see only their own unit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam, requiredUpdateDays } from '@cong/shared';
import { bootCms, type BootedCms } from '../helpers/strapi';
import { call, createAccount, login } from '../helpers/workflow';
import { requireSeedSources } from '../../scripts/seed/paths';
import { importSeed } from '../../scripts/seed/import';

/** checked when the file loads: missing seed data fails the file, naming the files (never a skip) */
const seedSources = requireSeedSources();
let cms: BootedCms;
let boardToken: string;
let editorToken: string;
let pressId: string;
const month = todayInVietnam().slice(0, 7);

beforeAll(async () => {
  cms = await bootCms();
  await importSeed(cms.strapi, seedSources);
  const press = await cms.strapi.documents('api::agency.agency').findFirst({ filters: { name: 'Báo Lào Cai' }, status: 'published' });
  pressId = press.documentId;
  const other = await cms.strapi.documents('api::agency.agency').findFirst({ filters: { name: 'Sở Y tế' }, status: 'published' });
  // a news item by a named author, published today by the system (as the scheduler would)
  const a = await cms.strapi.documents('api::article.article').create({
    data: { title: 'Bài kiểm thử nhuận bút', kind: 'news', scope: 'province', author: 'Phóng viên Kiểm Thử', agency: pressId, editorialState: 'approved' },
  });
  await cms.strapi.documents('api::article.article').publish({ documentId: a.documentId });
  await createAccount(cms.strapi, { email: 'bbt@laocai.test', role: 'editorialBoard' });
  await createAccount(cms.strapi, { email: 'syt.editor@laocai.test', role: 'agencyEditor', agencyDocumentId: other.documentId });
  boardToken = await login(cms.url, 'bbt@laocai.test');
  editorToken = await login(cms.url, 'syt.editor@laocai.test');
});

afterAll(async () => {
  await cms?.stop();
});

describe(`accountability reports (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  it('gives the board every unit with its required and met update days', async () => {
    const r = await call(cms.url, boardToken, 'GET', `/cong-reports/compliance?month=${month}`);
    expect(r.status).toBe(200);
    expect(r.body.data.rows).toHaveLength(34);
    const press = r.body.data.rows.find((row: any) => row.agencyDocumentId === pressId);
    expect(press.schedule).toBe('daily');
    expect(press.requiredDays).toBe(requiredUpdateDays(month, 'daily', todayInVietnam()).length);
    expect(press.metDays).toBeGreaterThanOrEqual(1);
    expect(press.missedDays).not.toContain(todayInVietnam());
  });

  it('exports the compliance report as CSV for Excel', async () => {
    const res = await fetch(`${cms.url}/cong-reports/compliance?month=${month}&format=csv`, { headers: { authorization: `Bearer ${boardToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM so Excel reads Vietnamese
    const text = bytes.toString('utf8');
    expect(text).toContain('Đơn vị,Lịch cập nhật');
    expect(text).toContain('Báo Lào Cai,Hằng ngày');
  });

  it('puts the author of a first publication in the royalty ledger at the rate of its kind', async () => {
    const r = await call(cms.url, boardToken, 'GET', `/cong-reports/royalties?month=${month}`);
    expect(r.status).toBe(200);
    const line = r.body.data.lines.find((l: any) => l.itemTitle === 'Bài kiểm thử nhuận bút');
    expect(line).toMatchObject({ author: 'Phóng viên Kiểm Thử', itemKind: 'news', agencyName: 'Báo Lào Cai', amountVnd: 150000 });
    expect(r.body.data.totalVnd).toBe(r.body.data.lines.reduce((s: number, l: any) => s + l.amountVnd, 0));
  });

  it("shows an agency's accounts only their own unit", async () => {
    const r = await call(cms.url, editorToken, 'GET', `/cong-reports/compliance?month=${month}`);
    expect(r.status).toBe(200);
    expect(r.body.data.rows.map((x: any) => x.agencyName)).toEqual(['Sở Y tế']);
    const l = await call(cms.url, editorToken, 'GET', `/cong-reports/royalties?month=${month}`);
    expect(l.body.data.lines.find((x: any) => x.agencyName === 'Báo Lào Cai')).toBeUndefined();
  });

  it('refuses anonymous callers and names a bad month', async () => {
    expect((await call(cms.url, null, 'GET', `/cong-reports/compliance?month=${month}`)).status).toBe(401);
    const bad = await call(cms.url, boardToken, 'GET', '/cong-reports/compliance?month=2026-13');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^month:/);
  });
});
