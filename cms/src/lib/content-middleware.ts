import { ALL_PUBLIC_UIDS } from './content-types';
import { ensureSlug } from './slugs';
import { assertValid } from './validation';

/**
 * Document-service middleware that fills slugs and enforces the field rules of
 * `validation.ts` on every create/update, whatever the path (admin panel, REST, GraphQL, seed).
 * On an update the stored draft is merged under the change so cross-field rules
 * (effectiveDate ≥ issuedDate) see the whole document. Nothing is written when a rule fails.
 */
export function contentRulesMiddleware(strapi: any) {
  return async (context: any, next: () => Promise<any>): Promise<any> => {
    if (!ALL_PUBLIC_UIDS.includes(context.uid)) return next();
    if (context.action !== 'create' && context.action !== 'update') return next();
    const data = context.params?.data;
    if (!data) return next();
    const documentId = context.action === 'update' ? context.params.documentId : undefined;
    await ensureSlug(strapi, context.uid, data, documentId);
    let existing: Record<string, any> = {};
    if (documentId) {
      existing =
        (await strapi.db.query(context.uid).findOne({
          where: { documentId, publishedAt: null },
          populate: context.uid === 'api::administrative-procedure.administrative-procedure' ? { fees: true } : undefined,
        })) ?? {};
    }
    assertValid(context.uid, { ...existing, ...data });
    return next();
  };
}
