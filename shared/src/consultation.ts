/**
 * Consultation on draft documents (Access to Information Law 104/2016/QH13, Art. 17(1)(c):
 * drafts of legal documents are made public for comment) and "rate this page" (Decree
 * 224/2026/NĐ-CP, Art. 10(3)(b): users rate the information, their rating kept confidential).
 * Issue 11, items 3 and 4. Shared by the CMS (moderation, scheduler, published state), the
 * publisher and the site.
 */

/** The consultation type (in the content-type registry, under the editorial workflow). */
export const CONSULTATION_UID = 'api::consultation.consultation';
/** Citizens' comments on a consultation: moderated, not editorial content (not in the registry). */
export const CONSULTATION_COMMENT_UID = 'api::consultation-comment.consultation-comment';
/** "Thông tin này có hữu ích không?" answers: never public, no personal data. */
export const PAGE_RATING_UID = 'api::page-rating.page-rating';

/**
 * Types outside the registry whose PUBLISHED versions the public reads (find/findOne): a
 * comment's published version exists only once it was approved (publish = approve), and its
 * private fields (the commenter's contact) are never in the content API.
 */
export const PUBLIC_MODERATED_UIDS: readonly string[] = [CONSULTATION_COMMENT_UID];

/** Where a consultation stands at an instant. */
export const CONSULTATION_PHASES = ['upcoming', 'open', 'closed'] as const;
export type ConsultationPhase = (typeof CONSULTATION_PHASES)[number];
export const CONSULTATION_PHASE_LABELS: Record<ConsultationPhase, string> = {
  upcoming: 'Sắp lấy ý kiến',
  open: 'Đang lấy ý kiến',
  closed: 'Đã hết hạn lấy ý kiến',
};

const ms = (v: string | Date | null | undefined): number | null => {
  if (v === null || v === undefined || v === '') return null;
  const t = (v instanceof Date ? v : new Date(v)).getTime();
  return Number.isFinite(t) ? t : null;
};

/**
 * The phase of a consultation at `now`: `upcoming` before `opensAt`, `open` from `opensAt`
 * (inclusive) until `closesAt` (exclusive), `closed` from `closesAt` on. A missing `opensAt`
 * counts as open since always; a missing `closesAt` never closes. Instants are ISO 8601 (UTC
 * in storage) or Date. Pure.
 */
export function consultationPhase(
  opensAt: string | Date | null | undefined,
  closesAt: string | Date | null | undefined,
  now: Date = new Date(),
): ConsultationPhase {
  const t = now.getTime();
  const o = ms(opensAt);
  const c = ms(closesAt);
  if (o !== null && t < o) return 'upcoming';
  if (c !== null && t >= c) return 'closed';
  return 'open';
}

/**
 * The boundaries (opening, closing) of a consultation that fall in `(after, upTo]`, as ISO
 * strings: the instants at which its public pages must be rebuilt (the phase changes with
 * time, not with an edit). Pure.
 */
export function boundariesBetween(
  opensAt: string | Date | null | undefined,
  closesAt: string | Date | null | undefined,
  after: Date,
  upTo: Date,
): { at: string; phase: ConsultationPhase }[] {
  const out: { at: string; phase: ConsultationPhase }[] = [];
  const o = ms(opensAt);
  const c = ms(closesAt);
  if (o !== null && o > after.getTime() && o <= upTo.getTime()) out.push({ at: new Date(o).toISOString(), phase: 'open' });
  if (c !== null && c > after.getTime() && c <= upTo.getTime()) out.push({ at: new Date(c).toISOString(), phase: 'closed' });
  return out;
}

/**
 * The webhook event the CMS emits when a published consultation opens or closes (the
 * scheduler, cms/src/consultation/boundaries.ts); the publisher rebuilds on it like on a publish.
 */
export const CONSULTATION_PHASE_EVENT = 'consultation.phase';

/** `consultation-comment.moderationStatus`: hidden until an editor of the owning agency (or the board) approves. */
export const MODERATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ModerationStatus = (typeof MODERATION_STATUSES)[number];
export const MODERATION_STATUS_LABELS: Record<ModerationStatus, string> = {
  pending: 'Chờ kiểm duyệt',
  approved: 'Đã duyệt, hiển thị công khai',
  rejected: 'Không hiển thị',
};

/** `page-rating.score`: the 3-point scale of "Thông tin này có hữu ích không?". */
export const RATING_SCORES = ['useful', 'partly', 'notUseful'] as const;
export type RatingScore = (typeof RATING_SCORES)[number];
export const RATING_SCORE_LABELS: Record<RatingScore, string> = {
  useful: 'Có, hữu ích',
  partly: 'Chưa đầy đủ',
  notUseful: 'Không hữu ích',
};
/** Points of each answer (for the average in the report): 2, 1, 0. */
export const RATING_POINTS: Record<RatingScore, number> = { useful: 2, partly: 1, notUseful: 0 };

/** Longest comment on a consultation (characters, after NFC). */
export const COMMENT_MAX_LENGTH = 10_000;
/** Longest optional comment with a rating (characters). */
export const RATING_COMMENT_MAX_LENGTH = 1_000;

/** One group of ratings in the report. */
export interface RatingTally {
  total: number;
  useful: number;
  partly: number;
  notUseful: number;
  /** average points on 0–2, 2 decimals; null when total is 0 */
  average: number | null;
}

/** Counts ratings (`score` values; unknown values are ignored). Pure. */
export function tallyRatings(scores: Iterable<string>): RatingTally {
  const t: RatingTally = { total: 0, useful: 0, partly: 0, notUseful: 0, average: null };
  let points = 0;
  for (const s of scores) {
    if (!(s in RATING_POINTS)) continue;
    t[s as RatingScore]++;
    t.total++;
    points += RATING_POINTS[s as RatingScore];
  }
  t.average = t.total ? Math.round((points / t.total) * 100) / 100 : null;
  return t;
}

/** True for a `moderationStatus` value. */
export function isModerationStatus(v: unknown): v is ModerationStatus {
  return typeof v === 'string' && (MODERATION_STATUSES as readonly string[]).includes(v);
}

/** True for a `score` value of a page rating. */
export function isRatingScore(v: unknown): v is RatingScore {
  return typeof v === 'string' && (RATING_SCORES as readonly string[]).includes(v);
}
