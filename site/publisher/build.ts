/**
 * One build, from a batch of queued events to a live release (or a reported failure):
 * 1. reads the CMS's published state (state.ts: the changes since the last answer, applied to the
 *    state held; the full state on reconciliations, manual and daily rebuilds, which also
 *    self-check the held one — ADR 0023) and diffs it with the live release's — nothing
 *    public changed, the site code is the same and nobody forced a build → skipped;
 * 2. publishes on one of three paths (ADR 0019, {@link Builds.pathFor}):
 *    - **content publish** (the renderer, renderer-path.ts): the long-running renderer re-indexes,
 *      diffs the cache keys and stages the changed pages; they go live in place in the current
 *      release, each file by an atomic rename, the previous bytes kept in a journal
 *      (live-tree.ts) — no new release folder;
 *    - **code deploy** (the renderer): server build + full render in worker processes into a new
 *      release, then the `current` switch — when the site code changed, there is no release made
 *      by the renderer, or a build was forced (manual, daily);
 *    - **`astro build`** (builder.ts, child process, incremental) into a new release, as before:
 *      `PUBLISHER_RENDERER=false`, an Astro version the renderer was not checked against, or
 *      after the renderer failed twice in a row (for {@link RENDERER_BACKOFF_MS});
 *    each with the data files: the data cache (`cms-data.json`) and this build's published state
 *    (`published-state.json`), so the site refetches only the changed entries;
 * 3. hands a new release to the release switch (live-release.ts): check, switch, prune.
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
import { checkStagedRelease, generationOf, type LiveRelease } from './live-release.js';
import { applyStaged, pruneJournals, restoreJournal } from './live-tree.js';
import { RendererPath, rendererUnavailable } from './renderer-path.js';
import { SITEMAP_FILE } from '../renderer/service.js';
import type { PublisherStatus } from './publisher.js';
import { triggerOf, type BuildQueue, type QueuedEvent } from './queue.js';
import type { ReleaseMeta, ReleaseStore } from './releases.js';
import { PublishedStateSource } from './state.js';

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
  /**
   * ms per phase: state (CMS state fetch + diff), astro (the build, or the renderer's work: re-index
   * and render, or server build + full render), swap (checks, putting it live, prune)
   */
  phases: { stateMs: number; astroMs: number; swapMs: number };
  /** how it was built: `renderer` (a content publish in place), `deploy` (server build + full render, new release), `astro` (`astro build`, new release) */
  path?: 'renderer' | 'deploy' | 'astro';
  /** whether the build ran in the pre-started worker */
  warmWorker: boolean;
  /** events handled by this build */
  events: number;
  /** entries added / changed / removed since the previous release */
  changes: { added: number; changed: number; removed: number };
  /**
   * public URLs the publish rendered or removed, at most 200 — derived from what the cache keys
   * decided (the renderer's index diff, or Astro's incremental build), not from a route map
   */
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

export type BuildSettings = Pick<
  PublisherConfig,
  'cmsUrl' | 'webhookSecret' | 'siteRoot' | 'cacheDir' | 'dataDir' | 'incremental' | 'buildTimeoutMs' | 'log' | 'renderer'
>;

/** After two renderer failures in a row, builds use `astro build` for this long (ms). */
export const RENDERER_BACKOFF_MS = 30 * 60_000;

/** The URL of an output file (`tin-tuc/a/index.html` → `/tin-tuc/a/`, `404.html` → `/404`, `rss.xml` → `/rss.xml`). */
export function urlOfFile(file: string): string {
  const f = file.replace(/^\/+/, '');
  if (f === 'index.html') return '/';
  if (f.endsWith('/index.html')) return `/${f.slice(0, -'index.html'.length)}`;
  if (f.endsWith('.html')) return `/${f.slice(0, -'.html'.length)}`;
  return `/${f}`;
}

