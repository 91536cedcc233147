/**
 * What the CMS does with a comment or a rating the publisher's form intake forwarded (issue 11,
 * items 3–4). The HTTP side — the public form, honeypot, fill-time token, rate limits, the
 * server-side token to the CMS — is the shared intake module (owned by the question form); these
 * functions are the CMS's half: validate again, store, never trust what only the form says.
 *
 * Both run as the system (workflowScope): the public role has no create permission on any type.
 */
import { errors } from '@strapi/utils';
import {
  COMMENT_MAX_LENGTH,
  CONSULTATION_COMMENT_UID,
  CONSULTATION_UID,
  PAGE_RATING_UID,
  RATING_COMMENT_MAX_LENGTH,
  consultationPhase,
  isRatingScore,
  normalizePagePath,
  pageOwnerOfPath,
  type RatingScore,
} from '@cong/shared';
import { SYSTEM_ACTOR } from '../workflow/actor';
import { workflowScope } from '../workflow/scope';

const AGENCY_UID = 'api::agency.agency';

/** A field error (Vietnamese), as Strapi's ValidationError with the field's path. */
function fieldError(field: string, message: string): never {
  throw new errors.ValidationError(message, { errors: [{ path: [field], message, name: 'ValidationError' }] });
}

/** Text in NFC, trimmed, control characters (but newlines and tabs) removed; '' for non-strings. */
export function cleanText(v: unknown): string {
  if (typeof v !== 'string') return '';
  return v
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .trim();
}

