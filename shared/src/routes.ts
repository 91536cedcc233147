import {
  AGENCY_KINDS,
  AGENCY_SECTIONS,
  ARTICLE_SCOPES,
  DOCUMENT_TYPES,
  DOCUMENT_TYPE_LABELS,
  VALIDITY_STATUSES,
  VALIDITY_STATUS_LABELS,
  isAgencyKind,
  type AgencyKind,
  type AgencySectionKey,
  type ArticleScope,
  type DocumentType,
  type ValidityStatus,
} from './domain.js';
import { toSlug } from './slug.js';
import type { ContentTypeUid } from './content-types.js';
import { LIST_PAGE_SEGMENT, alphabeticalPageOf, archivePageOf } from './pagination.js';

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

/** The facets (filters) of the legal document list, each with static pages `/van-ban/<facet>/<value>/`. */
export const LEGAL_DOCUMENT_FACETS = ['type', 'issuingBody', 'year', 'validity', 'field'] as const;
export type LegalDocumentFacet = (typeof LEGAL_DOCUMENT_FACETS)[number];

/**
 * The legal-document field each facet reads (`api::legal-document.legal-document`). `validity`
 * reads the recorded status; the site's pages use the status on the build day instead
 * (`currentValidity`, from the dates), and every validity page is rebuilt on any change.
 */
export const LEGAL_DOCUMENT_FACET_FIELDS = {
  type: 'documentType',
  issuingBody: 'issuingBody',
  year: 'issuedDate',
  validity: 'validityStatus',
  field: 'field',
} as const satisfies Record<LegalDocumentFacet, string>;

/** URL segment of each legal document facet under `/van-ban/`. */
export const LEGAL_DOCUMENT_FACET_PATHS: Record<LegalDocumentFacet, string> = {
  type: 'loai',
  issuingBody: 'co-quan-ban-hanh',
  year: 'nam',
  validity: 'hieu-luc',
  field: 'linh-vuc',
};

/** Vietnamese name of each legal document facet (docs/glossary.md). */
export const LEGAL_DOCUMENT_FACET_LABELS: Record<LegalDocumentFacet, string> = {
  type: 'Loại văn bản',
  issuingBody: 'Cơ quan ban hành',
  year: 'Năm ban hành',
  validity: 'Tình trạng hiệu lực',
  field: 'Lĩnh vực',
};

/** URL value of the procedure field page that lists procedures without a field ("Lĩnh vực khác"). */
export const OTHER_FIELD_VALUE = 'khac';

/**
 * The URL value (last segment) of a legal document facet page for a raw field value:
 * - `type`: a `DocumentType` (`'decision'` → `'quyet-dinh'`, the slug of its Vietnamese label);
 * - `validity`: a `ValidityStatus` (`'inForce'` → `'con-hieu-luc'`);
 * - `year`: the year of an ISO date or a year (`'2006-02-09'` → `'2006'`);
 * - `issuingBody`, `field`: the slug of the text (`'Đất đai'` → `'dat-dai'`).
 *
 * @returns the value, or `null` when the raw value is empty or unusable (unknown enum value,
 *   no 4-digit year): such a document has no page of that facet.
 */
export function legalDocumentFacetValue(facet: LegalDocumentFacet, raw: string | number | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const text = String(raw).trim();
  if (!text) return null;
  switch (facet) {
    case 'type':
      return (DOCUMENT_TYPES as readonly string[]).includes(text) ? toSlug(DOCUMENT_TYPE_LABELS[text as DocumentType]) : null;
    case 'validity':
      return (VALIDITY_STATUSES as readonly string[]).includes(text) ? toSlug(VALIDITY_STATUS_LABELS[text as ValidityStatus]) : null;
    case 'year': {
      const m = /^(\d{4})(?:$|-)/.exec(text);
      return m ? m[1] : null;
    }
    case 'issuingBody':
    case 'field':
      return toSlug(text);
    default:
      throw new Error(`Unknown legal document facet: ${JSON.stringify(facet)}`);
  }
}

