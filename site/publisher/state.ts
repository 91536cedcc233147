/**
 * Asks the CMS what is published right now (`GET /api/publisher/published`, see
 * cms/src/api/publisher) — the basis of reconciliation: diffed against the state stored with
 * the last good release, it says what changed since, unpublished and deleted entries included.
 */
import { PUBLISHED_STATE_PATH, PUBLISHER_SECRET_HEADER, type PublishedState } from '@cong/shared';

/** Thrown when the CMS's state cannot be read; the message names the URL and the cause. */
export class CmsStateError extends Error {
  constructor(url: string, detail: string, options?: { cause?: unknown }) {
    super(`cannot read the published state from the CMS at ${url}: ${detail}`, options);
    this.name = 'CmsStateError';
  }
}

/**
 * Fetches the CMS's published state.
 * @param cmsUrl base URL of the CMS (no trailing slash)
 * @param secret the shared publisher secret (sent in the `x-cong-publisher-secret` header)
 * @param timeoutMs abort after this long (default 30 s)
 * @throws {CmsStateError} on a network error, a timeout, a non-200 answer or a malformed body
 */
export async function fetchPublishedState(cmsUrl: string, secret: string, timeoutMs = 30_000): Promise<PublishedState> {
  const url = `${cmsUrl}${PUBLISHED_STATE_PATH}`;
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
  const body = (await res.json().catch(() => null)) as PublishedState | null;
  if (!body || typeof body.generatedAt !== 'string' || !body.entries || typeof body.entries !== 'object') {
    throw new CmsStateError(url, 'the answer is not a published state');
  }
  return body;
}
