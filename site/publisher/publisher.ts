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
 * This file puts the parts together (start, stop, status); each has a file of its own:
 * - http.ts          the HTTP surface: hooks, status, static serving, preview hand-off
 * - queue.ts         the queue: coalescing, one build at a time, retry backoff, reconcile/daily timers
 * - build.ts         one build: state diff, `astro build` (builder.ts) with its data files, the build record
 * - live-release.ts  the release switch: check, go live, rollback, server code, pruning
 * - releases.ts      the release store: folders, the `current` symlink, the folder lock
 */
import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { AstroBuilder } from './builder.js';
import { Builds, type BuildRecord } from './build.js';
import type { PublisherConfig } from './config.js';
import { DERIVED_SEARCH_DOCS, DerivedFiles, type DerivedStatus } from './derived.js';
import { SearchIndex, type SearchIndexStatus } from './search.js';
import { PublisherHttp, statusAuthorized } from './http.js';
import { generationOf, LiveRelease } from './live-release.js';
import { recoverJournals } from './live-tree.js';
import { RendererPath, rendererUnavailable } from './renderer-path.js';
import { BuildQueue, type QueuedEvent } from './queue.js';
import { acquireLock, ReleaseStore, type ReleaseMeta } from './releases.js';

export type { BuildRecord } from './build.js';
export { nextVietnamMidnight, type QueuedEvent } from './queue.js';

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
  /**
   * the live release; `generation` names its content (`<id>+<n>` after n content publishes in
   * place, ADR 0019), `renderer` whether the renderer made it, `updatedAt` its last content publish
   */
  currentRelease: {
    id: string;
    createdAt: string;
    pages: ReleaseMeta['pages'];
    codeHash: string;
    generation: string;
    renderer: boolean;
    updatedAt: string | null;
  } | null;
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
  config: { coalesceMs: number; coalesceMaxMs: number; incremental: boolean; keepReleases: number; renderer: boolean };
  /** the renderer process: the release it serves and its pid (null when none runs) */
  renderer: { release: string; pid: number | undefined } | null;
  /** the release whose server code (on-demand routes, preview) is loaded */
  serverRelease: string | null;
  /** the search documents (and the sitemap of a release without its own), made after a release is live (derived.ts) */
  derived: DerivedStatus;
  /** the in-memory search index (search.ts): its source, pages, load time, last incremental update */
  search: SearchIndexStatus;
  /** the last builds, newest first (at most 20) */
  history: BuildRecord[];
}

