/**
 * The long-running renderer (issue 12, ADR 0013): Astro's `App` of the renderer's server build
 * (adapter.mjs, entry.mjs), loaded once, renders any page of the site on demand — byte for byte
 * what `astro build` writes for it.
 *
 * `getStaticPaths()` of each page stays the single source of URLs, props and cache keys: the
 * renderer calls it itself ({@link SiteRenderer.index}) and maps each URL to its route through
 * that index, never through Astro's router (`/tin-tuc/quoc-te/` matches `/tin-tuc/[slug]` first,
 * but only `[...scope]` generates it). A page reads the props the renderer hands it from
 * `Astro.locals.pageProps` (`Astro.locals.pageProps ?? Astro.props`, docs/contributing.md).
 *
 * Runs in a child process, never in the publisher's HTTP process (rendering blocks the event loop
 * for milliseconds per page). The process's environment must be the static build's (`SITE_URL`
 * is in the pages and cache keys; `CMS_URL`, `CMS_TOKEN`, `MEDIA_BASE_URL` for the data).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** A route of the build's manifest (the fields of Astro's RouteData the renderer uses). */
interface RouteData {
  route: string;
  component: string;
  type: string;
  params: string[];
  segments: unknown[];
  pathname?: string;
  prerender: boolean;
  origin?: string;
}

/** What the server entry exports: Astro's App (entry.mjs). */
interface AstroApp {
  manifest: {
    routes: { routeData: RouteData }[];
    pageMap?: Map<string, () => Promise<{ page: () => Promise<PageModule> }>>;
    trailingSlash: string;
    base: string;
  };
  render(request: Request, options: { routeData: RouteData; locals?: object }): Promise<Response>;
}

interface StaticPath {
  params: Record<string, string | number | undefined>;
  props?: Record<string, unknown>;
  cacheKey?: unknown;
}

interface PageModule {
  getStaticPaths?: (opts: { paginate: unknown; routePattern: string }) => Promise<StaticPath[]> | StaticPath[];
}

/** One URL of the site, as the renderer's index knows it. */
export interface IndexedPage {
  /** site-relative URL path, e.g. `/tin-tuc/abc/`, `/tin-tuc.xml`, `/404` */
  url: string;
  /** the file it is written to, relative to the output folder (`tin-tuc/abc/index.html`, `404.html`) */
  file: string;
  /** the page's source (`src/pages/tin-tuc/[slug].astro`) */
  component: string;
  params: Record<string, string | undefined>;
  props: Record<string, unknown>;
  /** the `cacheKey` its `getStaticPaths()` entry carries (undefined for a page without one) */
  cacheKey: unknown;
}

/** Astro's own paginate() and param → path generator (the same the static build uses). */
interface AstroInternals {
  generatePaginateFunction: (route: RouteData, base: string, trailingSlash: string) => unknown;
  stringifyParams: (params: Record<string, unknown>, route: RouteData, trailingSlash: string) => string;
}

/** The Astro versions whose internals (paginate, stringifyParams) were checked against the static build's output. */
const CHECKED_ASTRO = /^7\.3\./;

async function astroInternals(siteRoot: string): Promise<AstroInternals> {
  const pkgFile = createRequire(path.join(siteRoot, 'package.json')).resolve('astro/package.json');
  const { version } = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { version: string };
  if (!CHECKED_ASTRO.test(version)) throw new Error(`renderer: Astro ${version} is not one the renderer was checked against (7.3.x): use astro build`);
  const dist = path.join(path.dirname(pkgFile), 'dist', 'core');
  const { generatePaginateFunction } = await import(pathToFileURL(path.join(dist, 'render', 'paginate.js')).href);
  const { stringifyParams } = await import(pathToFileURL(path.join(dist, 'routing', 'params.js')).href);
  return { generatePaginateFunction, stringifyParams };
}

/**
 * The server code imports its dependencies (astro, devalue, …) by bare name: a build outside the
 * repository gets a `node_modules` link to the repository's (as the publisher's releases do).
 */
function linkNodeModules(buildDir: string, siteRoot: string): void {
  const target = path.resolve(siteRoot, '..', 'node_modules');
  const rel = path.relative(path.resolve(siteRoot, '..'), buildDir);
  if (!rel.startsWith('..') && !path.isAbsolute(rel)) return;
  const link = path.join(buildDir, 'node_modules');
  if (fs.existsSync(link)) return;
  fs.symlinkSync(target, link, 'dir');
}

