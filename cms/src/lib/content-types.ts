/**
 * The CMS's view of the content-type registry (@cong/shared `CONTENT_TYPES`, one entry per
 * public type): nothing here lists a type by hand.
 */
import { CONTENT_TYPES, COLLECTION_TYPES, CONTENT_TYPE_UIDS, PUBLIC_MODERATED_UIDS, contentType } from '@cong/shared';

/** Every public content type's uid (Draft & Publish on, read by the public). */
export const ALL_PUBLIC_UIDS: readonly string[] = CONTENT_TYPE_UIDS;

/** The field an empty slug is made from, for a collection type; undefined otherwise. */
export function slugSource(uid: string): string | undefined {
  const t = contentType(uid);
  return t && 'slugFrom' in t ? t.slugFrom : undefined;
}

/**
 * The public role's whole permission set, which is also the preview token's: find/findOne on
 * each collection type, find on each single type, and find/findOne on the moderated types
 * (approved consultation comments: only their published versions are served, see
 * lib/public-read-guard.ts; their private fields never are).
 */
export function publicReadActions(): string[] {
  return [
    ...CONTENT_TYPES.flatMap((t) => (t.type === 'collection' ? [`${t.uid}.find`, `${t.uid}.findOne`] : [`${t.uid}.find`])),
    ...PUBLIC_MODERATED_UIDS.flatMap((uid) => [`${uid}.find`, `${uid}.findOne`]),
  ];
}

/** The collection types' uids. */
export const PUBLIC_COLLECTION_UIDS: readonly string[] = COLLECTION_TYPES.map((t) => t.uid);

/** Attributes Strapi manages itself on every type (never content, never checked as input). */
export const SYSTEM_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'documentId',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'firstPublishedAt',
  'createdBy',
  'updatedBy',
  'locale',
  'localizations',
]);
