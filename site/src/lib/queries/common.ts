/**
 * What every GraphQL document of the site shares: the typed-string convention, the page
 * variables, the nested-list limits, the result shapes of relations, media, contacts and entry
 * metadata, and the field lists those shapes select. The documents themselves live one file per
 * collection beside this one; `index.ts` lists them with their page sizes.
 *
 * Collections are fetched page by page (`pagination: { page, pageSize }`, pageSize ≤ the CMS's
 * GraphQL `maxLimit` of 200) sorted by `documentId` so that pages are stable. Relations are
 * fetched as `{ documentId }` only and resolved by the site against the collections it loaded
 * (cms.ts), which keeps the queries shallow (the CMS sets `depthLimit`) and the number of queries
 * per build small. To-many relations and repeatable components pass an explicit
 * `pagination: { limit: … }`, otherwise the plugin's `defaultLimit` (25) would cut them.
 *
 * Only published content is returned to the public role (the default `status: PUBLISHED`).
 * Private fields (e.g. `question.askerContact`) are not in the public schema and are not asked.
 *
 * Enumeration fields are typed with the domain enums of `@cong/shared` (domain.ts), which a unit
 * test holds equal to the Strapi schemas' enumerations — no union is written twice (ADR 0014).
 */

/**
 * A GraphQL document as a string, typed with its result and variables
 * (structurally compatible with graphql-request's / graphql-codegen's `TypedDocumentString`).
 */
export type TypedQuery<TResult, TVariables> = string & {
  /** phantom: never set at runtime */
  readonly __apiType?: (variables: TVariables) => TResult;
};

/** Result type of a {@link TypedQuery}. */
export type QueryResult<Q> = Q extends TypedQuery<infer R, never> ? R : never;
/** Variables type of a {@link TypedQuery}. */
export type QueryVariables<Q> = Q extends TypedQuery<unknown, infer V> ? V : never;

/** Variables of every paginated collection query. */
export interface PageVariables {
  /** 1-based page number */
  page: number;
  /** rows per page, at most the CMS's GraphQL maxLimit (200) */
  pageSize: number;
  /**
   * optional Strapi filters (`<Type>FiltersInput`), e.g. `{ documentId: { in: [...] } }` to
   * refetch only the entries that changed since the last build; omitted = every published entry
   */
  filters?: Record<string, unknown> | null;
}

/**
 * Items asked of the to-many lists inside one entry. The largest in the real data
 * (data/, after the seed mappers): 5 steps, 3 submission methods, 7 dossier components,
 * 41 fees, 6 legal-basis documents a procedure; a few relations a legal document. A repeatable
 * component list asks the CMS's `GRAPHQL_COMPONENT_ITEMS` (50): the most it estimates one to hold.
 */
export const NESTED_LIST_LIMITS = {
  /** repeatable components (procedure steps, submission methods, dossier components, fees) */
  components: 50,
  /** relations between entries (legal basis, replaces/amends…, featured items) */
  relations: 50,
  /** media files of one entry (a legal document's attachments) */
  media: 20,
} as const;

// ---------------------------------------------------------------------------------------------
// Shared result shapes (GraphQL types of the Strapi schema)
// ---------------------------------------------------------------------------------------------

/** A relation fetched by identity only. */
export interface GqlRef {
  documentId: string;
}

/** `UploadFile` (Strapi media library). `url` is site-relative (`/uploads/…`) for the local provider. */
export interface GqlMedia {
  documentId: string;
  name: string;
  alternativeText: string | null;
  caption: string | null;
  url: string;
  ext: string | null;
  mime: string;
  /** kilobytes */
  size: number;
  width: number | null;
  height: number | null;
  updatedAt: string | null;
}

/** `shared.contact` component. */
export interface GqlContact {
  address: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  website: string | null;
}

/** Fields every public entry has. */
export interface GqlEntry {
  documentId: string;
  /** ISO 8601 instant (UTC) of the last change of the published version */
  updatedAt: string;
  /** ISO 8601 instant (UTC) of publication */
  publishedAt: string | null;
}

// ---------------------------------------------------------------------------------------------
// Selection fragments (plain strings spliced into the documents)
// ---------------------------------------------------------------------------------------------

/** Fields of {@link GqlMedia}. */
export const MEDIA_FIELDS = `documentId name alternativeText caption url ext mime size width height updatedAt`;
/** Fields of {@link GqlContact}. */
export const CONTACT_FIELDS = `address phone fax email website`;
/** Limit of a repeatable component list inside one entry. */
export const COMPONENTS = `pagination: { limit: ${NESTED_LIST_LIMITS.components} }`;
/** Limit of a to-many relation inside one entry. */
export const RELATIONS = `pagination: { limit: ${NESTED_LIST_LIMITS.relations} }`;
/** Limit of a multiple media field inside one entry. */
export const MEDIA = `pagination: { limit: ${NESTED_LIST_LIMITS.media} }`;
/** Arguments of every collection query: filters, one page, a stable order. */
export const PAGE_ARGS = `filters: $filters, pagination: { page: $page, pageSize: $pageSize }, sort: ["documentId:asc"]`;
/** The variables every collection query declares; `filter` is the type's `<Type>FiltersInput`. */
export const pageVars = (filter: string): string => `$page: Int!, $pageSize: Int!, $filters: ${filter}`;
