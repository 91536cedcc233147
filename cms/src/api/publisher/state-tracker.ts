/**
 * The published state, incrementally (issue 12: publish → live at 15,000 routes; ADR 0023).
 *
 * Reading the whole state is one query per type with its relation joins: O(portal), ~0.45 s at
 * 15,000 routes on every publish. Here the CMS keeps a copy of the state in memory and answers
 * "what changed since cursor c" with only the entries that changed:
 *
 * - **Change log (shared table `cong_state_changes`).** Database lifecycles (`strapi.db.lifecycles`,
 *   every write of the document service, the admin, `db.query`, so publish/unpublish/discard's
 *   row creations and deletions too) of the public content types insert one row
 *   `(id, uid, document_id)` per written document, in the write's own transaction: it becomes
 *   visible exactly when the write is committed, on every CMS instance. A bulk write whose
 *   documents cannot be named (`deleteMany`/`updateMany`/`createMany` without `documentId` in
 *   their `where`/`data`) inserts `document_id = NULL`: the whole state is read again.
 * - **Commit order.** Ids are given at insert and transactions commit in any order: a reader may
 *   see id 12 before id 11 commits. The tracker remembers the ids it has not seen below the
 *   highest it has (gaps) and asks for them again on every update until they show up or are
 *   {@link GAP_TTL_MS} old (a rolled-back transaction never fills its gap). A row seen means its
 *   transaction committed before the statement that read it, so the entry queries that follow
 *   see the write.
 * - **Relations from the other side.** An entry's state also depends on its agency (slug,
 *   kind), procedure and the published targets of its `STATE_RELATIONS`. For every changed
 *   document X the tracker recomputes X and every entry that references X in its copy (before the
 *   write) or in the database (after it): a renamed agency, an unpublished legal document, a
 *   relation edited from the inverse side, Strapi re-linking relations on publish with raw SQL.
 * - **Time.** Consultations carry their phase at `generatedAt`: the (small) type is read whole on
 *   every update.
 * - **Cursor** `<instance>.<version>`: the instance id is random per process, the version counts
 *   the copy's changes. A cursor of another instance or process (a restart, another CMS behind the
 *   proxy) or older than the versions kept ({@link KEEP_VERSIONS}) gets the full state.
 *
 * Direct knex writes in cms/src (questions, document numbers) run at boot in schema hooks, before
 * any state is read, and touch no state field. Anything else that writes the tables outside Strapi
 * (a restored backup, a hand-edited database) is caught by the publisher's full state at start,
 * on the periodic reconciliation (its self-check) and on manual and daily rebuilds.
 */
import { randomBytes } from 'node:crypto';
import {
  CONSULTATION_UID,
  CONTENT_TYPE_UIDS,
  ROUTE_FIELDS,
  STATE_RELATIONS,
  consultationPhase,
  type PublishedEntry,
  type PublishedState,
  type PublishedStateDelta,
} from '@cong/shared';
import { attributesOf, type Strapi } from '../../lib/strapi-types';

/** The shared change log's table. */
export const STATE_CHANGES_TABLE = 'cong_state_changes';
/** How long a missing id of the log is asked for again (ms). */
export const GAP_TTL_MS = 10 * 60_000;
/** How many versions of the copy's changes are kept for cursors (older ones get the full state). */
export const KEEP_VERSIONS = 2_000;
/** Rows of the log older than this are deleted (ms; every instance has read them long before). */
const LOG_TTL_MS = 24 * 3_600_000;
/** At most this many new log rows are read per update; more, and the whole state is read again (red-team F20). */
export const LOG_READ_MAX = 10_000;
/** At most this many ids per `$in` (SQLite's variable limit). */
const CHUNK = 500;

/** A row as the state query selects it: ids, instants, route fields and the populated relations. */
interface StateRow {
  documentId: string;
  slug?: string | null;
  publishedAt: Date | string;
  updatedAt: Date | string | null;
  agency?: { documentId: string; slug?: string | null; kind?: string | null } | null;
  procedure?: { documentId: string; slug?: string | null } | null;
  [field: string]: unknown;
}

/** `db.query` populate of one relation: its published targets' chosen columns. */
interface PublishedPopulate {
  select: string[];
  where: { publishedAt: { $notNull: true } };
}

