import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { COMMENT_FORM, CONSULTATION_UID, RATING_FORM, routes } from '@cong/shared';
import {
  clientAddress,
  envInt,
  intakeAuthorized,
  rateLimiter,
  refuseOverLimit,
  refuseReplayedToken,
  sendIntakeErrors,
  validateIntakeBody,
} from '../../../lib/intake';
import { receiveComment, receiveRating } from '../../../consultation/intake';

/**
 * The consultation settings from the environment (README, configuration table):
 * - `COMMENT_RATE_PER_ADDRESS` (10 per hour): comments accepted from one address;
 * - `RATING_RATE_PER_ADDRESS` (30 per hour): ratings accepted from one address — the key is a
 *   hash of the address, kept in the rate-limit table for the hour only (the rating row itself
 *   holds no address, Decree 224/2026 Art. 10(3)(b)).
 * @throws {Error} naming a malformed variable
 */
export function consultationIntakeSettings(env: NodeJS.ProcessEnv = process.env) {
  return {
    commentsPerAddress: envInt('COMMENT_RATE_PER_ADDRESS', 10, env),
    ratingsPerAddress: envInt('RATING_RATE_PER_ADDRESS', 30, env),
  };
}

/** A ValidationError of receiveComment/receiveRating as the form's field errors (422), or rethrows. */
function answerValidation(ctx: any, err: unknown): void {
  if (!(err instanceof errors.ValidationError)) throw err;
  const out: Record<string, string> = {};
  const list = ((err as any).details?.errors ?? []) as { path?: string[]; message?: string }[];
  for (const e of list) if (e.path?.[0] && e.message) out[e.path[0]] = e.message;
  sendIntakeErrors(ctx, 422, Object.keys(out).length ? out : { _form: err.message });
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** A citizen's comment on an open consultation: stored hidden until its agency approves it. */
  async comment(ctx: any) {
    if (!intakeAuthorized(ctx)) return;
    const values = validateIntakeBody(ctx, COMMENT_FORM);
    if (!values) return;
    const settings = consultationIntakeSettings();
    if (
      await refuseOverLimit(ctx, [
        [rateLimiter(strapi, { name: 'comment-address', points: settings.commentsPerAddress, durationSeconds: 3600 }), clientAddress(ctx)],
      ])
    )
      return;
    const consultation = await strapi.db.query(CONSULTATION_UID as any).findOne({
      where: { documentId: String(values.consultation), publishedAt: { $notNull: true } },
      select: ['title', 'slug'],
    });
    if (!consultation) return sendIntakeErrors(ctx, 422, { consultation: 'Không tìm thấy dự thảo đang lấy ý kiến, vui lòng chọn lại.' });
    if (await refuseReplayedToken(strapi, ctx)) return;
    try {
      const r = await receiveComment(strapi, {
        consultation: String(values.consultation),
        authorName: String(values.authorName),
        organisation: (values.organisation as string) || null,
        authorEmail: (values.authorEmail as string) || null,
        authorPhone: (values.authorPhone as string) || null,
        body: String(values.body),
      });
      ctx.status = 201;
      ctx.body = { consultationTitle: consultation.title, consultationUrl: routes.consultation(consultation.slug), receivedAt: r.receivedAt };
    } catch (err) {
      answerValidation(ctx, err);
    }
  },

  /** One anonymous "Thông tin này có hữu ích không?" answer (the agency derived from the path, red-team F11). */
  async rating(ctx: any) {
    if (!intakeAuthorized(ctx)) return;
    const values = validateIntakeBody(ctx, RATING_FORM);
    if (!values) return;
    const settings = consultationIntakeSettings();
    // stored as a keyed hash of the address (refuseOverLimit: red-team F14)
    const key = `rating:${clientAddress(ctx)}`;
    if (await refuseOverLimit(ctx, [[rateLimiter(strapi, { name: 'rating-address', points: settings.ratingsPerAddress, durationSeconds: 3600 }), key]])) return;
    try {
      await receiveRating(strapi, { path: String(values.path), score: String(values.score), comment: (values.comment as string) || null });
      ctx.status = 201;
      ctx.body = {};
    } catch (err) {
      answerValidation(ctx, err);
    }
  },
});
