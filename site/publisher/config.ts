/**
 * The publisher's configuration, from the environment (see {@link configFromEnv}) or given
 * directly (tests, the benchmark).
 */
import path from 'node:path';

/** Folder of the Astro site (`site/`). */
export const SITE_ROOT = path.resolve(import.meta.dirname, '..');
/** Root of the monorepo. */
export const REPO_ROOT = path.resolve(SITE_ROOT, '..');

export interface PublisherConfig {
  /** interface to listen on (default `0.0.0.0`) */
  host: string;
  /** TCP port (default 4321); 0 picks a free one */
  port: number;
  /** the Astro project to build (default `site/`) */
  siteRoot: string;
  /** where releases live: `<releasesDir>/<id>/` and the `current` symlink (default `site/releases`) */
  releasesDir: string;
  /** Astro `cacheDir` for the builds: the incremental-build manifest and page copies (default `site/.publisher/cache`) */
  cacheDir: string;
  /**
   * the builds' data folder: the CMS rows of the last build (`cms-data.json`, reused by the next
   * incremental build for entries that did not change) and the published state of the running
   * build (default `site/.publisher/data`)
   */
  dataDir: string;
  /** successful releases kept besides the current one, for rollback (default 4) */
  keepReleases: number;
  /**
   * quiet time after the last event before a build starts, ms (default 50: Strapi's calls for one
   * action — the two `entry.delete` of a published document, a bulk publish — arrive within
   * milliseconds; events arriving while a build runs wait for the next one anyway, so a longer
   * window only delays every publish, and a call arriving after the window costs a second build
   * that finds nothing new, never a missed change (the state diff decides). It was 750 when every
   * publish was a 15 s `astro build`, 150 until session 7: a third of the measured gap between
   * the publish call and the build's start at 15,000 routes)
   */
  coalesceMs: number;
  /** longest a first event waits for the burst to end, ms (default 5000) */
  coalesceMaxMs: number;
  /** base URL of the CMS, no trailing slash (default `http://127.0.0.1:1337`) */
  cmsUrl: string;
  /** bearer token the builds and the preview route use (optional; the preview route needs one that reads drafts) */
  cmsToken: string;
  /** shared secret of the webhook header and the CMS's state endpoint (required, ≥ 16 characters) */
  webhookSecret: string;
  /** read-only bearer token for the full `/status` (`PUBLISHER_STATUS_TOKEN`, ≥ 16 characters; optional — the webhook secret works too) */
  statusToken: string;
  /** secret that signs preview links (`PREVIEW_SECRET`); preview is off when empty */
  previewSecret: string;
  /**
   * the citizen forms (site/publisher/intake.ts): the server-side token the publisher forwards
   * submissions to the CMS with (`INTAKE_TOKEN`, the CMS's too), the secret that signs the
   * fill-time tokens (`INTAKE_FORM_SECRET`), the shortest fill time accepted (`INTAKE_MIN_FILL_MS`,
   * default 3000 ms), the longest (`INTAKE_MAX_FILL_MS`, default 24 h), and whether the citizen's
   * address is read from `X-Forwarded-For` (`TRUST_PROXY=true`, behind the province's reverse proxy).
   * The forms answer 503 while the token or the secret is empty.
   */
  intake: { token: string; formSecret: string; minFillMs: number; maxFillMs: number; trustProxy: boolean };
  /** use Astro's incremental build (default true; `INCREMENTAL_BUILD=false` renders every page every time) */
  incremental: boolean;
  /**
   * publish through the long-running renderer (site/renderer/, ADR 0013/0019; default true,
   * `PUBLISHER_RENDERER=false` builds every publish with `astro build` as before). A code deploy is
   * a server build + a full render in `renderWorkers` processes into a new release; a content
   * publish renders only the pages whose cache keys changed into the live release. When the
   * renderer fails, or Astro is not the version it was checked against, the build falls back to
   * `astro build`.
   */
  renderer: boolean;
  /** worker processes of a full render (`RENDER_WORKERS`, default 2) */
  renderWorkers: number;
  /** a build taking longer is killed and reported as failed, ms (default 20 min) */
  buildTimeoutMs: number;
  /** waits before retrying after failed builds, ms; the last one repeats (default 5 s, 15 s, 1 min, 5 min) */
  retryDelaysMs: number[];
  /** safety-net reconciliation period while running, ms (default 10 min; 0 = off) */
  reconcileIntervalMs: number;
  /** rebuild once a day just after midnight in Vietnam (legal documents' validity depends on the date) */
  dailyRebuild: boolean;
  /** extra environment for the build (merged over the publisher's own) */
  buildEnv: Record<string, string>;
  /** `NODE_OPTIONS` of the build process (default `--max-old-space-size=4096`) */
  buildNodeOptions: string;
  /** keep a build process started ahead of time, Astro loaded (default true; `PREWARM_BUILD=false` to save ~150 MB while idle) */
  prewarm: boolean;
  /** where log lines go (default stdout with a `[publisher]` prefix) */
  log: (line: string) => void;
}