const iso = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);
const byId = (a: PublishedEntry, b: PublishedEntry) => (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0);
const chunks = <T>(xs: T[]): T[][] => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/** The relation fields a state entry of `uid` carries (agency, procedure, `STATE_RELATIONS`), with their target uid. */
export function stateRelationFields(strapi: Strapi, uid: string): { field: string; target: string }[] {
  const attrs = attributesOf(strapi, uid) as Record<string, { type?: string; target?: string } | undefined>;
  const fields = ['agency', 'procedure', ...(STATE_RELATIONS[uid] ?? [])];
  return fields.filter((f) => attrs[f]?.type === 'relation' && attrs[f]?.target).map((f) => ({ field: f, target: attrs[f]!.target! }));
}

/**
 * The state entries of `uid`'s published rows matching `where` (all of them without it), sorted
 * by documentId (JavaScript string order, the same on every database). Consultations carry their
 * phase at `now`. One query per type plus Strapi's relation populates; no document-service
 * middleware applies.
 */
export async function readStateEntries(strapi: Strapi, uid: string, now: Date, where: Record<string, unknown> = {}): Promise<PublishedEntry[]> {
  const attrs = attributesOf(strapi, uid);
  const routeFields = (ROUTE_FIELDS[uid] ?? []).filter((f) => attrs[f]);
  const select = ['documentId', 'publishedAt', 'updatedAt', ...(attrs.slug ? ['slug'] : []), ...routeFields];
  const populate: Record<string, PublishedPopulate> = {};
  if (attrs.agency) populate.agency = { select: ['documentId', 'slug', 'kind'], where: { publishedAt: { $notNull: true } } };
  if (attrs.procedure) populate.procedure = { select: ['documentId', 'slug'], where: { publishedAt: { $notNull: true } } };
  const relations = (STATE_RELATIONS[uid] ?? []).filter((f) => attrs[f]?.type === 'relation');
  for (const f of relations) populate[f] = { select: ['documentId'], where: { publishedAt: { $notNull: true } } };
  const rows: StateRow[] = await strapi.db.query(uid as never).findMany({
    where: { ...where, publishedAt: { $notNull: true } },
    select,
    populate,
  });
  return rows
    .map((r) => {
      const e: PublishedEntry = {
        documentId: r.documentId,
        slug: r.slug ?? null,
        publishedAt: iso(r.publishedAt)!,
        updatedAt: iso(r.updatedAt),
      };
      if (routeFields.length) {
        e.fields = {};
        for (const f of routeFields) {
          const v = r[f];
          e.fields[f] = v instanceof Date ? v.toISOString().slice(0, 10) : ((v ?? null) as string | number | boolean | null);
        }
        // a consultation's pages change when it opens and closes, without an edit: its phase
        // now is part of the state, so the diff at a boundary rebuilds them (consultation/boundaries.ts)
        if (uid === CONSULTATION_UID) e.fields.phase = consultationPhase(r.opensAt as string | Date | null, r.closesAt as string | Date | null, now);
      }
      if (attrs.agency) e.agency = r.agency ? { documentId: r.agency.documentId, slug: r.agency.slug ?? null, kind: r.agency.kind ?? null } : null;
      if (attrs.procedure) e.procedure = r.procedure ? { documentId: r.procedure.documentId, slug: r.procedure.slug ?? null } : null;
      if (relations.length) {
        e.refs = {};
        for (const f of relations) {
          const v = r[f];
          const targets = (Array.isArray(v) ? v : v ? [v] : []) as { documentId: string }[];
          e.refs[f] = [...new Set(targets.map((t) => t.documentId))].sort();
        }
      }
      return e;
    })
    .sort(byId);
}

/** The uids of the state that exist in this CMS. */
const stateUids = (strapi: Strapi) => CONTENT_TYPE_UIDS.filter((uid) => strapi.getModel(uid as never));

/**
 * Reads the index of every published entry of the public content types straight from the
 * database (see {@link readStateEntries}). Shape: `PublishedState` of @cong/shared.
 */
export async function readPublishedState(strapi: Strapi, now = new Date()): Promise<PublishedState> {
  const entries: Record<string, PublishedEntry[]> = {};
  for (const uid of stateUids(strapi)) entries[uid] = await readStateEntries(strapi, uid, now);
  return { generatedAt: now.toISOString(), entries };
}

