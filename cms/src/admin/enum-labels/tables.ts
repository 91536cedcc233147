/**
 * Vietnamese labels of every enumeration of the content model, for the admin panel (issue 10,
 * item 8). The stored value stays the English identifier (REST, GraphQL and the site depend on
 * it); only what an editor sees is translated: the edit view's select, the list view's cells and
 * the list view's filters (see ./index.ts).
 *
 * The labels come from @cong/shared (shared/src/domain.ts, shared/src/workflow.ts), the same
 * tables the site uses. enum-labels.test.ts checks that every enumeration attribute of every
 * content type (cms/src/api) and component (cms/src/components) has a table here, with a label
 * for exactly its values.
 */
import {
  AGENCY_KIND_LABELS,
  ARTICLE_KIND_LABELS,
  ARTICLE_LANGUAGE_LABELS,
  ARTICLE_SCOPE_LABELS,
  DOCUMENT_TYPE_LABELS,
  E_SERVICE_STATUS_LABELS,
  EDITORIAL_STATE_LABELS,
  INVESTMENT_PROJECT_STATUS_LABELS,
  MODERATION_STATUS_LABELS,
  RATING_SCORE_LABELS,
  PROCEDURE_LEVEL_LABELS,
  PROCESSING_TIME_UNIT_LABELS,
  QUESTION_STATUS_LABELS,
  SERVICE_LEVEL_LABELS,
  SUBMISSION_METHOD_LABELS,
  UPDATE_SCHEDULE_LABELS,
  VALIDITY_STATUS_LABELS,
  WORKFLOW_ACTION_LABELS,
  MODERATE_ACTION_LABEL,
  WORKFLOW_CHANNEL_LABELS,
} from '@cong/shared';

export type LabelTable = Readonly<Record<string, string>>;

/** Model (content type or component uid) → enumeration attribute → labels of its values. */
export const ENUM_LABELS: Readonly<Record<string, Readonly<Record<string, LabelTable>>>> = {
  'api::agency.agency': { kind: AGENCY_KIND_LABELS, updateSchedule: UPDATE_SCHEDULE_LABELS, editorialState: EDITORIAL_STATE_LABELS },
  'api::article.article': {
    kind: ARTICLE_KIND_LABELS,
    scope: ARTICLE_SCOPE_LABELS,
    language: ARTICLE_LANGUAGE_LABELS,
    editorialState: EDITORIAL_STATE_LABELS,
  },
  'api::legal-document.legal-document': {
    documentType: DOCUMENT_TYPE_LABELS,
    validityStatus: VALIDITY_STATUS_LABELS,
    editorialState: EDITORIAL_STATE_LABELS,
  },
  'api::administrative-procedure.administrative-procedure': { level: PROCEDURE_LEVEL_LABELS, editorialState: EDITORIAL_STATE_LABELS },
  'api::e-service.e-service': {
    serviceLevel: SERVICE_LEVEL_LABELS,
    registrationStatus: E_SERVICE_STATUS_LABELS,
    editorialState: EDITORIAL_STATE_LABELS,
  },
  'api::investment-project.investment-project': { projectStatus: INVESTMENT_PROJECT_STATUS_LABELS, editorialState: EDITORIAL_STATE_LABELS },
  'api::question.question': { answerStatus: QUESTION_STATUS_LABELS, editorialState: EDITORIAL_STATE_LABELS },
  'api::consultation.consultation': { editorialState: EDITORIAL_STATE_LABELS },
  'api::consultation-comment.consultation-comment': { moderationStatus: MODERATION_STATUS_LABELS },
  'api::page-rating.page-rating': { score: RATING_SCORE_LABELS },
  'api::province-profile.province-profile': { editorialState: EDITORIAL_STATE_LABELS },
  'api::homepage.homepage': { editorialState: EDITORIAL_STATE_LABELS },
  'api::workflow-transition.workflow-transition': {
    action: { ...WORKFLOW_ACTION_LABELS, moderate: MODERATE_ACTION_LABEL },
    fromState: EDITORIAL_STATE_LABELS,
    toState: EDITORIAL_STATE_LABELS,
    channel: WORKFLOW_CHANNEL_LABELS,
  },
  'procedure.processing-time': { unit: PROCESSING_TIME_UNIT_LABELS },
  'procedure.submission-method': { method: SUBMISSION_METHOD_LABELS },
};

/** True when `table` has a label for each of `values` (it may have more: `action` has no `read`). */
const covers = (table: LabelTable, values: readonly string[]) => values.every((v) => Object.hasOwn(table, v));

/**
 * The labels of attribute `field` of `model`, when both are known; otherwise (the edit view of a
 * component, a list filter: Strapi does not say which model the field belongs to) the labels of
 * the enumeration named `field` that labels all of `values`. Every table that would match gives the
 * same labels (enum-labels.test.ts), so the result does not depend on which model it came from.
 */
export function labelsFor(model: string | undefined, field: string, values?: readonly string[]): LabelTable | undefined {
  const known = model ? ENUM_LABELS[model]?.[field] : undefined;
  if (known && (!values?.length || covers(known, values))) return known;
  if (!values?.length) return undefined;
  for (const fields of Object.values(ENUM_LABELS)) {
    const table = fields[field];
    if (table && covers(table, values)) return table;
  }
  return undefined;
}

/** The attribute name of a form field path: `submissionMethods.0.method` → `method`. */
export const attributeName = (path: string): string =>
  path
    .split('.')
    .filter((p) => !/^\d+$/.test(p))
    .pop() ?? path;

/** Vietnamese label of `value`, or the value itself when there is none. */
export const enumLabel = (table: LabelTable | undefined, value: unknown): string =>
  value === null || value === undefined || value === '' ? '' : (table?.[String(value)] ?? String(value));
