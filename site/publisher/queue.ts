/**
 * The publisher's queue: the events that may need a build (webhooks, reconciliations, manual and
 * daily rebuilds, retries), coalesced into one build per burst (`COALESCE_MS` of quiet, at most
 * `COALESCE_MAX_MS` after the first webhook), one build at a time; after a failed build the
 * events go back in and wait for the retry time (`RETRY_DELAYS_MS` backoff) unless a new webhook
 * or manual rebuild arrives. Also the timers that enqueue on their own: the periodic
 * reconciliation (`RECONCILE_INTERVAL_MS`) and the daily rebuild after midnight in Vietnam.
 *
 * What a build does is not its business: it calls the `run` function it was given.
 */
import type { PublisherConfig } from './config.js';

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

/** Next 00:00:30 in Vietnam (UTC+7, no DST) after `now`, epoch ms. */
export function nextVietnamMidnight(now: number): number {
  const day = 86_400_000;
  const offset = 7 * 3_600_000;
  return Math.floor((now + offset) / day) * day + day - offset + 30_000;
}

/** Why a batch of events is built: `manual`, `daily`, `webhook`, `retry`, `reconcile:<reason>`. */
export function triggerOf(events: QueuedEvent[]): string {
  for (const s of ['manual', 'daily', 'webhook'] as const) if (events.some((e) => e.source === s && !e.carried)) return s;
  if (events.some((e) => e.source === 'retry')) return 'retry';
  const r = events.find((e) => e.source === 'reconcile');
  return r ? `reconcile:${r.reason ?? 'start'}` : 'unknown';
}

export type QueueSettings = Pick<PublisherConfig, 'coalesceMs' | 'coalesceMaxMs' | 'retryDelaysMs' | 'reconcileIntervalMs' | 'dailyRebuild' | 'log'>;

/** Runs one build for the events taken from the queue. */
export type RunBuild = (events: QueuedEvent[]) => Promise<void>;
/** Called when {@link RunBuild} throws (a bug): the events must not be lost. */
export type OnCrash = (events: QueuedEvent[], err: unknown, startedAt: number) => void;

/** The queue, the build slot (one at a time), the retry backoff and the self-enqueuing timers. */
export class BuildQueue {
  private pending: QueuedEvent[] = [];
  private running: Promise<void> | null = null;
  private runningSince: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private reconcileTimer: NodeJS.Timeout | null = null;
  private dailyTimer: NodeJS.Timeout | null = null;
  private stoppedFlag = false;

  private retryAtMs = 0;
  private failedAt = 0;
  private failures = 0;

  constructor(
    private readonly settings: QueueSettings,
    private readonly run: RunBuild,
    private readonly onCrash: OnCrash,
  ) {}

  /** Adds an event and (re)arms the coalescing timer; ignored once stopped. */
  enqueue(event: QueuedEvent): void {
    if (this.stoppedFlag) return;
    this.pending.push(event);
    this.schedule();
  }

  /** Events in the queue, retry markers included. */
  get length(): number {
    return this.pending.length;
  }

  /** Events waiting for the next build (retry markers left out), as `/status` reports them. */
  get waiting(): number {
    return this.pending.filter((e) => e.source !== 'retry').length;
  }

  /** A build is running. */
  get building(): boolean {
    return !!this.running;
  }

  /** When the running build started, epoch ms. */
  get buildingSince(): number | null {
    return this.runningSince;
  }

  /** A build is running or a webhook / manual rebuild waits for one (the derived files yield to them). */
  get busy(): boolean {
    return !!this.running || this.pending.some((e) => e.source === 'webhook' || e.source === 'manual');
  }

  get stopped(): boolean {
    return this.stoppedFlag;
  }

  /** Failed builds since the last good one. */
  get consecutiveFailures(): number {
    return this.failures;
  }

  /** When the next automatic retry is due, epoch ms (0: none). */
  get retryAt(): number {
    return this.retryAtMs;
  }

  /**
   * A build failed: counts it and sets the retry time from the backoff (then {@link requeue}
   * gives its events back).
   * @returns the wait before the retry, ms
   */
  failed(now: number): number {
    this.failures++;
    const delays = this.settings.retryDelaysMs;
    const delay = delays[Math.min(this.failures - 1, delays.length - 1)] ?? 60_000;
    this.retryAtMs = now + delay;
    this.failedAt = now;
    return delay;
  }

  /**
   * Puts the events of a failed build back in front of the queue (marked `carried`) with a retry
   * marker, so the retry reconciles with the CMS.
   */
  requeue(events: QueuedEvent[], now: number): void {
    const carried = events.filter((e) => e.source !== 'retry').map((e) => ({ ...e, carried: true }));
    this.pending.unshift(...carried, { source: 'retry', receivedAt: now });
  }

  /** A build went live or found nothing to do: the backoff ends. */
  recovered(): void {
    if (this.failures) this.settings.log('recovered after a failed build');
    this.failures = 0;
    this.retryAtMs = 0;
  }

  /** Starts the periodic reconciliation and the daily rebuild, as configured. */
  startTimers(): void {
    if (this.settings.reconcileIntervalMs > 0) {
      this.reconcileTimer = setInterval(() => {
        if (!this.running && !this.pending.length) this.enqueue({ source: 'reconcile', reason: 'periodic', receivedAt: Date.now() });
      }, this.settings.reconcileIntervalMs);
      this.reconcileTimer.unref();
    }
    if (this.settings.dailyRebuild) this.scheduleDaily();
  }

  /** Stops taking events and cancels the timers; a running build goes on (see {@link settled}). */
  stop(): void {
    this.stoppedFlag = true;
    for (const t of [this.timer, this.reconcileTimer, this.dailyTimer]) if (t) clearTimeout(t);
  }

  /** Resolves when the running build (if any) has ended. */
  async settled(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  private schedule(): void {
    if (this.stoppedFlag || this.running || !this.pending.length) return;
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
      due = Math.min(last + this.settings.coalesceMs, first + this.settings.coalesceMaxMs);
    }
    // after a failure, wait for the retry time unless something new arrived since
    const fresh = this.pending.some((e) => (e.source === 'webhook' || e.source === 'manual') && e.receivedAt > this.failedAt);
    if (this.retryAtMs > now && !fresh) due = Math.max(due, this.retryAtMs);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.runNext(), Math.max(0, due - now));
  }

  private runNext(): void {
    this.timer = null;
    if (this.stoppedFlag || this.running || !this.pending.length) return;
    const events = this.pending.splice(0);
    this.runningSince = Date.now();
    this.running = this.run(events)
      .catch((err) => {
        // a bug must not lose the events: the crash handler reports it as a failed build, which retries them
        this.settings.log(`unexpected error: ${(err as Error)?.stack ?? err}`);
        this.onCrash(events, err, this.runningSince ?? Date.now());
      })
      .finally(() => {
        this.running = null;
        this.runningSince = null;
        this.schedule();
      });
  }

  private scheduleDaily(): void {
    const at = nextVietnamMidnight(Date.now());
    this.dailyTimer = setTimeout(() => {
      this.enqueue({ source: 'daily', receivedAt: Date.now() });
      this.scheduleDaily();
    }, at - Date.now());
    this.dailyTimer.unref();
  }
}
