/**
 * "Việc của tôi" (issue 11, item 6; ADR 0017): what the signed-in admin account has to do, for the
 * admin homepage widget (cms/src/admin/my-work). Admin API, admin authentication:
 *
 * GET /cong-my-work → `{ data: MyWork }` (see {@link MyWork}).
 *
 * Scope (R-3.3: each unit works only in its own sub-site): an agency account (Biên tập viên /
 * Tổ trưởng đơn vị) sees only its own agency's items and questions — the filter is built here
 * from the account's membership, not taken from the request; an agency account without an
 * agency sees nothing. The board, the council and the IT centre see every agency's questions;
 * "waiting for me" is the team lead's drafts to submit and the board's submitted and approved
 * items (shared/src/workflow.ts). Dates: ISO instants (UTC); days in Asia/Ho_Chi_Minh.
 */
import {
  EDITORIAL_STATE_LABELS,
  UPDATE_SCHEDULE_LABELS,
  WORKFLOW_ROLE_LABELS,
  addDays,
  contentType,
  todayInVietnam,
  updateWeek,
  type EditorialState,
  type UpdateSchedule,
} from '@cong/shared';
import { currentActor, type ResolvedActor } from '../workflow/actor';
import type { MyWork, MyWorkGroup, MyWorkItem, MyWorkQuestion } from './types';
import { AGENCY_SCOPED_UIDS, AGENCY_UID, TRANSITION_UID, WORKFLOW_UIDS, titleField } from '../workflow/constants';

export type { MyWork, MyWorkGroup, MyWorkItem, MyWorkQuestion } from './types';

const QUESTION_UID = 'api::question.question';
/** Most items listed per group (the count says how many there are). */
export const MY_WORK_LIMIT = 20;

const PORTAL_WIDE = new Set(['editorialBoard', 'editorialCouncil', 'itCentre']);
const AGENCY_ROLES = new Set(['agencyEditor', 'agencyTeamLead']);

const editPath = (uid: string, documentId: string) =>
  contentType(uid)?.type === 'single' ? `/content-manager/single-types/${uid}` : `/content-manager/collection-types/${uid}/${documentId}`;

type Scope = { kind: 'all' } | { kind: 'agency'; agencyId: string } | { kind: 'none' };

function scopeOf(actor: ResolvedActor): Scope {
  if (actor.roles.some((r) => PORTAL_WIDE.has(r))) return { kind: 'all' };
  if (actor.roles.some((r) => AGENCY_ROLES.has(r)) && actor.agencyId) return { kind: 'agency', agencyId: actor.agencyId };
  return { kind: 'none' };
}

/** The `where` that keeps `uid`'s draft rows inside the scope, or null when the scope excludes the type. */
function scopedWhere(uid: string, scope: Scope): Record<string, unknown> | null {
  if (scope.kind === 'none') return null;
  if (scope.kind === 'all') return {};
  if (uid === AGENCY_UID) return { documentId: scope.agencyId };
  if (AGENCY_SCOPED_UIDS.includes(uid)) return { agency: { documentId: scope.agencyId } };
  return null; // portal-wide types (province profile, homepage) are the board's
}

/** Draft rows in `states` of every workflow type inside the scope, newest change first. */
async function itemsIn(strapi: any, scope: Scope, states: EditorialState[], extra: Record<string, unknown> = {}): Promise<MyWorkGroup<MyWorkItem>> {
  const all: MyWorkItem[] = [];
  let total = 0;
  for (const uid of WORKFLOW_UIDS) {
    const scoped = scopedWhere(uid, scope);
    if (!scoped || !strapi.contentType(uid)) continue;
    const where = { ...scoped, ...extra, publishedAt: null, editorialState: { $in: states } };
    const q = strapi.db.query(uid);
    const [rows, count] = await Promise.all([
      q.findMany({
        where,
        orderBy: { updatedAt: 'desc' },
        limit: MY_WORK_LIMIT,
        populate: AGENCY_SCOPED_UIDS.includes(uid) ? { agency: { select: ['name'] } } : undefined,
      }),
      q.count({ where }),
    ]);
    total += count;
    const label = strapi.contentType(uid)?.info?.displayName ?? uid;
    for (const r of rows) {
      all.push({
        uid,
        documentId: r.documentId,
        kindLabel: label,
        title: String(r[titleField(uid)] ?? '(không có tiêu đề)'),
        agencyName: uid === AGENCY_UID ? (r.name ?? null) : (r.agency?.name ?? null),
        state: r.editorialState,
        stateLabel: EDITORIAL_STATE_LABELS[r.editorialState as EditorialState] ?? r.editorialState,
        updatedAt: new Date(r.updatedAt).toISOString(),
        path: editPath(uid, r.documentId),
      });
    }
  }
  all.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return { items: all.slice(0, MY_WORK_LIMIT), total };
}

/** Adds the reason of each returned item's latest return (from the audit log). */
async function withReasons(strapi: any, group: MyWorkGroup<MyWorkItem>): Promise<MyWorkGroup<MyWorkItem>> {
  for (const item of group.items) {
    const last = await strapi.db.query(TRANSITION_UID).findOne({
      where: { contentType: item.uid, itemDocumentId: item.documentId, action: 'return' },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: ['reason'],
    });
    item.reason = last?.reason ?? null;
  }
  return group;
}