/** The file `astro build` (format: directory) writes a URL path into, relative to the output folder. */
export function outputFile(url: string, type: string): string {
  if (type === 'endpoint') return url.replace(/^\/+/, '');
  if (url === '/404' || url === '/500' || url === '/404/' || url === '/500/') return `${url.replace(/\//g, '')}.html`;
  const dir = url.replace(/^\/+|\/+$/g, '');
  return dir ? `${dir}/index.html` : 'index.html';
}

/**
 * The renderer over one server build. Create with {@link SiteRenderer.load}.
 */
export class SiteRenderer {
  private constructor(
    private readonly app: AstroApp,
    private readonly internals: AstroInternals,
    /** the page routes of src/pages (origin "project"), in Astro's priority order */
    readonly routes: RouteData[],
    /** the static files of the build (`/_astro/*` and public/), copied as they are */
    readonly clientDir: string,
    private readonly origin: string,
    /** the site's URL (`SITE_URL`, as the static build): the origin of the requests, the sitemap's URLs */
    readonly site: string,
  ) {}

  /**
   * Loads the server build in `buildDir` (`server/entry.mjs`, `client/`) made by
   * server-build.mjs. `siteRoot` is site/ (for Astro's version), `site` the origin of the
   * requests (SITE_URL, as the static build).
   *
   * @throws {Error} when the build has no renderer entry or Astro is a version not checked
   */
  static async load(buildDir: string, siteRoot: string, site = process.env.SITE_URL || 'http://127.0.0.1:4321'): Promise<SiteRenderer> {
    const entry = path.join(buildDir, 'server', 'entry.mjs');
    if (!fs.existsSync(entry)) throw new Error(`renderer: no server entry at ${entry} (run server-build.mjs)`);
    const internals = await astroInternals(siteRoot);
    linkNodeModules(buildDir, siteRoot);
    const { app } = (await import(pathToFileURL(entry).href)) as { app?: AstroApp };
    if (!app?.manifest) throw new Error(`renderer: ${entry} exports no App (build it with site/renderer/adapter.mjs)`);
    const routes = app.manifest.routes
      .map((r) => r.routeData)
      .filter((r) => r.component.startsWith('src/pages/') && (r.type === 'page' || r.type === 'endpoint'));
    return new SiteRenderer(app, internals, routes, path.join(buildDir, 'client'), new URL(site).origin, site);
  }

  private async module(route: RouteData): Promise<PageModule> {
    const load = this.app.manifest.pageMap?.get(route.component);
    if (!load) throw new Error(`renderer: no module for ${route.component}`);
    return (await load()).page();
  }

