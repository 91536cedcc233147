/**
 * "Rate this page" on the site (issue 11, item 4): where the form posts (the publisher's intake,
 * site/publisher) and the name of its honeypot field (the intake's).
 */
import { HONEYPOT_FIELD } from '@cong/shared';

/** Site path the rating form posts to; its own page shows the thanks or the errors. */
export const RATING_FORM_PATH = '/danh-gia/';
/** Honeypot field name (the shared intake module's). */
export const RATING_HONEYPOT = HONEYPOT_FIELD;
