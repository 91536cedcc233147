/**
 * Data of the draft preview: the published content (the same GraphQL documents the site's
 * build runs, cached for a few seconds) with one document replaced by its draft (or its
 * published version), resolved and indexed by the site's own `indexSiteData`, so the preview is
 * rendered by the public page templates from exactly the data they would get once published.
 *
 * Reads the CMS with `CMS_TOKEN` (the preview-only token may read drafts; the public may not).
 */
import { GraphQLClient } from 'graphql-request';
import { CONTENT_TYPES, uidOfPreviewSegment, type PreviewGrant } from '@cong/shared';
import { COLLECTION_QUERIES, pageSizeOf, SINGLES_QUERY, type GqlRef } from '../../src/lib/queries';
import { cmsBaseUrl, indexSiteData, type RawSiteData, type SiteData } from '../../src/lib/cms';

type CollectionRoot = keyof typeof COLLECTION_QUERIES;
type RawKey = Exclude<keyof RawSiteData, 'provinceProfile' | 'homepage'>;

/** The resolved SiteData calls administrative procedures `procedures`, like the sub-site section that lists them. */
const RESOLVED_KEY: Partial<Record<string, keyof SiteData>> = { administrativeProcedures: 'procedures' };

/**
 * Where each previewable type lives in the GraphQL schema and in RawSiteData (from the registry:
 * a collection's plural name is both its GraphQL field and its raw-data key; a single type's
 * kind is its GraphQL field and raw-data key), and under which name the resolved SiteData holds it.
 */
export const PREVIEW_SOURCES: Record<string, { root: CollectionRoot; raw: RawKey; resolved: keyof SiteData } | { single: 'provinceProfile' | 'homepage' }> =
  Object.fromEntries(
    CONTENT_TYPES.map((t) => [
      t.uid,
      t.type === 'single'
        ? { single: t.kind as 'provinceProfile' | 'homepage' }
        : { root: t.plural as CollectionRoot, raw: t.plural as RawKey, resolved: (RESOLVED_KEY[t.plural] ?? t.plural) as keyof SiteData },
    ]),
  );

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

/** The uid of a preview URL segment (`article` → `api::article.article`), or null. */
export function uidOfPreviewType(type: string): string | null {
  return uidOfPreviewSegment(type);
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
    // the same page sizes as the build (each page inside the CMS's query budget)
    const pageSize = pageSizeOf(root);
    for (let page = 1; page < 10_000; page++) {
      const data = (await c.request(COLLECTION_QUERIES[root] as string, { page, pageSize })) as Record<string, T[]>;
      const rows = data[root] ?? [];
      out.push(...rows);
      if (rows.length < pageSize) break;
    }
    return out;
  };
  const roots = Object.keys(COLLECTION_QUERIES) as CollectionRoot[];
  const [singles, ...lists] = await Promise.all([
    c.request(SINGLES_QUERY as string) as Promise<{ provinceProfile: RawSiteData['provinceProfile']; homepage: RawSiteData['homepage'] }>,
    ...roots.map((r) => all<GqlRef>(r)),
  ]);
  return { ...(Object.fromEntries(roots.map((r, i) => [r, lists[i]])) as unknown as Omit<RawSiteData, 'provinceProfile' | 'homepage'>), ...singles };
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
      const q = (SINGLES_QUERY as string).replace(
        new RegExp(`\\b${source.single}\\s*\\{`),
        `${source.single}(status: ${grant.status === 'draft' ? 'DRAFT' : 'PUBLISHED'}) {`,
      );
      const res = (await c.request(q)) as Record<string, any>;
      const doc = res[source.single];
      if (!doc) throw new PreviewError(404, 'Không tìm thấy phiên bản cần xem trước.');
      (raw as any)[source.single] = doc;
    } else {
      const res = (await c.request(singleDocumentQuery(source.root, grant.status), {
        page: 1,
        pageSize: 1,
        filters: { documentId: { eq: grant.documentId } },
      })) as Record<string, any[]>;
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
    target = (data[source.resolved] as unknown as GqlRef[]).find((e) => e.documentId === grant.documentId);
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
