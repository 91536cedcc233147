/**
 * The site's data layer: loads every published entry the public pages show from the CMS's
 * GraphQL API (`${CMS_URL}/graphql`, default http://127.0.0.1:1337) in a handful of queries —
 * one paginated loop per collection plus one query for the two single types — and indexes the
 * result by slug and by agency. Every page's `getStaticPaths()` calls {@link loadSiteData}; the
 * load runs once per build (memoised per process).
 *
 * Relations come from the CMS as `{ documentId }` and are resolved here against the loaded
 * collections, so an entry related to something that is not published simply has no relation.
 *
 * Env: `CMS_URL` (base URL of the CMS), `CMS_TOKEN` (optional bearer token, read-only),
 * `MEDIA_BASE_URL` (base URL for `/uploads/…` media, default `CMS_URL`).
 */
import { ClientError, GraphQLClient } from 'graphql-request';
import {
  AGENCY_KINDS,
  computeValidityStatus,
  consultationPhase,
  safeHref,
  todayInVietnam,
  type AgencyKind,
  type ConsultationPhase,
  type ValidityStatus,
} from '@cong/shared';
import {
  COLLECTION_QUERIES,
  pageSizeOf,
  SINGLES_QUERY,
  type GqlAgency,
  type GqlArticle,
  type GqlEService,
  type GqlHomepage,
  type GqlInvestmentProject,
  type GqlLegalDocument,
  type GqlProcedure,
  type GqlProvinceProfile,
  type GqlQuestion,
  type GqlConsultation,
  type GqlConsultationComment,
  type GqlConsultationCommentRow,
  CONSULTATION_COMMENTS_QUERY,
  type GqlRef,
  type PageVariables,
  type TypedQuery,
} from './queries';
import {
  CACHED_COLLECTIONS,
  planRefresh,
  readDataCache,
  takeCacheTurn,
  readStateFile,
  writeDataCache,
  type CachedCollections,
  type CollectionKey,
  type RefreshPlan,
} from './data-cache';

// ---------------------------------------------------------------------------------------------
// Resolved entry types
// ---------------------------------------------------------------------------------------------

/** An agency (chuyên trang owner). */
export type Agency = Omit<GqlAgency, 'parent'> & { parent: Agency | null };
/**
 * A news item or announcement. `firstPublishedAt` is always set on a resolved article: the first
 * publication (kept through edits), or `publishedAt` when the CMS has none — the date readers see
 * as "Ngày đăng" and the order of every news list.
 */
export type Article = Omit<GqlArticle, 'agency' | 'firstPublishedAt'> & { agency: Agency | null; firstPublishedAt: string | null };
/** A legal document with its relations resolved. */
export type LegalDocument = Omit<GqlLegalDocument, 'agency' | 'replaces' | 'replacedBy' | 'amends' | 'amendedBy'> & {
  agency: Agency | null;
  replaces: LegalDocument[];
  replacedBy: LegalDocument[];
  amends: LegalDocument[];
  amendedBy: LegalDocument[];
  /** validity on the build day: the dates decide, the recorded status fills in (see `computeValidityStatus`) */
  currentValidity: ValidityStatus;
};
/** An administrative procedure with its legal basis and the e-services that serve it. */
export type Procedure = Omit<GqlProcedure, 'agency' | 'legalBasis'> & {
  agency: Agency | null;
  legalBasis: LegalDocument[];
  eServices: EService[];
};
/** An online public service. */
export type EService = Omit<GqlEService, 'agency' | 'procedure'> & { agency: Agency | null; procedure: Procedure | null };
/** A project calling for investment. */
export type InvestmentProject = Omit<GqlInvestmentProject, 'agency'> & { agency: Agency | null };
/** A citizen's question with its answer; `firstPublishedAt` as {@link Article}. */
export type Question = Omit<GqlQuestion, 'agency' | 'firstPublishedAt'> & { agency: Agency | null; firstPublishedAt: string | null };
/** The province's shared general information (R-2.4). */
export type ProvinceProfile = GqlProvinceProfile;
/** The homepage single type with its featured items resolved. */
export type Homepage = Omit<GqlHomepage, 'featuredArticles' | 'featuredDocuments'> & {
  featuredArticles: Article[];
  featuredDocuments: LegalDocument[];
};

