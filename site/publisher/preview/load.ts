/**
 * Data of the draft preview: the published content (the same GraphQL documents the site's
 * build runs, cached for a few seconds) with one document replaced by its draft (or its
 * published version), resolved and indexed by the site's own `indexSiteData`, so the preview is
 * rendered by the public page templates from exactly the data they would get once published.
 *
 * Reads the CMS with `CMS_TOKEN` (the preview-only token may read drafts; the public may not).
 */
import { GraphQLClient } from 'graphql-request';
import {
  COLLECTION_QUERIES,
  GRAPHQL_PAGE_SIZE,
  PREVIEW_TYPES,
  SINGLES_QUERY,
  type GqlRef,
  type PreviewGrant,
} from '@cong/shared';
import { cmsBaseUrl, indexSiteData, type RawSiteData, type SiteData } from '../../src/lib/cms';

type CollectionRoot = keyof typeof COLLECTION_QUERIES;
type RawKey = Exclude<keyof RawSiteData, 'provinceProfile' | 'homepage'>;

/** Where each previewable type lives in the GraphQL schema and in RawSiteData. */
export const PREVIEW_SOURCES: Record<string, { root: CollectionRoot; raw: RawKey } | { single: 'provinceProfile' | 'homepage' }> = {
  'api::agency.agency': { root: 'agencies', raw: 'agencies' },
  'api::article.article': { root: 'articles', raw: 'articles' },
  'api::legal-document.legal-document': { root: 'legalDocuments', raw: 'legalDocuments' },
  'api::administrative-procedure.administrative-procedure': { root: 'administrativeProcedures', raw: 'procedures' },
  'api::e-service.e-service': { root: 'eServices', raw: 'eServices' },
  'api::investment-project.investment-project': { root: 'investmentProjects', raw: 'investmentProjects' },
  'api::question.question': { root: 'questions', raw: 'questions' },
  'api::province-profile.province-profile': { single: 'provinceProfile' },
  'api::homepage.homepage': { single: 'homepage' },
};

/** Thrown for a preview that cannot be shown; `status` is the HTTP status to answer. */
export class PreviewError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'PreviewError';
  }
}

/** The uid of a short preview type name (`article` → `api::article.article`), or null. */
export function uidOfPreviewType(type: string): string | null {
  for (const [uid, t] of Object.entries(PREVIEW_TYPES)) if (t === type) return uid;
  return null;
}

/**
 * The site's paginated list query for `root`, turned into a query of one status:
 * `status: DRAFT|PUBLISHED` added to the root field (the query's own `$filters` then picks the
 * document: `{ documentId: { eq: … } }`). Same field selection as the build.
 * @throws {Error} when the query does not have the expected shape (the site's queries changed)
 */
export function singleDocumentQuery(root: CollectionRoot, status: 'draft' | 'published'): string {
  const q = COLLECTION_QUERIES[root] as string;
  const out = q.replace(new RegExp(`\\b${root}\\(filters: \\$filters,`), `${root}(status: ${status === 'draft' ? 'DRAFT' : 'PUBLISHED'}, filters: $filters,`);
  if (out === q) throw new Error(`preview: cannot adapt the ${root} query of @cong/shared`);
  return out;
}

