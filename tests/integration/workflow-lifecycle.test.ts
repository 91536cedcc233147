/**
 * Issue 3 — what lives across boots: scheduled publishing survives a restart (an item that falls
 * due while the CMS is down is published when it comes back), the cron task publishes without a
 * restart, the roles bootstrap is idempotent, the local seed accounts (SEED_ACCOUNTS=true) link
 * themselves to their agencies once the agencies exist, and server code with no request (the
 * seed import) acts as the system and is recorded.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { bootCms, gql, testDb, type BootedCms } from '../helpers/strapi';
import { call, createAccount, login, TRANSITION_UID } from '../helpers/workflow';
import { UID } from '../helpers/uids';

const ART = UID.article;
const database = testDb === 'postgres' ? `cong_wf_${randomBytes(4).toString('hex')}` : path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cong-wf-')), 'data.db');
const NEVER = '0 0 0 1 1 *'; // cron: once a year — only the boot catch-up may publish
let cms: BootedCms | undefined;

afterAll(async () => {
  await cms?.stop();
  if (testDb === 'sqlite') fs.rmSync(path.dirname(database), { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const publicTitles = async (url: string) => (await gql(url, `{ articles(pagination: { pageSize: 100 }) { title } }`)).data.articles.map((a: any) => a.title);
const rolesSnapshot = async (strapi: any) =>
  (
    await strapi.db.query('admin::role').findMany({
      where: { code: { $startsWith: 'cong-' } },
      populate: { permissions: { select: ['action', 'subject', 'conditions'] } },
      orderBy: { code: 'asc' },
    })
  ).map((r: any) => ({
    code: r.code,
    name: r.name,
    permissions: r.permissions.map((p: any) => `${p.action} ${p.subject} ${JSON.stringify(p.conditions)}`).sort(),
  }));

describe(`workflow across restarts (${testDb})`, () => {
  let scheduledId = '';
  let roles: unknown;
  let publishAt = 0;

  it('boot 1: local seed accounts exist before their agencies; the seed import runs as the system', async () => {
    cms = await bootCms({
      database,
      keepDatabase: true,
      env: { SEED_ACCOUNTS: 'true', SEED_ACCOUNTS_PASSWORD: 'Mat-khau-thu-2026', WORKFLOW_CRON_RULE: NEVER },
    });
    const s = cms.strapi;
    roles = await rolesSnapshot(s);
    expect((roles as any[]).map((r) => r.code)).toEqual(['cong-agency-editor', 'cong-agency-team-lead', 'cong-editorial-board', 'cong-editorial-council']);
    expect(await s.db.query('admin::role').findOne({ where: { code: 'strapi-editor' } })).toBeNull();

    // the editor's account works but reaches nothing until its agency exists
    const early = await login(cms.url, 'bientap.tnmt@laocai.local', 'Mat-khau-thu-2026');
    expect((await call(cms.url, early, 'GET', '/cong-workflow/me')).body.data).toMatchObject({ roles: ['agencyEditor'], agencyId: null });

    // what the seed import does (server code, no request): published, recorded as the system
    const agency = await s
      .documents('api::agency.agency')
      .create({ data: { name: 'Sở Tài nguyên và Môi trường', kind: 'department', editorialState: 'published' }, status: 'published' });
    expect(agency.slug).toBe('so-tai-nguyen-va-moi-truong');
    const log = await s.db.query(TRANSITION_UID).findOne({ where: { itemDocumentId: agency.documentId } });
    expect(log).toMatchObject({ action: 'publish', fromState: null, toState: 'published', actorId: 'system', channel: 'system' });

    // now the account is linked, through the slug
    const t = await login(cms.url, 'bientap.tnmt@laocai.local', 'Mat-khau-thu-2026');
    expect((await call(cms.url, t, 'GET', '/cong-workflow/me')).body.data.agencyId).toBe(agency.documentId);
    const created = await call(cms.url, t, 'POST', `/content-manager/collection-types/${ART}`, {
      title: 'Tin của tài khoản dùng thử',
      kind: 'news',
      scope: 'province',
    });
    expect(created.status).toBe(201);
    for (const email of [
      'totruong.tnmt@laocai.local',
      'bientap.tplc@laocai.local',
      'totruong.tplc@laocai.local',
      'banbientap@laocai.local',
      'hoidong@laocai.local',
    ]) {
      expect(await s.db.query('admin::user').findOne({ where: { email } })).not.toBeNull();
    }
    // the city's accounts link to the agency the real data names "Ủy ban nhân dân thành phố Lào Cai"
    const city = await s
      .documents('api::agency.agency')
      .create({ data: { name: 'Ủy ban nhân dân thành phố Lào Cai', kind: 'district', editorialState: 'published' }, status: 'published' });
    const tc = await login(cms.url, 'bientap.tplc@laocai.local', 'Mat-khau-thu-2026');
    expect((await call(cms.url, tc, 'GET', '/cong-workflow/me')).body.data.agencyId).toBe(city.documentId);
  });

  it('boot 1: the board schedules an approved article a few seconds ahead, then the CMS stops', async () => {
    const s = cms!.strapi;
    await createAccount(s, { email: 'bbt.hen@thu.local', role: 'editorialBoard' });
    const board = await login(cms!.url, 'bbt.hen@thu.local');
    const doc = await s.documents(ART).create({ data: { title: 'Tin hẹn giờ', kind: 'news', scope: 'province', editorialState: 'approved' } });
    scheduledId = doc.documentId;
    publishAt = Date.now() + 4000;
    const res = await call(cms!.url, board, 'POST', `/cong-workflow/items/${ART}/${scheduledId}/transitions`, {
      action: 'schedule',
      publishAt: new Date(publishAt).toISOString(),
    });
    expect(res.status).toBe(200);
    expect(res.body.data.state).toBe('scheduled');
    expect(await publicTitles(cms!.url)).not.toContain('Tin hẹn giờ');
    await cms!.stop();
    cms = undefined;
  });

  it('boot 2: what fell due while the CMS was down is published at boot; roles are unchanged', async () => {
    const wait = publishAt - Date.now() + 500;
    if (wait > 0) await sleep(wait);
    cms = await bootCms({ database, keepDatabase: true, env: { WORKFLOW_CRON_RULE: NEVER } });
    const s = cms.strapi;
    expect(await publicTitles(cms.url)).toContain('Tin hẹn giờ');
    const draft = await s.db.query(ART).findOne({ where: { documentId: scheduledId, publishedAt: null } });
    expect(draft.editorialState).toBe('published');
    const log = await s.db.query(TRANSITION_UID).findOne({ where: { itemDocumentId: scheduledId, action: 'publish' } });
    expect(log).toMatchObject({ fromState: 'scheduled', toState: 'published', actorId: 'system', channel: 'scheduler', reason: 'Đăng theo lịch hẹn giờ' });
    expect(await rolesSnapshot(s)).toEqual(roles);
  });

  it('the cron task publishes a scheduled item without a restart', async () => {
    await cms!.stop();
    cms = await bootCms({ database, env: { WORKFLOW_CRON_RULE: '* * * * * *' } });
    const s = cms.strapi;
    const board = await login(cms.url, 'bbt.hen@thu.local');
    const doc = await s.documents(ART).create({ data: { title: 'Tin hẹn giờ thứ hai', kind: 'news', scope: 'province', editorialState: 'approved' } });
    const res = await call(cms.url, board, 'POST', `/cong-workflow/items/${ART}/${doc.documentId}/transitions`, {
      action: 'schedule',
      publishAt: new Date(Date.now() + 2000).toISOString(),
    });
    expect(res.status).toBe(200);
    for (let i = 0; i < 20 && !(await publicTitles(cms.url)).includes('Tin hẹn giờ thứ hai'); i++) await sleep(500);
    expect(await publicTitles(cms.url)).toContain('Tin hẹn giờ thứ hai');
  });
});
