/**
 * The outgoing-mail queue: sending never blocks or fails the request that caused it (issue 11,
 * item 5). A notification is pushed here and the request goes on; the queue sends one mail at a
 * time through Strapi's email plugin, retrying a failed mail after 2 s, 10 s and 60 s
 * (`MAIL_RETRY_DELAYS_MS`), then drops it with an error in the log.
 *
 * Logs name the kind of mail and the item (type, documentId), never the recipient's address nor
 * the SMTP server's reply text (which may quote the address): only its error code.
 *
 * In memory: a mail still queued when the CMS stops is lost (ADR 0011 explains why this is
 * acceptable: every notification is also visible in the admin panel and on the tracking page).
 */

/** One queued mail. `ref` identifies the cause for logs (e.g. `question:abc123`), never the person. */
export interface QueuedMail {
  kind: string;
  ref: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Delays before the 2nd, 3rd and 4th attempt (ms). */
export const MAIL_RETRY_DELAYS_MS = [2_000, 10_000, 60_000];

/** Most mails kept waiting; more are dropped (logged) so a flood cannot exhaust memory. */
export const MAIL_QUEUE_LIMIT = 5_000;

type Sender = (m: QueuedMail) => Promise<unknown>;
interface Log {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

/** The error's code only (ECONNREFUSED, EAUTH, 550 …): an SMTP reply's text may contain the address. */
function errorCode(e: any): string {
  return [e?.code, e?.responseCode].filter(Boolean).join(' ') || String(e?.name ?? 'lỗi');
}

export class MailQueue {
  private waiting: { mail: QueuedMail; attempt: number }[] = [];
  private running = false;
  private timers = new Set<NodeJS.Timeout>();
  private idle: (() => void)[] = [];
  /** counts since boot, for tests and the log */
  readonly stats = { sent: 0, failed: 0, dropped: 0 };

  constructor(
    private readonly send: Sender,
    private readonly log: Log,
    private readonly delays: number[] = MAIL_RETRY_DELAYS_MS,
  ) {}

  /** Queues a mail and returns at once. */
  push(mail: QueuedMail): void {
    if (this.waiting.length >= MAIL_QUEUE_LIMIT) {
      this.stats.dropped += 1;
      this.log.error(`[mail] hàng đợi đầy (${MAIL_QUEUE_LIMIT} thư): bỏ thư ${mail.kind} của ${mail.ref}`);
      return;
    }
    this.waiting.push({ mail, attempt: 0 });
    this.kick();
  }

  /** Mails waiting or being retried. */
  get pending(): number {
    return this.waiting.length + this.timers.size + (this.running ? 1 : 0);
  }

  /** Resolves when nothing is waiting, sending or scheduled for a retry. */
  whenIdle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Stops retries (CMS shutdown). */
  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.waiting = [];
    this.settle();
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    try {
      for (let job = this.waiting.shift(); job; job = this.waiting.shift()) {
        try {
          await this.send(job.mail);
          this.stats.sent += 1;
        } catch (e) {
          this.retry(job, e);
        }
      }
    } finally {
      this.running = false;
      this.settle();
    }
  }

  private retry(job: { mail: QueuedMail; attempt: number }, e: unknown): void {
    const { kind, ref } = job.mail;
    const delay = this.delays[job.attempt];
    if (delay === undefined) {
      this.stats.failed += 1;
      this.log.error(`[mail] không gửi được thư ${kind} của ${ref} sau ${job.attempt + 1} lần (${errorCode(e)}); bỏ thư này`);
      return;
    }
    this.log.warn(`[mail] gửi thư ${kind} của ${ref} không được (${errorCode(e)}); thử lại sau ${Math.round(delay / 1000)} giây`);
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.waiting.push({ mail: job.mail, attempt: job.attempt + 1 });
      this.kick();
    }, delay);
    t.unref();
    this.timers.add(t);
  }

  private settle(): void {
    if (this.pending !== 0) return;
    const waiters = this.idle;
    this.idle = [];
    for (const w of waiters) w();
  }
}
