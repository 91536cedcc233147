/**
 * The GraphQL documents the public site runs against the CMS (Strapi 5 + @strapi/plugin-graphql,
 * endpoint `/graphql`), each a typed string constant: the string is the query, its type carries
 * the result and variables types. graphql-request infers them (`client.request(DOC, vars)`)
 * because {@link TypedQuery} has the same shape as its `TypedDocumentString`.
 *
 * Collections are fetched page by page (`pagination: { page, pageSize }`, pageSize ≤ the CMS's
 * GraphQL `maxLimit` of 200) sorted by `documentId` so that pages are stable. Relations are
 * fetched as `{ documentId }` only and resolved by the site against the collections it loaded,
 * which keeps the queries shallow (the CMS sets `depthLimit`) and the number of queries per
 * build small. To-many relations and repeatable components pass an explicit
 * `pagination: { limit: … }`, otherwise the plugin's `defaultLimit` (25) would cut them.
 *
 * Only published content is returned to the public role (the default `status: PUBLISHED`).
 * Private fields (e.g. `question.askerContact`) are not in the public schema and are not asked.
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
export type QueryResult<Q> = Q extends TypedQuery<infer R, unknown> ? R : never;
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

/** Largest page size the CMS's GraphQL accepts (`maxLimit` in cms/config/plugins.ts). */
export const GRAPHQL_MAX_PAGE_SIZE = 200;
/**
 * Page size for a collection without its own in {@link COLLECTION_PAGE_SIZES}. Pages are kept
 * small enough that each query stays well inside the CMS's query budget (estimated cost, and the
 * execution deadline of about a second: cms/src/lib/query-budget.ts).
 */
export const GRAPHQL_PAGE_SIZE = 50;

/**
 * Rows a page, by collection (result key of {@link COLLECTION_QUERIES}): the heavier an entry
 * (nested lists, relations, long text), the smaller its pages. Each page must cost well under
 * the CMS's `GRAPHQL_MAX_COST` and execute in a fraction of its deadline
 * (tests/security/query-budget.test.ts runs each document with these sizes).
 */
export const COLLECTION_PAGE_SIZES = {
  // a province's agencies (Lào Cai: under 100) in one page
  agencies: 120,
  articles: 50,
  legalDocuments: 20,
  administrativeProcedures: 8,
  eServices: 100,
  investmentProjects: 100,
  questions: 50,
} as const satisfies Record<string, number>;

/**
 * Items asked of the to-many lists inside one entry. The largest in the real data
 * (../shared/data, after the seed mappers): 5 steps, 3 submission methods, 7 dossier components,
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
// Result shapes (GraphQL types of the Strapi schema; enums as the content model's identifiers)
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

/** `api::agency.agency`. */
export interface GqlAgency extends GqlEntry {
  name: string;
  shortName: string | null;
  slug: string;
  kind: 'department' | 'branchOffice' | 'district' | 'stateEnterprise' | 'press';
  parent: GqlRef | null;
  contact: GqlContact | null;
  leader: string | null;
  updateSchedule: 'monWedFri' | 'daily';
  pilotEService: boolean | null;
  adminUnitCode: string | null;
  introduction: string | null;
  organisationStructure: string | null;
  orgChart: GqlMedia | null;
  functionsAndDuties: string | null;
  developmentPlanning: string | null;
  naturalSocialConditions: string | null;
  socioEconomicOrientation: string | null;
  /** districts: `{ code, name, type, dataDate, counts, units: [{ code, name, type }] }` (seed import shape) */
  adminUnits: unknown;
  sortOrder: number | null;
}

/** `api::article.article`. */
export interface GqlArticle extends GqlEntry {
  /**
   * ISO 8601 instant (UTC) of the first publication, kept when the article is edited and
   * republished (Strapi's `firstPublishedAt`, cms/config/features.ts); null for rows written
   * without it (the site then uses `publishedAt`)
   */
  firstPublishedAt?: string | null;
  title: string;
  slug: string;
  kind: 'news' | 'announcement';
  scope: 'province' | 'national' | 'international';
  summary: string | null;
  body: string | null;
  cover: GqlMedia | null;
  coverAlt: string | null;
  agency: GqlRef | null;
  author: string | null;
  source: string | null;
  sourceUrl: string | null;
  language: 'vi' | 'en' | null;
  /** ISO `YYYY-MM-DD` */
  eventDate: string | null;
}

