/**
 * Moderation of citizens' comments on consultations (issue 11, item 3; Law 104/2016 Art. 17(1)(c)).
 *
 * A comment (`api::consultation-comment.consultation-comment`) arrives as a draft through the
 * intake route (./intake.ts, as the system) and is hidden: the content API serves published
 * versions only (lib/public-read-guard.ts), and a comment's published version exists only once it
 * was approved. Approving = publishing, hiding again = unpublishing; `moderationStatus` says which
 * and is kept in step whatever path the moderator takes (the field in the edit view, the
 * Publish/Unpublish buttons, the list's bulk actions, the admin API).
 *
 * Who moderates (R-3.3: each unit works only in its own sub-site: the board answers for
 * what is published): the editors and team leads of the agency that owns the consultation (the
 * comment's `agency`, copied from the consultation by the intake, never from the form) and the
 * editorial board; the IT centre too. The council and every other agency may not. This
 * document-service middleware enforces it below every path (REST and GraphQL have no write route
 * for comments at all; the admin API and bulk actions land here), and narrows agency accounts'
 * admin reads of comments to their own agency (lists, counts, bulk validation).
 *
 * What a moderator may change: `moderationStatus` and `moderationNote` only — the citizen's words,
 * name and contact stay as received. Nobody but the system creates or clones a comment.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { errors } from '@strapi/utils';
import { CONSULTATION_COMMENT_UID, CONSULTATION_UID, isModerationStatus, type ModerationStatus } from '@cong/shared';
import { currentActor, currentChannel, currentRequest, type ResolvedActor } from '../workflow/actor';
import { appendTransition } from '../workflow/audit';
import { WorkflowForbiddenError } from '../workflow/errors';
import { META_KEYS } from '../workflow/constants';

const SEE_ALL_MODERATE = new Set(['editorialBoard', 'itCentre']);
const AGENCY_ROLES = new Set(['agencyEditor', 'agencyTeamLead']);

/** Fields a moderator may write. */
export const MODERATOR_FIELDS: readonly string[] = ['moderationStatus', 'moderationNote'];

export const CREATE_REFUSED_MESSAGE =
  'Ý kiến góp ý chỉ được gửi qua biểu mẫu trên trang lấy ý kiến của Cổng; không tạo hay nhân bản ý kiến trong trang quản trị hay qua API.';
export const DELETE_REFUSED_MESSAGE =
  'Không xoá ý kiến góp ý của người dân: ý kiến không phù hợp thì chọn "Từ chối" (ẩn nhưng vẫn lưu). Chỉ Ban biên tập cổng hoặc Trung tâm CNTT được xoá (R-3.5).';
export const NOT_YOURS_MESSAGE =
  'Chỉ biên tập viên, tổ trưởng của cơ quan, đơn vị chủ trì lấy ý kiến và Ban biên tập cổng được kiểm duyệt ý kiến góp ý này (R-3.3, R-3.5).';
export const FIELDS_MESSAGE = (fields: string[]) =>
  `Không sửa nội dung ý kiến của người dân (trường: ${fields.join(', ')}): người kiểm duyệt chỉ chọn "Trạng thái kiểm duyệt" và ghi chú.`;

const isSystem = (a: ResolvedActor) => a.roles.includes('system');
const onlyAgency = (a: ResolvedActor) => a.roles.length > 0 && a.roles.every((r) => AGENCY_ROLES.has(r));

/**
 * Whether `actor` may moderate a comment owned by `agencyId` (documentId of the agency).
 * Pure. Source of the rule.
 */
export function mayModerate(actor: { roles: readonly string[]; agencyId?: string | null }, agencyId: string | null): boolean {
  if (actor.roles.includes('system')) return true;
  if (actor.roles.some((r) => SEE_ALL_MODERATE.has(r))) return true;
  return Boolean(agencyId) && actor.roles.length > 0 && actor.roles.every((r) => AGENCY_ROLES.has(r)) && actor.agencyId === agencyId;
}

/** The owning agency (documentId) of each stored row of a comment; empty when it does not exist. */
async function ownersOf(strapi: any, documentId: string): Promise<Set<string | null>> {
  const rows = await strapi.db
    .query(CONSULTATION_COMMENT_UID)
    .findMany({ where: { documentId }, select: ['id'], populate: { agency: { select: ['documentId'] } } });
  return new Set(rows.map((r: any) => r.agency?.documentId ?? null));
}

async function assertModerator(strapi: any, actor: ResolvedActor, documentId: unknown): Promise<boolean> {
  if (typeof documentId !== 'string') throw new WorkflowForbiddenError(NOT_YOURS_MESSAGE, { reason: 'agency' });
  const owners = await ownersOf(strapi, documentId);
  if (!owners.size) return false;
  for (const a of owners) if (!mayModerate(actor, a)) throw new WorkflowForbiddenError(NOT_YOURS_MESSAGE, { reason: 'agency' });
  return true;
}

