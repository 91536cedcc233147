/**
 * Vietnamese labels the admin panel shows before it has asked the server anything (the list
 * view's state column): the shared vocabulary of @cong/shared (EDITORIAL_STATE_LABELS), imported
 * like the other enumeration labels (../enum-labels/tables.ts).
 */
import { EDITORIAL_STATE_LABELS } from '@cong/shared';

export const STATE_LABELS = EDITORIAL_STATE_LABELS;
export type StateKey = keyof typeof STATE_LABELS;

/** Colour of each state's badge (design-system Status variants). */
export const STATE_VARIANTS: Record<StateKey, 'alternative' | 'danger' | 'neutral' | 'primary' | 'secondary' | 'success' | 'warning'> = {
  draft: 'secondary',
  inReview: 'warning',
  returned: 'danger',
  approved: 'primary',
  scheduled: 'alternative',
  published: 'success',
  withdrawn: 'neutral',
};

/** The content types under the workflow (mirrors cms/src/workflow/constants.ts WORKFLOW_KINDS). */
export const WORKFLOW_MODELS = [
  'api::agency.agency',
  'api::article.article',
  'api::legal-document.legal-document',
  'api::administrative-procedure.administrative-procedure',
  'api::e-service.e-service',
  'api::investment-project.investment-project',
  'api::question.question',
  'api::province-profile.province-profile',
  'api::homepage.homepage',
] as const;

export const isWorkflowModel = (model: string | undefined): boolean => !!model && (WORKFLOW_MODELS as readonly string[]).includes(model);

/** "29/11/2026 16:05", Vietnam time (DESIGN.md: display in Asia/Ho_Chi_Minh). */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);
}