/** `api::legal-document.legal-document`. */
export interface GqlLegalDocument extends GqlEntry {
  documentNumber: string;
  slug: string;
  documentType: 'decision' | 'directive' | 'resolution' | 'plan' | 'notice' | 'officialLetter' | 'circular' | 'decree' | 'law' | 'other';
  issuingBody: string;
  signer: string | null;
  /** ISO `YYYY-MM-DD` */
  issuedDate: string;
  effectiveDate: string | null;
  expiryDate: string | null;
  validityStatus: 'notYetEffective' | 'inForce' | 'partiallyExpired' | 'expired' | 'unknown';
  abstract: string;
  field: string | null;
  /** Markdown */
  body: string | null;
  attachments: GqlMedia[];
  replaces: GqlRef[];
  replacedBy: GqlRef[];
  amends: GqlRef[];
  amendedBy: GqlRef[];
  agency: GqlRef | null;
  isPolicy: boolean | null;
  sourceUrl: string | null;
  note: string | null;
}

/** `procedure.step` component. */
export interface GqlProcedureStep {
  order: number;
  description: string;
}
/** `procedure.submission-method` component. */
export interface GqlSubmissionMethod {
  method: 'inPerson' | 'online' | 'post';
  description: string | null;
}
/** `procedure.dossier-component` component. */
export interface GqlDossierComponent {
  name: string;
  originals: number | null;
  copies: number | null;
  formTemplate: GqlMedia | null;
  formTemplateName: string | null;
  note: string | null;
}
/** `procedure.processing-time` component. */
export interface GqlProcessingTime {
  value: number | null;
  unit: 'workingDays' | 'days' | 'hours' | 'months' | null;
  text: string | null;
}
/** `procedure.fee` component. `amountVnd` is a GraphQL `Long` (number or string). */
export interface GqlFee {
  description: string;
  amountVnd: number | string | null;
  note: string | null;
}

/** `api::administrative-procedure.administrative-procedure`. */
export interface GqlProcedure extends GqlEntry {
  procedureCode: string | null;
  name: string;
  slug: string;
  field: string | null;
  level: 'informationOnly' | 'partial' | 'full' | 'level1' | 'level2' | 'level3' | 'level4' | null;
  executingAgency: string | null;
  agency: GqlRef | null;
  steps: GqlProcedureStep[] | null;
  stepsText: string | null;
  submissionMethods: GqlSubmissionMethod[] | null;
  dossierComponents: GqlDossierComponent[] | null;
  dossierQuantity: string | null;
  processingTime: GqlProcessingTime | null;
  applicants: string | null;
  result: string | null;
  fees: GqlFee[] | null;
  feesText: string | null;
  requirements: string | null;
  legalBasis: GqlRef[];
  legalBasisText: string | null;
  sourceUrl: string | null;
}

/** `api::e-service.e-service`. */
export interface GqlEService extends GqlEntry {
  name: string;
  code: string | null;
  slug: string;
  agency: GqlRef | null;
  procedure: GqlRef | null;
  serviceLevel: 'level1' | 'level2' | 'level3' | 'level4' | 'partial' | 'full' | null;
  url: string | null;
  registrationStatus: 'registered' | 'approved' | 'piloting' | 'live' | 'suspended';
  description: string | null;
}

/** `api::investment-project.investment-project`. `capitalVnd` is a GraphQL `Long`. */
export interface GqlInvestmentProject extends GqlEntry {
  name: string;
  slug: string;
  agency: GqlRef | null;
  sector: string | null;
  location: string | null;
  capitalVnd: number | string | null;
  /** Markdown */
  description: string | null;
  projectStatus: 'calling' | 'negotiating' | 'awarded' | 'closed' | null;
}

