/**
 * Red-team F20 — the published state's change log (ADR 0023, `cong_state_changes`) against a
 * backlog: every write of an agency editor (a draft saved, a relation edited) adds a row, kept 24 h,
 * and the tracker read every row it had not seen in one statement and spread them into an array
 * (`rows.push(...rows)`). Past ~125,000 rows (an editor saving twice a second for a day, a large
 * import, a CMS restarted after a busy day) that threw `RangeError` on every read, full ones too:
 * the endpoint answered 500 for good (the rows' pruning ran after the read), so nothing was
 * published again, withdrawals included.
 *
 * The backlog is written straight into the table (what a day of writes leaves there); the state
 * must still be read, and a withdrawal after it must reach the publisher's delta.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISHER_SECRET_HEADER, type PublishedStateAnswer } from '@cong/shared';
import { bootCms, testDb, type BootedCms } from '../helpers/strapi';
import { PublishedStateTracker } from '../../cms/src/api/publisher/state-tracker';

const SECRET = 'bi-mat-webhook-thu-nghiem-0123456789';
const AG = 'api::agency.agency';
const ART = 'api::article.article';
const BACKLOG = 150_000;

let cms: BootedCms;
let s: any;

const answer = async (since?: string): Promise<{ status: number; body: PublishedStateAnswer & { error?: unknown } }> => {
  const res = await fetch(`${cms.url}/api/publisher/published${since ? `?since=${encodeURIComponent(since)}` : ''}`, {
    headers: { [PUBLISHER_SECRET_HEADER]: SECRET },
  });
  return { status: res.status, body: (await res.json()) as PublishedStateAnswer & { error?: unknown } };
};

/** Inserts `n` log rows naming `documentId` (a draft's saves), as the lifecycles would. */
async function backlog(n: number, documentId: string): Promise<void> {
  const knex = s.db.connection;
  const now = Date.now();
  const rows = Array.from({ length: n }, () => ({ uid: ART, document_id: documentId, created_at: now }));
  await knex.batchInsert('cong_state_changes', rows, 200);
}

beforeAll(async () => {
  cms = await bootCms({ env: { PUBLISHER_WEBHOOK_SECRET: SECRET } });
  s = cms.strapi;
}, 600_000);

afterAll(async () => {
  await cms?.stop();
});

describe(`published state change log under a backlog (${testDb})`, () => {
  it('reads the state after a day of writes, and a withdrawal after them reaches the delta', async () => {
    const ag = await s.documents(AG).create({ data: { name: 'Sở thử F20', slug: 'so-thu-f20', kind: 'department', editorialState: 'approved' } });
    await s.documents(AG).publish({ documentId: ag.documentId });
    const art = await s.documents(ART).create({
      data: { title: 'Tin thử F20', slug: 'tin-thu-f20', summary: 'Tóm tắt', body: 'Nội dung', agency: ag.documentId, editorialState: 'approved' },
    });
    await s.documents(ART).publish({ documentId: art.documentId });

    const first = await answer();
    expect(first.status).toBe(200);
    const cursor = (first.body as { cursor: string }).cursor;

    // a day of an editor's draft saves on one article
    await backlog(BACKLOG, art.documentId);
    const delta = await answer(cursor);
    expect(delta.status).toBe(200);

    // the article is withdrawn after the backlog: the next delta removes it
    await s.documents(ART).unpublish({ documentId: art.documentId });
    const after = await answer((delta.body as { cursor: string }).cursor);
    expect(after.status).toBe(200);
    const removed = after.body.full === false ? (after.body.removed[ART] ?? []) : null;
    const listed = after.body.full !== false ? after.body.entries[ART].map((e) => e.documentId) : null;
    if (removed) expect(removed).toContain(art.documentId);
    else expect(listed).not.toContain(art.documentId);

    // a restarted CMS (a new tracker: every row of the log unseen) reads the full state too
    const restarted = new PublishedStateTracker(s);
    const full = await restarted.full();
    expect(full.entries[ART].map((e) => e.documentId)).not.toContain(art.documentId);
    expect(full.entries[AG].map((e) => e.documentId)).toContain(ag.documentId);
  }, 300_000);
});
