/**
 * The publisher: one Node process that
 * 1. receives the CMS's webhooks (`POST /hooks/strapi`, secret header checked in constant time,
 *    401 otherwise; answers 202 at once and queues),
 * 2. coalesces bursts into one build, never runs two builds at once, builds the site with
 *    Astro's incremental build into a new release folder and switches `current` atomically,
 *    keeping the last good release on failure and reporting the error,
 * 3. reconciles — asks the CMS what is published and diffs it with the state of the last good
 *    release — on start, after a failed build (with backoff) and periodically, so a webhook
 *    missed while it was down or lost on the way is not a lost update,
 * 4. serves the current release's files (cache headers, ETag, 404 page), the site's on-demand
 *    routes (the draft preview, through @astrojs/node's middleware handler) and `GET /status`.
 *
 * HTTP API (besides the site):
 * - `POST /hooks/strapi`   Strapi webhook (entry.publish / entry.unpublish / entry.delete) → 202
 * - `POST /hooks/rebuild`  (secret header) build now even if nothing changed → 202
 * - `POST /hooks/rollback` (secret header, body `{"release": "<id>"}` or empty for the previous) → 200
 * - `GET /status`          public: health only ({@link PublicStatus}); with `Authorization: Bearer
 *                          <PUBLISHER_WEBHOOK_SECRET or PUBLISHER_STATUS_TOKEN>` (or the secret header):
 *                          the full {@link PublisherStatus} with the build log
 *
 * Every response carries the security headers of security-headers.ts (CSP, nosniff,
 * Referrer-Policy, X-Frame-Options), set before any routing.
 */
import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import compression from 'compression';
import {
  diffPublishedStates,
  PUBLISHER_SECRET_HEADER,
  PUBLISHER_WEBHOOK_EVENTS,
  type PublishedState,
} from '@cong/shared';
import { AstroBuilder } from './builder.js';
import { computeCodeHash } from './code-hash.js';
import { DerivedFiles, isDerivedPath, type DerivedStatus } from './derived.js';
import { REPO_ROOT, type PublisherConfig } from './config.js';
import { acquireLock, ReleaseStore, type ReleaseMeta } from './releases.js';
import { secretMatches } from '@cong/shared/secret';
import { applySecurityHeaders } from './security-headers.js';
import { fetchPublishedState } from './state.js';
import { createStaticHandler, sendNotFound, type StaticHandler } from './static.js';

/** One thing that may need a build. */
export interface QueuedEvent {
  source: 'webhook' | 'reconcile' | 'manual' | 'daily' | 'retry';
  /** Strapi event name (webhooks) */
  event?: string;
  /** Strapi content-type uid (webhooks) */
  uid?: string;
  documentId?: string;
  /** free text (reconcile: `start`, `periodic`) */
  reason?: string;
  /** when it arrived, epoch ms */
  receivedAt: number;
  /** put back in the queue after a failed build */
  carried?: boolean;
}

/** One build attempt as reported in the status. */
export interface BuildRecord {
  /** the release made (null when skipped or failed) */
  release: string | null;
  outcome: 'live' | 'failed' | 'skipped';
  /** why: `webhook`, `reconcile:start`, `reconcile:periodic`, `retry`, `manual`, `daily` */
  trigger: string;
  /** ISO 8601 UTC */
  startedAt: string;
  finishedAt: string;
  /** wall time, ms */
  ms: number;
  /** ms per phase: state (CMS state fetch + diff), astro (the build), swap (checks, switch, prune) */
  phases: { stateMs: number; astroMs: number; swapMs: number };
  /** whether the build ran in the pre-started worker */
  warmWorker: boolean;
  /** events handled by this build */
  events: number;
  /** entries added / changed / removed since the previous release */
  changes: { added: number; changed: number; removed: number };
  /** public URLs the changes touch (route map), at most 200 */
  routes: string[];
  /** routes in the release (pages and feeds; `html` = HTML files); rendered by Astro vs reused from the incremental cache */
  pages: ReleaseMeta['pages'] | null;
  /** rendered pages (at most 200) */
  renderedPages: string[];
  /** the build's log without per-page lines, with ms since the build started (in /status with the secret header only) */
  timeline?: string[];
  /** from the first/last event's arrival to the release going live, ms */
  latencyMs: { min: number; max: number } | null;
  /** why it was built (`3 change(s)`, `site code changed`, `no release yet`, `manual`…) */
  reasons: string[];
  /** why it failed or was skipped */
  note?: string;
}