/** `api::question.question` (public fields; the asker's contact is private). */
export interface GqlQuestion extends GqlEntry {
  /** first publication, as {@link GqlArticle.firstPublishedAt} */
  firstPublishedAt?: string | null;
  askerName: string;
  agency: GqlRef | null;
  subject: string;
  slug: string;
  body: string;
  answerStatus: 'received' | 'answered' | 'rejected';
  /** Markdown */
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  createdAt: string | null;
}

/** `api::province-profile.province-profile` (single type, R-2.4). */
export interface GqlProvinceProfile extends GqlEntry {
  name: string;
  overview: string | null;
  naturalConditions: string | null;
  economy: string | null;
  areaKm2: number | null;
  population: number | null;
  adminUnits: unknown;
  adminUnitsDate: string | null;
  contact: GqlContact | null;
}

/** `api::homepage.homepage` (single type). */
export interface GqlHomepage extends GqlEntry {
  welcome: string | null;
  featuredArticles: GqlRef[];
  featuredDocuments: GqlRef[];
  /** e.g. `['documents', 'procedures', 'news', 'agencies', 'questions']` */
  sectionOrder: unknown;
  hotline: string | null;
}

// ---------------------------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------------------------

const MEDIA_FIELDS = `documentId name alternativeText caption url ext mime size width height updatedAt`;
const CONTACT_FIELDS = `address phone fax email website`;
/** Limits for to-many relations, media and repeatable components inside one entry. */
const COMPONENTS = `pagination: { limit: ${NESTED_LIST_LIMITS.components} }`;
const RELATIONS = `pagination: { limit: ${NESTED_LIST_LIMITS.relations} }`;
const MEDIA = `pagination: { limit: ${NESTED_LIST_LIMITS.media} }`;
const PAGE_ARGS = `filters: $filters, pagination: { page: $page, pageSize: $pageSize }, sort: ["documentId:asc"]`;
/** The variables every collection query declares; `filter` is the type's `<Type>FiltersInput`. */
const pageVars = (filter: string) => `$page: Int!, $pageSize: Int!, $filters: ${filter}`;

/** Agencies, one page. */
export const AGENCIES_QUERY: TypedQuery<{ agencies: GqlAgency[] }, PageVariables> = /* GraphQL */ `
  query SiteAgencies(${pageVars('AgencyFiltersInput')}) {
    agencies(${PAGE_ARGS}) {
      documentId updatedAt publishedAt
      name shortName slug kind
      parent { documentId }
      contact { ${CONTACT_FIELDS} }
      leader updateSchedule pilotEService adminUnitCode
      introduction organisationStructure
      orgChart { ${MEDIA_FIELDS} }
      functionsAndDuties developmentPlanning naturalSocialConditions socioEconomicOrientation
      adminUnits sortOrder
    }
  }
`;

/** Articles (news and announcements), one page. */
export const ARTICLES_QUERY: TypedQuery<{ articles: GqlArticle[] }, PageVariables> = /* GraphQL */ `
  query SiteArticles(${pageVars('ArticleFiltersInput')}) {
    articles(${PAGE_ARGS}) {
      documentId updatedAt publishedAt firstPublishedAt
      title slug kind scope summary body
      cover { ${MEDIA_FIELDS} }
      coverAlt
      agency { documentId }
      author source sourceUrl language eventDate
    }
  }
`;

/** Legal documents, one page. */
export const LEGAL_DOCUMENTS_QUERY: TypedQuery<{ legalDocuments: GqlLegalDocument[] }, PageVariables> = /* GraphQL */ `
  query SiteLegalDocuments(${pageVars('LegalDocumentFiltersInput')}) {
    legalDocuments(${PAGE_ARGS}) {
      documentId updatedAt publishedAt
      documentNumber slug documentType issuingBody signer
      issuedDate effectiveDate expiryDate validityStatus
      abstract field body
      attachments(${MEDIA}) { ${MEDIA_FIELDS} }
      replaces(${RELATIONS}) { documentId }
      replacedBy(${RELATIONS}) { documentId }
      amends(${RELATIONS}) { documentId }
      amendedBy(${RELATIONS}) { documentId }
      agency { documentId }
      isPolicy sourceUrl note
    }
  }
`;

