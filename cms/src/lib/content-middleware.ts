import { ALL_PUBLIC_UIDS } from './content-types';
import { guardDocumentNumber, LEGAL_DOCUMENT_UID, registerDocumentNumberIndex } from './document-number';
import { assertInput } from './input-rules';
import { ensureSlug } from './slugs';
import { assertValid } from './validation';

/**
 * Document-service middleware that enforces the input rules on every create/update of a public
 * content type, whatever the path (admin panel, REST, GraphQL, seed), in this order — nothing is
 * written when a rule fails:
 * 1. `input-rules.ts`: every value of the payload, components included, against the schema —
 *    text to NFC, control characters / over-long text / unsafe or over-long URLs / numbers out
 *    of range or in exponent notation / unparseable dates refused naming the field path;
 * 2. slugs filled (`slugs.ts`), from the normalised text;
 * 3. the field rules of `validation.ts` on the merged document (on an update the stored draft is
 *    merged under the change so cross-field rules — effectiveDate ≥ issuedDate — see the whole
 *    document);
 * 4. legal documents: the document number unique after normalising (`document-number.ts`), the
 *    write itself running under the number's lock.
 * Also registers, at schema sync, the document-number key backfill and partial unique index.
 */
export function contentRulesMiddleware(strapi: any) {
  registerDocumentNumberIndex(strapi);
  return async (context: any, next: () => Promise<any>): Promise<any> => {
    if (!ALL_PUBLIC_UIDS.includes(context.uid)) return next();
    if (context.action !== 'create' && context.action !== 'update') return next();
    const data = context.params?.data;
    if (!data) return next();
    const documentId = context.action === 'update' ? context.params.documentId : undefined;
    assertInput(strapi, context.uid, data);
    await ensureSlug(strapi, context.uid, data, documentId);
    let existing: Record<string, any> = {};
    if (documentId) {
      existing =
        (await strapi.db.query(context.uid).findOne({
          where: { documentId, publishedAt: null },
          populate: context.uid === 'api::administrative-procedure.administrative-procedure' ? { fees: true } : undefined,
        })) ?? {};
    }
    const merged = { ...existing, ...data };
    if (context.uid !== LEGAL_DOCUMENT_UID) {
      assertValid(context.uid, merged);
      return next();
    }
    return guardDocumentNumber(strapi, data, documentId, async (duplicate) => {
      assertValid(context.uid, merged, duplicate);
      return next();
    });
  };
}