const sameEntry = (a: PublishedEntry | undefined, b: PublishedEntry | undefined) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The documentIds a bulk write names in its `where` (or `data` rows), or null when it does not name them. */
function namedDocumentIds(params: any, result: any): string[] | null {
  if (typeof result?.documentId === 'string') return [result.documentId];
  const w = params?.where?.documentId;
  if (typeof w === 'string') return [w];
  if (w && typeof w === 'object') {
    if (typeof w.$eq === 'string') return [w.$eq];
    if (Array.isArray(w.$in) && w.$in.every((x: unknown) => typeof x === 'string')) return w.$in;
  }
  const data = params?.data;
  if (data && !Array.isArray(data) && typeof data.documentId === 'string') return [data.documentId];
  if (Array.isArray(data) && data.length && data.every((d: any) => typeof d?.documentId === 'string')) return data.map((d: any) => d.documentId);
  return null;
}

/**
 * Creates the change log table when missing (idempotent; another instance creating it meanwhile
 * is fine) and subscribes the lifecycles that fill it. Call from `bootstrap`.
 */
export async function registerStateChangeLog(strapi: Strapi): Promise<void> {
  const knex = strapi.db.connection;
  if (!(await knex.schema.hasTable(STATE_CHANGES_TABLE))) {
    await knex.schema
      .createTable(STATE_CHANGES_TABLE, (t: any) => {
        t.increments('id').primary();
        t.string('uid', 255).notNullable();
        t.string('document_id', 255).nullable();
        t.bigInteger('created_at').notNullable().index();
      })
      .catch(async (err: unknown) => {
        if (!(await knex.schema.hasTable(STATE_CHANGES_TABLE))) throw err;
      });
  }
  // rows older than LOG_TTL_MS go at boot as well: a CMS whose state is never read (no publisher)
  // would otherwise keep one row per write for ever (red-team F20)
  await knex(STATE_CHANGES_TABLE)
    .where('created_at', '<', Date.now() - LOG_TTL_MS)
    .del();
  const models = stateUids(strapi) as string[];
  const record = async (event: any) => {
    const uid: string = event.model?.uid;
    // a single write that matched no row wrote nothing
    if (['afterCreate', 'afterUpdate', 'afterDelete'].includes(event.action) && !event.result) return;
    const ids = namedDocumentIds(event.params, event.result);
    const rows = (ids ?? [null]).map((documentId) => ({ uid, document_id: documentId, created_at: Date.now() }));
    // in the write's transaction: the row is visible exactly when the write is
    const trx = strapi.db.inTransaction() ? (await strapi.db.transaction()).get() : null;
    const q = strapi.db.getConnection(STATE_CHANGES_TABLE);
    for (const part of chunks(rows)) await (trx ? q.clone().transacting(trx) : q.clone()).insert(part);
  };
  strapi.db.lifecycles.subscribe({
    models,
    afterCreate: record,
    afterCreateMany: record,
    afterUpdate: record,
    afterUpdateMany: record,
    afterDelete: record,
    afterDeleteMany: record,
  });
}

/** A full answer: the state, with the cursor to ask for changes since it. */
export type FullAnswer = PublishedState & { cursor: string; full: true };

/**
 * The CMS's copy of the published state and the log of its changes by version (one per process;
 * see the module comment). Updates run one at a time.
 */
export class PublishedStateTracker {
  /** random per process: a cursor of another process is unknown here */
  readonly instance = randomBytes(8).toString('hex');
  private version = 0;
  /** the oldest version a cursor may name (changes after it are all in `log`) */
  private base = 0;
  private copy: Map<string, Map<string, PublishedEntry>> | null = null;
  private log: { version: number; keys: string[] }[] = [];
  /** highest log id read, and the ids below it not seen yet (with when they were first missed, epoch ms) */
  private seen = 0;
  private gaps = new Map<number, number>();
  private chain: Promise<unknown> = Promise.resolve();
  private lastPrune = 0;
  private generatedAt = new Date(0);

  constructor(private readonly strapi: Strapi) {}

