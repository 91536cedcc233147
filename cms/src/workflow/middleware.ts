/**
 * Document-service middleware that enforces the editorial workflow on every write, whatever the
 * path: admin panel and admin API (content-manager routes), content API (REST and GraphQL), the
 * workflow's own routes, and server code. Registered with `strapi.documents.use` (DESIGN.md
 * "Workflow"), so no path can go around it.
 *
 * For each write on a public type it builds the rules' view of the item (items.ts), asks
 * `decide` from @cong/shared (ownership first, then the action's rule), refuses with a Strapi
 * error whose Vietnamese message says what is missing, sets `editorialState` to the state that
 * follows, and appends the step to the audit log in the same transaction. Refused writes change
 * nothing: the check runs before the write and the whole step is one transaction.
 *
 * What it refuses (issue 3, "Enforcement on the server"):
 * - `publish` of content not approved (or scheduled), or by anyone but the board, or by the submitter;
 * - `create`/`update` with `status: 'published'` — they publish directly (a REST POST or PUT
 *   without `?status=draft` does);
 * - a change of `editorialState` through a plain update (only workflow steps move it);
 * - `unpublish` without the reason a withdrawal needs (the "Gỡ bài" action supplies it);
 * - any touch of another agency's content, and moving content to another agency;
 * - any write to the audit log, and writes to account↔agency links by anyone but the IT centre.
 *
 * Server code with no request (seed import, scheduled publishing) acts as the system: allowed,
 * but its steps are recorded too (actor "system").
 */
import { attributesOf, type Strapi } from '../lib/strapi-types';
import { errors } from '@strapi/utils';
import {
  TRANSITIONS,
  WORKFLOW_ACTION_LABELS,
  decide,
  citizenFields,
  isEditorialState,
  serverOwnedFields,
  stateAfter,
  validateTransitionInput,
  type EditorialState,
  type WorkflowAction,
  type WorkflowActor,
  type WorkflowItem,
} from '@cong/shared';
import {
  AGENCY_SCOPED_UIDS,
  AGENCY_UID,
  E_SERVICE_UID,
  MEMBERSHIP_UID,
  META_KEYS,
  TRANSITION_UID,
  WORKFLOW_KINDS,
  isWorkflowUid,
  titleField,
} from './constants';
import { currentActor, currentChannel, currentRequest, type ResolvedActor } from './actor';
import { appendTransition, type TransitionRecord } from './audit';
import { loadItem, type LoadedItem } from './items';
import { WorkflowForbiddenError } from './errors';
import { relationChanges, relationTarget, relationAttributes, type RelationChange } from './relations';
import { workflowScope } from './scope';
import { mediaIdsInRow, mediaIdsOf, mediaPopulate, scopeReadParams } from './read-scope';

const STATE_FIELD_MESSAGE =
  'Trạng thái biên tập (editorialState) chỉ thay đổi qua các bước của quy trình (Trình duyệt, Duyệt, Trả lại, Đăng, Gỡ bài), không sửa trực tiếp. Nếu trang soạn thảo đã mở từ trước, hãy tải lại trang để thấy trạng thái mới.';

const PUBLISH_ON_CREATE_MESSAGE =
  'Không thể đăng ngay khi tạo mới: nội dung phải được trình duyệt và được Ban biên tập duyệt trước khi đăng (R-3.5). Hãy tạo bản nháp (REST: thêm ?status=draft; GraphQL: status: DRAFT).';

const PUBLISH_ON_UPDATE_MESSAGE =
  'Không thể vừa sửa vừa đăng: bản sửa phải được trình duyệt và được Ban biên tập duyệt trước khi đăng (R-3.5). Hãy lưu bản nháp (REST: thêm ?status=draft; GraphQL: status: DRAFT).';

/**
 * Throws Strapi's ForbiddenError (HTTP 403) with the rule's Vietnamese message when `actor`
 * may not do `action` to `item`.
 * @throws WorkflowForbiddenError (a Strapi ForbiddenError) with `details: { action, reason }`
 */
export function assertAllowed(actor: WorkflowActor, action: WorkflowAction, item: WorkflowItem): void {
  const d = decide(actor, action, item);
  if (!d.allowed) throw new WorkflowForbiddenError(d.message, { action, reason: d.reason });
}

