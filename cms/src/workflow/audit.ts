/**
 * The audit log: an append-only record of every workflow step (item, actor, from, to, reason,
 * time) in `api::workflow-transition.workflow-transition` (R-1.3: each step records who, when,
 * why; it feeds the monthly compliance report, R-3.7, and the royalty ledger, R-3.4).
 *
 * Rows are written here only, with the database query engine (`strapi.db.query`), inside the
 * transaction of the step they record. The document service refuses every write to the log
 * (middleware.ts), the content API has no routes for it and GraphQL does not expose it, so no
 * API can add, change or delete an entry. Board and council read it in the admin panel.
 */
import type { Strapi } from '../lib/strapi-types';
import type { EditorialState, WorkflowAction } from '@cong/shared';
import { TRANSITION_UID } from './constants';
import type { ResolvedActor } from './actor';
import type { Channel } from './scope';

/** The log's action for a moderation decision on a citizen's comment (not a workflow step: {@link decide} never sees it). */
export const MODERATE_ACTION = 'moderate';

export interface TransitionRecord {
  uid: string;
  documentId: string;
  title?: string | null;
  agency?: { documentId: string; name?: string | null } | null;
  /** a workflow step, or `moderate`: a citizen's comment approved or hidden (cms/src/consultation/moderation.ts) */
  action: Exclude<WorkflowAction, 'read'> | typeof MODERATE_ACTION;
  from: EditorialState | null;
  to: EditorialState | null;
  reason?: string | null;
  scheduledFor?: Date | string | null;
  detail?: Record<string, unknown> | null;
  actor: ResolvedActor;
  channel: Channel;
}

/** One stored entry of the log: a row of {@link TRANSITION_UID} (dates as the database driver returns them). */
export interface TransitionRow {
  id: number;
  documentId: string;
  contentType: string;
  itemDocumentId: string;
  itemTitle: string | null;
  agencyDocumentId: string | null;
  agencyName: string | null;
  /** a workflow action or {@link MODERATE_ACTION} */
  action: string;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  scheduledFor: string | Date | null;
  detail: Record<string, unknown> | null;
  actorId: string;
  actorName: string | null;
  actorEmail: string | null;
  /** the actor's workflow roles, comma-separated */
  actorRoles: string | null;
  channel: Channel;
  createdAt: string | Date;
}

/** Event emitted on `strapi.eventHub` once a recorded step is committed (consumed by src/mail). */
export const WORKFLOW_EVENT = 'cong.workflow.transition';

/** Payload of {@link WORKFLOW_EVENT}. `actorId` is the log's actor id (`admin:<id>`, `system`). */
export interface WorkflowTransitionEvent {
  uid: string;
  documentId: string;
  action: TransitionRecord['action'];
  from: EditorialState | null;
  to: EditorialState | null;
  actorId: string;
  reason: string | null;
  /** the actor's display name (for "returned by …" in a mail) */
  actorName: string | null;
  agencyDocumentId: string | null;
}

/**
 * Emits {@link WORKFLOW_EVENT} after the step's transaction commits (never for a step that is
 * rolled back); outside a transaction, on the next tick. Listeners' errors are logged, never
 * thrown back into the step.
 */
async function emitAfterCommit(strapi: Strapi, event: WorkflowTransitionEvent): Promise<void> {
  const emit = () => {
    Promise.resolve()
      .then(() => strapi.eventHub.emit(WORKFLOW_EVENT, event))
      .catch((e: unknown) => strapi.log.error(`[workflow] ${WORKFLOW_EVENT} ${event.uid}:${event.documentId}: ${(e as Error | null)?.name ?? 'Error'}`));
  };
  if (strapi.db.inTransaction()) await strapi.db.transaction(async ({ onCommit }) => onCommit(emit));
  else setImmediate(emit);
}

/** Appends one entry and announces it ({@link WORKFLOW_EVENT}) once committed. @returns the stored row */
export async function appendTransition(strapi: Strapi, r: TransitionRecord): Promise<TransitionRow> {
  const row: TransitionRow = await strapi.db.query(TRANSITION_UID).create({
    data: {
      contentType: r.uid,
      itemDocumentId: r.documentId,
      itemTitle: r.title ? String(r.title).slice(0, 500) : null,
      agencyDocumentId: r.agency?.documentId ?? null,
      agencyName: r.agency?.name ?? null,
      action: r.action,
      fromState: r.from,
      toState: r.to,
      reason: r.reason?.trim() || null,
      scheduledFor: r.scheduledFor ? new Date(r.scheduledFor) : null,
      detail: r.detail ?? null,
      actorId: r.actor.id,
      actorName: r.actor.name ?? null,
      actorEmail: r.actor.email ?? null,
      actorRoles: r.actor.roles.join(','),
      channel: r.channel,
    },
  });
  await emitAfterCommit(strapi, {
    uid: r.uid,
    documentId: r.documentId,
    action: r.action,
    from: r.from,
    to: r.to,
    actorId: r.actor.id,
    reason: r.reason?.trim() || null,
    actorName: r.actor.name ?? null,
    agencyDocumentId: r.agency?.documentId ?? null,
  });
  return row;
}

/** Every entry for one item, oldest first. */
export async function historyOf(strapi: Strapi, uid: string, documentId: string): Promise<TransitionRow[]> {
  return strapi.db.query(TRANSITION_UID).findMany({
    where: { contentType: uid, itemDocumentId: documentId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}

/** The latest entry of `action` for one item, or null. */
export async function latestOf(strapi: Strapi, uid: string, documentId: string, action: WorkflowAction): Promise<TransitionRow | null> {
  return strapi.db.query(TRANSITION_UID).findOne({
    where: { contentType: uid, itemDocumentId: documentId, action },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
}