/** One comment as the intake forwards it. */
export interface CommentInput {
  /** documentId of the consultation (from the page's form) */
  consultation: string;
  authorName: string;
  organisation?: string | null;
  authorEmail?: string | null;
  authorPhone?: string | null;
  body: string;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;
const PHONE = /^\+?[0-9 .-]{8,20}$/;

/**
 * Stores a citizen's comment as a hidden draft (moderationStatus `pending`) on a PUBLISHED
 * consultation that is OPEN now (Asia/Ho_Chi_Minh display, UTC instants); the owning agency is
 * the consultation's, never the form's.
 * @returns `{ documentId, receivedAt }` (receivedAt ISO 8601 UTC)
 * @throws errors.ValidationError (400) naming the field: `consultation` (unknown, unpublished,
 *   not open), `authorName`, `body`, `authorEmail`, `authorPhone`, `organisation`
 */
export async function receiveComment(strapi: any, input: CommentInput, now: Date = new Date()): Promise<{ documentId: string; receivedAt: string }> {
  const consultationId = cleanText(input?.consultation);
  if (!consultationId) fieldError('consultation', 'Thiếu dự thảo được góp ý.');
  const published = await strapi.db.query(CONSULTATION_UID).findOne({
    where: { documentId: consultationId, publishedAt: { $notNull: true } },
    select: ['opensAt', 'closesAt'],
    populate: { agency: { select: ['documentId'] } },
  });
  if (!published) fieldError('consultation', 'Không tìm thấy dự thảo đang lấy ý kiến.');
  const phase = consultationPhase(published.opensAt, published.closesAt, now);
  if (phase === 'upcoming') fieldError('consultation', 'Dự thảo chưa đến thời gian lấy ý kiến.');
  if (phase === 'closed') fieldError('consultation', 'Đã hết thời gian lấy ý kiến đối với dự thảo này.');
  const authorName = cleanText(input.authorName);
  if (!authorName) fieldError('authorName', 'Họ và tên: bắt buộc.');
  if (authorName.length > 200) fieldError('authorName', 'Họ và tên: tối đa 200 ký tự.');
  const organisation = cleanText(input.organisation);
  if (organisation.length > 300) fieldError('organisation', 'Cơ quan, tổ chức: tối đa 300 ký tự.');
  const body = cleanText(input.body);
  if (!body) fieldError('body', 'Nội dung góp ý: bắt buộc.');
  if (body.length > COMMENT_MAX_LENGTH) fieldError('body', `Nội dung góp ý: tối đa ${COMMENT_MAX_LENGTH} ký tự.`);
  const authorEmail = cleanText(input.authorEmail).toLowerCase();
  if (authorEmail && !EMAIL.test(authorEmail)) fieldError('authorEmail', 'Thư điện tử: không đúng định dạng (ví dụ ten@example.vn).');
  const authorPhone = cleanText(input.authorPhone);
  if (authorPhone && !PHONE.test(authorPhone)) fieldError('authorPhone', 'Số điện thoại: chỉ gồm chữ số (8–20 ký tự).');
  const receivedAt = now.toISOString();
  const created = await workflowScope.run({ actor: SYSTEM_ACTOR, channel: 'system' }, () =>
    strapi.documents(CONSULTATION_COMMENT_UID).create({
      data: {
        consultation: consultationId,
        agency: published.agency?.documentId ?? null,
        authorName,
        organisation: organisation || null,
        authorEmail: authorEmail || null,
        authorPhone: authorPhone || null,
        body,
        receivedAt,
        moderationStatus: 'pending',
      },
      status: 'draft',
    }),
  );
  return { documentId: created.documentId, receivedAt };
}

/** One rating as the intake forwards it (the agency is never part of it: red-team F11). */
export interface RatingInput {
  /**
   * the site path of the page rated, e.g. `/tin-tuc/abc/`; the publisher forwards it only when it
   * is a page of its live release showing the rating form
   */
  path: string;
  score: RatingScore | string;
  comment?: string | null;
}

/**
 * Stores one "Thông tin này có hữu ích không?" answer WITHOUT personal data (Decree 224/2026,
 * Art. 10(3)(b)): no address, no cookie, no time finer than the row's own creation, no link to
 * any other rating. Red-team F11: nothing but the path, the score and the comment is read from
 * the submission; the path is normalised ({@link normalizePagePath}) and the agency DERIVED from
 * it through the route map ({@link pageOwnerOfPath}): an agency sub-site page → that published
 * agency; an entry's page → that published entry, its agency; any other page → no agency. An
 * agency or entry that is not published refuses the rating. Stored by documentId (stable across
 * republishing).
 * @returns `{ id, agencyDocumentId }`
 * @throws errors.ValidationError (400) naming `path`, `score` or `comment`
 */
export async function receiveRating(strapi: any, input: RatingInput): Promise<{ id: number; agencyDocumentId: string | null }> {
  const path = normalizePagePath(input?.path);
  if (!path) fieldError('path', 'Trang được đánh giá không hợp lệ.');
  if (!isRatingScore(input.score)) fieldError('score', 'Vui lòng chọn một mức: Có, hữu ích / Chưa đầy đủ / Không hữu ích.');
  const comment = cleanText(input.comment);
  if (comment.length > RATING_COMMENT_MAX_LENGTH) fieldError('comment', `Góp ý thêm: tối đa ${RATING_COMMENT_MAX_LENGTH} ký tự.`);
  const owner = pageOwnerOfPath(path);
  let agencyDocumentId: string | null = null;
  if (owner.kind === 'agency') {
    const agency = await strapi.db.query(AGENCY_UID).findOne({ where: { slug: owner.slug, publishedAt: { $notNull: true } }, select: ['documentId'] });
    if (!agency) fieldError('path', 'Trang được đánh giá không có trên Cổng.');
    agencyDocumentId = agency.documentId;
  } else if (owner.kind === 'entry') {
    const entry = await strapi.db.query(owner.uid).findOne({
      where: { slug: owner.slug, publishedAt: { $notNull: true } },
      select: ['id'],
      populate: { agency: { select: ['documentId'] } },
    });
    if (!entry) fieldError('path', 'Trang được đánh giá không có trên Cổng.');
    agencyDocumentId = entry.agency?.documentId ?? null;
  }
  const row = await strapi.db.query(PAGE_RATING_UID).create({ data: { path, score: input.score, comment: comment || null, agencyDocumentId } });
  return { id: row.id, agencyDocumentId };
}