const isSystem = (actor: WorkflowActor) => actor.roles.includes('system');
/** The state a new item starts in, and the state a publish leads to (the transition table). */
const CREATED: EditorialState = TRANSITIONS.create.to;
const PUBLISHED: EditorialState = TRANSITIONS.publish.to;
const hasAgencyRole = (actor: WorkflowActor) => actor.roles.includes('agencyEditor') || actor.roles.includes('agencyTeamLead');

const AGENCY_ONLY_ROLES = new Set(['agencyEditor', 'agencyTeamLead']);
/** An account whose every role is an agency role (the ones keeps inside one agency). */
const onlyAgencyRoles = (actor: WorkflowActor) => hasAgencyRole(actor) && actor.roles.every((r) => AGENCY_ONLY_ROLES.has(r));

const RELATION_OTHER_AGENCY_MESSAGE = (field: string) =>
  `Liên kết "${field}" chạm tới nội dung của cơ quan, đơn vị khác: tài khoản đơn vị chỉ được liên kết nội dung của đơn vị mình, vì liên kết hai chiều làm thay đổi cả mục kia (R-3.3). Đề nghị Ban biên tập thực hiện liên kết này.`;
const RELATION_UNREADABLE_MESSAGE = (field: string) =>
  `Liên kết "${field}" trỏ tới một mục chưa đăng của cơ quan, đơn vị khác: chỉ được liên kết nội dung đã đăng hoặc của đơn vị mình (R-3.3).`;
const AGENCY_RECORD_RELATION_MESSAGE =
  'Tài khoản đơn vị không được thay đổi danh sách liên kết trên hồ sơ cơ quan, đơn vị: nội dung thuộc đơn vị nào được chọn ở trường "Cơ quan, đơn vị" của chính nội dung đó (R-3.3).';

/** For each document: the agencies its stored rows (draft and published) belong to (null = none). */
async function ownersOf(strapi: Strapi, uid: string, documentIds: string[]): Promise<Map<string, Set<string | null>>> {
  const out = new Map<string, Set<string | null>>();
  if (!documentIds.length) return out;
  if (uid === AGENCY_UID) {
    for (const d of documentIds) out.set(d, new Set([d]));
    return out;
  }
  const scoped = AGENCY_SCOPED_UIDS.includes(uid);
  const rows = await strapi.db.query(uid).findMany({
    where: { documentId: { $in: documentIds } },
    select: ['documentId'],
    populate: scoped ? { agency: { select: ['documentId'] } } : undefined,
  });
  for (const r of rows) {
    const set = out.get(r.documentId) ?? new Set<string | null>();
    set.add(scoped ? (r.agency?.documentId ?? null) : null);
    out.set(r.documentId, set);
  }
  return out;
}

/**
 * Normalises and checks every relation a write changes (issue 9, classes 5 and 6; relations.ts).
 * For accounts with agency roles only:
 * - on the agency record, no relation list may change (content changes agency by its own field);
 * - a two-sided relation (the target shows it too, e.g. legal documents' replaces/replacedBy)
 *   may link or unlink only documents whose every stored version belongs to the account's agency:
 *   such a change edits the other document;
 * - a one-sided relation (e.g. a procedure's legal basis) may link only documents of the agency
 *   or documents that have a published version (no linking to others' unpublished drafts).
 * Everyone's payload is normalised: an ambiguous or malformed relation value is refused (400).
 * @returns the changes, for the audit of the other side ({@link auditRelationEffects})
 * @throws WorkflowForbiddenError (403), errors.ValidationError (400, names the field)
 */
