import { factories } from '@strapi/strapi';

/**
 * Read-only on the content API: the public reads approved comments (published versions) with
 * find/findOne; comments come in only through the intake route (cms/src/consultation), and
 * moderation happens in the admin panel.
 */
export default factories.createCoreRouter('api::consultation-comment.consultation-comment', { only: ['find', 'findOne'] });