/**
 * A consultation on a draft document (Law 104/2016, Art. 17(1)(c)) with its agency and its
 * phase at build time (the publisher rebuilds at each opening and closing instant).
 */
export type Consultation = Omit<GqlConsultation, 'agency' | 'firstPublishedAt' | 'comments'> & {
  agency: Agency | null;
  firstPublishedAt: string | null;
  phase: ConsultationPhase;
  /** approved comments, oldest first */
  comments: GqlConsultationComment[];
};

/** Everything one agency's sub-site lists. */
export interface AgencyContent {
  articles: Article[];
  legalDocuments: LegalDocument[];
  procedures: Procedure[];
  eServices: EService[];
  investmentProjects: InvestmentProject[];
  questions: Question[];
  consultations: Consultation[];
}

/** All published content of the portal, sorted for display and indexed. */
export interface SiteData {
  /** the CMS base URL the data came from */
  cmsUrl: string;
  /** sorted by kind (AGENCY_KINDS order), then sortOrder, then name */
  agencies: Agency[];
  /** newest first (firstPublishedAt) */
  articles: Article[];
  /** policy documents first, then newest issuedDate first */
  policyFirstDocuments: LegalDocument[];
  /** newest issuedDate first */
  legalDocuments: LegalDocument[];
  /** by name (Vietnamese collation) */
  procedures: Procedure[];
  /** by name */
  eServices: EService[];
  /** by name */
  investmentProjects: InvestmentProject[];
  /** newest first (firstPublishedAt) */
  questions: Question[];
  /** open ones first (closing soonest first), then upcoming, then closed (latest closing first) */
  consultations: Consultation[];
  provinceProfile: ProvinceProfile | null;
  homepage: Homepage | null;
  agencyBySlug: Map<string, Agency>;
  articleBySlug: Map<string, Article>;
  legalDocumentBySlug: Map<string, LegalDocument>;
  procedureBySlug: Map<string, Procedure>;
  investmentProjectBySlug: Map<string, InvestmentProject>;
  questionBySlug: Map<string, Question>;
  consultationBySlug: Map<string, Consultation>;
  /** by agency documentId; every agency has an entry (possibly all empty) */
  byAgency: Map<string, AgencyContent>;
  /** agencies of each kind, in display order */
  agenciesByKind: Map<AgencyKind, Agency[]>;
  /** how the data was loaded (for the build log and tests) */
  stats: { queries: number; ms: number };
}

// ---------------------------------------------------------------------------------------------
// Configuration and fetching
// ---------------------------------------------------------------------------------------------

/** Base URL of the CMS (no trailing slash): `CMS_URL`, default `http://127.0.0.1:1337`. */
export function cmsBaseUrl(): string {
  return (process.env.CMS_URL || 'http://127.0.0.1:1337').replace(/\/+$/, '');
}

/**
 * Absolute URL of a media file from the CMS. Strapi's local upload provider returns
 * site-relative URLs (`/uploads/…`), which are resolved against `MEDIA_BASE_URL`
 * (default: the CMS URL); absolute URLs (cloud providers) are returned unchanged. The result
 * always passes the portal's URL rule (`safeHref`): anything else (a `javascript:` or `data:`
 * value, a malformed base) gives `''`, so it never reaches an `href` or `src`.
 */
export function mediaUrl(url: string | null | undefined): string {
  if (!url) return '';
  const v = String(url).trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(v) || v.startsWith('//')) return safeHref(v, 'web') ?? '';
  const base = (process.env.MEDIA_BASE_URL || cmsBaseUrl()).replace(/\/+$/, '');
  try {
    // URL() percent-encodes what a file name may hold (spaces…) before the rule is applied
    return safeHref(new URL(`${base}${v.startsWith('/') ? '' : '/'}${v}`).href, 'web') ?? '';
  } catch {
    return '';
  }
}

/** Thrown when the CMS cannot be reached or answers with errors; the message names the URL. */
export class CmsUnavailableError extends Error {
  constructor(endpoint: string, cause: unknown) {
    const detail =
      cause instanceof ClientError
        ? (cause.response.errors?.map((e) => e.message).join('; ') ?? `HTTP ${cause.response.status}`)
        : cause instanceof Error
          ? `${cause.message}${cause.cause instanceof Error ? ` (${cause.cause.message})` : ''}`
          : String(cause);
    super(
      `Không tải được dữ liệu từ CMS tại ${endpoint} — cannot load content from the CMS at ${endpoint}: ${detail}. ` +
        'Start the CMS (node scripts/cms-server.cjs) or set CMS_URL (and CMS_TOKEN if needed) to a running one.',
      { cause },
    );
    this.name = 'CmsUnavailableError';
  }
}

