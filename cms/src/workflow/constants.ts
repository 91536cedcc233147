/**
 * The content types under the editorial workflow (every type of the registry, @cong/shared
 * `CONTENT_TYPES`) and the workflow's own types.
 */
import {
  AGENCY_SCOPED_UIDS as SCOPED,
  AGENCY_UID as AGENCY,
  CONTENT_TYPES,
  contentType,
  isContentTypeUid,
  type WorkflowContentKind,
  type WorkflowRole,
} from '@cong/shared';
import { SYSTEM_FIELDS } from '../lib/content-types';

/** Append-only audit log of transitions (no content-API routes, GraphQL off, writes refused). */
export const TRANSITION_UID = 'api::workflow-transition.workflow-transition';
/** Links an admin account (by email) to one agency. */
export const MEMBERSHIP_UID = 'api::agency-membership.agency-membership';
/** The agency record (its owner is itself). */
export const AGENCY_UID: string = AGENCY;
/** E-services carry the council's registration decision. */
export const E_SERVICE_UID = 'api::e-service.e-service';

/** Strapi uid → workflow kind, for every public type (Draft & Publish + editorialState). */
export const WORKFLOW_KINDS: Record<string, WorkflowContentKind> = Object.fromEntries(CONTENT_TYPES.map((t) => [t.uid, t.kind]));

/** Every type under the workflow. */
export const WORKFLOW_UIDS: readonly string[] = CONTENT_TYPES.map((t) => t.uid);

/** Types whose owner is their `agency` relation (registry `owner: 'agency'`). */
export const AGENCY_SCOPED_UIDS: readonly string[] = SCOPED;

export const isWorkflowUid = (uid: string): boolean => isContentTypeUid(uid);

/** The field that names an item (for the log and messages). */
export function titleField(uid: string): string {
  return contentType(uid)?.titleField ?? 'id';
}

/** Strapi admin roles created by the bootstrap, keyed by workflow role. */
export const ROLE_CODES: Partial<Record<WorkflowRole, string>> = {
  agencyEditor: 'cong-agency-editor',
  agencyTeamLead: 'cong-agency-team-lead',
  editorialBoard: 'cong-editorial-board',
  editorialCouncil: 'cong-editorial-council',
  itCentre: 'strapi-super-admin',
};

/** Role code → workflow role. The IT centre is Strapi's super admin. */
export const ROLE_BY_CODE: Record<string, WorkflowRole> = Object.fromEntries(Object.entries(ROLE_CODES).map(([role, code]) => [code, role as WorkflowRole]));

/** Keys Strapi adds to write payloads that are not content: its own fields, and the publication status. */
export const META_KEYS: ReadonlySet<string> = new Set([...SYSTEM_FIELDS, 'status']);
