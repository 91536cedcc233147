/**
 * The content types under the editorial workflow and the workflow's own types.
 */
import type { WorkflowContentKind, WorkflowRole } from '@cong/shared';
import { PUBLIC_CONTENT_TYPES } from '../lib/content-types';

/** Append-only audit log of transitions (no content-API routes, GraphQL off, writes refused). */
export const TRANSITION_UID = 'api::workflow-transition.workflow-transition';
/** Links an admin account (by email) to one agency. */
export const MEMBERSHIP_UID = 'api::agency-membership.agency-membership';
export const AGENCY_UID = 'api::agency.agency';
export const E_SERVICE_UID = 'api::e-service.e-service';

/** Strapi uid → workflow kind, for every public type (Draft & Publish + editorialState). */
export const WORKFLOW_KINDS: Record<string, WorkflowContentKind> = {
  'api::agency.agency': 'agency',
  'api::article.article': 'article',
  'api::legal-document.legal-document': 'legalDocument',
  'api::administrative-procedure.administrative-procedure': 'administrativeProcedure',
  'api::e-service.e-service': 'eService',
  'api::investment-project.investment-project': 'investmentProject',
  'api::question.question': 'question',
  'api::province-profile.province-profile': 'provinceProfile',
  'api::homepage.homepage': 'homepage',
};

export const WORKFLOW_UIDS = Object.keys(WORKFLOW_KINDS);

/** Types whose owner is their `agency` relation. */
export const AGENCY_SCOPED_UIDS = WORKFLOW_UIDS.filter(
  (uid) => uid !== AGENCY_UID && !uid.startsWith('api::province-profile') && !uid.startsWith('api::homepage'),
);

export const isWorkflowUid = (uid: string): boolean => Object.prototype.hasOwnProperty.call(WORKFLOW_KINDS, uid);

/** The field that names an item (for the log and messages). */
export function titleField(uid: string): string {
  const c = (PUBLIC_CONTENT_TYPES as Record<string, { slugFrom: string }>)[uid];
  if (c) return c.slugFrom;
  if (uid === 'api::province-profile.province-profile') return 'name';
  return 'welcome';
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
export const ROLE_BY_CODE: Record<string, WorkflowRole> = Object.fromEntries(
  Object.entries(ROLE_CODES).map(([role, code]) => [code, role as WorkflowRole]),
);

/** Keys Strapi adds to write payloads that are not content. */
export const META_KEYS = new Set(['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'firstPublishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations', 'status']);