/**
 * The URL value of a procedure field page: the slug of the field (`'Đất đai'` → `'dat-dai'`),
 * or {@link OTHER_FIELD_VALUE} when the procedure has no field.
 */
export function procedureFieldValue(field: string | null | undefined): string {
  const text = (field ?? '').trim();
  return text ? toSlug(text) : OTHER_FIELD_VALUE;
}

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
  agencySection: (slug: string, sectionPath: string): string => `/co-quan/${segment(slug, 'agency slug')}/${segment(sectionPath, 'section path')}/`,
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
  /**
   * `/van-ban/<facet>/<value>/` — legal documents of one facet value (no-JS filter page), e.g.
   * `/van-ban/loai/quyet-dinh/`, `/van-ban/nam/2006/`; `value` from {@link legalDocumentFacetValue}.
   * Throws for an unknown facet.
   */
  legalDocumentFacet: (facet: LegalDocumentFacet, value: string): string => {
    const path = (LEGAL_DOCUMENT_FACET_PATHS as Record<string, string | undefined>)[facet];
    if (!path) throw new Error(`Unknown legal document facet: ${JSON.stringify(facet)}`);
    return `/van-ban/${path}/${segment(value, 'facet value')}/`;
  },
  /** `/van-ban/<slug>/` — one legal document. */
  legalDocument: (slug: string): string => `/van-ban/${segment(slug, 'legal document slug')}/`,
  /** `/thu-tuc-hanh-chinh/` — administrative procedures. */
  procedureList: (): string => '/thu-tuc-hanh-chinh/',
  /** `/thu-tuc-hanh-chinh/linh-vuc/<value>/` — procedures of one field; `value` from {@link procedureFieldValue}. */
  procedureField: (value: string): string => `/thu-tuc-hanh-chinh/linh-vuc/${segment(value, 'field value')}/`,
  /** `/thu-tuc-hanh-chinh/<slug>/` — one administrative procedure. */
  procedure: (slug: string): string => `/thu-tuc-hanh-chinh/${segment(slug, 'procedure slug')}/`,
  /** `/dich-vu-cong/` — online public services (R-2.3); there is no page per service. */
  eServiceList: (): string => '/dich-vu-cong/',
  /** `/hoi-dap/` — questions and answers (online interaction). */
  questionList: (): string => '/hoi-dap/',
  /** `/hoi-dap/gui-cau-hoi/` — the form to ask a question (issue 11); `?co-quan=<slug>` preselects the agency. */
  questionAsk: (agencySlug?: string): string => `/hoi-dap/gui-cau-hoi/${agencySlug ? `?co-quan=${encodeURIComponent(agencySlug)}` : ''}`,
  /** `/hoi-dap/gui-cau-hoi/da-nhan/` — the receipt shown after a question is sent (tracking code and secret). */
  questionReceipt: (): string => '/hoi-dap/gui-cau-hoi/da-nhan/',
  /** `/hoi-dap/tra-cuu/` — look up a question's status by tracking code and secret. */
  questionLookup: (): string => '/hoi-dap/tra-cuu/',
  /** `/hoi-dap/<slug>/` — one question with its answer. */
  question: (slug: string): string => `/hoi-dap/${segment(slug, 'question slug')}/`,
  /** `/lay-y-kien/` — drafts of documents open for comment, and closed consultations (Law 104/2016, Art. 17(1)(c)). */
  consultationList: (): string => '/lay-y-kien/',
  /** `/lay-y-kien/<slug>/` — one consultation: the draft, its comment form while open, approved comments, the summary. */
  consultation: (slug: string): string => `/lay-y-kien/${segment(slug, 'consultation slug')}/`,
  /**
   * `/gop-y-du-thao/` — the comment form of the consultations open now (issue 11 item 3), served
   * by the publisher's intake; `?du-thao=<documentId>` preselects the draft.
   */
  consultationComment: (documentId?: string): string => `/gop-y-du-thao/${documentId ? `?du-thao=${encodeURIComponent(documentId)}` : ''}`,
  /** `/gop-y-du-thao/da-nhan/` — "thank you" after a comment is sent. */
  consultationCommentReceipt: (): string => '/gop-y-du-thao/da-nhan/',
  /**
   * `/danh-gia/` — where "Thông tin này có hữu ích không?" posts (issue 11 item 4); the form again
   * with its errors. `?trang=<path>` names the page rated.
   */
  pageRating: (pagePath?: string): string => `/danh-gia/${pagePath ? `?trang=${encodeURIComponent(pagePath)}` : ''}`,
  /** `/danh-gia/da-nhan/` — "thank you" after a rating. */
  pageRatingReceipt: (): string => '/danh-gia/da-nhan/',
  /** `/du-an-dau-tu/` — projects calling for investment. */
  investmentProjectList: (): string => '/du-an-dau-tu/',
  /** `/du-an-dau-tu/<slug>/` — one investment project. */
  investmentProject: (slug: string): string => `/du-an-dau-tu/${segment(slug, 'investment project slug')}/`,
  /** `/gioi-thieu/` — the province profile (shared information, R-2.4). */
  provinceProfile: (): string => '/gioi-thieu/',
  /**
   * A page of a paginated list (see `pagination.ts`): `listRoute` itself for `page` null,
   * else `<listRoute>trang/<page>/`, e.g. `listPage('/tin-tuc/', 3)` → `/tin-tuc/trang/3/`,
   * `listPage(routes.agencySection('bao-lao-cai', 'tin-tuc'), 1)` →
   * `/co-quan/bao-lao-cai/tin-tuc/trang/1/`. Newest-first lists number their archive pages from
   * the oldest item; alphabetical lists from the start (page 1 is the list's own URL).
   * Throws unless `listRoute` is a page URL (starts and ends with `/`) and `page` a positive integer.
   */
  listPage: (listRoute: string, page: number | null): string => {
    if (typeof listRoute !== 'string' || !listRoute.startsWith('/') || !listRoute.endsWith('/')) {
      throw new Error(`Invalid list route: ${JSON.stringify(listRoute)}`);
    }
    if (page === null) return listRoute;
    if (!Number.isInteger(page) || page < 1) throw new Error(`Invalid list page: ${JSON.stringify(page)}`);
    return `${listRoute}${LIST_PAGE_SEGMENT}/${page}/`;
  },
  /** `/rss.xml` — the portal's news feed. */
  rss: (): string => '/rss.xml',
  /** `/co-quan/<slug>/rss.xml` — an agency's news feed. */
  agencyRss: (slug: string): string => `/co-quan/${segment(slug, 'agency slug')}/rss.xml`,
  /** `/tim-kiem/` — site search; `?q=…[&trang=N]` is answered by the publisher on the server (ADR 0018). */
  search: (): string => '/tim-kiem/',
  /** `/sitemap.xml` — every public page (written after each build from the output). */
  sitemap: (): string => '/sitemap.xml',
  /** `/robots.txt` — crawler rules and the sitemap's address. */
  robots: (): string => '/robots.txt',
} as const;