function int(env: NodeJS.ProcessEnv, name: string, dflt: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got ${JSON.stringify(raw)}`);
  return Math.floor(n);
}

function bool(env: NodeJS.ProcessEnv, name: string, dflt: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new Error(`${name} must be true or false, got ${JSON.stringify(raw)}`);
}

function statusToken(env: NodeJS.ProcessEnv): string {
  const t = env.PUBLISHER_STATUS_TOKEN ?? '';
  if (t && t.length < 16) throw new Error('PUBLISHER_STATUS_TOKEN must be at least 16 characters (or unset)');
  return t;
}

/** Defaults for everything but the secret. */
export function defaultConfig(): Omit<PublisherConfig, 'webhookSecret'> {
  return {
    host: '0.0.0.0',
    port: 4321,
    siteRoot: SITE_ROOT,
    releasesDir: path.join(SITE_ROOT, 'releases'),
    cacheDir: path.join(SITE_ROOT, '.publisher', 'cache'),
    dataDir: path.join(SITE_ROOT, '.publisher', 'data'),
    keepReleases: 4,
    coalesceMs: 50,
    coalesceMaxMs: 5000,
    cmsUrl: 'http://127.0.0.1:1337',
    cmsToken: '',
    previewSecret: '',
    statusToken: '',
    intake: { token: '', formSecret: '', minFillMs: 3_000, maxFillMs: 24 * 3_600_000, trustProxy: false },
    incremental: true,
    renderer: true,
    renderWorkers: 2,
    buildTimeoutMs: 20 * 60_000,
    retryDelaysMs: [5_000, 15_000, 60_000, 300_000],
    reconcileIntervalMs: 10 * 60_000,
    dailyRebuild: true,
    buildEnv: {},
    buildNodeOptions: '--max-old-space-size=4096',
    prewarm: true,
    log: (line) => console.log(`[publisher] ${line}`),
  };
}

/**
 * Reads the configuration from the environment:
 * `HOST`, `PORT`, `RELEASES_DIR`, `PUBLISHER_CACHE_DIR`, `PUBLISHER_DATA_DIR`, `KEEP_RELEASES`, `COALESCE_MS`,
 * `COALESCE_MAX_MS`, `CMS_URL`, `CMS_TOKEN`, `PUBLISHER_WEBHOOK_SECRET` (required),
 * `PREVIEW_SECRET`, `INCREMENTAL_BUILD`, `PUBLISHER_RENDERER`, `RENDER_WORKERS`, `BUILD_TIMEOUT_MS`, `RETRY_DELAYS_MS` (comma-separated),
 * `RECONCILE_INTERVAL_MS`, `DAILY_REBUILD`, `BUILD_NODE_OPTIONS`, `PREWARM_BUILD`, `SITE_ROOT`,
 * `PUBLISHER_STATUS_TOKEN`, `INTAKE_TOKEN`, `INTAKE_FORM_SECRET`, `INTAKE_MIN_FILL_MS`, `INTAKE_MAX_FILL_MS`, `TRUST_PROXY`.
 *
 * @throws {Error} naming the variable when one is malformed or the secret is missing/short
 */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): PublisherConfig {
  const d = defaultConfig();
  const secret = env.PUBLISHER_WEBHOOK_SECRET ?? '';
  if (secret.length < 16) throw new Error('PUBLISHER_WEBHOOK_SECRET must be set (at least 16 characters)');
  const retry = env.RETRY_DELAYS_MS
    ? env.RETRY_DELAYS_MS.split(',').map((s) => {
        const n = Number(s.trim());
        if (!Number.isFinite(n) || n < 0) throw new Error(`RETRY_DELAYS_MS: bad value ${JSON.stringify(s)}`);
        return n;
      })
    : d.retryDelaysMs;
  const siteRoot = env.SITE_ROOT ? path.resolve(env.SITE_ROOT) : d.siteRoot;
  return {
    ...d,
    host: env.HOST || d.host,
    port: int(env, 'PORT', d.port),
    siteRoot,
    releasesDir: path.resolve(env.RELEASES_DIR || d.releasesDir),
    cacheDir: path.resolve(env.PUBLISHER_CACHE_DIR || d.cacheDir),
    dataDir: path.resolve(env.PUBLISHER_DATA_DIR || d.dataDir),
    keepReleases: int(env, 'KEEP_RELEASES', d.keepReleases),
    coalesceMs: int(env, 'COALESCE_MS', d.coalesceMs),
    coalesceMaxMs: int(env, 'COALESCE_MAX_MS', d.coalesceMaxMs),
    cmsUrl: (env.CMS_URL || d.cmsUrl).replace(/\/+$/, ''),
    cmsToken: env.CMS_TOKEN || '',
    webhookSecret: secret,
    previewSecret: env.PREVIEW_SECRET || '',
    intake: {
      token: env.INTAKE_TOKEN || '',
      formSecret: env.INTAKE_FORM_SECRET || '',
      minFillMs: int(env, 'INTAKE_MIN_FILL_MS', d.intake.minFillMs),
      maxFillMs: int(env, 'INTAKE_MAX_FILL_MS', d.intake.maxFillMs),
      trustProxy: bool(env, 'TRUST_PROXY', d.intake.trustProxy),
    },
    statusToken: statusToken(env),
    incremental: bool(env, 'INCREMENTAL_BUILD', d.incremental),
    renderer: bool(env, 'PUBLISHER_RENDERER', d.renderer),
    renderWorkers: Math.max(1, int(env, 'RENDER_WORKERS', d.renderWorkers)),
    buildTimeoutMs: int(env, 'BUILD_TIMEOUT_MS', d.buildTimeoutMs),
    retryDelaysMs: retry.length ? retry : d.retryDelaysMs,
    reconcileIntervalMs: int(env, 'RECONCILE_INTERVAL_MS', d.reconcileIntervalMs),
    dailyRebuild: bool(env, 'DAILY_REBUILD', d.dailyRebuild),
    buildNodeOptions: env.BUILD_NODE_OPTIONS ?? d.buildNodeOptions,
    prewarm: bool(env, 'PREWARM_BUILD', d.prewarm),
  };
}