function client(): GraphQLClient {
  const token = process.env.CMS_TOKEN;
  return new GraphQLClient(`${cmsBaseUrl()}/graphql`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

async function fetchAllPublished(c: GraphQLClient): Promise<RawSiteData> {
  const all = async <T extends GqlRef>(root: CollectionRoot): Promise<T[]> => {
    const out: T[] = [];
    for (let page = 1; page < 10_000; page++) {
      const data = (await c.request(COLLECTION_QUERIES[root] as string, { page, pageSize: GRAPHQL_PAGE_SIZE })) as Record<string, T[]>;
      const rows = data[root] ?? [];
      out.push(...rows);
      if (rows.length < GRAPHQL_PAGE_SIZE) break;
    }
    return out;
  };
  const [agencies, articles, legalDocuments, procedures, eServices, investmentProjects, questions, singles] = await Promise.all([
    all<RawSiteData['agencies'][number]>('agencies'),
    all<RawSiteData['articles'][number]>('articles'),
    all<RawSiteData['legalDocuments'][number]>('legalDocuments'),
    all<RawSiteData['procedures'][number]>('administrativeProcedures'),
    all<RawSiteData['eServices'][number]>('eServices'),
    all<RawSiteData['investmentProjects'][number]>('investmentProjects'),
    all<RawSiteData['questions'][number]>('questions'),
    c.request(SINGLES_QUERY as string) as Promise<{ provinceProfile: RawSiteData['provinceProfile']; homepage: RawSiteData['homepage'] }>,
  ]);
  return { agencies, articles, legalDocuments, procedures, eServices, investmentProjects, questions, ...singles };
}

const PUBLISHED_TTL_MS = 15_000;
let publishedCache: { at: number; url: string; data: Promise<RawSiteData> } | null = null;

/** The published content, shared by previews opened within {@link PUBLISHED_TTL_MS}. */
function publishedRaw(c: GraphQLClient): Promise<RawSiteData> {
  const url = cmsBaseUrl();
  if (!publishedCache || publishedCache.url !== url || Date.now() - publishedCache.at > PUBLISHED_TTL_MS) {
    const data = fetchAllPublished(c);
    publishedCache = { at: Date.now(), url, data };
    data.catch(() => {
      if (publishedCache?.data === data) publishedCache = null;
    });
  }
  return publishedCache.data;
}

/** The site data with the previewed document in place, and that document (resolved). */
export interface PreviewData {
  data: SiteData;
  /** the previewed document as the site resolved it */
  target: unknown;
}

/**
 * Loads the published content and swaps in the previewed version of `grant`'s document.
 * @throws {PreviewError} 404 when the document has no such version, 502 when the CMS fails
 */
export async function loadPreviewData(grant: PreviewGrant): Promise<PreviewData> {
  const source = PREVIEW_SOURCES[grant.uid];
  if (!source) throw new PreviewError(404, `no preview for ${grant.uid}`);
  const c = client();
  let raw: RawSiteData;
  try {
    // shallow copy: indexSiteData does not mutate its input; only the spliced list is replaced
    raw = { ...(await publishedRaw(c)) };
    if ('single' in source) {
      const q = (SINGLES_QUERY as string).replace(new RegExp(`\\b${source.single}\\s*\\{`), `${source.single}(status: ${grant.status === 'draft' ? 'DRAFT' : 'PUBLISHED'}) {`);
      const res = (await c.request(q)) as Record<string, any>;
      const doc = res[source.single];
      if (!doc) throw new PreviewError(404, 'Không tìm thấy phiên bản cần xem trước.');
      (raw as any)[source.single] = doc;
    } else {
      const res = (await c.request(singleDocumentQuery(source.root, grant.status), { page: 1, pageSize: 1, filters: { documentId: { eq: grant.documentId } } })) as Record<string, any[]>;
      const doc = res[source.root]?.[0];
      if (!doc) throw new PreviewError(404, 'Không tìm thấy phiên bản cần xem trước.');
      const list = [...(raw[source.raw] as GqlRef[])];
      const i = list.findIndex((e) => e.documentId === doc.documentId);
      if (i >= 0) list[i] = doc;
      else list.push(doc);
      (raw as any)[source.raw] = list;
    }
  } catch (err) {
    if (err instanceof PreviewError) throw err;
    throw new PreviewError(502, `Không tải được dữ liệu từ CMS: ${(err as Error).message.split('\n')[0]}`);
  }
  const data = indexSiteData(raw, { cmsUrl: cmsBaseUrl() });
  let target: unknown;
  if ('single' in source) target = source.single === 'homepage' ? data.homepage : data.provinceProfile;
  else {
    const key = source.raw === 'procedures' ? 'procedures' : source.raw;
    target = (data[key] as GqlRef[]).find((e) => e.documentId === grant.documentId);
  }
  return { data, target };
}

const MEMO = Symbol.for('cong.site.siteData');

/**
 * Runs a page module's `getStaticPaths()` against `data` instead of the build's memoised load: the
 * site's `loadSiteData()` reads a memo on `globalThis` (keyed by the CMS URL) synchronously when
 * `getStaticPaths()` starts, so the memo holds `data` only for that synchronous start — other
 * requests never see it.
 */
export async function staticPathsWith<T>(pageModule: { getStaticPaths: (opts: any) => Promise<T> | T }, data: SiteData): Promise<T> {
  const getStaticPaths = pageModule.getStaticPaths;
  if (typeof getStaticPaths !== 'function') throw new Error('preview: the page has no getStaticPaths()');
  const holder = globalThis as { [MEMO]?: Map<string, Promise<SiteData>> };
  const memo = (holder[MEMO] ??= new Map());
  const key = cmsBaseUrl();
  const saved = memo.get(key);
  memo.set(key, Promise.resolve(data));
  let result: Promise<T> | T;
  try {
    result = getStaticPaths({
      paginate: () => {
        throw new Error('preview: paginated pages are not supported');
      },
      routePattern: '',
    });
  } finally {
    if (saved) memo.set(key, saved);
    else memo.delete(key);
  }
  return result;
}

/** True when one of `props`' values is `target` or an array holding it. */
export function propsShow(props: Record<string, unknown>, target: unknown): boolean {
  return Object.values(props ?? {}).some((v) => v === target || (Array.isArray(v) && v.includes(target)));
}
