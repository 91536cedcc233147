import {
  AGENCY_KINDS,
  AGENCY_SECTIONS,
  ARTICLE_SCOPES,
  isAgencyKind,
  type AgencyKind,
  type AgencySectionKey,
  type ArticleScope,
} from './domain.js';

/**
 * The site's route map, shared by the Astro site (which builds these pages) and the publisher
 * (which rebuilds the pages an edit touches). Every page URL starts and ends with `/`
 * (Astro `trailingSlash: 'always'`); feeds end in `.xml`.
 */

/** URL segment of each article scope under `/tin-tuc/`. */
export const ARTICLE_SCOPE_PATHS: Record<ArticleScope, string> = {
  province: 'trong-tinh',
  national: 'trong-nuoc',
  international: 'quoc-te',
};

/** Throws unless `value` is a usable URL segment (non-empty, no `/`, `?`, `#` or whitespace). */
function segment(value: string, what: string): string {
  if (typeof value !== 'string' || value === '' || /[\s/?#]/.test(value)) {
    throw new Error(`Invalid ${what} for a URL: ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * URL builders. Each returns a site-relative path. Builders taking a slug or section path
 * throw an `Error` when it is empty or contains `/`, `?`, `#` or whitespace; `articleScope`
 * throws for an unknown scope.
 */
export const routes = {
  /** `/` — portal homepage (R-1.2: all five content groups). */
  home: (): string => '/',
  /** `/co-quan/` — all agencies, grouped by kind. */
  agencyList: (): string => '/co-quan/',
  /** `/co-quan/<slug>/` — home of an agency sub-site ("chuyên trang", R-2.1/R-2.2). */
  agency: (slug: string): string => `/co-quan/${segment(slug, 'agency slug')}/`,
  /** `/co-quan/<slug>/<sectionPath>/` — a section of an agency sub-site, path from `AGENCY_SECTIONS`. */
  agencySection: (slug: string, sectionPath: string): string =>
    `/co-quan/${segment(slug, 'agency slug')}/${segment(sectionPath, 'section path')}/`,
  /** `/tin-tuc/` — all news and announcements. */
  articleList: (): string => '/tin-tuc/',
  /** `/tin-tuc/trong-tinh/` | `/tin-tuc/trong-nuoc/` | `/tin-tuc/quoc-te/` — news of one scope. */
  articleScope: (scope: ArticleScope): string => {
    const path = (ARTICLE_SCOPE_PATHS as Record<string, string | undefined>)[scope];
    if (!path) throw new Error(`Unknown article scope: ${JSON.stringify(scope)}`);
    return `/tin-tuc/${path}/`;
  },
  /** `/tin-tuc/<slug>/` — one article. */
  article: (slug: string): string => `/tin-tuc/${segment(slug, 'article slug')}/`,
  /** `/van-ban/` — legal documents. */
  legalDocumentList: (): string => '/van-ban/',
  /** `/van-ban/<slug>/` — one legal document. */
  legalDocument: (slug: string): string => `/van-ban/${segment(slug, 'legal document slug')}/`,
  /** `/thu-tuc-hanh-chinh/` — administrative procedures. */
  procedureList: (): string => '/thu-tuc-hanh-chinh/',
  /** `/thu-tuc-hanh-chinh/<slug>/` — one administrative procedure. */
  procedure: (slug: string): string => `/thu-tuc-hanh-chinh/${segment(slug, 'procedure slug')}/`,
  /** `/dich-vu-cong/` — online public services; there is no page per service. */
  eServiceList: (): string => '/dich-vu-cong/',
  /** `/hoi-dap/` — questions and answers (online interaction). */
  questionList: (): string => '/hoi-dap/',
  /** `/hoi-dap/<slug>/` — one question with its answer. */
  question: (slug: string): string => `/hoi-dap/${segment(slug, 'question slug')}/`,
  /** `/du-an-dau-tu/` — projects calling for investment. */
  investmentProjectList: (): string => '/du-an-dau-tu/',
  /** `/du-an-dau-tu/<slug>/` — one investment project. */
  investmentProject: (slug: string): string => `/du-an-dau-tu/${segment(slug, 'investment project slug')}/`,
  /** `/gioi-thieu/` — the province profile (shared information, R-2.4). */
  provinceProfile: (): string => '/gioi-thieu/',
  /** `/rss.xml` — the portal's news feed. */
  rss: (): string => '/rss.xml',
  /** `/co-quan/<slug>/rss.xml` — an agency's news feed. */
  agencyRss: (slug: string): string => `/co-quan/${segment(slug, 'agency slug')}/rss.xml`,
} as const;

/** Strapi content-type uids known to {@link affectedRoutes}. */
export const CONTENT_TYPE_UIDS = [
  'api::agency.agency',
  'api::article.article',
  'api::legal-document.legal-document',
  'api::administrative-procedure.administrative-procedure',
  'api::e-service.e-service',
  'api::investment-project.investment-project',
  'api::question.question',
  'api::province-profile.province-profile',
  'api::homepage.homepage',
] as const;
export type ContentTypeUid = (typeof CONTENT_TYPE_UIDS)[number];

/** The fields of an entry that decide which pages show it (extra fields are ignored). */
export interface AffectedEntry {
  /** the entry's own slug (for an agency: the agency's slug) */
  slug?: string | null;
  /** for an agency entry: its `AgencyKind` (decides its section set); ignored for others */
  kind?: string | null;
  /** for an article: its `ArticleScope` */
  scope?: ArticleScope | string | null;
  /** the agency the entry belongs to */
  agency?: { slug: string; kind?: AgencyKind | null } | null;
  /** for an e-service: the procedure it serves */
  procedure?: { slug?: string | null } | null;
  [field: string]: unknown;
}

/**
 * Section pages of an agency sub-site that show content of section `key`. With a known kind,
 * only when that kind's section set has the section; with no kind, every section
 * path any kind uses for `key` (over-rebuilding is safe, missing a page is not).
 */
function sectionPaths(kind: AgencyKind | null | undefined, key: AgencySectionKey): string[] {
  if (kind !== null && kind !== undefined && !isAgencyKind(kind)) {
    throw new Error(`Unknown agency kind: ${JSON.stringify(kind)}`);
  }
  const kinds: readonly AgencyKind[] = kind ? [kind] : AGENCY_KINDS;
  const paths = new Set<string>();
  for (const k of kinds) for (const s of AGENCY_SECTIONS[k]) if (s.key === key) paths.add(s.path);
  return [...paths];
}

/** Agency home, the agency section showing `key`, and (for news) the agency feed. */
function agencyRoutes(agency: AffectedEntry['agency'], key: AgencySectionKey | null): string[] {
  if (!agency || !agency.slug) return [];
  const out = [routes.agency(agency.slug)];
  if (key) {
    const paths = sectionPaths(agency.kind, key);
    for (const p of paths) out.push(routes.agencySection(agency.slug, p));
    if (key === 'news' && paths.length > 0) out.push(routes.agencyRss(agency.slug));
  }
  return out;
}

/**
 * The public URLs whose pages show an entry, so they must be rebuilt when it is created,
 * changed, published, unpublished or deleted. Returns site-relative paths (see
 * {@link routes}), sorted and unique. The sitemap is not included.
 *
 * Per content type (always including the homepage `/`, which shows every content group, R-1.2):
 * - `api::article.article`: the article, `/tin-tuc/`, its scope page (all three when the scope
 *   is missing), `/rss.xml`; with an agency: its sub-site home, its `tin-tuc` section and
 *   `/co-quan/<slug>/rss.xml` when the agency's section set has news (not for districts, R-2.2).
 * - `api::legal-document.legal-document`: the document, `/van-ban/`; agency home + `van-ban`
 *   section (if in its set).
 * - `api::administrative-procedure.administrative-procedure`: the procedure,
 *   `/thu-tuc-hanh-chinh/`; agency home + `thu-tuc-hanh-chinh` section.
 * - `api::e-service.e-service`: `/dich-vu-cong/`, the linked procedure's page; agency home.
 * - `api::investment-project.investment-project`: the project, `/du-an-dau-tu/`; agency home +
 *   `du-an-dau-tu` section (if in its set).
 * - `api::question.question`: the question, `/hoi-dap/`; agency home + `hoi-dap` section.
 * - `api::agency.agency`: `/co-quan/`, the agency home, every section of its kind
 *   (`AGENCY_SECTIONS`; all kinds' sections when `kind` is missing) and its feed when its
 *   set has news.
 * - `api::province-profile.province-profile`: `/gioi-thieu/`.
 * - `api::homepage.homepage`: `/` only.
 *
 * When an agency's `kind` is not given, every section path that any kind uses is included.
 * A missing `slug` omits the entry's own page (nothing else).
 *
 * @throws {Error} for an unknown uid (the message names it), an unknown agency kind or article
 *   scope, or a slug that cannot be a URL segment.
 */
export function affectedRoutes(uid: string, entry: AffectedEntry): string[] {
  const out: string[] = [routes.home()];
  const slug = entry?.slug || null;
  const agency = entry?.agency ?? null;

  switch (uid as ContentTypeUid) {
    case 'api::article.article': {
      out.push(routes.articleList(), routes.rss());
      if (slug) out.push(routes.article(slug));
      const scope = entry.scope;
      if (scope) out.push(routes.articleScope(scope as ArticleScope));
      else for (const s of ARTICLE_SCOPES) out.push(routes.articleScope(s));
      out.push(...agencyRoutes(agency, 'news'));
      break;
    }
    case 'api::legal-document.legal-document':
      out.push(routes.legalDocumentList());
      if (slug) out.push(routes.legalDocument(slug));
      out.push(...agencyRoutes(agency, 'legalDocuments'));
      break;
    case 'api::administrative-procedure.administrative-procedure':
      out.push(routes.procedureList());
      if (slug) out.push(routes.procedure(slug));
      out.push(...agencyRoutes(agency, 'procedures'));
      break;
    case 'api::e-service.e-service':
      out.push(routes.eServiceList());
      if (entry.procedure?.slug) out.push(routes.procedure(entry.procedure.slug));
      out.push(...agencyRoutes(agency, null));
      break;
    case 'api::investment-project.investment-project':
      out.push(routes.investmentProjectList());
      if (slug) out.push(routes.investmentProject(slug));
      out.push(...agencyRoutes(agency, 'investmentProjects'));
      break;
    case 'api::question.question':
      out.push(routes.questionList());
      if (slug) out.push(routes.question(slug));
      out.push(...agencyRoutes(agency, 'questions'));
      break;
    case 'api::agency.agency': {
      out.push(routes.agencyList());
      if (slug) {
        const kind = entry.kind ?? null;
        if (kind !== null && !isAgencyKind(kind)) {
          throw new Error(`Unknown agency kind: ${JSON.stringify(kind)}`);
        }
        const kinds: readonly AgencyKind[] = kind ? [kind] : AGENCY_KINDS;
        out.push(routes.agency(slug));
        for (const k of kinds) {
          for (const s of AGENCY_SECTIONS[k]) out.push(routes.agencySection(slug, s.path));
          if (AGENCY_SECTIONS[k].some((s) => s.key === 'news')) out.push(routes.agencyRss(slug));
        }
      }
      break;
    }
    case 'api::province-profile.province-profile':
      out.push(routes.provinceProfile());
      break;
    case 'api::homepage.homepage':
      break;
    default:
      throw new Error(`affectedRoutes: unknown content type uid "${uid}"`);
  }
  return [...new Set(out)].sort();
}