const stamp = (actor: ResolvedActor) => ({ moderatedAt: new Date().toISOString(), moderatedBy: actor.email ?? actor.name ?? actor.id });

async function setDraft(strapi: any, documentId: string, data: Record<string, unknown>): Promise<void> {
  await strapi.db.query(CONSULTATION_COMMENT_UID).updateMany({ where: { documentId, publishedAt: null }, data });
}

/** Set while a status change publishes or unpublishes the comment itself (one log entry per decision, not two). */
const applying = new AsyncLocalStorage<true>();

/**
 * Records a moderation decision in the audit log beside the workflow steps (who, when, what,
 * reason — ): action `moderate`, the editorial states the comment's visibility moved
 * between (approved → `published`; hidden again → `withdrawn`; never shown → `draft`), the
 * moderator's note as the reason, the moderation statuses in `detail`.
 */
async function recordModeration(
  strapi: any,
  actor: ResolvedActor,
  documentId: string,
  before: ModerationStatus | null,
  after: ModerationStatus,
  reason: string | null,
): Promise<void> {
  const row = await strapi.db.query(CONSULTATION_COMMENT_UID).findOne({
    where: { documentId, publishedAt: null },
    select: ['authorName'],
    populate: { consultation: { select: ['title'] }, agency: { select: ['documentId', 'name'] } },
  });
  const wasPublic = before === 'approved';
  await appendTransition(strapi, {
    uid: CONSULTATION_COMMENT_UID,
    documentId,
    title: `Ý kiến của ${row?.authorName ?? '(không rõ)'} về: ${row?.consultation?.title ?? '(dự thảo không còn)'}`,
    agency: row?.agency ? { documentId: row.agency.documentId, name: row.agency.name } : null,
    action: 'moderate',
    from: wasPublic ? 'published' : 'draft',
    to: after === 'approved' ? 'published' : wasPublic ? 'withdrawn' : 'draft',
    reason,
    detail: { moderationStatus: { from: before, to: after } },
    actor,
    channel: currentChannel(strapi),
  });
}

async function draftStatus(strapi: any, documentId: string): Promise<ModerationStatus | null> {
  const row = await strapi.db.query(CONSULTATION_COMMENT_UID).findOne({ where: { documentId, publishedAt: null }, select: ['moderationStatus'] });
  return row?.moderationStatus ?? null;
}

const ADMIN_PATH = (p: string) => !/^\/(api|graphql)(\/|$)/.test(p);

/**
 * The document-service middleware (register with `strapi.documents.use`).
 * @throws WorkflowForbiddenError (403) for a create/clone by anyone but the system, a write by
 *   someone who may not moderate the comment, or a change of the citizen's fields;
 *   errors.ValidationError (400, `moderationStatus`) for an unknown status
 */
