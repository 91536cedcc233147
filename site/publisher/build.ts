/**
 * One build, from a batch of queued events to a live release (or a reported failure):
 * 1. reads the CMS's published state (state.ts) and diffs it with the live release's — nothing
 *    public changed, the site code is the same and nobody forced a build → skipped;
 * 2. runs `astro build` (builder.ts, child process, incremental) into a staging folder, handing it
 *    the data files: the data cache (`cms-data.json`) and this build's published state
 *    (`published-state.json`), so the site refetches only the changed entries;
 * 3. hands the staged build to the release switch (live-release.ts): check, switch, prune.
 * A failure keeps the live release, records the error (with the build's log tail) and gives
 * the events back to the queue (queue.ts), which retries with backoff. Keeps the build history
 * and the error `/status` reports.
 */
import fs from 'node:fs';
import path from 'node:path';
import { diffPublishedStates, type PublishedState } from '@cong/shared';
import type { AstroBuilder } from './builder.js';
import { computeCodeHash } from './code-hash.js';
import { precompressTree } from './precompress.js';
import { REPO_ROOT, type PublisherConfig } from './config.js';
import { checkStagedRelease, type LiveRelease } from './live-release.js';
import type { PublisherStatus } from './publisher.js';
import { triggerOf, type BuildQueue, type QueuedEvent } from './queue.js';
import type { ReleaseMeta, ReleaseStore } from './releases.js';
import { fetchPublishedState } from './state.js';

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

/** A build record before the outcome is known. */
export type PartialRecord = Omit<BuildRecord, 'outcome' | 'finishedAt' | 'ms'>;