async function checkRelations(
  strapi: Strapi,
  actor: WorkflowActor,
  uid: string,
  documentId: string | null,
  data: Record<string, unknown>,
): Promise<RelationChange[]> {
  let changes: RelationChange[];
  try {
    changes = await relationChanges(strapi, uid, data, documentId);
  } catch (e) {
    // for an agency account, "no such item" must not differ from "another agency's unpublished
    // item": both are the same refusal, so ids cannot be probed for existence
    const err = e as { message?: string; details?: { errors?: { path?: string[] }[] } } | null;
    const field = err?.details?.errors?.[0]?.path?.[0];
    if (onlyAgencyRoles(actor) && field && /không tìm thấy/.test(String(err?.message))) {
      throw new WorkflowForbiddenError(RELATION_UNREADABLE_MESSAGE(field), { action: 'edit', reason: 'agency' });
    }
    throw e;
  }
  if (!onlyAgencyRoles(actor)) return changes;
  await checkMedia(strapi, actor, uid, documentId, data);
  for (const c of changes) {
    if (!c.connected.length && !c.disconnected.length) continue;
    if (uid === AGENCY_UID) throw new WorkflowForbiddenError(AGENCY_RECORD_RELATION_MESSAGE, { action: 'edit', reason: 'agency' });
    if (c.bidirectional) {
      const affected = [...new Set([...c.connected, ...c.disconnected])];
      const owners = await ownersOf(strapi, c.target, affected);
      for (const d of affected) {
        const o = owners.get(d);
        if (!o || [...o].some((a) => a !== actor.agencyId)) {
          throw new WorkflowForbiddenError(RELATION_OTHER_AGENCY_MESSAGE(c.field), { action: 'edit', reason: 'agency' });
        }
      }
    } else if (c.connected.length) {
      const owners = await ownersOf(strapi, c.target, c.connected);
      const published = new Set(
        (
          await strapi.db.query(c.target).findMany({ where: { documentId: { $in: c.connected }, publishedAt: { $notNull: true } }, select: ['documentId'] })
        ).map((r: { documentId: string }) => r.documentId),
      );
      for (const d of c.connected) {
        const own = [...(owners.get(d) ?? [])].every((a) => a === actor.agencyId);
        if (!own && !published.has(d)) throw new WorkflowForbiddenError(RELATION_UNREADABLE_MESSAGE(c.field), { action: 'edit', reason: 'agency' });
      }
    }
  }
  return changes;
}

const MEDIA_OTHER_AGENCY_MESSAGE =
  'Tệp đính kèm không thuộc đơn vị: tài khoản đơn vị chỉ gắn được tệp do tài khoản của đơn vị mình tải lên, hoặc tệp đã gắn sẵn với nội dung này (R-3.3).';

/**
 * Media files are shared by the whole portal, and their ids run in sequence: an agency account
 * may link only files uploaded by its agency's accounts, or files already linked to the document
 * it edits (red-team finding: linking another agency's file by id and reading its address back).
 * @throws WorkflowForbiddenError (403)
 */
async function checkMedia(strapi: Strapi, actor: WorkflowActor, uid: string, documentId: string | null, data: Record<string, unknown>): Promise<void> {
  const ids = mediaIdsOf(strapi, uid, data);
  if (!ids.length) return;
  const files: { id: number; createdBy?: { email?: string | null } | null }[] = await strapi.db
    .query('plugin::upload.file')
    .findMany({ where: { id: { $in: ids } }, select: ['id'], populate: { createdBy: { select: ['id', 'email'] } } });
  const members = new Set(
    (await strapi.db.query(MEMBERSHIP_UID).findMany({ where: { agency: { documentId: actor.agencyId ?? '#none' } }, select: ['email'] })).map(
      (m: { email: string }) => String(m.email).toLowerCase(),
    ),
  );
  let current: Set<number> | null = null;
  for (const id of ids) {
    const f = files.find((x) => Number(x.id) === id);
    if (f?.createdBy?.email && members.has(String(f.createdBy.email).toLowerCase())) continue;
    if (!current) {
      const populate = mediaPopulate(strapi, uid);
      const rows: unknown[] = documentId && populate ? await strapi.db.query(uid).findMany({ where: { documentId }, populate }) : [];
      current = new Set(rows.flatMap((r) => mediaIdsInRow(r)));
    }
    if (current.has(id)) continue;
    throw new WorkflowForbiddenError(MEDIA_OTHER_AGENCY_MESSAGE, { action: 'edit', reason: 'agency' });
  }
}

/**
 * Records, on each OTHER document whose two-sided relation a write changed, an `edit` entry
 * naming the field, the document that changed it and the actor (issue 9, class 6: "audited on
 * both documents"). The owning `agency` link of content is not repeated on the agency record.
 * The publisher rebuilds both pages from the published state (STATE_RELATIONS list both sides).
 */
async function auditRelationEffects(
  strapi: Strapi,
  actor: ResolvedActor,
  source: { uid: string; documentId: string },
  changes: RelationChange[],
): Promise<void> {
  const attrs = relationAttributes(strapi, source.uid);
  for (const c of changes) {
    if (!c.bidirectional || !isWorkflowUid(c.target)) continue;
    if (c.field === 'agency' && c.target === AGENCY_UID) continue;
    const inverse = attrs[c.field]?.inversedBy ?? attrs[c.field]?.mappedBy ?? null;
    for (const [d, change] of [...c.connected.map((d) => [d, 'connect'] as const), ...c.disconnected.map((d) => [d, 'disconnect'] as const)]) {
      if (d === source.documentId && c.target === source.uid) continue;
      const other = await loadItem(strapi, c.target, d);
      if (!other) continue;
      await record(strapi, actor, other, {
        action: 'edit',
        from: other.state,
        to: other.state,
        detail: { relation: { field: inverse, change, via: { contentType: source.uid, documentId: source.documentId, field: c.field } } },
      });
    }
  }
}

