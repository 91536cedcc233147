/**
 * The content types the public reads (Draft & Publish on), keyed by Strapi uid, with the
 * field a slug is made from when an editor leaves it empty.
 */
export const PUBLIC_CONTENT_TYPES = {
  'api::agency.agency': { slugFrom: 'name' },
  'api::article.article': { slugFrom: 'title' },
  'api::legal-document.legal-document': { slugFrom: 'documentNumber' },
  'api::administrative-procedure.administrative-procedure': { slugFrom: 'name' },
  'api::e-service.e-service': { slugFrom: 'name' },
  'api::investment-project.investment-project': { slugFrom: 'name' },
  'api::question.question': { slugFrom: 'subject' },
} as const;

export type PublicCollectionUid = keyof typeof PUBLIC_CONTENT_TYPES;

export const PUBLIC_SINGLE_TYPES = ['api::province-profile.province-profile', 'api::homepage.homepage'] as const;

export const ALL_PUBLIC_UIDS: string[] = [...Object.keys(PUBLIC_CONTENT_TYPES), ...PUBLIC_SINGLE_TYPES];

export function isPublicCollection(uid: string): uid is PublicCollectionUid {
  return Object.prototype.hasOwnProperty.call(PUBLIC_CONTENT_TYPES, uid);
}