/** Administrative procedures, one page. */
export const PROCEDURES_QUERY: TypedQuery<{ administrativeProcedures: GqlProcedure[] }, PageVariables> = /* GraphQL */ `
  query SiteProcedures(${pageVars('AdministrativeProcedureFiltersInput')}) {
    administrativeProcedures(${PAGE_ARGS}) {
      documentId updatedAt publishedAt
      procedureCode name slug field level executingAgency
      agency { documentId }
      steps(${COMPONENTS}) { order description }
      stepsText
      submissionMethods(${COMPONENTS}) { method description }
      dossierComponents(${COMPONENTS}) {
        name originals copies
        formTemplate { ${MEDIA_FIELDS} }
        formTemplateName note
      }
      dossierQuantity
      processingTime { value unit text }
      applicants result
      fees(${COMPONENTS}) { description amountVnd note }
      feesText requirements
      legalBasis(${RELATIONS}) { documentId }
      legalBasisText sourceUrl
    }
  }
`;

/** Online public services, one page. */
export const E_SERVICES_QUERY: TypedQuery<{ eServices: GqlEService[] }, PageVariables> = /* GraphQL */ `
  query SiteEServices(${pageVars('EServiceFiltersInput')}) {
    eServices(${PAGE_ARGS}) {
      documentId updatedAt publishedAt
      name code slug
      agency { documentId }
      procedure { documentId }
      serviceLevel url registrationStatus description
    }
  }
`;

/** Investment projects, one page. */
export const INVESTMENT_PROJECTS_QUERY: TypedQuery<{ investmentProjects: GqlInvestmentProject[] }, PageVariables> = /* GraphQL */ `
  query SiteInvestmentProjects(${pageVars('InvestmentProjectFiltersInput')}) {
    investmentProjects(${PAGE_ARGS}) {
      documentId updatedAt publishedAt
      name slug
      agency { documentId }
      sector location capitalVnd description projectStatus
    }
  }
`;

/** Questions and answers, one page. */
export const QUESTIONS_QUERY: TypedQuery<{ questions: GqlQuestion[] }, PageVariables> = /* GraphQL */ `
  query SiteQuestions(${pageVars('QuestionFiltersInput')}) {
    questions(${PAGE_ARGS}) {
      documentId updatedAt publishedAt firstPublishedAt createdAt
      askerName
      agency { documentId }
      subject slug body answerStatus answer answeredBy answeredAt
    }
  }
`;

/** The two single types: province profile and homepage (null when not published). */
export const SINGLES_QUERY: TypedQuery<{ provinceProfile: GqlProvinceProfile | null; homepage: GqlHomepage | null }, Record<string, never>> = /* GraphQL */ `
  query SiteSingles {
    provinceProfile {
      documentId updatedAt publishedAt
      name overview naturalConditions economy areaKm2 population adminUnits adminUnitsDate
      contact { ${CONTACT_FIELDS} }
    }
    homepage {
      documentId updatedAt publishedAt
      welcome
      featuredArticles(${RELATIONS}) { documentId }
      featuredDocuments(${RELATIONS}) { documentId }
      sectionOrder hotline
    }
  }
`;

/**
 * The paginated collection queries, by the key of their result. The site runs each one page by
 * page until a page comes back shorter than `pageSize`.
 */
export const COLLECTION_QUERIES = {
  agencies: AGENCIES_QUERY,
  articles: ARTICLES_QUERY,
  legalDocuments: LEGAL_DOCUMENTS_QUERY,
  administrativeProcedures: PROCEDURES_QUERY,
  eServices: E_SERVICES_QUERY,
  investmentProjects: INVESTMENT_PROJECTS_QUERY,
  questions: QUESTIONS_QUERY,
} as const;
