/**
 * What each section of an agency sub-site shows, one entry per section key, in one table
 * (`AGENCY_SECTION_PAGES`): the page `pages/co-quan/[agency]/[...section].astro` reads
 * everything section-specific from here, so a new section is one entry (the compiler asks for
 * it: the table is keyed by every `AgencySectionKey`).
 *
 * - a **list** section lists the agency's published items: where they come from, their order
 *   (which is also the pagination scheme, see shared/src/pagination.ts), the parts of the page's
 *   cache key, the list component and its props, the words of the page summary, the empty text,
 *   and the extras under the list (RSS link, the agency's e-services);
 * - a **text** section shows one of the agency's own texts.
 *
 * The order of the list entries is the order of the cache-key parts and of the counts on the
 * agency's home page (changing it changes every agency page's cache key, not its HTML).
 */
import type { AgencySectionKey, ListOrder } from '@cong/shared';
import type { Agency, AgencyContent, Article, Consultation, InvestmentProject, LegalDocument, Procedure, Question } from '../lib/cms';
import { documentKeyParts, type KeyPart } from '../lib/cache-key';
import ArticleList from './ArticleList.astro';
import DocumentList from './DocumentList.astro';
import ProcedureList from './ProcedureList.astro';
import ProjectList from './ProjectList.astro';
import QuestionList from './QuestionList.astro';
import ConsultationList from './ConsultationList.astro';

/** Where a list is shown: the agency's home (a few items per section) or the section's own pages. */
export type ListPlace = 'home' | 'section';

/** A section that lists the agency's items of one kind. */
export interface ListSectionPage<T> {
  kind: 'list';
  /** the agency's published items of the section, in display order */
  items(content: AgencyContent): T[];
  /** newest first (archive pages counted from the oldest) or by name */
  order: ListOrder;
  /** the parts of a page's cache key for the items it lists */
  keyParts(items: T[]): KeyPart[];
  /** the list component (an Astro component) … */
  List: (props: any) => unknown;
  /** … and its props, on the home page and on the section's pages */
  listProps(items: T[], place: ListPlace): Record<string, unknown>;
  /** what the items are called in the page summary ("tin", "văn bản"…) */
  noun: string;
  /** the items' dates for the archive pages' summary (newest-first lists) */
  dates?(items: T[]): (string | null | undefined)[];
  /** the verb of those dates (default "đăng") */
  dateVerb?: string;
  /** the text of an empty list (default: the list component's) */
  empty?: string;
  /** the section's pages link the agency's RSS feed under the list */
  feed?: boolean;
  /** the section's first page lists the agency's online services under the list */
  eServices?: boolean;
  /** the section's pages and the agency's home link the question form with this agency preselected (issue 11) */
  ask?: boolean;
}

/** A section that shows one of the agency's own texts (Markdown). */
export interface TextSectionPage {
  kind: 'text';
  text(agency: Agency): string | null;
}

export type AgencySectionPage = ListSectionPage<any> | TextSectionPage;

/** Type-checks one list entry against its item type. */
function list<T>(page: Omit<ListSectionPage<T>, 'kind'>): ListSectionPage<T> {
  return { kind: 'list', ...page };
}

const text = (of: (agency: Agency) => string | null): TextSectionPage => ({ kind: 'text', text: of });

/** Every section of an agency sub-site. */
export const AGENCY_SECTION_PAGES: Record<AgencySectionKey, AgencySectionPage> = {
  // list sections: keep this order (cache keys, home page counts)
  news: list<Article>({
    items: (c) => c.articles,
    order: 'newest',
    keyParts: (xs) => xs,
    List: ArticleList,
    listProps: (articles, place) => ({ articles, showSummary: place === 'section' }),
    noun: 'tin',
    dates: (xs) => xs.map((a) => a.firstPublishedAt),
    feed: true,
  }),
  legalDocuments: list<LegalDocument>({
    items: (c) => c.legalDocuments,
    order: 'newest',
    keyParts: documentKeyParts,
    List: DocumentList,
    listProps: (documents) => ({ documents }),
    noun: 'văn bản',
    dates: (xs) => xs.map((d) => d.issuedDate),
    dateVerb: 'ban hành',
  }),
  procedures: list<Procedure>({
    items: (c) => c.procedures,
    order: 'alphabetical',
    keyParts: (xs) => xs,
    List: ProcedureList,
    listProps: (procedures) => ({ procedures }),
    noun: 'thủ tục',
    eServices: true,
  }),
  investmentProjects: list<InvestmentProject>({
    items: (c) => c.investmentProjects,
    order: 'alphabetical',
    keyParts: (xs) => xs,
    List: ProjectList,
    listProps: (projects) => ({ projects, showAgency: false }),
    noun: 'dự án',
  }),
  questions: list<Question>({
    items: (c) => c.questions,
    order: 'newest',
    keyParts: (xs) => xs,
    List: QuestionList,
    listProps: (questions) => ({ questions, showAgency: false }),
    noun: 'câu hỏi',
    dates: (xs) => xs.map((q) => q.firstPublishedAt),
    ask: true,
  }),
  consultations: list<Consultation>({
    items: (c) => c.consultations,
    // open first, then upcoming, then closed (SiteData order); archive pages counted from the oldest
    order: 'newest',
    // the phase changes with time: part of the key, so a rebuild at a boundary re-renders the page
    keyParts: (xs) => [...xs, ...xs.map((c) => c.phase)],
    List: ConsultationList,
    listProps: (consultations) => ({ consultations, showAgency: false }),
    noun: 'dự thảo',
    empty: 'Đơn vị chưa công bố dự thảo nào để lấy ý kiến.',
  }),
  // text sections
  introduction: text((a) => a.introduction),
  organisationStructure: text((a) => a.organisationStructure),
  functionsAndDuties: text((a) => a.functionsAndDuties),
  developmentPlanning: text((a) => a.developmentPlanning),
  naturalSocialConditions: text((a) => a.naturalSocialConditions),
  socioEconomicOrientation: text((a) => a.socioEconomicOrientation),
};

/** The keys of the list sections, in table order. */
export const AGENCY_LIST_SECTION_KEYS = (Object.keys(AGENCY_SECTION_PAGES) as AgencySectionKey[]).filter((k) => AGENCY_SECTION_PAGES[k].kind === 'list');

/** The list entry of a section, or `undefined` for a text section. */
export function listSectionPage(key: AgencySectionKey | null | undefined): ListSectionPage<any> | undefined {
  const page = key ? AGENCY_SECTION_PAGES[key] : undefined;
  return page?.kind === 'list' ? page : undefined;
}

/** The agency's own text a text section shows (`null` for list sections and missing texts). */
export function sectionText(agency: Agency, key: AgencySectionKey): string | null {
  const page = AGENCY_SECTION_PAGES[key];
  return page.kind === 'text' ? page.text(agency) : null;
}