export function moderationMiddleware(strapi: any) {
  return async (context: any, next: () => Promise<any>): Promise<any> => {
    if (context.uid !== CONSULTATION_COMMENT_UID) return next();
    const action: string = context.action;
    if (['findMany', 'findFirst', 'findOne', 'count'].includes(action)) {
      const ctx = currentRequest(strapi);
      if (ctx && ADMIN_PATH(String(ctx.path ?? ''))) {
        const actor = await currentActor(strapi);
        if (onlyAgency(actor)) {
          const scope = { agency: { documentId: { $eq: actor.agencyId ?? '#no-agency' } } };
          const params = (context.params ??= {});
          params.filters = params.filters ? { $and: [params.filters, scope] } : scope;
        }
      }
      return next();
    }
    const actor = await currentActor(strapi);
    if (isSystem(actor)) return next();
    const params = (context.params ??= {});
    switch (action) {
      case 'create':
      case 'clone':
        throw new WorkflowForbiddenError(CREATE_REFUSED_MESSAGE, { action, reason: 'intake' });
      case 'update': {
        if (!(await assertModerator(strapi, actor, params.documentId))) return next();
        if (params.status === 'published') throw new WorkflowForbiddenError(NOT_YOURS_MESSAGE, { reason: 'state' });
        const data = (params.data = { ...(params.data ?? {}) });
        // the admin API drops fields a role may not write before they reach us: look at what was
        // sent too, so an attempt to change the citizen's words is refused, not silently ignored
        const ctx = currentRequest(strapi);
        const raw = ctx && ADMIN_PATH(String(ctx.path ?? '')) ? ctx.request?.body : null;
        const sent = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
        const touched = Object.keys(data).filter((k) => !META_KEYS.has(k) && !MODERATOR_FIELDS.includes(k));
        const sentTouched = Object.keys(sent).filter((k) => !META_KEYS.has(k) && !MODERATOR_FIELDS.includes(k) && !(k in data));
        // the admin panel sends the whole form: the citizen's fields come back unchanged
        const current = await strapi.db.query(CONSULTATION_COMMENT_UID).findOne({
          where: { documentId: params.documentId, publishedAt: null },
          populate: { consultation: { select: ['documentId'] }, agency: { select: ['documentId'] } },
        });
        const changed = [...touched.filter((k) => !sameValue(current?.[k], data[k])), ...sentTouched.filter((k) => !sameValue(current?.[k], sent[k]))];
        if (changed.length) throw new WorkflowForbiddenError(FIELDS_MESSAGE(changed), { reason: 'fields' });
        for (const k of touched) delete data[k];
        const status = data.moderationStatus;
        if (status !== undefined && !isModerationStatus(status)) {
          const m = 'Trạng thái kiểm duyệt (moderationStatus) chỉ nhận: pending, approved, rejected.';
          throw new errors.ValidationError(m, { errors: [{ path: ['moderationStatus'], message: m, name: 'ValidationError' }] });
        }
        const before: ModerationStatus | undefined = current?.moderationStatus;
        if (status && status !== before) Object.assign(data, stamp(actor));
        const result = await next();
        if (status && status !== before) {
          await applying.run(true, () => applyStatus(strapi, params.documentId, status));
          const note = typeof data.moderationNote === 'string' ? data.moderationNote : (current?.moderationNote ?? null);
          await recordModeration(strapi, actor, params.documentId, before ?? null, status, note);
        }
        return result;
      }
      case 'publish':
      case 'unpublish': {
        if (!(await assertModerator(strapi, actor, params.documentId))) return next();
        const to: ModerationStatus = action === 'publish' ? 'approved' : 'rejected';
        if (applying.getStore()) return next(); // the status change that called us records the decision
        const before = await draftStatus(strapi, params.documentId);
        await setDraft(strapi, params.documentId, { moderationStatus: to, ...stamp(actor) });
        const result = await next();
        if (before !== to) await recordModeration(strapi, actor, params.documentId, before, to, null);
        return result;
      }
      case 'delete':
      case 'discardDraft':
        // a citizen's comment is never erased by the agency it concerns (red-team F10): rejecting
        // hides it and keeps it; only the board or the IT centre deletes (e.g. personal data erasure)
        if (!isSystem(actor) && !actor.roles.some((r) => SEE_ALL_MODERATE.has(r))) throw new WorkflowForbiddenError(DELETE_REFUSED_MESSAGE);
        if (!(await assertModerator(strapi, actor, params.documentId))) return next();
        return next();
      default:
        return next();
    }
  };
}

/** Whether a sent value equals the stored one (dates compared as instants, relation payloads left to RBAC). */
function sameValue(stored: unknown, sent: unknown): boolean {
  if (sent === undefined) return true;
  if (sent && typeof sent === 'object' && !(sent instanceof Date)) return true; // { connect, disconnect } of a relation
  const norm = (v: unknown): unknown => (v === '' || v === undefined ? null : v instanceof Date ? v.getTime() : v);
  const a = norm(stored);
  const b = norm(sent);
  if (a === b) return true;
  const instant = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? Date.parse(v) : NaN);
  const ia = instant(a);
  const ib = instant(b);
  return !Number.isNaN(ia) && ia === ib;
}

/** Publishes (approved) or unpublishes (pending, rejected) a comment after its status changed. */
async function applyStatus(strapi: any, documentId: string, status: ModerationStatus): Promise<void> {
  const published = await strapi.db.query(CONSULTATION_COMMENT_UID).findOne({ where: { documentId, publishedAt: { $notNull: true } }, select: ['id'] });
  if (status === 'approved') await strapi.documents(CONSULTATION_COMMENT_UID).publish({ documentId });
  else if (published) {
    await strapi.documents(CONSULTATION_COMMENT_UID).unpublish({ documentId });
    await setDraft(strapi, documentId, { moderationStatus: status });
  }
}

/** The agency (documentId) that owns a consultation, from its draft row; null when none. */
export async function consultationAgency(strapi: any, consultationDocumentId: string): Promise<string | null> {
  const row = await strapi.db
    .query(CONSULTATION_UID)
    .findOne({ where: { documentId: consultationDocumentId }, populate: { agency: { select: ['documentId'] } }, orderBy: { publishedAt: 'asc' } });
  return row?.agency?.documentId ?? null;
}