/** The output file of a page URL, with a leading slash (`/tin-tuc/a/` → `/tin-tuc/a/index.html`). */
export function fileOfUrl(url: string): string {
  if (url.endsWith('/')) return `${url}index.html`;
  if (url === '/404' || url === '/500') return `${url}.html`;
  return url;
}

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
  /** renderer failures in a row, and until when builds use `astro build` after two */
  private rendererFailures = 0;
  private rendererOffUntil = 0;
  /**
   * After a rollback to a release the renderer made: that release's code hash, which counts as
   * the current code until a manual rebuild (red-team F17) — content publishes then catch it up in
   * place with its own server build instead of a deploy of the newer code undoing the rollback.
   * Kept in `<dataDir>/pinned-code` across restarts.
   */
  private pinnedCode: string | null = null;
  /** the CMS's published state, kept up to date by deltas (ADR 0023) */
  readonly cmsState: PublishedStateSource;

  constructor(
    private readonly settings: BuildSettings,
    private readonly deps: {
      astro: AstroBuilder;
      /** the renderer path (null: `astro build` only) */
      renderer: RendererPath | null;
      releases: ReleaseStore;
      live: LiveRelease;
      queue: BuildQueue;
      /** the publisher's counters (builds, failed, skipped are counted here) */
      counters: PublisherStatus['counters'];
      /**
       * Called after a content publish went live, with the live web root and the URLs whose page
       * was written or removed: the incremental search index's update (issue 12, point 4;
       * `SearchIndex.update` of search.ts). Must not throw; runs after the publish is recorded live.
       */
      onContentPublished?: (webRoot: string, changedUrls: string[], removedUrls: string[]) => void;
    },
  ) {
    this.cmsState = new PublishedStateSource(settings.cmsUrl, settings.webhookSecret, settings.log);
  }

  private get pinFile(): string {
    return path.join(this.settings.dataDir, 'pinned-code');
  }

  /**
   * A rollback made `meta`'s release live: pins its code when the renderer made it (its own
   * server build can render its content publishes), so the catch-up the caller queues next
   * brings its pages to the published state — nothing withdrawn since it was current comes back
   * (red-team F17) — without deploying the newer code. A release `astro build` made cannot be
   * caught up with its own code: nothing is pinned and the next build uses the current code.
   * @returns whether the code was pinned
   */
  pinAfterRollback(meta: ReleaseMeta | null): boolean {
    if (!meta?.renderer || !this.settings.renderer) {
      this.unpin();
      return false;
    }
    this.pinnedCode = meta.codeHash;
    fs.mkdirSync(this.settings.dataDir, { recursive: true });
    fs.writeFileSync(this.pinFile, meta.codeHash);
    this.settings.log(`code pinned to release ${meta.id}'s until a manual rebuild`);
    return true;
  }

  private unpin(): void {
    if (this.pinnedCode) this.settings.log('code pin lifted: the current code is deployed');
    this.pinnedCode = null;
    fs.rmSync(this.pinFile, { force: true });
  }

  /** The pinned code hash, read once from the data folder. */
  private pinned(): string | null {
    if (this.pinnedCode === null) {
      try {
        this.pinnedCode = fs.readFileSync(this.pinFile, 'utf8').trim() || null;
      } catch {
        this.pinnedCode = null;
      }
    }
    return this.pinnedCode;
  }

  /** One build for `events` (the queue's {@link import('./queue.js').RunBuild}). */
  async run(events: QueuedEvent[]): Promise<void> {
    const { astro, releases, live, queue, counters } = this.deps;
    const trigger = triggerOf(events);
    const t0 = Date.now();
    const startedAt = new Date(t0).toISOString();
    const real = events.filter((e) => e.source !== 'retry' && e.source !== 'reconcile').length;
    const base = emptyRecord(trigger, startedAt, real);

    // 1. what changed since the last good release
    // the full state at start, on the periodic reconciliation (its self-check of the incremental
    // state) and on manual and daily rebuilds; the changes since the last answer otherwise
    const fullState = events.some((e) => e.source === 'reconcile' || e.source === 'manual' || e.source === 'daily');
    let state: PublishedState;
    try {
      state = (await this.cmsState.current(fullState)).state;
    } catch (err) {
      base.phases.stateMs = Date.now() - t0;
      return this.fail(events, base, (err as Error).message, [], false);
    }
    this.lastReconcileAt = Date.now();
    const diff = diffPublishedStates(live.meta?.state ?? null, state);
    base.phases.stateMs = Date.now() - t0;
    for (const c of diff.changes) base.changes[c.kind]++;
    // a manual rebuild lifts a rollback's pin; while pinned, the pinned code counts as current
    // and the daily rebuild does not force a deploy of the newer code
    if (events.some((e) => e.source === 'manual')) this.unpin();
    const pin = this.pinned();
    let codeHash = pin ?? computeCodeHash(this.settings.siteRoot, REPO_ROOT);
    const codeChanged = !live.meta || live.meta.codeHash !== codeHash;
    const forced = events.some((e) => e.source === 'manual' || (e.source === 'daily' && !pin));
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
    const how = this.pathFor(codeChanged, forced, codeHash);
    if (how !== 'renderer' && pin) {
      // the pinned release cannot be caught up with its own code (no renderer keys, or the
      // renderer is off): what gets built now is the current code
      this.unpin();
      codeHash = computeCodeHash(this.settings.siteRoot, REPO_ROOT);
    }
    base.path = how;
    this.settings.log(`${trigger}: ${how === 'renderer' ? 'publishing' : how === 'deploy' ? 'deploying' : 'building'} (${why.join(', ')}; ${real} event(s))`);
    if (how === 'renderer') return this.publishInPlace(events, base, state, t0);
    if (how === 'deploy') return this.deploy(events, base, state, t0, codeHash, forced);

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
    base.routes = result.rendered.slice(0, 200).map(urlOfFile);
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
    this.forceNext = false;
    this.wentLive(events, base, id, liveAt, t0);
  }

  /** Records a build that went live (release `id`, live at `liveAt`). */
  private wentLive(events: QueuedEvent[], base: PartialRecord, id: string, liveAt: number, t0: number): void {
    const { queue, counters } = this.deps;
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
    queue.recovered();
    this.lastLive = rec;
    this.record(rec);
    this.settings.log(
      `release ${id} live in ${rec.ms} ms (${base.path ?? 'astro'}; state ${rec.phases.stateMs} ms, ${base.path === 'astro' ? 'astro' : 'render'} ${rec.phases.astroMs} ms, swap ${rec.phases.swapMs} ms): ` +
        `${base.pages!.total} pages, ${base.pages!.rendered} rendered, ${base.pages!.cached} ${base.path === 'astro' ? 'from cache' : 'unchanged'}`,
    );
  }

  /**
   * Which path a build takes (see the file's comment): `astro` when the renderer is off,
   * unavailable or backing off after failures; `deploy` when the code changed, a build was
   * forced, or the live release was not made by the renderer; else `renderer`.
   */
  private pathFor(codeChanged: boolean, forced: boolean, codeHash: string): 'renderer' | 'deploy' | 'astro' {
    const { renderer, live } = this.deps;
    if (!this.settings.renderer || !renderer) return 'astro';
    const why = rendererUnavailable(this.settings.siteRoot);
    if (why) {
      this.settings.log(`renderer not used: ${why}; astro build`);
      return 'astro';
    }
    if (Date.now() < this.rendererOffUntil) return 'astro';
    if (codeChanged || forced || !live.id || !live.meta?.renderer || live.meta.codeHash !== codeHash) return 'deploy';
    const releaseDir = this.deps.releases.path(live.id);
    if (!renderer.servesRelease(live.id) && !RendererPath.savedKeys(releaseDir)) return 'deploy';
    return 'renderer';
  }

  private rendererFailed(): void {
    this.rendererFailures++;
    if (this.rendererFailures >= 2) {
      this.rendererOffUntil = Date.now() + RENDERER_BACKOFF_MS;
      this.rendererFailures = 0;
      this.settings.log(`the renderer failed twice in a row: astro build for the next ${RENDERER_BACKOFF_MS / 60_000} min`);
    }
  }

  /**
   * A content publish through the renderer, in place in the live release (ADR 0019): stage the
   * pages whose cache keys changed (and whose bytes differ), journal the previous bytes, rename
   * the new files in, update the file index and the metadata, then let the renderer commit its
   * new index. A failure before the renames changes nothing; one during them is undone from the
   * journal; either way the live release stays the last good site.
   */
  private async publishInPlace(events: QueuedEvent[], base: PartialRecord, state: PublishedState, t0: number): Promise<void> {
    const { renderer, releases, live, queue } = this.deps;
    const id = live.id!;
    const releaseDir = releases.path(id);
    const webRoot = live.webRoot!;
    const seq = (live.meta?.publishes ?? 0) + 1;
    const stageDir = releases.stagingPath(`publish-${id}-${seq}`);
    fs.rmSync(stageDir, { recursive: true, force: true });
    const tRender = Date.now();
    let r;
    try {
      if (!renderer!.servesRelease(id)) await renderer!.attach(id, releaseDir);
      r = await renderer!.stage(webRoot, stageDir, this.dataEnv(state, false));
    } catch (err) {
      fs.rmSync(stageDir, { recursive: true, force: true });
      base.phases.astroMs = Date.now() - tRender;
      // stopping: the renderer process was killed, nothing went live; the next start reconciles
      if (queue.stopped) return;
      this.rendererFailed();
      if (!renderer!.servesRelease(id)) await renderer!.stop();
      const log = (err as { log?: string[] }).log ?? [];
      const msg = (err as Error).message.split('\n')[0];
      return this.fail(
        events,
        base,
        `build failed (renderer): ${msg}`,
        [
          ...log,
          ...String((err as Error).message)
            .split('\n')
            .slice(0, 20),
        ],
        false,
      );
    }
    base.phases.astroMs = Date.now() - tRender;
    base.timeline = r.log.map((l) => `+${r.ms.index} ms ${l}`);
    if (queue.stopped) {
      fs.rmSync(stageDir, { recursive: true, force: true });
      return;
    }
    const tSwap = Date.now();
    let journal: string | null = null;
    try {
      const applied = applyStaged(webRoot, stageDir, releases.journalDir, `${id}+${seq}`, { release: id, written: r.written, removed: r.removed });
      journal = applied.journal;
      const pages = { total: r.pages, html: r.htmlPages, rendered: r.rendered.length, cached: r.pages - r.rendered.length };
      const meta: ReleaseMeta = { ...live.meta!, state, publishes: seq, updatedAt: new Date().toISOString(), pages };
      live.published(applied.paths, meta);
      base.pages = pages;
    } catch (err) {
      journal ??= (err as { journal?: string }).journal ?? null;
      if (journal) live.refresh(restoreJournal(journal));
      fs.rmSync(stageDir, { recursive: true, force: true });
      await renderer!.stop();
      return this.fail(events, base, `publish failed while putting the pages live (undone): ${(err as Error).message}`, [], false);
    }
    const liveAt = Date.now();
    fs.rm(stageDir, { recursive: true, force: true }, () => undefined);
    try {
      await renderer!.commit(releaseDir);
    } catch (err) {
      // the pages are live; the renderer's index is lost with its process: the next publish restarts it from the keys
      this.settings.log(`renderer commit failed: ${(err as Error).message}`);
      await renderer!.stop();
    }
    pruneJournals(releases.journalDir);
    base.phases.swapMs = Date.now() - tSwap;
    base.renderedPages = r.rendered.slice(0, 200).map(fileOfUrl);
    base.routes = [...r.rendered, ...r.removed.map(urlOfFile)].slice(0, 200);
    this.rendererFailures = 0;
    this.settings.log(
      `publish ${generationOf({ id, publishes: seq })}: ${r.rendered.length} rendered, ${r.written.length} written, ${r.removed.length} removed (index ${r.ms.index} ms, render ${r.ms.total - r.ms.index} ms)`,
    );
    this.wentLive(events, base, id, liveAt, t0);
    try {
      // pages only: the sitemap the renderer rewrote with them is no search document
      const pages = (files: string[]) => files.filter((f) => f !== SITEMAP_FILE).map(urlOfFile);
      this.deps.onContentPublished?.(webRoot, pages(r.written), pages(r.removed));
    } catch (err) {
      this.settings.log(`after-publish hook failed: ${(err as Error).message}`);
    }
  }

  /**
   * A code deploy through the renderer: server build + full render into a new release, a
   * catch-up publish, then the switch. On failure the live release keeps serving.
   */
  private async deploy(events: QueuedEvent[], base: PartialRecord, state: PublishedState, t0: number, codeHash: string, forced: boolean): Promise<void> {
    const { renderer, releases, live, queue } = this.deps;
    const id = releases.newId();
    const staging = releases.stagingPath(id);
    const stageDir = releases.stagingPath(`publish-${id}-0`);
    let finalized = false;
    const tBuild = Date.now();
    let d;
    try {
      // the live release's renderer writes its data cache as it stops: before the cache is dropped
      if (forced) await renderer!.stop();
      d = await renderer!.deploy(id, staging, {
        // a manual or daily rebuild reloads every row: the cache goes, the first render worker
        // loads it all again and the others (and the catch-up) reuse what it loaded
        dataEnv: this.dataEnv(state, false, forced),
        previous: live.id ? releases.path(live.id) : null,
        stageDir,
        finalize: () => {
          checkStagedRelease(staging);
          finalized = true;
          return releases.finalize(id);
        },
        apply: (r, releaseDir) => {
          applyStaged(path.join(releaseDir, 'client'), stageDir, releases.journalDir, `${id}+0`, { release: id, written: r.written, removed: r.removed });
        },
      });
    } catch (err) {
      base.phases.astroMs = Date.now() - tBuild;
      await renderer!.stop();
      if (finalized) releases.discard(id);
      else releases.discardStaging(id);
      fs.rmSync(stageDir, { recursive: true, force: true });
      if (queue.stopped) {
        // the publisher is stopping (RendererPath.close killed the build's processes): the
        // release was never live; the next start reconciles with the CMS
        this.settings.log(`code deploy ${id} abandoned: the publisher is stopping (its processes were ended, its folder discarded)`);
        return;
      }
      this.rendererFailed();
      const log = (err as { log?: string[] }).log ?? [];
      return this.fail(
        events,
        base,
        `build failed (renderer deploy): ${(err as Error).message.split('\n')[0]}`,
        [
          ...log,
          ...String((err as Error).message)
            .split('\n')
            .slice(0, 20),
        ],
        false,
      );
    }
    fs.rm(stageDir, { recursive: true, force: true }, () => undefined);
    base.phases.astroMs = Date.now() - tBuild;
    base.timeline = [
      `server build ${d.ms.serverBuild} ms, full render ${d.ms.fullRender} ms, catch-up ${d.ms.catchUp} ms`,
      ...d.catchUp.log.map((l) => `+${d.ms.serverBuild + d.ms.fullRender} ms ${l}`),
    ];
    const tSwap = Date.now();
    const pages = { total: d.pages, html: d.catchUp.htmlPages, rendered: d.pages, cached: 0 };
    const meta: ReleaseMeta = {
      id,
      createdAt: new Date().toISOString(),
      buildMs: Date.now() - t0,
      trigger: base.trigger,
      codeHash,
      incremental: this.settings.incremental,
      pages,
      state,
      renderer: true,
      publishes: 0,
    };
    try {
      live.promoteFinal(meta);
    } catch (err) {
      await renderer!.stop();
      releases.discard(id);
      return this.fail(events, base, `release switch failed: ${(err as Error).message}`, [], false);
    }
    base.pages = pages;
    base.renderedPages = [];
    base.routes = [];
    const liveAt = Date.now();
    await live.settle(id, codeHash);
    base.phases.swapMs = Date.now() - tSwap;
    this.rendererFailures = 0;
    this.forceNext = false;
    this.wentLive(events, base, id, liveAt, t0);
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
   * non-incremental publisher load everything; the cache is still rewritten. `dropCache` removes
   * the cache file first (a forced code deploy: the first render worker reloads every row).
   */
  private dataEnv(state: PublishedState, fullLoad: boolean, dropCache = false): Record<string, string> {
    if (!this.settings.incremental) return {};
    fs.mkdirSync(this.settings.dataDir, { recursive: true });
    const env: Record<string, string> = { SITE_DATA_CACHE_FILE: path.join(this.settings.dataDir, 'cms-data.json'), CMS_PUBLISHED_STATE_FILE: '' };
    if (dropCache) fs.rmSync(env.SITE_DATA_CACHE_FILE, { force: true });
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