/**
 * What `GET /status` answers to anyone: whether the site is serving, and which release — no
 * build history, errors, logs, paths or counters (issue 9). `"currentRelease":{` is what
 * scripts/start.sh waits for.
 */
export interface PublicStatus {
  /** a release is serving and the last build attempt did not fail */
  ok: boolean;
  currentRelease: { id: string; builtAt: string } | null;
}

/** What `GET /status` answers with the secret or the status token (see {@link Publisher.statusAuthorized}). */
export interface PublisherStatus {
  service: 'cong-publisher';
  pid: number;
  /** ISO 8601 UTC */
  startedAt: string;
  /** true when a release is serving and the last build attempt did not fail */
  healthy: boolean;
  currentRelease: { id: string; createdAt: string; pages: ReleaseMeta['pages']; codeHash: string } | null;
  /** finished releases on disk, oldest first (rollback targets) */
  releases: string[];
  /** when the last successful build went live, ISO 8601 UTC */
  lastBuildAt: string | null;
  /** its wall time, ms */
  lastBuildMs: number | null;
  lastBuild: BuildRecord | null;
  /** events waiting for the next build */
  queueLength: number;
  building: boolean;
  buildingSince: string | null;
  lastError: { at: string; message: string; trigger: string; logTail?: string[] } | null;
  consecutiveFailures: number;
  /** next automatic retry after a failure, ISO 8601 UTC */
  nextRetryAt: string | null;
  /** last time the CMS's state was compared, ISO 8601 UTC */
  lastReconcileAt: string | null;
  counters: {
    webhooksAccepted: number;
    webhooksRejected: number;
    webhooksIgnored: number;
    builds: number;
    buildsFailed: number;
    buildsSkipped: number;
  };
  config: { coalesceMs: number; coalesceMaxMs: number; incremental: boolean; keepReleases: number };
  /** the release whose server code (on-demand routes, preview) is loaded */
  serverRelease: string | null;
  /** the sitemap and search index, made after a release is live (derived.ts) */
  derived: DerivedStatus;
  /** the last builds, newest first (at most 20) */
  history: BuildRecord[];
}

type SsrHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => Promise<void> | void;

const MAX_BODY = 4 * 1024 * 1024;
const ALLOWED_EVENTS = new Set<string>(PUBLISHER_WEBHOOK_EVENTS);

/** Next 00:00:30 in Vietnam (UTC+7, no DST) after `now`, epoch ms. */
export function nextVietnamMidnight(now: number): number {
  const day = 86_400_000;
  const offset = 7 * 3_600_000;
  return Math.floor((now + offset) / day) * day + day - offset + 30_000;
}

/** The publisher. Create with a config, then {@link start}; {@link stop} ends everything it started. */
export class Publisher {
  readonly config: PublisherConfig;
  private readonly releases: ReleaseStore;
  private server: http.Server | null = null;
  private releaseLock: (() => void) | null = null;
  private readonly startedAt = new Date();

  private currentId: string | null = null;
  private currentMeta: ReleaseMeta | null = null;
  private staticHandler: StaticHandler | null = null;
  private webRoot: string | null = null;
  private ssr: { release: string; codeHash: string; handler: SsrHandler } | null = null;
  private readonly compress = compression({ threshold: 1024 });
  /** where the security headers read the CMS and media origins: the environment, with this publisher's CMS URL */
  private readonly headerEnv: NodeJS.ProcessEnv;

  private pending: QueuedEvent[] = [];
  private building: Promise<void> | null = null;
  private buildingSince: number | null = null;
  private readonly builder: AstroBuilder;
  private readonly derived: DerivedFiles;
  private timer: NodeJS.Timeout | null = null;
  private reconcileTimer: NodeJS.Timeout | null = null;
  private dailyTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  private retryAt = 0;
  private failedAt = 0;
  private consecutiveFailures = 0;
  private forceNext = false;
  private lastError: PublisherStatus['lastError'] = null;
  private lastReconcileAt: number | null = null;
  private lastLive: BuildRecord | null = null;
  private history: BuildRecord[] = [];
  private counters: PublisherStatus['counters'] = {
    webhooksAccepted: 0,
    webhooksRejected: 0,
    webhooksIgnored: 0,
    builds: 0,
    buildsFailed: 0,
    buildsSkipped: 0,
  };

