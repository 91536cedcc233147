/**
 * The site's side of consultations on draft documents (issue 11, item 3).
 */

/** Site path of the comment form (served by the publisher's intake, site/publisher). */
export const CONSULTATION_FORM_PATH = '/gop-y-du-thao/';
/** Query parameter that preselects the draft on the comment form. */
export const CONSULTATION_FORM_PARAM = 'du-thao';

/** The comment form's link for one consultation (documentId preselected). */
export function consultationFormHref(documentId: string): string {
  return `${CONSULTATION_FORM_PATH}?${CONSULTATION_FORM_PARAM}=${encodeURIComponent(documentId)}`;
}
