/**
 * The site's side of consultations on draft documents (issue 11, item 3).
 */
import { routes } from '@cong/shared';

/** Site path of the comment form (served by the publisher's intake, site/publisher). */
export const CONSULTATION_FORM_PATH = routes.consultationComment();
/** Query parameter that preselects the draft on the comment form. */
export const CONSULTATION_FORM_PARAM = 'du-thao';

/** The comment form's link for one consultation (documentId preselected). */
export function consultationFormHref(documentId: string): string {
  return routes.consultationComment(documentId);
}
