/**
 * A sanctioned workflow step in progress. The transition service and the scheduler run the
 * document-service call that carries out a step (publish, unpublish) inside `workflowScope.run`,
 * so the middleware knows who acts (the scheduler acts as the system even though it may run
 * while some request is in flight) and why (the reason of a withdrawal). Not reachable from HTTP.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { WorkflowActor, WorkflowChannel } from '@cong/shared';

/** The path a workflow step came through (`WORKFLOW_CHANNELS` of @cong/shared). */
export type Channel = WorkflowChannel;

export interface WorkflowScope {
  /** who acts; overrides the request's user */
  actor?: WorkflowActor;
  /** the reason given by the actor (return, withdraw) or by the system (scheduled publishing) */
  reason?: string;
  /** path the step came through, for the audit log */
  channel?: Channel;
  /** extra detail stored with the log entry */
  detail?: Record<string, unknown>;
}

export const workflowScope = new AsyncLocalStorage<WorkflowScope>();