  constructor(config: PublisherConfig) {
    if (!config.webhookSecret || config.webhookSecret.length < 16) {
      throw new Error('the publisher needs a webhook secret of at least 16 characters');
    }
    this.config = config;
    this.headerEnv = { ...process.env, ...config.buildEnv, CMS_URL: process.env.CMS_URL || config.cmsUrl };
    this.releases = new ReleaseStore(config.releasesDir);
    this.builder = new AstroBuilder({
      siteRoot: config.siteRoot,
      env: {
        CMS_URL: config.cmsUrl,
        ...(config.cmsToken ? { CMS_TOKEN: config.cmsToken } : {}),
        // the sitemap and search index are made after the swap (derived.ts), not in the build
        SITE_SITEMAP_AND_SEARCH: 'publisher',
        ...config.buildEnv,
      },
      nodeOptions: config.buildNodeOptions,
      prewarm: config.prewarm,
    });
    const siteUrl = config.buildEnv.SITE_URL || process.env.SITE_URL || 'http://127.0.0.1:4321';
    this.derived = new DerivedFiles(path.join(config.dataDir, 'derived'), siteUrl, config.log, () => !!this.building || this.pending.some((e) => e.source === 'webhook' || e.source === 'manual'));
  }

  /** The base URL it listens on, e.g. `http://127.0.0.1:4321` (after {@link start}). */
  get url(): string {
    const a = this.server?.address() as AddressInfo | null;
    if (!a) throw new Error('the publisher is not listening');
    const host = a.address === '0.0.0.0' || a.address === '::' ? '127.0.0.1' : a.address;
    return `http://${host}:${a.port}`;
  }

  /**
   * Locks the releases folder, serves the current release (if any), listens, and starts the
   * start-up reconciliation (which builds when the CMS changed, the code changed or there is
   * no release yet).
   * @throws {Error} when another publisher uses the releases folder or the port is taken
   */
  async start(): Promise<void> {
    this.releaseLock = acquireLock(this.releases.dir);
    try {
      this.releases.init();
      fs.mkdirSync(this.config.cacheDir, { recursive: true });
      this.derived.init();
      this.linkNodeModules();
      let current = this.releases.current();
      if (!current) {
        const all = this.releases.list().filter((id) => this.releases.readMeta(id));
        if (all.length) {
          current = all[all.length - 1];
          this.releases.activate(current);
        }
      }
      if (current) {
        this.useRelease(current, this.releases.readMeta(current));
        await this.loadServer(current, this.currentMeta?.codeHash ?? '');
      }
      this.server = http.createServer((req, res) => void this.handle(req, res));
      this.server.keepAliveTimeout = 5_000;
      await new Promise<void>((resolve, reject) => {
        this.server!.once('error', reject);
        this.server!.listen(this.config.port, this.config.host, () => {
          this.server!.off('error', reject);
          resolve();
        });
      });
      this.config.log(`listening on ${this.url}; releases in ${this.releases.dir}; current release: ${current ?? 'none'}`);
    } catch (err) {
      this.releaseLock?.();
      this.releaseLock = null;
      throw err;
    }
    this.enqueue({ source: 'reconcile', reason: 'start', receivedAt: Date.now() });
    this.builder.prewarm();
    if (this.config.reconcileIntervalMs > 0) {
      this.reconcileTimer = setInterval(() => {
        if (!this.building && !this.pending.length) this.enqueue({ source: 'reconcile', reason: 'periodic', receivedAt: Date.now() });
      }, this.config.reconcileIntervalMs);
      this.reconcileTimer.unref();
    }
    if (this.config.dailyRebuild) this.scheduleDaily();
  }

  /**
   * Stops listening, cancels timers, stops a running build (its staging folder is removed) and
   * frees the releases folder. Queued events are dropped: the next start reconciles them.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of [this.timer, this.reconcileTimer, this.dailyTimer]) if (t) clearTimeout(t);
    this.builder.dispose();
    const server = this.server;
    if (server) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      });
    }
    await this.building?.catch(() => undefined);
    await this.derived.stop();
    this.releaseLock?.();
    this.releaseLock = null;
  }

  /** Adds an event to the queue and (re)arms the coalescing timer. */
  enqueue(event: QueuedEvent): void {
    if (this.stopped) return;
    this.pending.push(event);
    this.schedule();
  }