  /**
   * Calls every page's `getStaticPaths()` (with Astro's paginate) and returns URL → page, every
   * URL the static build would write. A URL two routes generate goes to the first in Astro's
   * route priority, as in the static build. Data comes from the site's loader
   * (src/lib/cms.ts, memoised per process: call `resetSiteData` of the site between publishes).
   *
   * @throws {Error} what a page's getStaticPaths throws (CMS unreachable…)
   */
  async index(): Promise<Map<string, IndexedPage>> {
    const out = new Map<string, IndexedPage>();
    const trailingSlash = this.app.manifest.trailingSlash;
    const started = performance.now();
    const spent: [component: string, ms: number, pages: number][] = [];
    for (const route of this.routes) {
      const t = performance.now();
      const before = out.size;
      const mod = await this.module(route);
      let paths: StaticPath[];
      if (route.params.length === 0) {
        // a page without parameters (404) has no getStaticPaths, so no data of its own: it
        // changes with the code only (docs/contributing.md: pages read CMS data in getStaticPaths)
        paths = [{ params: {}, props: {}, cacheKey: `static:${route.component}` }];
      } else if (mod.getStaticPaths) {
        paths = await mod.getStaticPaths({
          paginate: this.internals.generatePaginateFunction(route, this.app.manifest.base, trailingSlash),
          routePattern: route.route,
        });
      } else {
        throw new Error(`renderer: ${route.component} is dynamic but has no getStaticPaths()`);
      }
      for (const sp of paths.flat()) {
        const params: Record<string, string | undefined> = {};
        for (const [k, v] of Object.entries(sp.params ?? {})) params[k] = v === undefined ? undefined : String(v);
        const url = route.params.length === 0 ? (route.pathname ?? route.route) : this.internals.stringifyParams(params, route, trailingSlash);
        if (out.has(url)) continue;
        out.set(url, { url, file: outputFile(url, route.type), component: route.component, params, props: sp.props ?? {}, cacheKey: sp.cacheKey });
      }
      spent.push([route.component.replace(/^src\/pages\//, ''), performance.now() - t, out.size - before]);
    }
    // where a re-index spends its time (the first route pays for the data load): publish timelines, bench:publish
    const top = spent.sort((a, b) => b[1] - a[1]).slice(0, 4);
    console.info(
      `[renderer] index: ${out.size} pages in ${Math.round(performance.now() - started)} ms; slowest routes ` +
        top.map(([c, ms, n]) => `${c} ${Math.round(ms)} ms (${n})`).join(', '),
    );
    return out;
  }

  private routeOf(page: IndexedPage): RouteData {
    const route = this.routes.find((r) => r.component === page.component);
    if (!route) throw new Error(`renderer: no route ${page.component}`);
    return route;
  }

  /**
   * Renders one indexed page; returns its bytes (what `astro build` writes into `page.file`).
   *
   * @throws {Error} when the page's template throws or answers a status other than 200 (404 for the 404 page)
   */
  async render(page: IndexedPage): Promise<Buffer> {
    const route = this.routeOf(page);
    // the request URL the static build uses (format directory: pages end in "/")
    const pathname = route.type === 'endpoint' || page.url.endsWith('/') ? page.url : `${page.url}/`;
    const request = new Request(new URL(pathname, this.origin));
    const response = await this.app.render(request, { routeData: route as never, locals: { pageProps: page.props } });
    const expected = page.file === '404.html' ? 404 : 200;
    if (response.status !== expected && response.status !== 200) {
      throw new Error(`renderer: ${page.url} answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
    }
    return Buffer.from(await response.arrayBuffer());
  }
}

/** What a publish must do to the output, decided by the cache keys of two indexes alone. */
export interface IndexDiff {
  /** pages that are new, or whose cache key changed (or that have no key): render */
  render: IndexedPage[];
  /** pages no longer in the index: delete their files */
  remove: IndexedPage[];
}

/** A cache key as a comparable string (keys are strings today; anything JSON works). */
const keyOf = (k: unknown): string | null => (k === undefined ? null : typeof k === 'string' ? k : JSON.stringify(k));

/**
 * The one decision of what a content publish renders (ADR 0019): a page is rendered when it is
 * new, when its `cacheKey` differs from the previous index's, or when it has no key; a page
 * gone from the index is removed. The route-map report (`affectedRoutes`) is not consulted.
 */
export function diffIndexes(before: ReadonlyMap<string, IndexedPage>, after: ReadonlyMap<string, IndexedPage>): IndexDiff {
  const render: IndexedPage[] = [];
  const remove: IndexedPage[] = [];
  for (const [url, page] of after) {
    const old = before.get(url);
    const key = keyOf(page.cacheKey);
    if (!old || key === null || key !== keyOf(old.cacheKey) || old.file !== page.file) render.push(page);
  }
  for (const [url, page] of before) if (!after.has(url)) remove.push(page);
  return { render, remove };
}

/** The symbol under which the site memoises its CMS load on `globalThis` (site/src/lib/cms.ts, `loadSiteData`). */
const SITE_DATA_MEMO = Symbol.for('cong.site.siteData');

/**
 * Forgets the site's loaded CMS data, so the next {@link SiteRenderer.index} loads it again
 * (through the data cache: only the entries the published state shows changed are fetched,
 * when `SITE_DATA_CACHE_FILE` and `CMS_PUBLISHED_STATE_FILE` are set).
 */
export function forgetSiteData(): void {
  (globalThis as { [SITE_DATA_MEMO]?: Map<string, unknown> })[SITE_DATA_MEMO]?.clear();
}

/**
 * Makes the site's data cache (src/lib/data-cache.ts) keep its rows in memory and leave the file
 * write to {@link flushSiteDataCacheWrite}: the renderer answers a publish first, then writes the
 * cache (at 15,000 pages the stringify and write take ~0.75 s, the re-read ~0.6–0.9 s — both
 * were on every publish's path). Shared with the site through `globalThis` symbols, as
 * {@link forgetSiteData}: the site's modules are bundled into the server build.
 */
export function deferSiteDataCacheWrites(): void {
  (globalThis as Record<symbol, unknown>)[Symbol.for('cong.site.dataCacheDeferWrites')] = true;
}

/** Writes the site's data cache if a write was deferred (see {@link deferSiteDataCacheWrites}). */
export function flushSiteDataCacheWrite(): void {
  const g = globalThis as Record<symbol, unknown>;
  const key = Symbol.for('cong.site.dataCachePendingWrite');
  const write = g[key] as (() => void) | undefined;
  g[key] = undefined;
  write?.();
}

/**
 * Writes `bytes` to `dir/file` through a temporary file renamed over it (readers see the old
 * or the new file, never half of one).
 */
export async function writeAtomic(dir: string, file: string, bytes: Buffer): Promise<void> {
  const target = path.join(dir, file);
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  await fs.promises.writeFile(tmp, bytes);
  await fs.promises.rename(tmp, target);
}