/** Sets the editorial state of the draft row(s) of a document (no other field, no updatedAt). */
export async function setDraftState(strapi: Strapi, uid: string, documentId: string, state: EditorialState): Promise<void> {
  await strapi.db.query(uid).updateMany({ where: { documentId, publishedAt: null }, data: { editorialState: state } });
}

function record(
  strapi: Strapi,
  actor: ResolvedActor,
  item: Pick<LoadedItem, 'uid' | 'documentId' | 'title' | 'agency'>,
  r: Omit<TransitionRecord, 'uid' | 'documentId' | 'title' | 'agency' | 'actor' | 'channel'>,
) {
  const scope = workflowScope.getStore();
  return appendTransition(strapi, {
    uid: item.uid,
    documentId: item.documentId,
    title: item.title,
    agency: item.agency,
    actor,
    channel: currentChannel(strapi),
    ...r,
    reason: r.reason ?? scope?.reason ?? null,
    detail: r.detail ?? scope?.detail ?? null,
  });
}

/** The body of the current admin-API request (content-manager sends the fields at top level). */
function adminBody(strapi: Strapi): Record<string, unknown> | null {
  if (currentChannel(strapi) !== 'adminPanel') return null;
  const body: unknown = (currentRequest(strapi)?.request as { body?: unknown } | undefined)?.body;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
}

const CITIZEN_DELETE_MESSAGE =
  'Không xoá câu hỏi của người dân: câu hỏi không thuộc thẩm quyền thì "Chuyển", không phù hợp thì "Từ chối" (kèm lý do, vẫn lưu). Chỉ Ban biên tập cổng được xoá (R-3.5).';

const SERVER_OWNED_MESSAGE = (field: string) =>
  `Trường "${field}" do hệ thống ghi (tiếp nhận câu hỏi của công dân, chuyển, từ chối, đăng), không tài khoản nào sửa trực tiếp được: thông tin liên hệ, mã theo dõi, hạn trả lời và tình trạng trả lời thuộc về người hỏi và các bước của quy trình (R-3.5). Nếu trang soạn thảo đã mở từ trước, hãy tải lại trang.`;

/**
 * A stored or sent value in one comparable form, by the attribute's type (dates as epoch ms,
 * booleans from 0/1). A relation is never loaded with the stored row: a sent relation counts as
 * unchanged only when it connects, disconnects and sets nothing (the panel's empty payload).
 */
