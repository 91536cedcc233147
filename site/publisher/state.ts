/**
 * Asks the CMS what is published right now (`GET /api/publisher/published`, see
 * cms/src/api/publisher) — the basis of reconciliation: diffed against the state stored with
 * the last good release, it says what changed since, unpublished and deleted entries included.
 *
 * {@link PublishedStateSource} asks for the changes since its last answer (`?since=<cursor>`,
 * ADR 0023) and applies them to the state it holds, so a publish costs O(change), not O(portal).
 */
import {
  applyStateDelta,
  PUBLISHED_STATE_CURSOR_PARAM,
  PUBLISHED_STATE_PATH,
  PUBLISHER_SECRET_HEADER,
  type PublishedEntry,
  type PublishedState,
  type PublishedStateAnswer,
} from '@cong/shared';

/** Thrown when the CMS's state cannot be read; the message names the URL and the cause. */
export class CmsStateError extends Error {
  constructor(url: string, detail: string, options?: { cause?: unknown }) {
    super(`cannot read the published state from the CMS at ${url}: ${detail}`, options);
    this.name = 'CmsStateError';
  }
}

async function getAnswer(cmsUrl: string, secret: string, since: string | null, timeoutMs: number): Promise<PublishedStateAnswer> {
  const url = `${cmsUrl}${PUBLISHED_STATE_PATH}${since ? `?${PUBLISHED_STATE_CURSOR_PARAM}=${encodeURIComponent(since)}` : ''}`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { [PUBLISHER_SECRET_HEADER]: secret, accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const e = err as Error & { cause?: Error };
    throw new CmsStateError(url, `${e.message}${e.cause?.message ? ` (${e.cause.message})` : ''}`, { cause: err });
  }
  if (res.status !== 200) {
    const body = (await res.text().catch(() => '')).slice(0, 200);
    throw new CmsStateError(
      url,
      `HTTP ${res.status}${res.status === 401 ? ' (PUBLISHER_WEBHOOK_SECRET differs between the CMS and the publisher)' : ''} ${body}`,
    );
  }
  const body = (await res.json().catch(() => null)) as (PublishedStateAnswer & { full?: boolean }) | null;
  const ok =
    body &&
    typeof body.generatedAt === 'string' &&
    (body.full === false
      ? typeof body.cursor === 'string' && body.changed && typeof body.changed === 'object' && body.removed && typeof body.removed === 'object'
      : body.entries && typeof body.entries === 'object');
  if (!ok) throw new CmsStateError(url, 'the answer is not a published state');
  return body as PublishedStateAnswer;
}

/**
 * Fetches the CMS's full published state (read afresh by the CMS).
 * @param cmsUrl base URL of the CMS (no trailing slash)
 * @param secret the shared publisher secret (sent in the `x-cong-publisher-secret` header)
 * @param timeoutMs abort after this long (default 30 s)
 * @throws {CmsStateError} on a network error, a timeout, a non-200 answer or a malformed body
 */
export async function fetchPublishedState(cmsUrl: string, secret: string, timeoutMs = 30_000): Promise<PublishedState> {
  const a = await getAnswer(cmsUrl, secret, null, timeoutMs);
  if (a.full === false) throw new CmsStateError(`${cmsUrl}${PUBLISHED_STATE_PATH}`, 'a delta came back for a full request');
  return { generatedAt: a.generatedAt, entries: a.entries };
}

/** The keys (`uid documentId`) whose entries differ between two states, sorted. */
export function stateMismatches(a: PublishedState, b: PublishedState): string[] {
  const out: string[] = [];
  for (const uid of new Set([...Object.keys(a.entries), ...Object.keys(b.entries)])) {
    const x = new Map<string, PublishedEntry>((a.entries[uid] ?? []).map((e) => [e.documentId, e]));
    const y = new Map<string, PublishedEntry>((b.entries[uid] ?? []).map((e) => [e.documentId, e]));
    for (const id of new Set([...x.keys(), ...y.keys()])) if (JSON.stringify(x.get(id) ?? null) !== JSON.stringify(y.get(id) ?? null)) out.push(`${uid} ${id}`);
  }
  return out.sort();
}

