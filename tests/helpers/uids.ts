/**
 * The content types' Strapi uids by their registry kind (`UID.article` = 'api::article.article'),
 * from the content-type registry of @cong/shared, so no test writes a uid of its own.
 */
import { CONTENT_TYPES, type ContentType } from '@cong/shared';

export const UID = Object.fromEntries(CONTENT_TYPES.map((t) => [t.kind, t.uid])) as { readonly [T in ContentType as T['kind']]: T['uid'] };
