/**
 * The GraphQL documents the public site runs against the CMS (Strapi 5 + @strapi/plugin-graphql,
 * endpoint `/graphql`), one file per collection beside this one, each a typed string constant:
 * the string is the query, its type carries the result and variables types. graphql-request
 * infers them (`client.request(DOC, vars)`) because `TypedQuery` has the same shape as its
 * `TypedDocumentString`. Conventions (pagination, relations as `{ documentId }`, nested-list
 * limits, published content only) in `common.ts`.
 *
 * This is the one home of the documents and of their page sizes: the site's data layer
 * (../cms.ts, ../data-cache.ts), the publisher's preview loader, the CMS's query-budget test
 * (tests/security/query-budget.test.ts) and bench (bench/query-budget.ts) import them from here.
 */
import { AGENCIES_QUERY } from './agencies';
import { ARTICLES_QUERY } from './articles';
import { E_SERVICES_QUERY } from './e-services';
import { INVESTMENT_PROJECTS_QUERY } from './investment-projects';
import { LEGAL_DOCUMENTS_QUERY } from './legal-documents';
import { PROCEDURES_QUERY } from './procedures';
import { QUESTIONS_QUERY } from './questions';
import { CONSULTATIONS_QUERY } from './consultations';

export * from './common';
export * from './agencies';
export * from './articles';
export * from './legal-documents';
export * from './procedures';
export * from './e-services';
export * from './investment-projects';
export * from './questions';
export * from './consultations';
export * from './singles';

/** Largest page size the CMS's GraphQL accepts (`maxLimit` in cms/config/plugins.ts). */
export const GRAPHQL_MAX_PAGE_SIZE = 200;
/**
 * Page size for a collection without its own in {@link COLLECTION_PAGE_SIZES}. Pages are kept
 * small enough that each query stays well inside the CMS's query budget (estimated cost, and the
 * execution deadline of about a second: cms/src/lib/query-budget.ts).
 */
export const GRAPHQL_PAGE_SIZE = 50;

/**
 * The paginated collection queries, by the key of their result (the registry's `plural` name).
 * The site runs each one page by page until a page comes back shorter than `pageSize`.
 */
export const COLLECTION_QUERIES = {
  agencies: AGENCIES_QUERY,
  articles: ARTICLES_QUERY,
  legalDocuments: LEGAL_DOCUMENTS_QUERY,
  administrativeProcedures: PROCEDURES_QUERY,
  eServices: E_SERVICES_QUERY,
  investmentProjects: INVESTMENT_PROJECTS_QUERY,
  questions: QUESTIONS_QUERY,
  consultations: CONSULTATIONS_QUERY,
} as const;

/**
 * Rows a page, by collection (result key of {@link COLLECTION_QUERIES}): the heavier an entry
 * (nested lists, relations, long text), the smaller its pages. Each page must cost well under
 * the CMS's `GRAPHQL_MAX_COST` and execute in a fraction of its deadline
 * (tests/security/query-budget.test.ts runs each document with these sizes). A collection
 * without an entry here gets {@link GRAPHQL_PAGE_SIZE}: use {@link pageSizeOf}.
 */
export const COLLECTION_PAGE_SIZES: Partial<Record<keyof typeof COLLECTION_QUERIES | 'consultationComments', number>> = {
  // a province's agencies (Lào Cai: under 100) in one page
  agencies: 120,
  articles: 50,
  legalDocuments: 20,
  administrativeProcedures: 8,
  eServices: 100,
  investmentProjects: 100,
  questions: 50,
  consultations: 20,
  // approved comments on consultations (not a registry collection: loaded in full each build)
  consultationComments: 200,
};

/** Rows a page for a collection (its {@link COLLECTION_PAGE_SIZES} entry, else {@link GRAPHQL_PAGE_SIZE}). */
export function pageSizeOf(root: string): number {
  return (COLLECTION_PAGE_SIZES as Record<string, number | undefined>)[root] ?? GRAPHQL_PAGE_SIZE;
}
