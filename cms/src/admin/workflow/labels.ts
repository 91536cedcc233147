/**
 * Vietnamese labels the admin panel shows before it has asked the server anything (the list
 * view's state column): the shared vocabulary of @cong/shared (EDITORIAL_STATE_LABELS), imported
 * like the other enumeration labels (../enum-labels/tables.ts).
 */
import { CONTENT_TYPE_UIDS, EDITORIAL_STATE_LABELS, formatDateTime as sharedFormatDateTime } from '@cong/shared';

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

/** The content types under the workflow: the registry's (@cong/shared content-types). */
export const WORKFLOW_MODELS = CONTENT_TYPE_UIDS;

export const isWorkflowModel = (model: string | undefined): boolean => !!model && (WORKFLOW_MODELS as readonly string[]).includes(model);

/**
 * A date-time as the whole portal shows it (shared `formatDateTime`: "16:05 29/11/2026", Vietnam
 * time), or '' when there is none or it cannot be read.
 */
export function formatDateTime(value: string | Date | null | undefined): string {
  try {
    return sharedFormatDateTime(value ?? null);
  } catch {
    return '';
  }
}