/** The publisher. Create with a config, then {@link start}; {@link stop} ends everything it started. */
export class Publisher {
  readonly config: PublisherConfig;
  private readonly releases: ReleaseStore;
  private releaseLock: (() => void) | null = null;
  private readonly startedAt = new Date();
  private readonly astro: AstroBuilder;
  private readonly renderer: RendererPath;
  private readonly derived: DerivedFiles;
  /** the live search index (search.ts), loaded from each derived generation before it is switched to */
  readonly search = new SearchIndex();
  private readonly queue: BuildQueue;
  private readonly live: LiveRelease;
  private readonly builds: Builds;
  private readonly http: PublisherHttp;
  private readonly counters: PublisherStatus['counters'] = {
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
    this.releases = new ReleaseStore(config.releasesDir);
    this.astro = new AstroBuilder({
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
    // the renderer's environment must be the static build's (SITE_URL is in the pages and keys)
    this.renderer = new RendererPath({
      siteRoot: config.siteRoot,
      cacheDir: path.join(config.cacheDir, 'renderer'),
      env: {
        CMS_URL: config.cmsUrl,
        ...(config.cmsToken ? { CMS_TOKEN: config.cmsToken } : {}),
        SITE_SITEMAP_AND_SEARCH: 'publisher',
        ...config.buildEnv,
      },
      workers: config.renderWorkers,
      timeoutMs: config.buildTimeoutMs,
      log: config.log,
    });
    this.queue = new BuildQueue(
      config,
      (events) => this.builds.run(events),
      (events, err, startedAt) => this.builds.crashed(events, err, startedAt),
    );
    const siteUrl = config.buildEnv.SITE_URL || process.env.SITE_URL || 'http://127.0.0.1:4321';
    this.derived = new DerivedFiles(path.join(config.dataDir, 'derived'), siteUrl, config.log, () => this.queue.busy);
    this.derived.beforeSwitch = (id, dir, readSince) => this.loadSearch(id, dir, readSince);
    this.live = new LiveRelease(config, this.releases, this.derived);
    this.builds = new Builds(config, {
      // issue 12, point 4: a content publish's pages are searchable at once (search.ts,
      // ADR 0018); the full index is still rebuilt per generation in the background (derived.ts)
      onContentPublished: (webRoot, changed, removed) => {
        // only pages (HTML) are search documents; feeds are left out by search.ts itself
        this.search.update(webRoot, changed, removed).then(
          (r) => this.config.log(`search index updated: ${r.updated} page(s) (re)indexed, ${r.removed} removed`),
          (err) => this.config.log(`search index update failed: ${(err as Error).message}`),
        );
      },
      astro: this.astro,
      renderer: this.renderer,
      releases: this.releases,
      live: this.live,
      queue: this.queue,
      counters: this.counters,
    });
    this.http = new PublisherHttp({
      config,
      queue: this.queue,
      live: this.live,
      derived: this.derived,
      search: this.search,
      counters: this.counters,
      publicStatus: () => this.publicStatus(),
      status: (withLog) => this.status(withLog),
      // red-team F17: a release rolled back to shows its content as of when it was current; the
      // catch-up publishes what changed since into it (with its own code, pinned until a manual rebuild)
      afterRollback: (release) => {
        this.builds.pinAfterRollback(this.live.meta);
        this.enqueue({ source: 'reconcile', reason: `rollback to ${release}`, receivedAt: Date.now() });
      },
    });
  }

  /** The base URL it listens on, e.g. `http://127.0.0.1:4321` (after {@link start}). */
  get url(): string {
    return this.http.url;
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
      // a content publish cut short by a crash is undone: each release is the site its metadata describes
      const undone = recoverJournals(this.releases.journalDir);
      if (undone.length) this.config.log(`undid ${undone.length} unfinished content publish(es): ${undone.join(', ')}`);
      fs.mkdirSync(this.config.cacheDir, { recursive: true });
      this.derived.init();
      const derivedDir = this.derived.currentDir();
      const current = await this.live.open();
      // in the background: until it is loaded the search page says search is being prepared. Only
      // the generation of the live release's state: an older one's documents would bring back
      // pages withdrawn since (and old text of pages changed since) until the new one is made
      const liveGeneration = this.live.meta ? generationOf(this.live.meta) : current;
      if (derivedDir && path.basename(derivedDir) === liveGeneration)
        void this.loadSearch(path.basename(derivedDir), derivedDir).catch((err) => this.config.log(`search index not loaded: ${(err as Error).message}`));
      else if (derivedDir) this.config.log(`search waits for the documents of ${liveGeneration} (${path.basename(derivedDir)} is older)`);
      await this.http.listen();
      this.config.log(`listening on ${this.url}; releases in ${this.releases.dir}; current release: ${current ?? 'none'}`);
    } catch (err) {
      this.releaseLock?.();
      this.releaseLock = null;
      throw err;
    }
    // the renderer process of the live release starts loading now, while the start-up
    // reconciliation reads the CMS's state (its first publish diffs against the saved keys)
    const live = this.live.meta;
    if (this.config.renderer && live?.renderer && RendererPath.savedKeys(this.releases.path(live.id)) && !rendererUnavailable(this.config.siteRoot)) {
      await this.renderer.attach(live.id, this.releases.path(live.id));
    }
    this.enqueue({ source: 'reconcile', reason: 'start', receivedAt: Date.now() });
    // a warm `astro build` process only helps the path that builds with it: on the renderer path
    // it is the fallback, started when needed (it took a core from the start-up code deploy)
    if (!this.config.renderer || rendererUnavailable(this.config.siteRoot)) this.astro.prewarm();
    this.queue.startTimers();
  }

  /**
   * Stops listening, cancels timers, stops a running build — `astro build`, or a code deploy's
   * server build and full-render workers, whose processes are killed and awaited (nothing it
   * started keeps running) — removes its staging folder and frees the releases folder. Queued
   * events are dropped: the next start reconciles them.
   */
  async stop(): Promise<void> {
    this.queue.stop();
    this.astro.dispose();
    // a code deploy in progress: its server build, render workers and renderer process are
    // killed (with their process groups) and its staging release discarded (build.ts)
    await this.renderer.close();
    await this.http.close();
    await this.queue.settled();
    await this.derived.stop();
    this.releaseLock?.();
    this.releaseLock = null;
  }

  /** Builds the search index of a derived generation and swaps it in (the old one answers meanwhile). */
  private async loadSearch(id: string, dir: string, readSince?: number): Promise<void> {
    const file = path.join(dir, DERIVED_SEARCH_DOCS);
    if (!fs.existsSync(file)) return;
    const pages = await this.search.load(file, readSince);
    if (pages) this.config.log(`search index of release ${id}: ${pages} pages in ${this.search.status().loadMs} ms`);
  }

  /** Adds an event to the queue and (re)arms the coalescing timer. */
  enqueue(event: QueuedEvent): void {
    this.queue.enqueue(event);
  }

  /** The health the public sees at `/status` (see {@link PublicStatus}). */
  publicStatus(): PublicStatus {
    return {
      ok: !!this.live.id && this.queue.consecutiveFailures === 0,
      currentRelease: this.live.id ? { id: this.live.id, builtAt: this.live.meta?.createdAt ?? '' } : null,
    };
  }

  /**
   * Whether a request may read the full status: `Authorization: Bearer <token>` with the webhook
   * secret or `PUBLISHER_STATUS_TOKEN` (a read-only token for monitoring), or the webhook secret
   * header; compared in constant time. `null` when it presents no credentials at all.
   */
  statusAuthorized(req: IncomingMessage): boolean | null {
    return statusAuthorized(req, this.config.webhookSecret, this.config.statusToken);
  }

  /** The full status (see {@link PublisherStatus}); `withLog` adds the build logs. Never public. */
  status(withLog = false): PublisherStatus {
    const { live, queue, builds } = this;
    const meta = live.meta;
    const history = builds.history;
    const lastError = builds.lastError;
    return {
      service: 'cong-publisher',
      pid: process.pid,
      startedAt: this.startedAt.toISOString(),
      healthy: !!live.id && queue.consecutiveFailures === 0,
      currentRelease: live.id
        ? {
            id: live.id,
            createdAt: meta?.createdAt ?? '',
            pages: meta?.pages ?? { total: 0, html: 0, rendered: 0, cached: 0 },
            codeHash: meta?.codeHash ?? '',
            generation: meta ? generationOf(meta) : live.id,
            renderer: !!meta?.renderer,
            updatedAt: meta?.updatedAt ?? null,
          }
        : null,
      releases: this.releases.list(),
      lastBuildAt: builds.lastLive?.finishedAt ?? meta?.createdAt ?? null,
      lastBuildMs: builds.lastLive?.ms ?? meta?.buildMs ?? null,
      lastBuild: history[0] ? { ...history[0], timeline: withLog ? history[0].timeline : undefined } : null,
      queueLength: queue.waiting,
      building: queue.building,
      buildingSince: queue.buildingSince ? new Date(queue.buildingSince).toISOString() : null,
      lastError: lastError ? { ...lastError, logTail: withLog ? lastError.logTail : undefined } : null,
      consecutiveFailures: queue.consecutiveFailures,
      nextRetryAt: queue.retryAt > Date.now() ? new Date(queue.retryAt).toISOString() : null,
      lastReconcileAt: builds.lastReconcileAt ? new Date(builds.lastReconcileAt).toISOString() : null,
      counters: { ...this.counters },
      config: {
        coalesceMs: this.config.coalesceMs,
        coalesceMaxMs: this.config.coalesceMaxMs,
        incremental: this.config.incremental,
        keepReleases: this.config.keepReleases,
        renderer: this.config.renderer,
      },
      renderer: this.renderer.release ? { release: this.renderer.release, pid: this.renderer.pid } : null,
      serverRelease: live.ssr?.release ?? null,
      derived: this.derived.status(),
      search: this.search.status(),
      history: history.slice(0, 20).map((h) => ({ ...h, timeline: undefined })),
    };
  }
}
