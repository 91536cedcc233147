/**
 * The citizen forms the publisher serves and forwards (site/publisher/intake.ts): one entry per
 * form. Each owner adds its routes here (questions: issue 11 items 1–2; consultation comments and
 * page ratings: items 3–4).
 */
import {
  COMMENT_FORM,
  COMMENT_RECEIPT_MARKER,
  escapeHtml,
  formatDateTime,
  QUESTION_FORM,
  QUESTION_LOOKUP_FORM,
  QUESTION_RECEIPT_MARKER,
  QUESTION_STATUS_MARKER,
  normalizePagePath,
  RATING_FORM,
  RATING_PAGE_ATTRIBUTE,
  RATING_RECEIPT_MARKER,
  routes,
  type QuestionStatusView,
} from '@cong/shared';
import type { IntakeRoute, LiveReleaseView } from './intake.js';

/** The receipt: tracking code, secret (shown once: only its hash is stored), due date. */
export function questionReceiptHtml(r: { trackingCode: string; secret: string; dueAt: string; agencyName: string }): string {
  return [
    '<div class="receipt" role="status">',
    `<p>Câu hỏi của anh/chị đã được chuyển đến <strong>${escapeHtml(r.agencyName)}</strong>. Hạn trả lời: <strong>${escapeHtml(formatDateTime(r.dueAt))}</strong>.</p>`,
    '<dl class="receipt-codes">',
    `<dt>Mã theo dõi</dt><dd><code id="ma-theo-doi">${escapeHtml(r.trackingCode)}</code></dd>`,
    `<dt>Mã bí mật</dt><dd><code id="ma-bi-mat">${escapeHtml(r.secret)}</code></dd>`,
    '</dl>',
    '<p><strong>Hãy ghi lại hoặc chụp màn hình hai mã này.</strong> Mã bí mật chỉ hiện một lần; cần cả hai mã để tra cứu tình trạng câu hỏi.</p>',
    `<p><a href="${routes.questionLookup()}">Tra cứu tình trạng câu hỏi</a> · <a href="${routes.questionList()}">Về trang Hỏi đáp</a></p>`,
    '</div>',
  ].join('');
}

/** The status of a looked-up question. */
export function questionStatusHtml(v: QuestionStatusView): string {
  const rows: [string, string][] = [
    ['Mã theo dõi', escapeHtml(v.trackingCode)],
    ['Tiêu đề', escapeHtml(v.subject)],
    ['Tình trạng', `<strong>${escapeHtml(v.statusLabel)}</strong>`],
  ];
  if (v.reason) rows.push([v.status === 'rejected' ? 'Lý do không tiếp nhận' : 'Lý do chuyển', escapeHtml(v.reason)]);
  if (v.agencyName) rows.push(['Cơ quan trả lời', escapeHtml(v.agencyName)]);
  if (v.receivedAt) rows.push(['Ngày tiếp nhận', escapeHtml(formatDateTime(v.receivedAt))]);
  if (v.dueAt && v.status !== 'answered' && v.status !== 'rejected') rows.push(['Hạn trả lời', escapeHtml(formatDateTime(v.dueAt))]);
  if (v.answeredAt) rows.push(['Ngày trả lời', escapeHtml(formatDateTime(v.answeredAt))]);
  // a site path only (it comes from the CMS's route map; never a scheme such as javascript:)
  if (v.url && /^\/[^/\\]/.test(v.url)) rows.push(['Câu trả lời', `<a href="${escapeHtml(v.url)}">Xem câu hỏi và trả lời</a>`]);
  const answer = v.answer ? `<h2>Trả lời</h2><div class="answer-text">${escapeHtml(v.answer).replace(/\n/g, '<br>')}</div>` : '';
  return `<section class="lookup-result" role="status" aria-labelledby="ket-qua-tra-cuu"><h2 id="ket-qua-tra-cuu">Kết quả tra cứu</h2><dl>${rows
    .map(([k, val]) => `<dt>${k}</dt><dd>${val}</dd>`)
    .join('')}</dl>${answer}</section>`;
}

