/**
 * Issue 12 — the published state, incrementally (ADR 0023): against a booted CMS on a real
 * database, a sequence of real writes through the document service (create + publish, edit,
 * change of agency, renamed agency slug, unpublish, delete, relations edited from both sides, a
 * bulk write naming no document, a write in an open transaction, a consultation opening with no
 * write) and after EACH: the state held by the publisher's source plus the CMS's delta
 * deep-equals a fresh full state, and the delta named what the write changed. Also the
 * endpoint's guards (secret, a malformed cursor → 400 naming `since`) and an unknown cursor
 * (a restart, another instance) getting the full state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyStateDelta, PUBLISHER_SECRET_HEADER, type PublishedState, type PublishedStateAnswer } from '@cong/shared';
import { bootCms, testDb, type BootedCms } from '../helpers/strapi';
import { PublishedStateSource } from '../../site/publisher/state';
import { UID } from '../helpers/uids';

const SECRET = 'bi-mat-webhook-thu-nghiem-0123456789';
const AG = UID.agency;
const ART = UID.article;
const LAW = UID.legalDocument;
const PROC = UID.administrativeProcedure;
const CONS = UID.consultation;

let cms: BootedCms;
let s: any;
/** what the publisher holds: the state and its cursor */
let held: { state: PublishedState; cursor: string };
const ids: Record<string, string> = {};

const answer = async (since?: string): Promise<PublishedStateAnswer> => {
  const res = await fetch(`${cms.url}/api/publisher/published${since ? `?since=${encodeURIComponent(since)}` : ''}`, {
    headers: { [PUBLISHER_SECRET_HEADER]: SECRET },
  });
  expect(res.status).toBe(200);
  return res.json() as Promise<PublishedStateAnswer>;
};

/** A fresh full state, entries only (generatedAt differs). */
const fresh = async () => {
  const a = await answer();
  if (!a.full) throw new Error('a full request got a delta');
  return a;
};

/**
 * Applies the CMS's delta since the held cursor, checks (held + delta) = a fresh full state,
 * and returns the keys (`uid documentId`) the delta named.
 */
async function step(): Promise<string[]> {
  const a = await answer(held.cursor);
  expect(a.full).toBe(false);
  if (a.full) throw new Error('unreachable');
  const next = applyStateDelta(held.state, a);
  const f = await fresh();
  expect(next.entries).toEqual(f.entries);
  held = { state: next, cursor: a.cursor };
  return [
    ...Object.entries(a.changed).flatMap(([uid, list]) => list.map((e) => `${uid} ${e.documentId}`)),
    ...Object.entries(a.removed).flatMap(([uid, list]) => list.map((id) => `${uid} ${id}`)),
  ].sort();
}

const entry = (uid: string, id: string) => held.state.entries[uid]?.find((e) => e.documentId === id);
const publish = (uid: string, documentId: string) => s.documents(uid).publish({ documentId });
async function createPublished(uid: string, data: Record<string, unknown>): Promise<string> {
  const d = await s.documents(uid).create({ data: { ...data, editorialState: 'approved' } });
  await publish(uid, d.documentId);
  return d.documentId;
}
async function edit(uid: string, documentId: string, data: Record<string, unknown>): Promise<void> {
  await s.documents(uid).update({ documentId, data: { ...data, editorialState: 'approved' } });
  await publish(uid, documentId);
}
const law = (n: string) => ({
  documentNumber: `${n}/2026/QĐ-UBND`,
  documentType: 'decision',
  issuingBody: 'UBND tỉnh',
  issuedDate: '2026-03-01',
  abstract: `Quyết định ${n}`,
  validityStatus: 'inForce',
});

beforeAll(async () => {
  cms = await bootCms({ env: { PUBLISHER_WEBHOOK_SECRET: SECRET } });
  s = cms.strapi;
  ids.agA = await createPublished(AG, { name: 'Sở Tư pháp thử', slug: 'so-tu-phap-thu', kind: 'department' });
  ids.agB = await createPublished(AG, { name: 'Sở Y tế thử', slug: 'so-y-te-thu', kind: 'department' });
  const a = await fresh();
  held = { state: { generatedAt: a.generatedAt, entries: a.entries }, cursor: a.cursor };
}, 600_000);

afterAll(async () => {
  await cms?.stop();
});