/**
 * The publisher's view of the CMS's published state, kept between builds: the state of its last
 * answer and that answer's cursor. {@link current} asks for the changes since (a delta) and
 * applies them; a full state comes when asked for (`full`), when nothing is held yet, or when the
 * CMS does not know the cursor (a restart, another instance). With `full` and a state held, it
 * first brings the held state up by a delta, then compares it with the full one: a difference is
 * logged loudly (the incremental state went wrong) and the full state is used (the self-check).
 */
export class PublishedStateSource {
  private held: { state: PublishedState; cursor: string } | null = null;
  /** the last self-check: when (epoch ms) and the keys that differed */
  lastCheck: { at: number; mismatches: string[] } | null = null;

  constructor(
    private readonly cmsUrl: string,
    private readonly secret: string,
    private readonly log: (line: string) => void = () => undefined,
    private readonly timeoutMs = 30_000,
  ) {}

  /** Forgets the held state: the next {@link current} reads the full state. */
  reset(): void {
    this.held = null;
  }

  /**
   * The CMS's published state now.
   * @param full read the full state (start, reconciliation, manual and daily rebuilds) and check the held one against it
   * @returns the state and how it was obtained (`delta`, `full`)
   * @throws {CmsStateError} when the CMS cannot be read (the held state is kept)
   */
  async current(full = false): Promise<{ state: PublishedState; how: 'delta' | 'full' }> {
    let incremental: PublishedState | null = null;
    if (this.held) {
      let a: PublishedStateAnswer | null = null;
      try {
        a = await getAnswer(this.cmsUrl, this.secret, this.held.cursor, this.timeoutMs);
      } catch (err) {
        // whatever went wrong (a 400 after a CMS upgrade, a network error), the full state below
        // decides — it throws in turn if the CMS cannot be read — and nothing stale is kept
        this.log(`published state: the changes since ${this.held.cursor} could not be read (${(err as Error).message}); reading the full state`);
        this.held = null;
      }
      if (a && a.full !== false) return { state: this.hold(a), how: 'full' };
      if (a && this.held) {
        this.held = { state: applyStateDelta(this.held.state, a), cursor: a.cursor };
        if (!full) return { state: this.held.state, how: 'delta' };
        incremental = this.held.state;
      }
    }
    const a = await getAnswer(this.cmsUrl, this.secret, null, this.timeoutMs);
    if (a.full === false) throw new CmsStateError(`${this.cmsUrl}${PUBLISHED_STATE_PATH}`, 'a delta came back for a full request');
    const state: PublishedState = { generatedAt: a.generatedAt, entries: a.entries };
    if (incremental) {
      const mismatches = stateMismatches(incremental, state);
      this.lastCheck = { at: Date.now(), mismatches };
      if (mismatches.length)
        this.log(
          `!!! SELF-CHECK FAILED: the incremental published state differs from the CMS's full state in ${mismatches.length} entr${mismatches.length === 1 ? 'y' : 'ies'} ` +
            `(${mismatches.slice(0, 10).join(', ')}${mismatches.length > 10 ? ', …' : ''}); using the full state. ` +
            'A write between the two requests explains one difference; repeated ones are a bug of the change log (ADR 0023).',
        );
    }
    return { state: this.hold(a), how: 'full' };
  }

  /** Holds a full answer's state (without a cursor — a CMS that has no deltas — nothing is held). */
  private hold(a: PublishedState & { cursor?: string }): PublishedState {
    const state: PublishedState = { generatedAt: a.generatedAt, entries: a.entries };
    this.held = typeof a.cursor === 'string' && a.cursor ? { state, cursor: a.cursor } : null;
    return state;
  }
}