  /** The health the public sees at `/status` (see {@link PublicStatus}). */
  publicStatus(): PublicStatus {
    return {
      ok: !!this.currentId && this.consecutiveFailures === 0,
      currentRelease: this.currentId ? { id: this.currentId, builtAt: this.currentMeta?.createdAt ?? '' } : null,
    };
  }

  /**
   * Whether a request may read the full status: `Authorization: Bearer <token>` with the webhook
   * secret or `PUBLISHER_STATUS_TOKEN` (a read-only token for monitoring), or the webhook secret
   * header; compared in constant time. `null` when it presents no credentials at all.
   */
  statusAuthorized(req: IncomingMessage): boolean | null {
    const auth = req.headers.authorization;
    const header = req.headers[PUBLISHER_SECRET_HEADER];
    if (auth === undefined && header === undefined) return null;
    const bearer = typeof auth === 'string' ? /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(auth)?.[1] : undefined;
    const tokens = [this.config.webhookSecret, this.config.statusToken].filter((t): t is string => !!t);
    if (bearer !== undefined && tokens.some((t) => secretMatches(bearer, t))) return true;
    return secretMatches(header, this.config.webhookSecret);
  }

  /** The full status (see {@link PublisherStatus}); `withLog` adds the build logs. Never public. */
  status(withLog = false): PublisherStatus {
    const meta = this.currentMeta;
    return {
      service: 'cong-publisher',
      pid: process.pid,
      startedAt: this.startedAt.toISOString(),
      healthy: !!this.currentId && this.consecutiveFailures === 0,
      currentRelease: this.currentId
        ? { id: this.currentId, createdAt: meta?.createdAt ?? '', pages: meta?.pages ?? { total: 0, html: 0, rendered: 0, cached: 0 }, codeHash: meta?.codeHash ?? '' }
        : null,
      releases: this.releases.list(),
      lastBuildAt: this.lastLive?.finishedAt ?? meta?.createdAt ?? null,
      lastBuildMs: this.lastLive?.ms ?? meta?.buildMs ?? null,
      lastBuild: this.history[0] ? { ...this.history[0], timeline: withLog ? this.history[0].timeline : undefined } : null,
      queueLength: this.pending.filter((e) => e.source !== 'retry').length,
      building: !!this.building,
      buildingSince: this.buildingSince ? new Date(this.buildingSince).toISOString() : null,
      lastError: this.lastError ? { ...this.lastError, logTail: withLog ? this.lastError.logTail : undefined } : null,
      consecutiveFailures: this.consecutiveFailures,
      nextRetryAt: this.retryAt > Date.now() ? new Date(this.retryAt).toISOString() : null,
      lastReconcileAt: this.lastReconcileAt ? new Date(this.lastReconcileAt).toISOString() : null,
      counters: { ...this.counters },
      config: {
        coalesceMs: this.config.coalesceMs,
        coalesceMaxMs: this.config.coalesceMaxMs,
        incremental: this.config.incremental,
        keepReleases: this.config.keepReleases,
      },
      serverRelease: this.ssr?.release ?? null,
      derived: this.derived.status(),
      history: this.history.slice(0, 20).map((h) => ({ ...h, timeline: undefined })),
    };
  }

  // -------------------------------------------------------------------------------------------
  // Queue and builds
  // -------------------------------------------------------------------------------------------