describe(`published state by deltas (${testDb})`, () => {
  it('guards the endpoint: secret, a malformed cursor is a 400 naming "since", an unknown cursor gets the full state', async () => {
    const url = `${cms.url}/api/publisher/published`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(`${url}?since=${held.cursor}`, { headers: { [PUBLISHER_SECRET_HEADER]: 'sai' } })).status).toBe(401);
    for (const bad of ['abc', `${held.cursor}x`, "1' OR 1=1", '0123456789abcdef.-1']) {
      const res = await fetch(`${url}?since=${encodeURIComponent(bad)}`, { headers: { [PUBLISHER_SECRET_HEADER]: SECRET } });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain('"since"');
    }
    const twice = await fetch(`${url}?since=${held.cursor}&since=${held.cursor}`, { headers: { [PUBLISHER_SECRET_HEADER]: SECRET } });
    expect(twice.status).toBe(400);
    // another process's cursor (a restart, another instance): the full state
    const other = await answer('0123456789abcdef.0');
    expect(other.full).toBe(true);
    // nothing written: an empty delta, same cursor
    expect(await step()).toEqual([]);
  });

  it('create + publish, edit, change of agency, renamed agency slug, delete', async () => {
    ids.art = await createPublished(ART, { title: 'Tin thử', slug: 'tin-thu', kind: 'news', scope: 'province', agency: ids.agA });
    expect(await step()).toEqual([`${ART} ${ids.art}`]);
    expect(entry(ART, ids.art)?.agency?.slug).toBe('so-tu-phap-thu');

    await edit(ART, ids.art, { title: 'Tin thử (sửa)' });
    expect(await step()).toEqual([`${ART} ${ids.art}`]);

    await edit(ART, ids.art, { agency: ids.agB });
    expect(await step()).toEqual([`${ART} ${ids.art}`]);
    expect(entry(ART, ids.art)?.agency?.documentId).toBe(ids.agB);

    // the agency is written, not the article: the article's state changes all the same
    await edit(AG, ids.agB, { slug: 'so-y-te-moi' });
    expect(await step()).toEqual([`${AG} ${ids.agB}`, `${ART} ${ids.art}`].sort());
    expect(entry(ART, ids.art)?.agency?.slug).toBe('so-y-te-moi');

    // the agency unpublished: the article's agency is gone from its state
    await s.documents(AG).unpublish({ documentId: ids.agB });
    expect(await step()).toEqual([`${AG} ${ids.agB}`, `${ART} ${ids.art}`].sort());
    expect(entry(ART, ids.art)?.agency).toBeNull();
    await publish(AG, ids.agB);
    await step();

    ids.art2 = await createPublished(ART, { title: 'Tin thử 2', slug: 'tin-thu-2', kind: 'news', scope: 'national', agency: ids.agA });
    await step();
    await s.documents(ART).delete({ documentId: ids.art2 });
    expect(await step()).toEqual([`${ART} ${ids.art2}`]);
    expect(entry(ART, ids.art2)).toBeUndefined();
  });

  it('relations edited from both sides, and an unpublished target', async () => {
    ids.law1 = await createPublished(LAW, law('101'));
    ids.law2 = await createPublished(LAW, law('102'));
    ids.proc = await createPublished(PROC, { name: 'Thủ tục thử', slug: 'thu-tuc-thu', agency: ids.agA, legalBasis: [ids.law1] });
    await step();
    expect(entry(PROC, ids.proc)?.refs?.legalBasis).toEqual([ids.law1]);

    // law2 replaces law1, written from law2's side
    await edit(LAW, ids.law2, { replaces: [ids.law1] });
    await step();
    expect(entry(LAW, ids.law1)?.refs?.replacedBy).toEqual([ids.law2]);
    // … and undone from law1's side (the inverse): law2's state changes with no write on it
    await edit(LAW, ids.law1, { replacedBy: [] });
    const keys = await step();
    expect(keys).toContain(`${LAW} ${ids.law2}`);
    expect(entry(LAW, ids.law2)?.refs?.replaces).toEqual([]);

    // an agency takes the article from its side (agency.articles is the inverse of article.agency)
    await edit(AG, ids.agA, { articles: { connect: [ids.art] } });
    expect(await step()).toContain(`${ART} ${ids.art}`);
    expect(entry(ART, ids.art)?.agency?.documentId).toBe(ids.agA);

    // the legal basis unpublished: the procedure (not written) no longer lists it
    await s.documents(LAW).unpublish({ documentId: ids.law1 });
    expect(await step()).toEqual([`${LAW} ${ids.law1}`, `${PROC} ${ids.proc}`].sort());
    expect(entry(PROC, ids.proc)?.refs?.legalBasis).toEqual([]);
    // republished, then linked again from the procedure
    await publish(LAW, ids.law1);
    expect(await step()).toEqual([`${LAW} ${ids.law1}`]);
    await edit(PROC, ids.proc, { legalBasis: [ids.law1, ids.law2] });
    expect(await step()).toEqual([`${PROC} ${ids.proc}`]);
    expect(entry(PROC, ids.proc)?.refs?.legalBasis).toEqual([ids.law1, ids.law2].sort());
    // law2 renamed (new slug) and republished: Strapi re-links the procedure's published row to
    // law2's new published row with raw SQL, no event on the procedure
    await edit(LAW, ids.law2, { slug: 'quyet-dinh-102-moi' });
    expect(await step()).toContain(`${LAW} ${ids.law2}`);
    expect(entry(PROC, ids.proc)?.refs?.legalBasis).toEqual([ids.law1, ids.law2].sort());
  });

  it('a bulk write that names no document: the whole state is read again', async () => {
    await s.db.query(ART).updateMany({ where: { slug: 'tin-thu', publishedAt: { $notNull: true } }, data: { scope: 'international' } });
    expect(await step()).toEqual([`${ART} ${ids.art}`]);
    expect(entry(ART, ids.art)?.fields?.scope).toBe('international');
  });

  it('a write in a transaction open while the state is read is not skipped once committed', async () => {
    let during: PublishedStateAnswer | null = null;
    await s.db.transaction(async () => {
      await s.db.query(ART).updateMany({ where: { documentId: ids.art }, data: { scope: 'province' } });
      if (testDb === 'postgres') {
        // another write commits first, with a later log id (PostgreSQL: another connection)
        await s.db.connection('cong_state_changes').insert({ uid: AG, document_id: ids.agA, created_at: Date.now() });
        during = await answer(held.cursor);
      }
    });
    if (during) {
      // the uncommitted write is not visible yet, and the cursor it gave must not skip it
      const d = during as PublishedStateAnswer;
      expect(d.full).toBe(false);
      if (!d.full) {
        const mid = applyStateDelta(held.state, d);
        expect(mid.entries[ART].find((e) => e.documentId === ids.art)?.fields?.scope).toBe('international');
        held = { state: mid, cursor: d.cursor };
      }
    }
    expect(await step()).toEqual([`${ART} ${ids.art}`]);
    expect(entry(ART, ids.art)?.fields?.scope).toBe('province');
  });

  it('a consultation opens with no write: its phase moves in the delta', async () => {
    const opensAt = new Date(Date.now() + 4_000).toISOString();
    const closesAt = new Date(Date.now() + 3_600_000).toISOString();
    ids.cons = await createPublished(CONS, { title: 'Lấy ý kiến thử', slug: 'lay-y-kien-thu', opensAt, closesAt, agency: ids.agA });
    await step();
    expect(entry(CONS, ids.cons)?.fields?.phase).toBe('upcoming');
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(opensAt) - Date.now()) + 200));
    expect(await step()).toEqual([`${CONS} ${ids.cons}`]);
    expect(entry(CONS, ids.cons)?.fields?.phase).toBe('open');
  });

  it("the publisher's source: full at first, deltas after, a cursor the CMS does not know replaced, a wrong held state caught by the self-check", async () => {
    const lines: string[] = [];
    const src = new PublishedStateSource(cms.url, SECRET, (l) => lines.push(l));
    expect((await src.current()).how).toBe('full');
    await edit(ART, ids.art, { title: 'Tin thử (lần nữa)' });
    const d = await src.current();
    expect(d.how).toBe('delta');
    expect(d.state.entries).toEqual((await fresh()).entries);
    // the self-check on a full read: nothing differs
    const checked = await src.current(true);
    expect(checked.how).toBe('full');
    expect(src.lastCheck?.mismatches).toEqual([]);
    expect(lines.join('\n')).not.toContain('SELF-CHECK FAILED');
    // a CMS restart (or another instance): its cursor is unknown, the full state replaces the held one
    const kept = (src as unknown as { held: { state: PublishedState; cursor: string } }).held;
    kept.cursor = '0123456789abcdef.3';
    kept.state = { ...kept.state, entries: { ...kept.state.entries, [ART]: [] } };
    const restarted = await src.current();
    expect(restarted.how).toBe('full');
    expect(restarted.state.entries).toEqual((await fresh()).entries);
    // a held state gone wrong (what a missed change would do): the self-check says so, loudly, and the full state wins
    const h2 = (src as unknown as { held: { state: PublishedState } }).held;
    h2.state = { ...h2.state, entries: { ...h2.state.entries, [ART]: h2.state.entries[ART].filter((e) => e.documentId !== ids.art) } };
    const full = await src.current(true);
    expect(full.how).toBe('full');
    expect(src.lastCheck?.mismatches).toEqual([`${ART} ${ids.art}`]);
    expect(lines.some((l) => l.includes('SELF-CHECK FAILED') && l.includes(ids.art))).toBe(true);
    expect(full.state.entries).toEqual((await fresh()).entries);
    expect((await src.current()).state.entries[ART].some((e) => e.documentId === ids.art)).toBe(true);
  });
});