/** Unanswered questions of the scope due before `before` (and, for `after`, not before it). */
async function questionsDue(strapi: any, scope: Scope, range: { before: string; after?: string }, now: string): Promise<MyWorkGroup<MyWorkQuestion>> {
  const scoped = scopedWhere(QUESTION_UID, scope);
  if (!scoped) return { items: [], total: 0 };
  const due: Record<string, string> = { $lt: range.before };
  if (range.after) due.$gte = range.after;
  const where = { ...scoped, publishedAt: null, answerStatus: { $notIn: ['answered', 'rejected'] }, dueAt: { $notNull: true, ...due } };
  const q = strapi.db.query(QUESTION_UID);
  const [rows, total] = await Promise.all([
    q.findMany({ where, orderBy: { dueAt: 'asc' }, limit: MY_WORK_LIMIT, populate: { agency: { select: ['name'] } } }),
    q.count({ where }),
  ]);
  return {
    total,
    items: rows.map((r: any) => {
      const dueAt = new Date(r.dueAt).toISOString();
      return {
        documentId: r.documentId,
        subject: String(r.subject ?? ''),
        agencyName: r.agency?.name ?? null,
        dueAt,
        overdue: dueAt < now,
        path: editPath(QUESTION_UID, r.documentId),
      };
    }),
  };
}

/** The UTC instant that starts Vietnam calendar day `isoDate` (00:00 at UTC+7; Vietnam has no DST). */
const dayStartUtc = (isoDate: string) => new Date(`${isoDate}T00:00:00+07:00`).toISOString();

/**
 * Computes "Việc của tôi" for `actor`.
 * @param now the current instant (tests pass a fixed one)
 */
export async function myWork(strapi: any, actor: ResolvedActor, now: Date = new Date()): Promise<MyWork> {
  const scope = scopeOf(actor);
  const today = todayInVietnam(now);
  const agencyRow =
    scope.kind === 'agency'
      ? await strapi.db
          .query(AGENCY_UID)
          .findOne({ where: { documentId: scope.agencyId, publishedAt: null }, select: ['documentId', 'name', 'updateSchedule'] })
      : null;
  const isBoard = actor.roles.includes('editorialBoard');

  // returned to me: my agency's returned items; the board's own returned items (it writes too)
  const returned =
    scope.kind === 'agency'
      ? await withReasons(strapi, await itemsIn(strapi, scope, ['returned']))
      : scope.kind === 'all' && actor.adminUserId
        ? await withReasons(strapi, await itemsIn(strapi, scope, ['returned'], { createdBy: { id: actor.adminUserId } }))
        : { items: [], total: 0 };

  let waiting: MyWork['waiting'] = null;
  if (isBoard) waiting = { label: 'Chờ Ban biên tập duyệt hoặc xuất bản', ...(await itemsIn(strapi, { kind: 'all' }, ['inReview', 'approved'])) };
  else if (actor.roles.includes('agencyTeamLead') && scope.kind === 'agency')
    waiting = { label: 'Bản nháp của đơn vị chờ tổ trưởng gửi duyệt', ...(await itemsIn(strapi, scope, ['draft'])) };

  let questions: MyWork['questions'] = null;
  if (strapi.contentType(QUESTION_UID)?.attributes?.dueAt) {
    const nowIso = now.toISOString();
    // the week ends on Sunday; the next Monday 00:00 (Vietnam) bounds "this week"
    const weekday = (new Date(`${today}T12:00:00+07:00`).getUTCDay() + 6) % 7; // 0 Monday … 6 Sunday
    const nextMonday = dayStartUtc(addDays(today, 7 - weekday));
    const [overdue, dueThisWeek] = await Promise.all([
      questionsDue(strapi, scope, { before: nowIso }, nowIso),
      questionsDue(strapi, scope, { after: nowIso, before: nextMonday }, nowIso),
    ]);
    questions = { overdue, dueThisWeek };
  }

  let schedule: MyWork['schedule'] = null;
  if (agencyRow) {
    const kind = (agencyRow.updateSchedule ?? 'monWedFri') as UpdateSchedule;
    const publishes = await strapi.db.query(TRANSITION_UID).findMany({
      where: { action: 'publish', agencyDocumentId: agencyRow.documentId, createdAt: { $gte: dayStartUtc(addDays(today, -7)) } },
      select: ['createdAt'],
    });
    schedule = {
      schedule: kind,
      label: UPDATE_SCHEDULE_LABELS[kind],
      days: updateWeek(
        today,
        kind,
        publishes.map((p: any) => new Date(p.createdAt).toISOString()),
      ),
    };
  }

  return {
    today,
    roleLabels: actor.roles.map((r) => WORKFLOW_ROLE_LABELS[r] ?? r),
    agency: agencyRow ? { documentId: agencyRow.documentId, name: agencyRow.name } : null,
    scope: scope.kind,
    returned,
    waiting,
    questions,
    schedule,
  };
}

async function handler(ctx: any) {
  const strapi = (globalThis as any).strapi;
  const actor = await currentActor(strapi);
  ctx.body = { data: await myWork(strapi, actor) };
}

/** The router, in the shape `strapi.admin.routes` holds. */
export const myWorkAdminRouter = {
  type: 'admin',
  prefix: '/cong-my-work',
  routes: [{ method: 'GET', path: '/', handler, config: { policies: ['admin::isAuthenticatedAdmin'] } }],
};

/** Register phase: mounts the admin route. */
export function registerMyWork(strapi: any): void {
  strapi.admin.routes['cong-my-work'] = myWorkAdminRouter;
}