  private schedule(): void {
    if (this.stopped || this.building || !this.pending.length) return;
    const now = Date.now();
    let due = now;
    const hooks = this.pending.filter((e) => e.source === 'webhook');
    if (hooks.length) {
      let first = Infinity;
      let last = 0;
      for (const e of hooks) {
        first = Math.min(first, e.receivedAt);
        last = Math.max(last, e.receivedAt);
      }
      due = Math.min(last + this.config.coalesceMs, first + this.config.coalesceMaxMs);
    }
    // after a failure, wait for the retry time unless something new arrived since
    const fresh = this.pending.some((e) => (e.source === 'webhook' || e.source === 'manual') && e.receivedAt > this.failedAt);
    if (this.retryAt > now && !fresh) due = Math.max(due, this.retryAt);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.runNext(), Math.max(0, due - now));
  }

  private runNext(): void {
    this.timer = null;
    if (this.stopped || this.building || !this.pending.length) return;
    const events = this.pending.splice(0);
    this.buildingSince = Date.now();
    this.building = this.buildOnce(events)
      .catch((err) => {
        // a bug must not lose the events: report it as a failed build, which retries them
        this.config.log(`unexpected error: ${(err as Error)?.stack ?? err}`);
        const startedAt = new Date(this.buildingSince ?? Date.now()).toISOString();
        this.fail(
          events,
          emptyRecord(this.triggerOf(events), startedAt, events.length),
          `internal error: ${(err as Error)?.message ?? err}`,
          [],
          true,
        );
      })
      .finally(() => {
        this.building = null;
        this.buildingSince = null;
        this.schedule();
      });
  }

  private triggerOf(events: QueuedEvent[]): string {
    for (const s of ['manual', 'daily', 'webhook'] as const) if (events.some((e) => e.source === s && !e.carried)) return s;
    if (events.some((e) => e.source === 'retry')) return 'retry';
    const r = events.find((e) => e.source === 'reconcile');
    return r ? `reconcile:${r.reason ?? 'start'}` : 'unknown';
  }

  private record(r: BuildRecord): void {
    this.history.unshift(r);
    if (this.history.length > 20) this.history.length = 20;
  }

  private async buildOnce(events: QueuedEvent[]): Promise<void> {
    const trigger = this.triggerOf(events);
    const t0 = Date.now();
    const startedAt = new Date(t0).toISOString();
    const real = events.filter((e) => e.source !== 'retry' && e.source !== 'reconcile').length;
    const base = emptyRecord(trigger, startedAt, real);

    // 1. what changed since the last good release
    let state: PublishedState;
    try {
      state = await fetchPublishedState(this.config.cmsUrl, this.config.webhookSecret);
    } catch (err) {
      base.phases.stateMs = Date.now() - t0;
      return this.fail(events, base, (err as Error).message, [], false);
    }
    this.lastReconcileAt = Date.now();
    const diff = diffPublishedStates(this.currentMeta?.state ?? null, state);
    base.phases.stateMs = Date.now() - t0;
    for (const c of diff.changes) base.changes[c.kind]++;
    base.routes = diff.routes.slice(0, 200);
    const codeHash = computeCodeHash(this.config.siteRoot, REPO_ROOT);
    const codeChanged = !this.currentMeta || this.currentMeta.codeHash !== codeHash;
    const forced = events.some((e) => e.source === 'manual' || e.source === 'daily');
    if (this.currentId && !diff.changes.length && !codeChanged && !forced) {
      if (real) this.counters.buildsSkipped++;
      this.onRecovered();
      this.record({ ...base, outcome: 'skipped', finishedAt: new Date().toISOString(), ms: Date.now() - t0, note: 'nothing public changed since the current release' });
      if (real) this.config.log(`${trigger}: nothing public changed (${real} event(s)), no build`);
      return;
    }
    const why = [
      diff.changes.length ? `${diff.changes.length} change(s)` : '',
      codeChanged ? (this.currentMeta ? 'site code changed' : 'no release yet') : '',
      forced ? trigger : '',
    ].filter(Boolean);
    base.reasons = why;
    this.config.log(`${trigger}: building (${why.join(', ')}; ${real} event(s))`);

    // 2. build into a staging folder
    const id = this.releases.newId();
    const staging = this.releases.stagingPath(id);
    const tBuild = Date.now();
    const result = await this.builder.run({
      outDir: staging,
      cacheDir: this.config.cacheDir,
      incremental: this.config.incremental,
      force: this.forceNext,
      env: this.dataEnv(state, this.forceNext || forced),
      timeoutMs: this.config.buildTimeoutMs,
    });
    base.phases.astroMs = Date.now() - tBuild;
    base.warmWorker = result.warm;
    base.timeline = result.timeline;
    base.renderedPages = result.rendered.slice(0, 200);
    if (this.stopped) {
      this.releases.discardStaging(id);
      return;
    }
    if (!result.ok) {
      this.releases.discardStaging(id);
      return this.fail(events, base, result.error ?? 'build failed', result.logTail, result.generationStarted);
    }

    // 3. check, switch, prune
    const tSwap = Date.now();
    try {
      const stagingWeb = fs.existsSync(path.join(staging, 'client')) ? path.join(staging, 'client') : staging;
      if (!fs.existsSync(path.join(stagingWeb, 'index.html'))) throw new Error('the build produced no homepage (index.html)');
      const pages = { total: result.rendered.length + result.cached, html: result.htmlPages, rendered: result.rendered.length, cached: result.cached };
      const meta: ReleaseMeta = {
        id,
        createdAt: new Date().toISOString(),
        buildMs: Date.now() - t0,
        trigger,
        codeHash,
        incremental: this.config.incremental,
        pages,
        state,
      };
      this.releases.writeMeta(staging, meta);
      this.releases.finalize(id);
      this.releases.activate(id);
      this.useRelease(id, meta);
      base.pages = pages;
    } catch (err) {
      this.releases.discardStaging(id);
      return this.fail(events, base, `release check failed: ${(err as Error).message}`, result.logTail, result.generationStarted);
    }
    const liveAt = Date.now();
    if (!this.ssr || this.ssr.codeHash !== codeHash) await this.loadServer(id, codeHash);
    // old releases go in the background (deleting 10,000+ files must not hold up serving)
    this.releases.prune(this.config.keepReleases, this.ssr ? [this.ssr.release] : []).then(
      (removed) => removed.length && this.config.log(`pruned ${removed.length} old release(s)`),
      (err) => this.config.log(`pruning failed: ${(err as Error).message}`),
    );
    base.phases.swapMs = Date.now() - tSwap;
    const arrivals = events.filter((e) => e.source === 'webhook' || e.source === 'manual').map((e) => liveAt - e.receivedAt);
    const rec: BuildRecord = {
      ...base,
      release: id,
      outcome: 'live',
      finishedAt: new Date(liveAt).toISOString(),
      ms: liveAt - t0,
      latencyMs: arrivals.length ? { min: Math.min(...arrivals), max: Math.max(...arrivals) } : null,
    };
    this.counters.builds++;
    this.forceNext = false;
    this.onRecovered();
    this.lastLive = rec;
    this.record(rec);
    this.config.log(
      `release ${id} live in ${rec.ms} ms (state ${rec.phases.stateMs} ms, astro ${rec.phases.astroMs} ms): ` +
        `${base.pages!.total} pages, ${base.pages!.rendered} rendered, ${base.pages!.cached} from cache`,
    );
  }

  /**
   * The build's data settings: with incremental builds on, the data cache (`cms-data.json`) and
   * this build's published state (the file the site compares the cache with, so it refetches
   * only the changed entries). A forced build (manual, daily, after a half-finished build) and a
   * non-incremental publisher load everything; the cache is still rewritten.
   */
  private dataEnv(state: PublishedState, fullLoad: boolean): Record<string, string> {
    if (!this.config.incremental) return {};
    fs.mkdirSync(this.config.dataDir, { recursive: true });
    const env: Record<string, string> = { SITE_DATA_CACHE_FILE: path.join(this.config.dataDir, 'cms-data.json'), CMS_PUBLISHED_STATE_FILE: '' };
    if (!fullLoad) {
      const file = path.join(this.config.dataDir, 'published-state.json');
      fs.writeFileSync(file, JSON.stringify(state));
      env.CMS_PUBLISHED_STATE_FILE = file;
    }
    return env;
  }

  private onRecovered(): void {
    if (this.consecutiveFailures) this.config.log('recovered after a failed build');
    this.consecutiveFailures = 0;
    this.retryAt = 0;
  }

  private fail(events: QueuedEvent[], base: Omit<BuildRecord, 'outcome' | 'finishedAt' | 'ms'>, message: string, logTail: string[], generationStarted: boolean): void {
    const now = Date.now();
    this.counters.buildsFailed++;
    this.consecutiveFailures++;
    if (generationStarted) this.forceNext = true;
    const delays = this.config.retryDelaysMs;
    const delay = delays[Math.min(this.consecutiveFailures - 1, delays.length - 1)] ?? 60_000;
    this.retryAt = now + delay;
    this.failedAt = now;
    this.lastError = { at: new Date(now).toISOString(), message, trigger: base.trigger, logTail };
    this.record({ ...base, outcome: 'failed', finishedAt: new Date(now).toISOString(), ms: now - Date.parse(base.startedAt), note: message });
    this.config.log(`build failed (${base.trigger}): ${message} — ${this.currentId ? `release ${this.currentId} keeps serving` : 'nothing to serve yet'}; retry in ${Math.round(delay / 1000)} s`);
    // the events are not lost: they go back to the queue, and the retry reconciles with the CMS
    const carried = events.filter((e) => e.source !== 'retry').map((e) => ({ ...e, carried: true }));
    this.pending.unshift(...carried, { source: 'retry', receivedAt: now });
  }

  private useRelease(id: string, meta: ReleaseMeta | null): void {
    const webRoot = this.releases.webRoot(id);
    this.staticHandler = createStaticHandler(webRoot);
    this.webRoot = webRoot;
    this.currentId = id;
    this.currentMeta = meta;
    if (this.derived.status().release !== id) this.derived.request(id, webRoot);
  }

  /** Loads the release's server code (on-demand routes) once; failures leave preview off. */
  private async loadServer(id: string, codeHash: string): Promise<void> {
    const entry = this.releases.serverEntry(id);
    if (!entry) return;
    process.env.ASTRO_NODE_AUTOSTART = 'disabled';
    process.env.CMS_URL ||= this.config.cmsUrl;
    if (this.config.cmsToken) process.env.CMS_TOKEN ||= this.config.cmsToken;
    if (this.config.previewSecret) process.env.PREVIEW_SECRET ||= this.config.previewSecret;
    try {
      const mod = (await import(pathToFileURL(entry).href)) as { handler?: SsrHandler };
      if (typeof mod.handler !== 'function') throw new Error('server entry has no handler export (use @astrojs/node in middleware mode)');
      this.ssr = { release: id, codeHash, handler: mod.handler };
      this.config.log(`on-demand routes served from release ${id}`);
    } catch (err) {
      this.config.log(`could not load the server code of release ${id}: ${(err as Error).message}`);
    }
  }

  /**
   * A release's server code imports its dependencies (astro, …) by bare name; when the releases
   * folder lies outside the repository, Node would not find them. A `node_modules` link in the
   * releases folder points at the repository's.
   */
  private linkNodeModules(): void {
    const target = path.join(REPO_ROOT, 'node_modules');
    const rel = path.relative(REPO_ROOT, this.releases.dir);
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) return; // inside the repo: resolves by itself
    const link = path.join(this.releases.dir, 'node_modules');
    try {
      if (fs.readlinkSync(link) === target) return;
      fs.rmSync(link, { force: true });
    } catch {
      if (fs.existsSync(link)) return; // a real folder: leave it alone
    }
    try {
      fs.symlinkSync(target, link, 'dir');
    } catch (err) {
      this.config.log(`could not link ${link} → ${target}: ${(err as Error).message}`);
    }
  }

  private scheduleDaily(): void {
    const at = nextVietnamMidnight(Date.now());
    this.dailyTimer = setTimeout(() => {
      this.enqueue({ source: 'daily', receivedAt: Date.now() });
      this.scheduleDaily();
    }, at - Date.now());
    this.dailyTimer.unref();
  }

  // -------------------------------------------------------------------------------------------
  // HTTP
  // -------------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // first of all: every response below, errors included, carries the security headers
    applySecurityHeaders(res, req.url, this.headerEnv);
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const p = url.pathname;
      if (p === '/hooks/strapi') return await this.onWebhook(req, res);
      if (p === '/hooks/rebuild') return await this.onManual(req, res);
      if (p === '/hooks/rollback') return await this.onRollback(req, res);
      if (p === '/status') return this.onStatus(req, res);
      return this.serveSite(req, res);
    } catch (err) {
      this.config.log(`request error: ${(err as Error)?.stack ?? err}`);
      if (!res.headersSent) json(res, 500, { error: 'internal error' });
      else res.destroy();
    }
  }

  private onStatus(req: IncomingMessage, res: ServerResponse): void {
    req.resume();
    const headers = { 'cache-control': 'no-store', vary: 'Authorization' };
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: 'method not allowed' }, { allow: 'GET, HEAD', ...headers });
    const authorized = this.statusAuthorized(req);
    if (authorized === false) return json(res, 401, { error: 'bad credentials' }, { 'www-authenticate': 'Bearer realm="cong-publisher"', ...headers });
    return json(res, 200, authorized ? this.status(true) : this.publicStatus(), headers, req.method === 'HEAD');
  }

  private checkPost(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'POST') {
      json(res, 405, { error: 'method not allowed' }, { allow: 'POST' });
      return false;
    }
    if (!secretMatches(req.headers[PUBLISHER_SECRET_HEADER], this.config.webhookSecret)) {
      this.counters.webhooksRejected++;
      req.resume();
      json(res, 401, { error: 'bad or missing secret' });
      return false;
    }
    return true;
  }

  private async onWebhook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!this.checkPost(req, res)) return;
    const receivedAt = Date.now();
    let body: any;
    try {
      body = JSON.parse((await readBody(req, MAX_BODY)).toString('utf8') || '{}');
    } catch (err) {
      return json(res, (err as Error).message === 'too large' ? 413 : 400, { error: 'the body must be JSON (Strapi webhook)' });
    }
    const event = String(body?.event ?? req.headers['x-strapi-event'] ?? '');
    if (!ALLOWED_EVENTS.has(event)) {
      this.counters.webhooksIgnored++;
      return json(res, 202, { accepted: false, ignored: event || 'no event' });
    }
    this.counters.webhooksAccepted++;
    this.enqueue({
      source: 'webhook',
      event,
      uid: typeof body.uid === 'string' ? body.uid : undefined,
      documentId: typeof body.entry?.documentId === 'string' ? body.entry.documentId : undefined,
      receivedAt,
    });
    json(res, 202, { accepted: true, queueLength: this.pending.length, building: !!this.building });
  }

  private async onManual(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!this.checkPost(req, res)) return;
    req.resume();
    this.enqueue({ source: 'manual', receivedAt: Date.now() });
    json(res, 202, { accepted: true, queueLength: this.pending.length });
  }

  private async onRollback(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!this.checkPost(req, res)) return;
    let target: string | undefined;
    try {
      const raw = (await readBody(req, 64 * 1024)).toString('utf8');
      target = raw ? JSON.parse(raw).release : undefined;
    } catch {
      return json(res, 400, { error: 'body must be JSON {"release": "<id>"}' });
    }
    const all = this.releases.list();
    if (!target) {
      const i = this.currentId ? all.indexOf(this.currentId) : all.length;
      target = i > 0 ? all[i - 1] : undefined;
    }
    if (!target || !all.includes(target)) return json(res, 404, { error: 'no such release', releases: all });
    const meta = this.releases.readMeta(target);
    this.releases.activate(target);
    this.useRelease(target, meta);
    this.config.log(`rolled back to release ${target}`);
    json(res, 200, { currentRelease: target });
  }

  private serveSite(req: IncomingMessage, res: ServerResponse): void {
    this.compress(req as never, res as never, () => {
      const isRead = req.method === 'GET' || req.method === 'HEAD';
      const fallThrough = () => {
        if (this.ssr) {
          const ssr = this.ssr;
          Promise.resolve(ssr.handler(req, res, () => this.notFound(req, res))).catch((err) => {
            this.config.log(`on-demand route error: ${(err as Error)?.stack ?? err}`);
            if (!res.headersSent) {
              res.statusCode = 500;
              res.end('Internal Server Error');
            }
          });
        } else if (!isRead) {
          json(res, 405, { error: 'method not allowed' }, { allow: 'GET, HEAD' });
        } else {
          this.notFound(req, res);
        }
      };
      if (!this.staticHandler) {
        if (this.ssr && !isRead) return fallThrough();
        res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'retry-after': '10', 'cache-control': 'no-store' });
        res.end('<!doctype html><html lang="vi"><meta charset="utf-8"><title>Đang xây dựng</title><p>Cổng thông tin đang được xây dựng, vui lòng thử lại sau ít phút.</p></html>');
        return;
      }
      if (!isRead) return fallThrough();
      const staticHandler = this.staticHandler;
      if (isDerivedPath(new URL(req.url ?? '/', 'http://x').pathname)) {
        return this.derived.serve(req, res, () => staticHandler(req, res, fallThrough));
      }
      staticHandler(req, res, fallThrough);
    });
  }

  private notFound(req: IncomingMessage, res: ServerResponse): void {
    sendNotFound(this.webRoot, req, res);
  }
}

/** A build record before the build has done anything (filled in as it goes). */
function emptyRecord(trigger: string, startedAt: string, events: number): Omit<BuildRecord, 'outcome' | 'finishedAt' | 'ms'> {
  return {
    release: null,
    trigger,
    startedAt,
    phases: { stateMs: 0, astroMs: 0, swapMs: 0 },
    warmWorker: false,
    events,
    changes: { added: 0, changed: 0, removed: 0 },
    routes: [],
    pages: null,
    renderedPages: [],
    latencyMs: null,
    reasons: [],
  };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, head = false): void {
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': data.length, ...headers });
  res.end(head ? undefined : data);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => (size > limit ? reject(new Error('too large')) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}
