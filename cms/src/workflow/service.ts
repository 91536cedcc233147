/**
 * Workflow steps an editor triggers with a button (submit, approve, return, publish, schedule,
 * unschedule, withdraw, revise) and the description of an item the admin panel shows (state,
 * the buttons this user gets, history). Used by the admin routes (routes.ts) and the scheduler.
 *
 * Steps that only move the state (submit, approve, return, schedule, unschedule, revise) update
 * the draft row's `editorialState` and append to the audit log in one transaction. Publishing and
 * withdrawing run the document service's `publish` / `unpublish` inside `workflowScope`, so they
 * pass through the same middleware as every other path (one place enforces them).
 */
import type { PublicUid, Strapi } from '../lib/strapi-types';
import { errors } from '@strapi/utils';
import {
  EDITORIAL_STATE_LABELS,
  TRANSITION_ACTIONS,
  WORKFLOW_ACTION_LABELS,
  WORKFLOW_ROLE_LABELS,
  WAITING_HINTS,
  availableTransitions,
  isWorkflowAction,
  transitionNeeds,
  decide,
  stateAfter,
  validateTransitionInput,
  type EditorialState,
  type TransitionAction,
  type WorkflowRole,
} from '@cong/shared';
import { isWorkflowUid } from './constants';
import { currentChannel, type ResolvedActor } from './actor';
import { appendTransition, historyOf } from './audit';
import { loadItem, type LoadedItem } from './items';
import { DOCUMENT_METHOD_OF, assertAllowed, setDraftState } from './middleware';
import { workflowScope } from './scope';
import { applyQueueStep, forwardTargets, type QueueEvent } from '../questions/queue';

export interface TransitionRequest {
  uid: string;
  documentId: string;
  action: string;
  /** why (return, withdraw) */
  reason?: string | null;
  /** ISO date-time (schedule) */
  publishAt?: string | null;
  /** documentId of the agency a question is forwarded to (forward) */
  toAgency?: string | null;
}

/** Loads an item or throws NotFoundError (Vietnamese). */
export async function requireItem(strapi: Strapi, uid: string, documentId: string): Promise<LoadedItem> {
  const item = isWorkflowUid(uid) ? await loadItem(strapi, uid, documentId) : null;
  if (!item) throw new errors.NotFoundError('Không tìm thấy nội dung (hoặc loại nội dung không thuộc quy trình biên tập).');
  return item;
}

/**
 * Carries out one workflow step for `actor`.
 * @returns the item after the step
 * @throws errors.ValidationError when `action` is not a transition, or a reason / date is missing
 * @throws errors.ForbiddenError when the rules refuse (message says what is missing)
 * @throws errors.NotFoundError when the item does not exist
 */
export async function performTransition(strapi: Strapi, actor: ResolvedActor, req: TransitionRequest): Promise<LoadedItem> {
  if (!(TRANSITION_ACTIONS as readonly string[]).includes(req.action)) {
    throw new errors.ValidationError(`Thao tác "${req.action}" không có trong quy trình biên tập (${TRANSITION_ACTIONS.join(', ')}).`);
  }
  const action = req.action as TransitionAction;
  const channel = currentChannel(strapi);
  const events: QueueEvent[] = [];
  const result = await strapi.db.transaction(async () => {
    const item = await requireItem(strapi, req.uid, req.documentId);
    assertAllowed(actor, action, item);
    const missing = validateTransitionInput(action, { reason: req.reason, publishAt: req.publishAt, toAgency: req.toAgency });
    if (missing) {
      const field = transitionNeeds(action, 'publishAt') ? 'publishAt' : missing.includes('lý do') ? 'reason' : 'toAgency';
      throw new errors.ValidationError(missing, { errors: [{ path: [field], message: missing, name: 'ValidationError' }] });
    }
    const reason = req.reason?.trim() || null;
    const method = DOCUMENT_METHOD_OF[action];
    if (method) {
      // a step that is a document-service action (publish, unpublish): the middleware's onStep
      // checks, moves the state and logs it, for this path and every other
      // the step methods (publish, unpublish, discardDraft, delete) all take `{ documentId }`
      const documents = strapi.documents(req.uid as PublicUid) as unknown as Record<string, (params: { documentId: string }) => Promise<unknown>>;
      await workflowScope.run({ actor, channel, reason: reason ?? undefined }, () => documents[method]({ documentId: req.documentId }));
      return requireItem(strapi, req.uid, req.documentId);
    }
    let to = item.state;
    let detail: Parameters<typeof appendTransition>[1]['detail'];
    if (action === 'forward' || action === 'reject') {
      // the question queue (issue 11): the editorial state stays; answer status, reason and agency change
      const step = await applyQueueStep(strapi, action, req.documentId, item.agencyId, reason!, req.toAgency ?? null);
      detail = step.detail;
      events.push(step.event);
    } else {
      to = stateAfter(actor, action, item) as EditorialState;
      await setDraftState(strapi, req.uid, req.documentId, to);
    }
    await appendTransition(strapi, {
      uid: req.uid,
      documentId: req.documentId,
      title: item.title,
      agency: item.agency,
      action,
      from: item.state,
      to,
      reason,
      scheduledFor: transitionNeeds(action, 'publishAt') ? new Date(req.publishAt!) : null,
      actor,
      channel,
      detail,
    });
    return requireItem(strapi, req.uid, req.documentId);
  });
  for (const e of events) strapi.eventHub.emit(e.name, e.payload);
  return result;
}