interface Fetcher {
  endpoint: string;
  queries: number;
  run<R, V extends object>(doc: TypedQuery<R, V>, variables: V): Promise<R>;
}

/** Waits before retrying a query whose connection failed (ms); the CMS being down still fails within a second. */
const NETWORK_RETRY_DELAYS_MS = [100, 400];

/** A failure to talk to the CMS at all (no HTTP answer), as opposed to an answer with errors. */
function isNetworkError(err: unknown): boolean {
  return err instanceof TypeError && /fetch failed|terminated/i.test(err.message);
}

function createFetcher(): Fetcher {
  const endpoint = `${cmsBaseUrl()}/graphql`;
  const token = process.env.CMS_TOKEN;
  const client = new GraphQLClient(endpoint, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const fetcher: Fetcher = {
    endpoint,
    queries: 0,
    async run(doc, variables) {
      fetcher.queries++;
      for (let attempt = 0; ; attempt++) {
        try {
          return await client.request(doc as string, variables as Record<string, unknown>);
        } catch (err) {
          // every query here is a read (idempotent): a kept-alive connection the CMS closed while
          // this process was busy rendering ("other side closed", ECONNRESET) is retried on a new
          // one; an answer with GraphQL errors (ClientError) is not retried (issue 12)
          if (attempt < NETWORK_RETRY_DELAYS_MS.length && isNetworkError(err)) {
            await new Promise((r) => setTimeout(r, NETWORK_RETRY_DELAYS_MS[attempt]));
            continue;
          }
          throw new CmsUnavailableError(endpoint, err);
        }
      }
    },
  };
  return fetcher;
}

/**
 * Fetches every row of a paginated collection query, page by page (`pageSize` rows a page,
 * ≤ the CMS's maxLimit; by default the collection's size in `COLLECTION_PAGE_SIZES`), until a
 * page comes back short. Rows are de-duplicated by documentId. `filters` (a Strapi
 * `<Type>FiltersInput`) narrows the rows, e.g. to some documentIds.
 */
async function fetchAll<K extends string, T extends GqlRef>(
  fetcher: Fetcher,
  key: K,
  doc: TypedQuery<Record<K, T[]>, PageVariables>,
  filters: Record<string, unknown> | null = null,
  pageSize = pageSizeOf(key),
): Promise<T[]> {
  const out = new Map<string, T>();
  for (let page = 1; ; page++) {
    const data = await fetcher.run(doc, { page, pageSize, filters });
    const rows = data[key];
    if (!Array.isArray(rows)) {
      throw new CmsUnavailableError(fetcher.endpoint, new Error(`the answer has no list "${key}"`));
    }
    for (const row of rows) out.set(row.documentId, row);
    if (rows.length < pageSize) break;
    if (page > 10_000) throw new Error(`fetchAll(${key}): too many pages`);
  }
  return [...out.values()];
}

/** Fetches the rows of some documentIds (published versions), a page's worth of ids a query. */
async function fetchByIds<K extends string, T extends GqlRef>(
  fetcher: Fetcher,
  key: K,
  doc: TypedQuery<Record<K, T[]>, PageVariables>,
  ids: readonly string[],
): Promise<T[]> {
  const out: T[] = [];
  const size = pageSizeOf(key);
  for (let i = 0; i < ids.length; i += size) {
    const chunk = ids.slice(i, i + size);
    out.push(...(await fetchAll(fetcher, key, doc, { documentId: { in: chunk } })));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Resolution and indexing
// ---------------------------------------------------------------------------------------------

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Compares two Vietnamese strings for display order (vi collation, numbers numerically). */
export function compareVi(a: string | null | undefined, b: string | null | undefined): number {
  return collator.compare(a ?? '', b ?? '');
}

/** Newest first by an ISO date/instant field; missing values last. */
function newestFirst<T>(get: (x: T) => string | null | undefined) {
  return (a: T, b: T) => {
    const x = get(a) ?? '';
    const y = get(b) ?? '';
    return x === y ? 0 : x < y ? 1 : -1;
  };
}

function resolveRefs<T>(refs: GqlRef[] | null | undefined, index: Map<string, T>): T[] {
  const out: T[] = [];
  for (const r of refs ?? []) {
    const hit = index.get(r.documentId);
    if (hit) out.push(hit);
  }
  return out;
}

function bySlug<T extends { slug: string }>(items: T[], what: string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    if (!item.slug) continue;
    if (map.has(item.slug)) console.warn(`[cms] duplicate ${what} slug "${item.slug}": the first one is used`);
    else map.set(item.slug, item);
  }
  return map;
}

/** Raw answers of the CMS, before resolution. */
export interface RawSiteData {
  agencies: GqlAgency[];
  articles: GqlArticle[];
  legalDocuments: GqlLegalDocument[];
  administrativeProcedures: GqlProcedure[];
  eServices: GqlEService[];
  investmentProjects: GqlInvestmentProject[];
  questions: GqlQuestion[];
  consultations: GqlConsultation[];
  provinceProfile: GqlProvinceProfile | null;
  homepage: GqlHomepage | null;
}

/**
 * Resolves relations, sorts for display and builds the indexes. Pure (no I/O), exported for
 * unit tests. `today` (ISO date in Vietnam) decides each legal document's current validity.
 */
export function indexSiteData(raw: RawSiteData, opts: { cmsUrl: string; today?: string; now?: Date; stats?: SiteData['stats'] }): SiteData {
  const today = opts.today ?? todayInVietnam();
  const now = opts.now ?? new Date();

  // agencies (parents resolved in a second pass)
  const agencyById = new Map<string, Agency>();
  for (const a of raw.agencies) agencyById.set(a.documentId, { ...a, parent: null });
  for (const a of raw.agencies) {
    const own = agencyById.get(a.documentId)!;
    own.parent = a.parent ? (agencyById.get(a.parent.documentId) ?? null) : null;
  }
  const kindOrder = (k: string) => {
    const i = (AGENCY_KINDS as readonly string[]).indexOf(k);
    return i < 0 ? AGENCY_KINDS.length : i;
  };
  const agencies = [...agencyById.values()].sort(
    (a, b) => kindOrder(a.kind) - kindOrder(b.kind) || (a.sortOrder ?? 100) - (b.sortOrder ?? 100) || compareVi(a.name, b.name),
  );
  const agencyOf = (ref: GqlRef | null | undefined) => (ref ? (agencyById.get(ref.documentId) ?? null) : null);

  // first publication: an edited, republished article keeps its date and its place in the lists
  const articles: Article[] = raw.articles
    .map((a) => ({ ...a, firstPublishedAt: a.firstPublishedAt ?? a.publishedAt, agency: agencyOf(a.agency) }))
    .sort((a, b) => newestFirst<Article>((x) => x.firstPublishedAt)(a, b) || compareVi(a.title, b.title) || (a.documentId < b.documentId ? -1 : 1));

  // legal documents: two passes for the document-to-document relations
  const docById = new Map<string, LegalDocument>();
  for (const d of raw.legalDocuments) {
    docById.set(d.documentId, {
      ...d,
      agency: agencyOf(d.agency),
      replaces: [],
      replacedBy: [],
      amends: [],
      amendedBy: [],
      currentValidity: safeValidity(d, today),
    });
  }
  for (const d of raw.legalDocuments) {
    const own = docById.get(d.documentId)!;
    own.replaces = resolveRefs(d.replaces, docById);
    own.replacedBy = resolveRefs(d.replacedBy, docById);
    own.amends = resolveRefs(d.amends, docById);
    own.amendedBy = resolveRefs(d.amendedBy, docById);
  }
  const legalDocuments = [...docById.values()].sort(
    (a, b) =>
      newestFirst<LegalDocument>((x) => x.issuedDate)(a, b) ||
      newestFirst<LegalDocument>((x) => x.publishedAt)(a, b) ||
      compareVi(a.documentNumber, b.documentNumber),
  );
  const policyFirstDocuments = [...legalDocuments].sort((a, b) => Number(!!b.isPolicy) - Number(!!a.isPolicy));

  // procedures and e-services refer to each other
  const procById = new Map<string, Procedure>();
  for (const p of raw.administrativeProcedures) {
    procById.set(p.documentId, {
      ...p,
      agency: agencyOf(p.agency),
      legalBasis: resolveRefs(p.legalBasis, docById),
      eServices: [],
      steps: [...(p.steps ?? [])].sort((x, y) => (x.order ?? 0) - (y.order ?? 0)),
    });
  }
  const eServices: EService[] = raw.eServices
    .map((e) => ({ ...e, agency: agencyOf(e.agency), procedure: e.procedure ? (procById.get(e.procedure.documentId) ?? null) : null }))
    .sort((a, b) => compareVi(a.name, b.name));
  for (const e of eServices) e.procedure?.eServices.push(e);
  const procedures = [...procById.values()].sort((a, b) => compareVi(a.name, b.name));

  const investmentProjects: InvestmentProject[] = raw.investmentProjects
    .map((p) => ({ ...p, agency: agencyOf(p.agency) }))
    .sort((a, b) => compareVi(a.name, b.name));
  const questions: Question[] = raw.questions
    .map((q) => ({ ...q, firstPublishedAt: q.firstPublishedAt ?? q.publishedAt, agency: agencyOf(q.agency) }))
    .sort((a, b) => newestFirst<Question>((x) => x.firstPublishedAt)(a, b) || compareVi(a.subject, b.subject) || (a.documentId < b.documentId ? -1 : 1));

  const consultations: Consultation[] = (raw.consultations ?? [])
    .map((c) => ({
      ...c,
      comments: c.comments ?? [],
      firstPublishedAt: c.firstPublishedAt ?? c.publishedAt,
      agency: agencyOf(c.agency),
      phase: consultationPhase(c.opensAt, c.closesAt, now),
    }))
    .sort(consultationOrder);

  const articleById = new Map(articles.map((a) => [a.documentId, a]));
  const homepage: Homepage | null = raw.homepage
    ? {
        ...raw.homepage,
        featuredArticles: resolveRefs(raw.homepage.featuredArticles, articleById),
        featuredDocuments: resolveRefs(raw.homepage.featuredDocuments, docById),
      }
    : null;

  // per agency
  const byAgency = new Map<string, AgencyContent>();
  for (const a of agencies) {
    byAgency.set(a.documentId, { articles: [], legalDocuments: [], procedures: [], eServices: [], investmentProjects: [], questions: [], consultations: [] });
  }
  const add = <K extends keyof AgencyContent>(key: K, items: (AgencyContent[K][number] & { agency: Agency | null })[]) => {
    for (const item of items) if (item.agency) (byAgency.get(item.agency.documentId)![key] as unknown[]).push(item);
  };
  add('articles', articles);
  add('legalDocuments', legalDocuments);
  add('procedures', procedures);
  add('eServices', eServices);
  add('investmentProjects', investmentProjects);
  add('questions', questions);
  add('consultations', consultations);

  const agenciesByKind = new Map<AgencyKind, Agency[]>();
  for (const k of AGENCY_KINDS) agenciesByKind.set(k, []);
  for (const a of agencies) agenciesByKind.get(a.kind)?.push(a);

  return {
    cmsUrl: opts.cmsUrl,
    agencies,
    articles,
    policyFirstDocuments,
    legalDocuments,
    procedures,
    eServices,
    investmentProjects,
    questions,
    consultations,
    provinceProfile: raw.provinceProfile,
    homepage,
    agencyBySlug: bySlug(agencies, 'agency'),
    articleBySlug: bySlug(articles, 'article'),
    legalDocumentBySlug: bySlug(legalDocuments, 'legal document'),
    procedureBySlug: bySlug(procedures, 'procedure'),
    investmentProjectBySlug: bySlug(investmentProjects, 'investment project'),
    questionBySlug: bySlug(questions, 'question'),
    consultationBySlug: bySlug(consultations, 'consultation'),
    byAgency,
    agenciesByKind,
    stats: opts.stats ?? { queries: 0, ms: 0 },
  };
}

const PHASE_RANK: Record<ConsultationPhase, number> = { open: 0, upcoming: 1, closed: 2 };

/** Open consultations first (closing soonest first), then upcoming (opening soonest first), then closed (latest closing first). */
function consultationOrder(a: Consultation, b: Consultation): number {
  const t = (v: string | null) => (v ? Date.parse(v) : 0);
  const r = PHASE_RANK[a.phase] - PHASE_RANK[b.phase];
  if (r) return r;
  if (a.phase === 'open') return t(a.closesAt) - t(b.closesAt) || compareVi(a.title, b.title);
  if (a.phase === 'upcoming') return t(a.opensAt) - t(b.opensAt) || compareVi(a.title, b.title);
  return t(b.closesAt) - t(a.closesAt) || compareVi(a.title, b.title);
}

function safeValidity(d: GqlLegalDocument, today: string): ValidityStatus {
  try {
    return computeValidityStatus(d, today);
  } catch {
    return d.validityStatus ?? 'unknown';
  }
}

type CollectionRows = { [K in CollectionKey]: RawSiteData[K] };

/** Loads every collection in full, page by page (all collections in parallel). */
async function fetchCollections(fetcher: Fetcher): Promise<CollectionRows> {
  const keys = Object.keys(CACHED_COLLECTIONS) as CollectionKey[];
  const rows = await Promise.all(keys.map((k) => fetchAll(fetcher, k, COLLECTION_QUERIES[k] as TypedQuery<Record<string, GqlRef[]>, PageVariables>)));
  return Object.fromEntries(keys.map((k, i) => [k, rows[i]])) as unknown as CollectionRows;
}

/** Reuses the plan's cached rows and fetches the rest by documentId. */
async function refreshCollections(fetcher: Fetcher, plan: RefreshPlan): Promise<CollectionRows> {
  const one = async <K extends CollectionKey>(key: K): Promise<RawSiteData[K]> => {
    const { resultKey } = CACHED_COLLECTIONS[key];
    const ids = plan.fetch[key];
    const fresh = ids.length
      ? await fetchByIds(fetcher, resultKey, COLLECTION_QUERIES[resultKey] as TypedQuery<Record<string, GqlRef[]>, PageVariables>, ids)
      : [];
    return [...plan.reuse[key], ...fresh] as unknown as RawSiteData[K];
  };
  const keys = Object.keys(CACHED_COLLECTIONS) as CollectionKey[];
  const rows = await Promise.all(keys.map((k) => one(k)));
  return Object.fromEntries(keys.map((k, i) => [k, rows[i]])) as unknown as CollectionRows;
}

/**
 * Fetches all published content from the CMS and indexes it. Not memoised: use
 * {@link loadSiteData}.
 *
 * Without a data cache (`SITE_DATA_CACHE_FILE`) or a published state from the publisher
 * (`CMS_PUBLISHED_STATE_FILE`) it loads everything: one paginated loop per collection, in
 * parallel, plus one query for the single types. With both it reuses the cached rows the state
 * shows unchanged and fetches only the others by documentId (see data-cache.ts) — a publish on a
 * portal of 10,000+ entries then costs a few queries instead of a hundred. Either way the cache is
 * rewritten with what was loaded.
 *
 * @throws {CmsUnavailableError} when the CMS cannot be reached or answers with GraphQL errors.
 * @throws {Error} when `CMS_PUBLISHED_STATE_FILE` is set but unreadable.
 */
export async function fetchSiteData(): Promise<SiteData> {
  const started = Date.now();
  const fetcher = createFetcher();
  const cmsUrl = cmsBaseUrl();
  const cacheFile = process.env.SITE_DATA_CACHE_FILE || null;
  const stateFile = process.env.CMS_PUBLISHED_STATE_FILE || null;
  // the workers of a full render share one cache: one loads, the others then reuse its rows
  const giveBack = cacheFile && process.env.SITE_DATA_CACHE_SHARED === '1' ? await takeCacheTurn(cacheFile) : () => undefined;
  let loaded;
  // where a load goes (the renderer's publish timelines): cache + state read and plan, the queries, the indexing
  const phases = { plan: 0, queries: 0 };
  try {
    const plan = cacheFile && stateFile ? planRefresh(readDataCache(cacheFile, cmsUrl), readStateFile(stateFile)) : null;
    phases.plan = Date.now() - started;
    const [collections, singles, comments] = await Promise.all([
      plan?.mode === 'incremental' ? refreshCollections(fetcher, plan) : fetchCollections(fetcher),
      fetcher.run(SINGLES_QUERY, {}),
      fetchAll(fetcher, 'consultationComments', CONSULTATION_COMMENTS_QUERY),
    ]);
    phases.queries = Date.now() - started - phases.plan;
    collections.consultations = attachComments(collections.consultations, comments);
    if (cacheFile) writeDataCache(cacheFile, cmsUrl, collections as unknown as CachedCollections);
    loaded = { plan, collections, singles };
  } finally {
    giveBack();
  }
  const { plan, collections, singles } = loaded;
  const stats = { queries: fetcher.queries, ms: Date.now() - started };
  const tIndex = Date.now();
  const data = indexSiteData({ ...collections, provinceProfile: singles.provinceProfile, homepage: singles.homepage }, { cmsUrl, stats });
  const indexMs = Date.now() - tIndex;
  const how =
    plan?.mode === 'incremental'
      ? `incremental: ${Object.values(plan.reuse).reduce((n, r) => n + r.length, 0)} cached rows reused, ` +
        `${Object.values(plan.fetch).reduce((n, r) => n + r.length, 0)} refetched, ` +
        `${Object.values(plan.removed).reduce((n, r) => n + r, 0)} dropped`
      : `full load${plan?.reason ? ` (${plan.reason})` : ''}`;
  console.info(
    `[cms] ${fetcher.endpoint}: ${collections.agencies.length} agencies, ${collections.articles.length} articles, ` +
      `${collections.legalDocuments.length} legal documents, ${collections.administrativeProcedures.length} procedures, ${collections.eServices.length} e-services, ` +
      `${collections.investmentProjects.length} investment projects, ${collections.questions.length} questions, ${collections.consultations.length} consultations` +
      `${singles.provinceProfile ? ', province profile' : ''}${singles.homepage ? ', homepage' : ''}` +
      ` — ${how}, ${stats.queries} queries in ${stats.ms} ms (cache, state and plan ${phases.plan} ms, queries ${phases.queries} ms; indexed in ${indexMs} ms)`,
  );
  return data;
}

/**
 * Gives each consultation row its approved comments (oldest first), read from the owning side
 * (the CMS refuses a one-to-many list nested in a list). The rows go to the data cache with them,
 * so the published state's `refs.comments` matches exactly when the comments did not change.
 */
export function attachComments(consultations: GqlConsultation[], comments: GqlConsultationCommentRow[]): GqlConsultation[] {
  const by = new Map<string, GqlConsultationComment[]>();
  for (const { consultation, ...c } of comments) {
    if (!consultation) continue;
    by.set(consultation.documentId, [...(by.get(consultation.documentId) ?? []), c]);
  }
  const at = (v: string | null) => (v ? Date.parse(v) : 0);
  return consultations.map((row) => ({
    ...row,
    comments: (by.get(row.documentId) ?? []).sort((a, b) => at(a.receivedAt) - at(b.receivedAt) || (a.documentId < b.documentId ? -1 : 1)),
  }));
}

// the long-running renderer clears this memo between publishes (site/renderer/renderer.ts, forgetSiteData)
const MEMO = Symbol.for('cong.site.siteData');
type MemoHolder = { [MEMO]?: Map<string, Promise<SiteData>> };

/**
 * All published content of the portal, loaded once per build process and CMS URL (memoised
 * on `globalThis`, so route chunks that each bundle this module still share one load). Every
 * page's `getStaticPaths()` uses it: a build runs a handful of queries, never one per page.
 * A failed load is not memoised.
 *
 * @throws {CmsUnavailableError} when the CMS is unreachable: the build fails with the CMS URL.
 */
export function loadSiteData(): Promise<SiteData> {
  const holder = globalThis as MemoHolder;
  const memo = (holder[MEMO] ??= new Map());
  const key = cmsBaseUrl();
  let p = memo.get(key);
  if (!p) {
    p = fetchSiteData();
    memo.set(key, p);
    p.catch(() => memo.delete(key));
  }
  return p;
}

/** The content one agency's sub-site lists (empty lists for an unknown agency). */
export function contentOf(data: SiteData, agency: Agency): AgencyContent {
  return (
    data.byAgency.get(agency.documentId) ?? {
      articles: [],
      legalDocuments: [],
      procedures: [],
      eServices: [],
      investmentProjects: [],
      questions: [],
      consultations: [],
    }
  );
}