  /** The cursor of the copy as it is now. */
  private get cursor(): string {
    return `${this.instance}.${this.version}`;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** The full state, read afresh from the database (the copy is replaced by it; its differences are logged). */
  full(): Promise<FullAnswer> {
    return this.serial(async () => {
      await this.readLog(true);
      await this.refreshAll();
      return this.fullAnswer();
    });
  }

  /**
   * What changed since `cursor` (`<instance>.<version>` as a previous answer gave it): the
   * changed and removed entries, or the full state (`full: true`) when the cursor is not this
   * process's or too old.
   */
  since(cursor: string): Promise<FullAnswer | (PublishedStateDelta & { full: false })> {
    return this.serial(async () => {
      const [instance, v] = cursor.split('.');
      const version = Number(v);
      if (instance !== this.instance || !this.copy || version < this.base || version > this.version) {
        await this.readLog(true);
        await this.refreshAll();
        return this.fullAnswer();
      }
      await this.update();
      const keys = new Set<string>();
      for (const l of this.log) if (l.version > version) for (const k of l.keys) keys.add(k);
      const changed: Record<string, PublishedEntry[]> = {};
      const removed: Record<string, string[]> = {};
      for (const k of keys) {
        const [uid, id] = k.split('\u0000');
        const e = this.copy!.get(uid)?.get(id);
        if (e) (changed[uid] ??= []).push(e);
        else (removed[uid] ??= []).push(id);
      }
      for (const list of Object.values(changed)) list.sort(byId);
      for (const list of Object.values(removed)) list.sort();
      return { generatedAt: this.generatedAt.toISOString(), since: cursor, cursor: this.cursor, full: false, changed, removed };
    });
  }

  private fullAnswer(): FullAnswer {
    const entries: Record<string, PublishedEntry[]> = {};
    for (const [uid, m] of this.copy!) entries[uid] = [...m.values()].sort(byId);
    return { generatedAt: this.generatedAt.toISOString(), entries, cursor: this.cursor, full: true };
  }

  /**
   * Reads the log rows not seen yet (after `seen`, and the gaps). `all`: a full read follows, so
   * the rows only move the watermark. Returns the changed documents by uid, or null when a row
   * names no document (a bulk write: read everything).
   */
  private async readLog(all = false): Promise<Map<string, Set<string>> | null> {
    const now = Date.now();
    const knex = this.strapi.db.getConnection(STATE_CHANGES_TABLE);
    const gapIds = [...this.gaps.keys()];
    // at most LOG_READ_MAX new rows per read (red-team F20: a day of an editor's saves, ~125,000
    // rows, spread into one array threw RangeError on every read, full ones too, for good); past it
    // the whole state is read again and the rows between only move the watermark
    let rows: { id: number; uid: string; document_id: string | null }[] = await knex
      .clone()
      .select('id', 'uid', 'document_id')
      .where('id', '>', this.seen)
      .orderBy('id')
      .limit(LOG_READ_MAX + 1);
    let whole = false;
    if (rows.length > LOG_READ_MAX) {
      whole = true;
      const top = await knex.clone().max({ max: 'id' }).first();
      const highest = Number(top?.max ?? 0);
      // the ids just below the highest, for the gaps (transactions still open)
      rows = await knex
        .clone()
        .select('id', 'uid', 'document_id')
        .where('id', '>', Math.max(this.seen, highest - LOG_READ_MAX))
        .orderBy('id');
    }
    for (const part of chunks(gapIds)) for (const r of await knex.clone().select('id', 'uid', 'document_id').whereIn('id', part)) rows.push(r);
    const docs = new Map<string, Set<string>>();
    let max = this.seen;
    const got = new Set<number>();
    for (const r of rows) {
      const id = Number(r.id);
      got.add(id);
      this.gaps.delete(id);
      if (id > max) max = id;
      if (r.document_id === null) whole = true;
      else {
        if (!docs.has(r.uid)) docs.set(r.uid, new Set());
        docs.get(r.uid)!.add(r.document_id);
      }
    }
    // ids skipped below the highest seen: a transaction that had not committed when we read
    // (only the last LOG_READ_MAX ids: a transaction open across more writes than that is caught
    // by the publisher's periodic full read; holes of a rolled-back sequence cannot grow the gaps unboundedly)
    const from = Math.max(this.copy || !all ? this.seen + 1 : max - 1_000, max - LOG_READ_MAX, 1);
    for (let id = from; id < max; id++) if (!got.has(id) && !this.gaps.has(id)) this.gaps.set(id, now);
    this.seen = max;
    for (const [id, since] of this.gaps) {
      if (now - since > GAP_TTL_MS) {
        this.gaps.delete(id);
        // a rolled-back write (usual), or a transaction longer than that (the publisher's next full read catches it)
        this.strapi.log.debug(`[cong] published state: change log id ${id} did not appear in ${GAP_TTL_MS / 60_000} min`);
      }
    }
    if (now - this.lastPrune > 600_000) {
      this.lastPrune = now;
      await knex
        .clone()
        .where('created_at', '<', now - LOG_TTL_MS)
        .del();
    }
    return whole ? null : docs;
  }

  /** Records the changed keys as a new version. */
  private commitVersion(keys: Set<string>): void {
    if (!keys.size) return;
    this.version++;
    this.log.push({ version: this.version, keys: [...keys] });
    while (this.log.length > KEEP_VERSIONS) this.base = this.log.shift()!.version;
  }

  /** Reads the whole state into the copy; the differences with the old copy become a version. */
  private async refreshAll(): Promise<void> {
    const now = new Date();
    const state = await readPublishedState(this.strapi, now);
    const next = new Map(Object.entries(state.entries).map(([uid, list]) => [uid, new Map(list.map((e) => [e.documentId, e]))]));
    if (!this.copy) {
      this.copy = next;
      this.generatedAt = now;
      this.base = this.version;
      return;
    }
    const keys = new Set<string>();
    for (const [uid, m] of next) {
      const old = this.copy.get(uid) ?? new Map();
      for (const [id, e] of m) if (!sameEntry(old.get(id), e)) keys.add(`${uid}\u0000${id}`);
      for (const id of old.keys()) if (!m.has(id)) keys.add(`${uid}\u0000${id}`);
    }
    this.copy = next;
    this.generatedAt = now;
    this.commitVersion(keys);
  }

  /** Brings the copy up to the database: the changed documents, their referrers before and after, and every consultation. */
  private async update(): Promise<void> {
    const docs = await this.readLog();
    if (!docs) return this.refreshAll();
    const now = new Date();
    const copy = this.copy!;
    const recompute = new Map<string, Set<string>>();
    const add = (uid: string, id: string) => {
      if (!copy.has(uid)) return;
      if (!recompute.has(uid)) recompute.set(uid, new Set());
      recompute.get(uid)!.add(id);
    };
    for (const [uid, ids] of docs) for (const id of ids) add(uid, id);
    for (const uid of copy.keys()) {
      if (uid === CONSULTATION_UID) continue;
      for (const { field, target } of stateRelationFields(this.strapi, uid)) {
        const changed = docs.get(target);
        if (!changed?.size) continue;
        // before: the entries whose state (the copy) names a changed document
        for (const e of copy.get(uid)!.values()) {
          const named = field === 'agency' ? [e.agency?.documentId] : field === 'procedure' ? [e.procedure?.documentId] : (e.refs?.[field] ?? []);
          if (named.some((id) => id && changed.has(id))) add(uid, e.documentId);
        }
        // after: the published entries linked to a changed document now (any of its rows)
        for (const part of chunks([...changed])) {
          const rows: { documentId: string }[] = await this.strapi.db.query(uid as never).findMany({
            where: { publishedAt: { $notNull: true }, [field]: { documentId: { $in: part } } },
            select: ['documentId'],
          });
          for (const r of rows) add(uid, r.documentId);
        }
      }
    }
    const keys = new Set<string>();
    for (const [uid, ids] of recompute) {
      if (uid === CONSULTATION_UID) continue;
      const m = copy.get(uid)!;
      const fresh = new Map<string, PublishedEntry>();
      for (const part of chunks([...ids]))
        for (const e of await readStateEntries(this.strapi, uid, now, { documentId: { $in: part } })) fresh.set(e.documentId, e);
      for (const id of ids) {
        const e = fresh.get(id);
        if (sameEntry(m.get(id), e)) continue;
        keys.add(`${uid}\u0000${id}`);
        if (e) m.set(id, e);
        else m.delete(id);
      }
    }
    // consultations: their phase moves with time, the type is small — read whole every time
    if (copy.has(CONSULTATION_UID)) {
      const m = copy.get(CONSULTATION_UID)!;
      const fresh = new Map((await readStateEntries(this.strapi, CONSULTATION_UID, now)).map((e) => [e.documentId, e]));
      for (const [id, e] of fresh) if (!sameEntry(m.get(id), e)) keys.add(`${CONSULTATION_UID}\u0000${id}`);
      for (const id of m.keys()) if (!fresh.has(id)) keys.add(`${CONSULTATION_UID}\u0000${id}`);
      copy.set(CONSULTATION_UID, fresh);
    }
    this.generatedAt = now;
    this.commitVersion(keys);
  }
}