// The content-type uids known to {@link affectedRoutes} are the registry's (content-types.ts).

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
  /** for a legal document: its `DocumentType` (its type facet page; all type pages when missing) */
  documentType?: string | null;
  /** for a legal document: its issue date, ISO (its year facet page) */
  issuedDate?: string | null;
  /** for a legal document: its issuing body (its issuing-body facet page) */
  issuingBody?: string | null;
  /**
   * for a legal document or a procedure: its field (lĩnh vực) — the field facet / field page.
   * `undefined` = not known (no field page listed); `null` or `''` = no field (for a procedure,
   * the "other fields" page).
   */
  field?: string | null;
  /**
   * for a legal document: the documents it replaces or amends and those replacing or amending
   * it — their pages show its number and abstract
   */
  related?: { slug?: string | null }[] | null;
  /**
   * optional: the entry's 0-based place in each paginated list it appears on, keyed by the
   * list's own URL (`/tin-tuc/`, `/tin-tuc/trong-tinh/`, `/co-quan/<slug>/tin-tuc/`,
   * `/thu-tuc-hanh-chinh/linh-vuc/<field>/`, …) — for a newest-first list (news, documents,
   * questions) counted from the list's OLDEST item, for an alphabetical list (procedures,
   * investment projects) from its first. With it, the archive page holding the entry
   * (`routes.listPage`) is included. The position depends on the other entries of the list, not
   * on the entry alone, so only the caller that has the whole list (the site's data) can give it;
   * without it the archive pages are not listed (the site's cache keys still re-render them).
   */
  listPositions?: Record<string, number> | null;
  [field: string]: unknown;
}

