/**
 * Consultations on draft documents and page ratings (issue 11, items 3–4): the moderation
 * middleware of comments (./moderation.ts), the phase boundaries that rebuild the site
 * (./boundaries.ts), GraphQL limited to reading approved comments, and the custom webhook event
 * the publisher subscribes to. cms/src/index.ts calls `registerConsultation` from `register()`
 * and `bootstrapConsultation` from `bootstrap()` (after the publisher's webhook is registered).
 */
import { CONSULTATION_COMMENT_UID, CONSULTATION_PHASE_EVENT, PAGE_RATING_UID } from '@cong/shared';
import { moderationMiddleware } from './moderation';
import { startBoundaryChecks } from './boundaries';

/** Register phase: the middleware (every write path), GraphQL shape, the webhook event. */
export function registerConsultation(strapi: any): void {
  strapi.documents.use(moderationMiddleware(strapi));
  const graphql = strapi.plugin('graphql');
  if (graphql) {
    const ext = graphql.service('extension');
    // comments: read (approved ones, published) only; ratings: never through GraphQL
    ext.shadowCRUD(CONSULTATION_COMMENT_UID).disableMutations();
    ext.shadowCRUD(PAGE_RATING_UID).disable();
  }
  // the publisher's webhook subscribes to the phase event (shared PUBLISHER_WEBHOOK_EVENTS);
  // Strapi accepts only events it knows in a webhook's list
  strapi.get('webhookStore').addAllowedEvent('CONSULTATION_PHASE', CONSULTATION_PHASE_EVENT);
}

/** Bootstrap phase: catch up on boundaries passed while the CMS was down, then check every minute. */
export async function bootstrapConsultation(strapi: any): Promise<void> {
  await startBoundaryChecks(strapi);
}
