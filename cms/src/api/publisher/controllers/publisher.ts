import { secretMatches } from '@cong/shared/secret';
import { PUBLISHED_STATE_CURSOR_PARAM, PUBLISHER_SECRET_HEADER } from '@cong/shared';
import type { Ctx, Strapi } from '../../../lib/strapi-types';
import { PublishedStateTracker } from '../state-tracker';

/** A cursor as the endpoint hands them out: the process's id (16 hex) and a version. */
const CURSOR = /^[0-9a-f]{16}\.\d{1,15}$/;

let tracker: PublishedStateTracker | null = null;
/** This process's state tracker (state-tracker.ts), created on first use. */
export function stateTracker(strapi: Strapi): PublishedStateTracker {
  tracker ??= new PublishedStateTracker(strapi);
  return tracker;
}

/**
 * `GET /api/publisher/published[?since=<cursor>]` — what is published right now, for the
 * publisher to diff with the state of its last good release ("what changed since the last
 * successful build", including unpublished and deleted entries, which the content API cannot show).
 * - without `since`: the full state, read afresh (`PublishedState` plus `cursor`, `full: true`);
 * - with the `cursor` of a previous answer: only the entries changed since
 *   (`PublishedStateDelta`, `full: false`), or the full state when the cursor is not this
 *   process's (a restart, another instance) or too old — `applyStateDelta` of @cong/shared.
 * Auth: the `x-cong-publisher-secret` header must equal `PUBLISHER_WEBHOOK_SECRET`
 * (constant-time); 404 when no secret is configured, 401 otherwise. A malformed `since`: 400
 * naming it.
 */
export default {
  async published(ctx: Ctx) {
    const expected = process.env.PUBLISHER_WEBHOOK_SECRET;
    if (!expected) return ctx.notFound('publisher is not configured');
    if (!secretMatches(ctx.get(PUBLISHER_SECRET_HEADER), expected)) {
      ctx.status = 401;
      ctx.body = { error: { status: 401, name: 'UnauthorizedError', message: 'bad or missing publisher secret' } };
      return;
    }
    const since = ctx.query[PUBLISHED_STATE_CURSOR_PARAM];
    if (since !== undefined && (typeof since !== 'string' || !CURSOR.test(since))) {
      ctx.status = 400;
      ctx.body = {
        error: {
          status: 400,
          name: 'ValidationError',
          message: `query parameter "${PUBLISHED_STATE_CURSOR_PARAM}" must be one cursor as a previous answer gave it (<16 hex>.<version>)`,
        },
      };
      return;
    }
    ctx.set('Cache-Control', 'no-store');
    const t = stateTracker(strapi);
    ctx.body = since === undefined ? await t.full() : await t.since(since);
  },
};