/**
 * Section pages of an agency sub-site that show content of section `key`. With a known kind,
 * only when that kind's section set (R-2.1/R-2.2) has the section; with no kind, every section
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

/** The facet pages of the legal document list that show a document (see {@link affectedRoutes}). */
function legalDocumentFacetRoutes(entry: AffectedEntry): string[] {
  const out: string[] = [];
  const type = entry.documentType ? legalDocumentFacetValue('type', entry.documentType) : null;
  if (type) out.push(routes.legalDocumentFacet('type', type));
  else if (!entry.documentType) {
    for (const t of DOCUMENT_TYPES) out.push(routes.legalDocumentFacet('type', legalDocumentFacetValue('type', t)!));
  }
  for (const v of VALIDITY_STATUSES) out.push(routes.legalDocumentFacet('validity', legalDocumentFacetValue('validity', v)!));
  for (const facet of ['year', 'issuingBody', 'field'] as const) {
    const value = legalDocumentFacetValue(facet, entry[LEGAL_DOCUMENT_FACET_FIELDS[facet]]);
    if (value) out.push(routes.legalDocumentFacet(facet, value));
  }
  return out;
}

/**
 * The public URLs whose pages show an entry, so they must be rebuilt when it is created,
 * changed, published, unpublished or deleted. Returns site-relative paths (see
 * {@link routes}), sorted and unique.
 *
 * Every change includes the homepage `/` (it shows every content group, R-1.2). Not included:
 * `/sitemap.xml`, `/robots.txt` and the search index, which are written anew after every build
 * from its output (site/src/integrations/post-build.ts). Per content type:
 * - `api::article.article`: the article, `/tin-tuc/`, its scope page (all three when the scope
 *   is missing), `/rss.xml`; with an agency: its sub-site home, its `tin-tuc` section and
 *   `/co-quan/<slug>/rss.xml` when the agency's section set has news (not for districts, R-2.2).
 * - `api::legal-document.legal-document`: the document, `/van-ban/`, its facet pages — type
 *   (every type page when `documentType` is missing), year of `issuedDate`, `issuingBody`,
 *   `field` (when given), and every validity page (the status depends on the build day, not
 *   only on the entry); the pages of its `related` documents; agency home + `van-ban` section
 *   (if in its set).
 * - `api::administrative-procedure.administrative-procedure`: the procedure,
 *   `/thu-tuc-hanh-chinh/`, its field page (when `field` is given, see {@link AffectedEntry});
 *   agency home + `thu-tuc-hanh-chinh` section.
 * - `api::e-service.e-service`: `/dich-vu-cong/`, the linked procedure's page; agency home.
 * - `api::investment-project.investment-project`: the project, `/du-an-dau-tu/`; agency home +
 *   `du-an-dau-tu` section (if in its set).
 * - `api::question.question`: the question, `/hoi-dap/`; agency home + `hoi-dap` section.
 * - `api::consultation.consultation`: the consultation, `/lay-y-kien/`; agency home +
 *   `lay-y-kien` section (the homepage lists open and closed consultations too).
 * - `api::agency.agency`: `/co-quan/`, the agency home, every section of its kind
 *   (`AGENCY_SECTIONS`; all kinds' sections when `kind` is missing) and its feed when its
 *   set has news; `/thu-tuc-hanh-chinh/` and `/dich-vu-cong/` (they name agencies).
 * - `api::province-profile.province-profile`: `/gioi-thieu/`.
 * - `api::homepage.homepage`: `/` only.
 *
 * Paginated lists (`pagination.ts`): the routes above are each list's own URL (its first page).
 * The archive page `…/trang/<n>/` of a list holding the entry is included when
 * `entry.listPositions` gives the entry's place in that list (see {@link AffectedEntry}); the
 * neighbours of a newly opened archive page (whose "newer" links change) are not. Procedures and
 * investment projects are alphabetical lists, the others newest first.
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
      out.push(...legalDocumentFacetRoutes(entry));
      for (const r of entry.related ?? []) if (r?.slug) out.push(routes.legalDocument(r.slug));
      out.push(...agencyRoutes(agency, 'legalDocuments'));
      break;
    case 'api::administrative-procedure.administrative-procedure':
      out.push(routes.procedureList());
      if (slug) out.push(routes.procedure(slug));
      if (entry.field !== undefined) out.push(routes.procedureField(procedureFieldValue(entry.field)));
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
    case 'api::consultation.consultation':
      out.push(routes.consultationList());
      if (slug) out.push(routes.consultation(slug));
      out.push(...agencyRoutes(agency, 'consultations'));
      break;
    case 'api::agency.agency': {
      out.push(routes.agencyList(), routes.procedureList(), routes.eServiceList());
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
  const positions = entry?.listPositions;
  if (positions) {
    const alphabetical = uid === 'api::administrative-procedure.administrative-procedure' || uid === 'api::investment-project.investment-project';
    for (const list of [...out]) {
      const position = positions[list];
      if (position === undefined || position === null) continue;
      out.push(routes.listPage(list, alphabetical ? alphabeticalPageOf(position) : archivePageOf(position)));
    }
  }
  return [...new Set(out)].sort();
}

/** Who a page belongs to, as far as its path tells (see {@link pageOwnerOfPath}). */
export type PageOwner = { kind: 'agency'; slug: string } | { kind: 'entry'; uid: ContentTypeUid; slug: string } | { kind: 'portal' };