function comparable(attr: { type?: string } | null | undefined, v: unknown): unknown {
  if (attr?.type === 'relation') {
    if (v === undefined || v === null) return null;
    const o = v as Record<string, unknown>;
    const empty =
      typeof v === 'object' &&
      !Array.isArray(v) &&
      !('set' in o) &&
      ['connect', 'disconnect'].every((k) => o[k] === undefined || (Array.isArray(o[k]) && (o[k] as unknown[]).length === 0));
    return empty ? null : JSON.stringify(v);
  }
  if (v === undefined || v === null || v === '') return null;
  if (attr?.type === 'datetime' || attr?.type === 'date') {
    const t = new Date(v as string | number | Date).getTime();
    return Number.isNaN(t) ? String(v) : t;
  }
  if (attr?.type === 'boolean') return v === true || v === 1 || v === '1' || v === 'true';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/**
 * Keeps a non-system actor off the type's server-owned fields (registry `serverOwnedFields`):
 * a value that differs from the stored one (`stored`: the draft row; null on create: the schema
 * default) is refused, whether it reached the data or was dropped by the admin API's RBAC on the
 * way (`sent`: the raw admin body); an unchanged value (the panel's form sends every field back)
 * is dropped, so nothing but the CMS's own steps writes them.
 * @throws WorkflowForbiddenError (403) naming the first field changed
 */
function guardServerOwned(
  strapi: Strapi,
  uid: string,
  data: Record<string, unknown>,
  sent: Record<string, unknown> | null,
  stored: Record<string, unknown> | null,
): void {
  const fields = serverOwnedFields(uid);
  if (!fields.length) return;
  const attrs = attributesOf(strapi, uid);
  for (const f of fields) {
    const attr = attrs[f];
    const current = comparable(attr, stored ? stored[f] : defaultOf(attr));
    for (const src of [data, sent]) {
      if (src && f in src && comparable(attr, src[f]) !== current) {
        throw new WorkflowForbiddenError(SERVER_OWNED_MESSAGE(f), { action: stored ? 'edit' : 'create', reason: 'serverOwned', field: f });
      }
    }
    delete data[f];
  }
}

/** The schema default of an attribute, or null. */
const defaultOf = (attr: unknown): unknown => (attr as { default?: unknown } | undefined)?.default ?? null;

/**
 * On a clone by an account: the copy gets the schema default (or nothing) in every server-owned
 * field, never the source's. A relation is emptied with `set: []` (Strapi merges the submitted data
 * over the source's, so an empty list would keep them, and a one-to-many inverse would move them).
 */
function resetServerOwned(strapi: Strapi, uid: string, data: Record<string, unknown>): void {
  const attrs = attributesOf(strapi, uid);
  for (const f of serverOwnedFields(uid)) data[f] = attrs[f]?.type === 'relation' ? { set: [] } : defaultOf(attrs[f]);
}

async function agencyRef(strapi: Strapi, documentId: string | null): Promise<{ documentId: string; name: string | null } | null> {
  if (!documentId) return null;
  const a = await strapi.db.query(AGENCY_UID).findOne({ where: { documentId }, select: ['name'] });
  return { documentId, name: a?.name ?? null };
}

async function onCreate(strapi: Strapi, context: any, next: () => Promise<any>, actor: ResolvedActor) {
  const { uid } = context;
  const params = (context.params ??= {});
  const data = (params.data = { ...(params.data ?? {}) });
  const publishing = params.status === 'published';
  let agencyId: string | null = null;
  if (AGENCY_SCOPED_UIDS.includes(uid)) {
    const t = await relationTarget(strapi, AGENCY_UID, data.agency);
    if (t.specified) agencyId = t.documentId;
    else if (!isSystem(actor) && hasAgencyRole(actor) && actor.agencyId) {
      // an agency account's new content belongs to its agency
      data.agency = actor.agencyId;
      agencyId = actor.agencyId;
    }
  }
  let to: EditorialState;
  if (isSystem(actor)) {
    to = publishing ? PUBLISHED : isEditorialState(data.editorialState) ? data.editorialState : CREATED;
  } else {
    if (publishing) throw new WorkflowForbiddenError(PUBLISH_ON_CREATE_MESSAGE, { action: 'publish', reason: 'state' });
    if (data.editorialState !== undefined && data.editorialState !== null && data.editorialState !== CREATED) {
      throw new WorkflowForbiddenError(STATE_FIELD_MESSAGE, { action: 'create', reason: 'state' });
    }
    const item: WorkflowItem = { kind: WORKFLOW_KINDS[uid], agencyId, state: null, hasPublishedVersion: false, submittedBy: null };
    assertAllowed(actor, 'create', item);
    guardServerOwned(strapi, uid, data, adminBody(strapi), null);
    if (uid === E_SERVICE_UID && data.registrationStatus && data.registrationStatus !== 'registered') {
      assertAllowed(actor, 'decideRegistration', item);
    }
    to = CREATED;
  }
  const changes = isSystem(actor) ? [] : await checkRelations(strapi, actor, uid, null, data);
  data.editorialState = to;
  const result = await next();
  if (result?.documentId) {
    const agency = uid === AGENCY_UID ? { documentId: result.documentId, name: data.name ?? null } : await agencyRef(strapi, agencyId);
    await record(
      strapi,
      actor,
      { uid, documentId: result.documentId, title: data[titleField(uid)] ?? null, agency },
      {
        action: publishing ? 'publish' : 'create',
        from: null,
        to,
      },
    );
    await auditRelationEffects(strapi, actor, { uid, documentId: result.documentId }, changes);
  }
  return result;
}

async function onUpdate(strapi: Strapi, context: any, next: () => Promise<any>, actor: ResolvedActor) {
  const { uid } = context;
  const params = (context.params ??= {});
  const item = params.documentId ? await loadItem(strapi, uid, params.documentId) : null;
  if (!item) return next();
  const data = (params.data = { ...(params.data ?? {}) });
  const publishing = params.status === 'published';

  if (isSystem(actor)) {
    const to: EditorialState = publishing ? PUBLISHED : isEditorialState(data.editorialState) ? data.editorialState : item.state!;
    data.editorialState = to;
    const result = await next();
    await record(strapi, actor, { ...item, title: data[titleField(uid)] ?? item.title }, { action: publishing ? 'publish' : 'edit', from: item.state, to });
    return result;
  }

  if (publishing) throw new WorkflowForbiddenError(PUBLISH_ON_UPDATE_MESSAGE, { action: 'publish', reason: 'state' });
  // The admin API drops fields a role may not write before they reach us; look at what was
  // sent too, so an attempt to set the state or decide a registration is refused, not ignored.
  const sent = adminBody(strapi);
  const sentState = data.editorialState ?? sent?.editorialState;
  if (sentState !== undefined && sentState !== null && sentState !== item.state) {
    throw new WorkflowForbiddenError(STATE_FIELD_MESSAGE, { action: 'edit', reason: 'state' });
  }
  delete data.editorialState;
  guardServerOwned(strapi, uid, data, sent, item.draft);
  // on the agency record the admin API drops the relation lists an agency account may not
  // write; look at what was sent too, so the attempt is refused rather than silently ignored
  if (uid === AGENCY_UID && sent && onlyAgencyRoles(actor)) await checkRelations(strapi, actor, uid, item.documentId, sent);

  const sentStatus = uid === E_SERVICE_UID ? (data.registrationStatus ?? sent?.registrationStatus) : undefined;
  const registration =
    sentStatus !== undefined && sentStatus !== item.draft.registrationStatus ? { from: item.draft.registrationStatus ?? null, to: sentStatus } : null;
  if (uid === E_SERVICE_UID && 'registrationStatus' in data && !registration) delete data.registrationStatus;
  const contentKeys = Object.keys(data).filter((k) => !META_KEYS.has(k) && k !== 'registrationStatus');
  const isEdit = contentKeys.length > 0;

  if (registration) {
    assertAllowed(actor, 'decideRegistration', item);
    data.registrationStatus = registration.to;
  }
  if (!isEdit && !registration) {
    // nothing to change (e.g. the save that precedes the admin panel's publish): the right to
    // edit is still required, the state stays, nothing is logged
    assertAllowed(actor, 'edit', item);
    return next();
  }
  let to: EditorialState = item.state!;
  if (isEdit) {
    assertAllowed(actor, 'edit', item);
    if (AGENCY_SCOPED_UIDS.includes(uid)) {
      const t = await relationTarget(strapi, AGENCY_UID, data.agency);
      if (t.specified && t.documentId !== item.agencyId) {
        // moving content to another agency touches that agency's sub-site too
        assertAllowed(actor, 'edit', { ...item, agencyId: t.documentId });
      }
    }
    to = stateAfter(actor, 'edit', item) as EditorialState;
  }
  const changes = isEdit ? await checkRelations(strapi, actor, uid, item.documentId, data) : [];
  // a correction of what a citizen wrote is named in the log (the asker's text is theirs)
  const corrected = citizenFields(uid).filter((f) => f in data && comparable(null, data[f]) !== comparable(null, item.draft[f]));
  data.editorialState = to;
  const result = await next();
  if (registration && item.hasPublishedVersion) {
    // the council's decision takes effect on the served version too; it is not editorial content
    await strapi.db.query(uid).updateMany({
      where: { documentId: item.documentId, publishedAt: { $notNull: true } },
      data: { registrationStatus: registration.to },
    });
  }
  await record(
    strapi,
    actor,
    { ...item, title: data[titleField(uid)] ?? item.title },
    {
      action: isEdit ? 'edit' : 'decideRegistration',
      from: item.state,
      to,
      detail: registration ? { registrationStatus: registration } : corrected.length ? { correctedCitizenFields: corrected } : null,
    },
  );
  await auditRelationEffects(strapi, actor, item, changes);
  return result;
}

/** Document-service actions that are workflow steps, and the step each one is. */
const STEP_OF: Record<string, Exclude<WorkflowAction, 'read'>> = {
  delete: 'delete',
  publish: 'publish',
  unpublish: 'withdraw',
  discardDraft: 'discard',
};

/** The document-service method that carries out a step, when the step is one (publish, withdraw → unpublish…). */
export const DOCUMENT_METHOD_OF: Partial<Record<WorkflowAction, string>> = Object.fromEntries(Object.entries(STEP_OF).map(([method, step]) => [step, method]));

/**
 * One handler for the document-service actions that are workflow steps (delete, publish,
 * unpublish = withdraw, discardDraft = discard): the rules decide (`decide`), the transition
 * table says what the step needs (a reason to withdraw) and the state it leads to, the draft row
 * carries that state before and after Strapi's own work (a publish copies the draft, a discard
 * copies the published version back), and the step is logged in the same transaction.
 */
async function onStep(strapi: Strapi, context: any, next: () => Promise<any>, actor: ResolvedActor) {
  const action = STEP_OF[context.action];
  const item = context.params?.documentId ? await loadItem(strapi, context.uid, context.params.documentId) : null;
  if (!item) return next();
  const reason = workflowScope.getStore()?.reason ?? null;
  if (!isSystem(actor)) {
    assertAllowed(actor, action, item);
    if (action === 'delete' && citizenFields(item.uid).length && onlyAgencyRoles(actor)) {
      throw new WorkflowForbiddenError(CITIZEN_DELETE_MESSAGE, { action, reason: 'citizenSubmitted' });
    }
    const missing = validateTransitionInput(action, { reason });
    if (missing) {
      throw new errors.ValidationError(`${missing} Dùng thao tác "${WORKFLOW_ACTION_LABELS[action]}" trong trang soạn thảo để nhập lý do.`, {
        errors: [{ path: ['reason'], message: missing, name: 'ValidationError' }],
      });
    }
  }
  const to = stateAfter(actor, action, item);
  if (to) await setDraftState(strapi, item.uid, item.documentId, to);
  const result = await next();
  if (to) await setDraftState(strapi, item.uid, item.documentId, to);
  // a publish records the author it published (the royalty ledger pays what was published, R-3.4)
  // and the answer it gave (the asker's tracking page shows that one, never a later unreviewed draft)
  let detail: Record<string, unknown> | null = null;
  if (action === 'publish' && item.draft && 'author' in item.draft) detail = { author: item.draft.author ?? null };
  if (action === 'publish' && item.draft && 'answer' in item.draft) detail = { ...detail, answer: item.draft.answer ?? null };
  await record(strapi, actor, item, { action, from: item.state, to, reason, scheduledFor: action === 'publish' ? item.scheduledFor : null, detail });
  return result;
}

async function onClone(strapi: Strapi, context: any, next: () => Promise<any>, actor: ResolvedActor) {
  const { uid } = context;
  const params = (context.params ??= {});
  const source = params.documentId ? await loadItem(strapi, uid, params.documentId) : null;
  if (!source) return next();
  const data = (params.data = { ...(params.data ?? {}) });
  let agencyId = uid === AGENCY_UID ? null : source.agencyId;
  if (AGENCY_SCOPED_UIDS.includes(uid)) {
    const t = await relationTarget(strapi, AGENCY_UID, data.agency);
    if (t.specified) agencyId = t.documentId;
  }
  const fresh: WorkflowItem = { kind: source.kind, agencyId, state: null, hasPublishedVersion: false, submittedBy: null };
  if (!isSystem(actor)) {
    assertAllowed(actor, 'read', source);
    assertAllowed(actor, 'create', fresh);
    if (uid === E_SERVICE_UID && !decide(actor, 'decideRegistration', fresh).allowed) data.registrationStatus = 'registered';
    resetServerOwned(strapi, uid, data);
  }
  const changes = isSystem(actor) ? [] : await checkRelations(strapi, actor, uid, null, data);
  data.editorialState = CREATED;
  const result = await next();
  if (result?.documentId) {
    await record(
      strapi,
      actor,
      { uid, documentId: result.documentId, title: source.title, agency: await agencyRef(strapi, agencyId) },
      {
        action: 'create',
        from: null,
        to: CREATED,
        detail: { clonedFrom: source.documentId },
      },
    );
    await auditRelationEffects(strapi, actor, { uid, documentId: result.documentId }, changes);
  }
  return result;
}

async function guardMembership(strapi: Strapi, context: any, next: () => Promise<any>) {
  const actor = await currentActor(strapi);
  if (!isSystem(actor) && !actor.roles.includes('itCentre')) {
    throw new WorkflowForbiddenError('Chỉ Trung tâm CNTT được gắn tài khoản với cơ quan, đơn vị (R-3.3).');
  }
  const data = context.params?.data;
  if (data && typeof data.email === 'string') data.email = data.email.trim().toLowerCase();
  return next();
}

const LIST_ACTIONS = new Set(['findMany', 'findFirst', 'count']);
const READ_ACTIONS = new Set(['findOne', 'findMany', 'findFirst', 'count']);

/**
 * On the admin API, an account with agency roles only reads through relations only into its own
 * agency's content (read-scope.ts): populate, filters and sort of every read are narrowed.
 */
async function scopeAdminRead(strapi: Strapi, context: any): Promise<void> {
  const ctx = currentRequest(strapi);
  if (!ctx || /^\/(api|graphql)(\/|$)/.test(String(ctx.path ?? ''))) return;
  const actor = await currentActor(strapi);
  if (!onlyAgencyRoles(actor)) return;
  scopeReadParams(strapi, context.uid, (context.params ??= {}), actor.agencyId ?? '#no-agency');
}
const CM_MODEL_ROUTE = /^\/content-manager\/(?:collection-types|single-types)\/([^/]+)/;
const CM_UID_ROUTE = /^\/content-manager\/uid\//;

/**
 * The filter that keeps an agency account's list reads inside its agency, or null.
 * The admin panel's RBAC condition already filters its list view, but some content-manager
 * routes read documents without applying conditions (e.g. `actions/bulkFindForValidation`);
 * this closes them: on content-manager routes of the same type, an account with only agency
 * roles reads only its agency's items.
 */
async function agencyReadScope(strapi: Strapi, uid: string): Promise<Record<string, unknown> | null> {
  const ctx = currentRequest(strapi);
  if (!ctx) return null;
  const path = String(ctx.path ?? '');
  const m = CM_MODEL_ROUTE.exec(path);
  const onModelRoute = Boolean(m && decodeURIComponent(m[1]) === uid);
  // the slug helpers (`uid/check-availability`, `uid/generate`) count and list documents of the
  // type named in the body: unscoped, they told an editor which slugs other agencies' drafts use
  if (!onModelRoute && !CM_UID_ROUTE.test(path)) return null;
  const actor = await currentActor(strapi);
  if (!hasAgencyRole(actor) || actor.roles.some((r) => r !== 'agencyEditor' && r !== 'agencyTeamLead')) return null;
  const agencyId = actor.agencyId ?? '#no-agency';
  if (uid === AGENCY_UID) return { documentId: { $eq: agencyId } };
  if (AGENCY_SCOPED_UIDS.includes(uid)) return { agency: { documentId: { $eq: agencyId } } };
  return { documentId: { $eq: '#portal-wide' } };
}

const HANDLERS: Record<string, typeof onCreate> = {
  create: onCreate,
  update: onUpdate,
  clone: onClone,
  ...Object.fromEntries(Object.keys(STEP_OF).map((a) => [a, onStep])),
};

/**
 * The middleware (register with `strapi.documents.use(workflowMiddleware(strapi))`).
 * Reads pass through (draft reads for the public are refused by public-read-guard.ts; agency
 * roles' reads are limited by the RBAC condition, roles.ts, and on content-manager routes that
 * skip it, by `agencyReadScope`).
 * @throws WorkflowForbiddenError (a Strapi ForbiddenError) / errors.ValidationError as described above
 */
export function workflowMiddleware(strapi: Strapi) {
  return async (context: any, next: () => Promise<any>): Promise<any> => {
    if (READ_ACTIONS.has(context.action)) await scopeAdminRead(strapi, context);
    if (LIST_ACTIONS.has(context.action) && isWorkflowUid(context.uid)) {
      const scope = await agencyReadScope(strapi, context.uid);
      if (scope) {
        const params = (context.params ??= {});
        params.filters = params.filters ? { $and: [params.filters, scope] } : scope;
      }
      return next();
    }
    if (!HANDLERS[context.action]) return next();
    if (context.uid === TRANSITION_UID) {
      throw new WorkflowForbiddenError('Nhật ký biên tập chỉ do hệ thống ghi thêm: không thể tạo, sửa hay xoá mục nhật ký qua bất kỳ giao diện nào (R-1.3).');
    }
    if (context.uid === MEMBERSHIP_UID) return guardMembership(strapi, context, next);
    if (!isWorkflowUid(context.uid)) return next();
    const actor = await currentActor(strapi);
    const handler = HANDLERS[context.action];
    return strapi.db.transaction(() => handler(strapi, context, next, actor));
  };
}