/** A build record before the build has done anything (filled in as it goes). */
export function emptyRecord(trigger: string, startedAt: string, events: number): PartialRecord {
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

export type BuildSettings = Pick<PublisherConfig, 'cmsUrl' | 'webhookSecret' | 'siteRoot' | 'cacheDir' | 'dataDir' | 'incremental' | 'buildTimeoutMs' | 'log'>;

/** Runs the builds the queue asks for and keeps their record. */
export class Builds {
  /** the last builds, newest first (at most 20) */
  readonly history: BuildRecord[] = [];
  /** the last build that went live */
  lastLive: BuildRecord | null = null;
  lastError: PublisherStatus['lastError'] = null;
  /** last time the CMS's state was compared, epoch ms */
  lastReconcileAt: number | null = null;
  /** the next build ignores the incremental cache (a failed build may have left page copies under old keys) */
  private forceNext = false;

  constructor(
    private readonly settings: BuildSettings,
    private readonly deps: {
      astro: AstroBuilder;
      releases: ReleaseStore;
      live: LiveRelease;
      queue: BuildQueue;
      /** the publisher's counters (builds, failed, skipped are counted here) */
      counters: PublisherStatus['counters'];
    },
  ) {}

  /** One build for `events` (the queue's {@link import('./queue.js').RunBuild}). */
  async run(events: QueuedEvent[]): Promise<void> {
    const { astro, releases, live, queue, counters } = this.deps;
    const trigger = triggerOf(events);
    const t0 = Date.now();
    const startedAt = new Date(t0).toISOString();
    const real = events.filter((e) => e.source !== 'retry' && e.source !== 'reconcile').length;
    const base = emptyRecord(trigger, startedAt, real);

    // 1. what changed since the last good release
    let state: PublishedState;
    try {
      state = await fetchPublishedState(this.settings.cmsUrl, this.settings.webhookSecret);
    } catch (err) {
      base.phases.stateMs = Date.now() - t0;
      return this.fail(events, base, (err as Error).message, [], false);
    }
    this.lastReconcileAt = Date.now();
    const diff = diffPublishedStates(live.meta?.state ?? null, state);
    base.phases.stateMs = Date.now() - t0;
    for (const c of diff.changes) base.changes[c.kind]++;
    base.routes = diff.routes.slice(0, 200);
    const codeHash = computeCodeHash(this.settings.siteRoot, REPO_ROOT);
    const codeChanged = !live.meta || live.meta.codeHash !== codeHash;
    const forced = events.some((e) => e.source === 'manual' || e.source === 'daily');
    if (live.id && !diff.changes.length && !codeChanged && !forced) {
      if (real) counters.buildsSkipped++;
      queue.recovered();
      this.record({
        ...base,
        outcome: 'skipped',
        finishedAt: new Date().toISOString(),
        ms: Date.now() - t0,
        note: 'nothing public changed since the current release',
      });
      if (real) this.settings.log(`${trigger}: nothing public changed (${real} event(s)), no build`);
      return;
    }
    const why = [
      diff.changes.length ? `${diff.changes.length} change(s)` : '',
      codeChanged ? (live.meta ? 'site code changed' : 'no release yet') : '',
      forced ? trigger : '',
    ].filter(Boolean);
    base.reasons = why;
    this.settings.log(`${trigger}: building (${why.join(', ')}; ${real} event(s))`);

    // 2. build into a staging folder
    const id = releases.newId();
    const staging = releases.stagingPath(id);
    const tBuild = Date.now();
    const result = await astro.run({
      outDir: staging,
      cacheDir: this.settings.cacheDir,
      incremental: this.settings.incremental,
      force: this.forceNext,
      env: this.dataEnv(state, this.forceNext || forced),
      timeoutMs: this.settings.buildTimeoutMs,
    });
    base.phases.astroMs = Date.now() - tBuild;
    base.warmWorker = result.warm;
    base.timeline = result.timeline;
    base.renderedPages = result.rendered.slice(0, 200);
    if (queue.stopped) {
      releases.discardStaging(id);
      return;
    }
    if (!result.ok) {
      releases.discardStaging(id);
      return this.fail(events, base, result.error ?? 'build failed', result.logTail, result.generationStarted);
    }

    // 3. check, switch, prune
    const tSwap = Date.now();
    try {
      checkStagedRelease(staging);
      // brotli + gzip copies of the text files, written once here instead of per request
      const compressed = precompressTree(staging, live.id ? releases.path(live.id) : null);
      this.settings.log(`precompressed ${compressed.files} files (${compressed.reused} reused from the previous release) in ${compressed.ms} ms`);
      const pages = { total: result.rendered.length + result.cached, html: result.htmlPages, rendered: result.rendered.length, cached: result.cached };
      const meta: ReleaseMeta = {
        id,
        createdAt: new Date().toISOString(),
        buildMs: Date.now() - t0,
        trigger,
        codeHash,
        incremental: this.settings.incremental,
        pages,
        state,
      };
      live.promote(staging, meta);
      base.pages = pages;
    } catch (err) {
      releases.discardStaging(id);
      return this.fail(events, base, `release check failed: ${(err as Error).message}`, result.logTail, result.generationStarted);
    }
    const liveAt = Date.now();
    await live.settle(id, codeHash);
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
    counters.builds++;
    this.forceNext = false;
    queue.recovered();
    this.lastLive = rec;
    this.record(rec);
    this.settings.log(
      `release ${id} live in ${rec.ms} ms (state ${rec.phases.stateMs} ms, astro ${rec.phases.astroMs} ms): ` +
        `${base.pages!.total} pages, ${base.pages!.rendered} rendered, ${base.pages!.cached} from cache`,
    );
  }

  /** A build that threw (a bug): reported as a failed build, so its events are retried (the queue's {@link import('./queue.js').OnCrash}). */
  crashed(events: QueuedEvent[], err: unknown, startedAt: number): void {
    this.fail(
      events,
      emptyRecord(triggerOf(events), new Date(startedAt).toISOString(), events.length),
      `internal error: ${(err as Error)?.message ?? err}`,
      [],
      true,
    );
  }

  /**
   * The build's data settings: with incremental builds on, the data cache (`cms-data.json`) and
   * this build's published state (the file the site compares the cache with, so it refetches
   * only the changed entries). A forced build (manual, daily, after a half-finished build) and a
   * non-incremental publisher load everything; the cache is still rewritten.
   */
  private dataEnv(state: PublishedState, fullLoad: boolean): Record<string, string> {
    if (!this.settings.incremental) return {};
    fs.mkdirSync(this.settings.dataDir, { recursive: true });
    const env: Record<string, string> = { SITE_DATA_CACHE_FILE: path.join(this.settings.dataDir, 'cms-data.json'), CMS_PUBLISHED_STATE_FILE: '' };
    if (!fullLoad) {
      const file = path.join(this.settings.dataDir, 'published-state.json');
      fs.writeFileSync(file, JSON.stringify(state));
      env.CMS_PUBLISHED_STATE_FILE = file;
    }
    return env;
  }

  private record(r: BuildRecord): void {
    this.history.unshift(r);
    if (this.history.length > 20) this.history.length = 20;
  }

  private fail(events: QueuedEvent[], base: PartialRecord, message: string, logTail: string[], generationStarted: boolean): void {
    const { live, queue, counters } = this.deps;
    const now = Date.now();
    counters.buildsFailed++;
    const delay = queue.failed(now);
    if (generationStarted) this.forceNext = true;
    this.lastError = { at: new Date(now).toISOString(), message, trigger: base.trigger, logTail };
    this.record({ ...base, outcome: 'failed', finishedAt: new Date(now).toISOString(), ms: now - Date.parse(base.startedAt), note: message });
    this.settings.log(
      `build failed (${base.trigger}): ${message} — ${live.id ? `release ${live.id} keeps serving` : 'nothing to serve yet'}; retry in ${Math.round(delay / 1000)} s`,
    );
    // the events are not lost: they go back to the queue, and the retry reconciles with the CMS
    queue.requeue(events, now);
  }
}