/** Section prefixes whose one-segment children are an entry's page (`/tin-tuc/<slug>/`), with their list segments. */
const ENTRY_PREFIXES: readonly { prefix: string; uid: ContentTypeUid; lists: readonly string[] }[] = [
  { prefix: 'tin-tuc', uid: 'api::article.article', lists: Object.values(ARTICLE_SCOPE_PATHS) },
  { prefix: 'van-ban', uid: 'api::legal-document.legal-document', lists: [] },
  { prefix: 'thu-tuc-hanh-chinh', uid: 'api::administrative-procedure.administrative-procedure', lists: ['linh-vuc'] },
  { prefix: 'du-an-dau-tu', uid: 'api::investment-project.investment-project', lists: [] },
  { prefix: 'hoi-dap', uid: 'api::question.question', lists: ['gui-cau-hoi', 'tra-cuu'] },
  { prefix: 'lay-y-kien', uid: 'api::consultation.consultation', lists: [] },
];

/**
 * The reverse of {@link routes} for the pages a reader can rate (issue 11 item 4, red-team F11:
 * the agency of a rating is derived on the server from the page, never taken from the form):
 * `/co-quan/<slug>/…` → that agency; `/tin-tuc/<slug>/`, `/van-ban/<slug>/`,
 * `/thu-tuc-hanh-chinh/<slug>/`, `/du-an-dau-tu/<slug>/`, `/hoi-dap/<slug>/`, `/lay-y-kien/<slug>/`
 * → the entry of that type and slug (its agency is the entry's); anything else (lists, facets,
 * the homepage, the province profile) → the portal. Pure; `path` as {@link normalizePagePath} gives it.
 */
export function pageOwnerOfPath(path: string): PageOwner {
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'co-quan' && parts[1]) return { kind: 'agency', slug: parts[1] };
  if (parts.length === 2) {
    const e = ENTRY_PREFIXES.find((x) => x.prefix === parts[0]);
    if (e && !e.lists.includes(parts[1]!) && parts[1] !== LIST_PAGE_SEGMENT) return { kind: 'entry', uid: e.uid, slug: parts[1]! };
  }
  return { kind: 'portal' };
}
