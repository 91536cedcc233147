/**
 * Consultation on draft documents (Access to Information Law 104/2016/QH13, Art. 17(1)(c):
 * drafts of legal documents are made public for comment) and "rate this page" (Decree
 * 224/2026/NĐ-CP, Art. 10(3)(b): users rate the information, their rating kept confidential).
 * Issue 11, items 3 and 4. Shared by the CMS (moderation, scheduler, published state), the
 * publisher and the site.
 */
import type { IntakeForm } from './intake.js';
import { routes } from './routes.js';

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

/** Label of the audit log's `moderate` entries (a comment approved or hidden; not a workflow action). */
export const MODERATE_ACTION_LABEL = 'Kiểm duyệt ý kiến góp ý';

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

/**
 * The comment form at `/gop-y-du-thao/` (issue 11 item 3; Law 104/2016, Art. 17(1)(c)): the draft
 * is chosen among the consultations open when the site was built (documentId → title, set at
 * build time; the CMS refuses one that is not open at the instant it arrives). Field names are
 * {@link CommentInput}'s (cms/src/consultation/intake.ts).
 */
export const COMMENT_FORM: IntakeForm = {
  id: 'comment',
  action: routes.consultationComment(),
  submitLabel: 'Gửi góp ý',
  fields: [
    { name: 'consultation', kind: 'select', label: 'Dự thảo góp ý', required: true, requiredMessage: 'Vui lòng chọn dự thảo muốn góp ý.' },
    {
      name: 'authorName',
      kind: 'text',
      label: 'Họ và tên',
      required: true,
      maxLength: 200,
      autocomplete: 'name',
      hint: 'Được công khai cùng góp ý sau khi kiểm duyệt.',
    },
    {
      name: 'organisation',
      kind: 'text',
      label: 'Cơ quan, tổ chức',
      maxLength: 300,
      autocomplete: 'organization',
      hint: 'Nếu góp ý thay mặt cơ quan, tổ chức. Được công khai.',
    },
    {
      name: 'authorEmail',
      kind: 'email',
      label: 'Thư điện tử',
      maxLength: 254,
      autocomplete: 'email',
      hint: 'Không công khai; cơ quan chủ trì liên hệ khi cần làm rõ góp ý.',
    },
    { name: 'authorPhone', kind: 'tel', label: 'Số điện thoại', maxLength: 20, autocomplete: 'tel', hint: 'Không công khai.' },
    {
      name: 'body',
      kind: 'textarea',
      label: 'Nội dung góp ý',
      required: true,
      minLength: 10,
      maxLength: COMMENT_MAX_LENGTH,
      rows: 12,
      hint: 'Nên ghi rõ điều, khoản của dự thảo được góp ý.',
    },
  ],
};

/** Marker of the thanks on `/gop-y-du-thao/da-nhan/`. */
export const COMMENT_RECEIPT_MARKER = 'comment-receipt';

/**
 * "Thông tin này có hữu ích không?" (issue 11 item 4; Decree 224/2026, Art. 10(3)(b)): on every
 * content page (static, without a fill-time token: the page is cached and served from disk) and
 * at `/danh-gia/` (the form again with its errors). `path` is the page rated: the publisher
 * keeps it only when it is a page of the live release that shows the form, the CMS derives the
 * agency from it (red-team F11). Nothing about the reader is sent.
 */
export const RATING_FORM: IntakeForm = {
  id: 'rating',
  action: routes.pageRating(),
  submitLabel: 'Gửi đánh giá',
  fields: [
    { name: 'path', kind: 'hidden', label: 'Trang được đánh giá', maxLength: 300 },
    {
      name: 'score',
      kind: 'radio',
      label: 'Thông tin này có hữu ích không?',
      required: true,
      requiredMessage: 'Vui lòng chọn một mức: Có, hữu ích / Chưa đầy đủ / Không hữu ích.',
      options: RATING_SCORES.map((s) => ({ value: s, label: RATING_SCORE_LABELS[s] })),
    },
    {
      name: 'comment',
      kind: 'textarea',
      label: 'Góp ý thêm (không bắt buộc)',
      maxLength: RATING_COMMENT_MAX_LENGTH,
      rows: 2,
      hint: 'Không ghi thông tin cá nhân. Đánh giá được lưu ẩn danh: Cổng không lưu địa chỉ IP hay cookie của anh/chị.',
    },
  ],
};

/** Marker of the thanks on `/danh-gia/da-nhan/`. */
export const RATING_RECEIPT_MARKER = 'rating-receipt';
/** Attribute every page showing the rating form carries (the publisher accepts ratings of those pages only). */
export const RATING_PAGE_ATTRIBUTE = 'data-cong-rating';