/** The thanks after a comment on a draft: which draft, and that it shows once moderated. */
export function commentReceiptHtml(r: { consultationTitle?: unknown; consultationUrl?: unknown }): string {
  const title = typeof r.consultationTitle === 'string' ? r.consultationTitle : '';
  const url = typeof r.consultationUrl === 'string' && /^\/[^/\\]/.test(r.consultationUrl) ? r.consultationUrl : null;
  return [
    '<div class="receipt" role="status">',
    `<p>Cổng đã nhận ý kiến góp ý của anh/chị${title ? ` cho dự thảo <strong>${escapeHtml(title)}</strong>` : ''}.</p>`,
    '<p>Ý kiến được cơ quan chủ trì soạn thảo kiểm duyệt trước khi hiển thị công khai trên trang dự thảo, và được tổng hợp, tiếp thu, giải trình sau khi hết thời gian lấy ý kiến.</p>',
    `<p>${url ? `<a href="${escapeHtml(url)}">Về trang dự thảo</a> · ` : ''}<a href="${routes.consultationList()}">Các dự thảo đang lấy ý kiến</a></p>`,
    '</div>',
  ].join('');
}

/** The thanks after a rating, with the way back to the page rated (a path the publisher checked). */
export function ratingReceiptHtml(pagePath: unknown): string {
  const back = typeof pagePath === 'string' ? normalizePagePath(pagePath) : null;
  return [
    '<div class="receipt" role="status">',
    '<p>Cổng đã ghi nhận đánh giá của anh/chị. Ý kiến giúp các cơ quan hoàn thiện thông tin trên Cổng.</p>',
    `<p>${back ? `<a href="${escapeHtml(back)}">Quay lại trang vừa đánh giá</a> · ` : ''}<a href="${routes.home()}">Về trang chủ</a></p>`,
    '</div>',
  ].join('');
}

const NOT_A_PAGE = 'Không xác định được trang được đánh giá. Vui lòng mở lại trang thông tin và đánh giá ở cuối trang.';

/**
 * Red-team F11: the page a rating names is kept only when it is, once normalised, a page of the
 * live release that shows the rating form; the agency is never taken from the form (the CMS
 * derives it from the path).
 */
export async function prepareRating(values: Record<string, string | boolean>, release: LiveReleaseView) {
  const pagePath = normalizePagePath(values.path);
  if (!pagePath) return { errors: { path: NOT_A_PAGE } };
  const html = await release.page(pagePath);
  if (!html || !html.includes(RATING_PAGE_ATTRIBUTE)) return { errors: { path: NOT_A_PAGE } };
  return { values: { ...values, path: pagePath } };
}

export const INTAKE_ROUTES: IntakeRoute[] = [
  {
    form: QUESTION_FORM,
    cmsPath: '/api/cong-intake/questions',
    preselect: (q): Record<string, string> => {
      const agency = q.get('co-quan');
      return agency && /^[a-z0-9-]{1,100}$/.test(agency) ? { agency } : {};
    },
    success: (answer) => ({ page: routes.questionReceipt(), marker: QUESTION_RECEIPT_MARKER, html: questionReceiptHtml(answer) }),
  },
  {
    form: QUESTION_LOOKUP_FORM,
    cmsPath: '/api/cong-intake/questions/status',
    fillTime: false,
    success: (answer) => ({ page: routes.questionLookup(), marker: QUESTION_STATUS_MARKER, html: questionStatusHtml(answer) }),
  },
  {
    form: COMMENT_FORM,
    cmsPath: '/api/cong-intake/consultation-comments',
    preselect: (q): Record<string, string> => {
      const id = q.get('du-thao');
      return id && /^[a-z0-9]{1,64}$/.test(id) ? { consultation: id } : {};
    },
    success: (answer) => ({ page: routes.consultationCommentReceipt(), marker: COMMENT_RECEIPT_MARKER, html: commentReceiptHtml(answer ?? {}) }),
  },
  {
    form: RATING_FORM,
    cmsPath: '/api/cong-intake/page-ratings',
    // the form sits on every (static, cached) content page: no per-request token there (ADR 0020)
    fillTime: false,
    preselect: (q): Record<string, string> => {
      const p = normalizePagePath(q.get('trang'));
      return p ? { path: p } : {};
    },
    prepare: prepareRating,
    success: (_answer, values) => ({ page: routes.pageRatingReceipt(), marker: RATING_RECEIPT_MARKER, html: ratingReceiptHtml(values.path) }),
  },
];