/** What the item is waiting for, when the current user has no step to take (Vietnamese), or null. */
function waitingFor(actor: ResolvedActor, item: LoadedItem): string | null {
  if (availableTransitions(actor, item).length || !item.state) return null;
  const hint = WAITING_HINTS[item.state];
  return hint.mayEdit && decide(actor, 'edit', item).allowed ? hint.mayEdit : hint.other;
}

const roleNames = (roles: string | null | undefined) =>
  String(roles ?? '')
    .split(',')
    .filter(Boolean)
    .map((r) => WORKFLOW_ROLE_LABELS[r as WorkflowRole] ?? r);

/**
 * What the admin panel shows for an item: state (with its Vietnamese label), the transitions
 * `actor` may make (with what each needs), the schedule, and the history, newest last.
 * @throws errors.ForbiddenError when `actor` may not read the item (another agency's content)
 */
export async function describeItem(strapi: Strapi, actor: ResolvedActor, item: LoadedItem) {
  assertAllowed(actor, 'read', item);
  const history = await historyOf(strapi, item.uid, item.documentId);
  const lastReason = [...history].reverse().find((h) => isWorkflowAction(h.action) && transitionNeeds(h.action, 'reason') && h.reason);
  return {
    uid: item.uid,
    documentId: item.documentId,
    kind: item.kind,
    title: item.title,
    agency: item.agency,
    state: item.state,
    stateLabel: item.state ? EDITORIAL_STATE_LABELS[item.state] : null,
    hasPublishedVersion: item.hasPublishedVersion,
    submittedBy: item.submittedBy ? { id: item.submittedBy, name: item.submittedByName ?? null } : null,
    scheduledFor: item.scheduledFor,
    lastReason: lastReason ? { action: lastReason.action, reason: lastReason.reason, actorName: lastReason.actorName, at: lastReason.createdAt } : null,
    actor: {
      id: actor.id,
      name: actor.name ?? null,
      roles: actor.roles,
      roleLabels: actor.roles.map((r) => WORKFLOW_ROLE_LABELS[r]),
      agencyId: actor.agencyId ?? null,
    },
    hint: waitingFor(actor, item),
    actions: availableTransitions(actor, item).map((a) => ({
      action: a,
      label: WORKFLOW_ACTION_LABELS[a],
      needsReason: transitionNeeds(a, 'reason'),
      needsDate: transitionNeeds(a, 'publishAt'),
      needsAgency: transitionNeeds(a, 'agency'),
    })),
    /** where a question may be forwarded (only when this user may forward it) */
    forwardTargets: availableTransitions(actor, item).includes('forward') ? await forwardTargets(strapi, item.agencyId) : [],
    /**
     * why the other transitions are not offered (for a hint in the panel): not those of another
     * state, role or kind of content (a news article showed "Chuyển cơ quan khác: only citizens'
     * questions…" to everyone: a new user's walkthrough, session 7)
     */
    refused: TRANSITION_ACTIONS.filter((a) => !availableTransitions(actor, item).includes(a))
      .map((a) => ({ action: a, label: WORKFLOW_ACTION_LABELS[a], decision: decide(actor, a, item) }))
      .filter((r) => !r.decision.allowed && !['state', 'role', 'kind'].includes(r.decision.reason))
      .map((r) => ({ action: r.action, label: r.label, message: (r.decision as { message: string }).message })),
    history: history.map((h) => ({
      id: h.id,
      action: h.action,
      actionLabel: WORKFLOW_ACTION_LABELS[h.action as TransitionAction] ?? h.action,
      from: h.fromState ?? null,
      fromLabel: h.fromState ? EDITORIAL_STATE_LABELS[h.fromState as EditorialState] : null,
      to: h.toState ?? null,
      toLabel: h.toState ? EDITORIAL_STATE_LABELS[h.toState as EditorialState] : null,
      reason: h.reason ?? null,
      scheduledFor: h.scheduledFor ?? null,
      actorName: h.actorName ?? h.actorId,
      actorRoles: roleNames(h.actorRoles),
      channel: h.channel,
      at: h.createdAt,
      detail: h.detail ?? null,
    })),
  };
}
