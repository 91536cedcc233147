/**
 * The notification mails (issue 11, item 5), in Vietnamese: each is plain text plus a simple
 * HTML version. Pure functions. Every value (titles, names, reasons, links) is escaped in the
 * HTML (`escapeHtml`), so a stored value never becomes markup in a mail; links are only the ones
 * the CMS builds itself (site and admin URLs). No secret is ever put in a link: the asker's
 * tracking link carries the tracking code only (the secret stays with the asker).
 * Dates are shown in Asia/Ho_Chi_Minh (`formatDate` of @cong/shared).
 */
import { escapeHtml, formatDate } from '@cong/shared';

/** One mail, ready for Strapi's email service. */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** A paragraph: plain text, or a labelled value, or a link. */
type Block = { p: string } | { label: string; value: string } | { link: string; href: string } | { quote: string };

const SIGNATURE = 'Cổng thông tin điện tử tỉnh Lào Cai';
const AUTOMATIC = 'Thư này được gửi tự động từ hệ thống quản trị của Cổng.';

function render(subject: string, greeting: string, blocks: Block[]): MailContent {
  const text: string[] = [greeting, ''];
  const html: string[] = [`<p>${escapeHtml(greeting)}</p>`];
  for (const b of blocks) {
    if ('p' in b) {
      text.push(b.p, '');
      html.push(`<p>${escapeHtml(b.p)}</p>`);
    } else if ('label' in b) {
      text.push(`${b.label}: ${b.value}`);
      html.push(`<p><strong>${escapeHtml(b.label)}:</strong> ${escapeHtml(b.value)}</p>`);
    } else if ('quote' in b) {
      text.push(b.quote.replace(/^/gm, '> '), '');
      html.push(`<blockquote style="border-left:3px solid #ccc;margin:0;padding-left:12px">${escapeHtml(b.quote).replace(/\n/g, '<br>')}</blockquote>`);
    } else {
      text.push(`${b.link}: ${b.href}`, '');
      html.push(`<p><a href="${escapeHtml(b.href)}">${escapeHtml(b.link)}</a></p>`);
    }
  }
  text.push('', '--', SIGNATURE, AUTOMATIC);
  html.push(`<hr><p style="color:#555;font-size:90%">${escapeHtml(SIGNATURE)}<br>${escapeHtml(AUTOMATIC)}</p>`);
  const body = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:Arial,sans-serif;line-height:1.5">${html.join('')}</body></html>`;
  return { subject, text: text.join('\n').replace(/\n{3,}/g, '\n\n'), html: body };
}

const hello = (name: string | null | undefined) => (name ? `Kính gửi ông/bà ${name},` : 'Kính gửi ông/bà,');

/** The question's subject, shortened for a mail subject line. */
const short = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export interface AskerMail {
  askerName?: string | null;
  subject: string;
  trackingCode: string;
  /** `${SITE_URL}/hoi-dap/tra-cuu/?ma=<trackingCode>` */
  trackingUrl: string;
}

/** To the asker: the question was answered (its publish step). */
export function askerAnswered(m: AskerMail & { agencyName?: string | null; publicUrl?: string | null }): MailContent {
  return render(`Câu hỏi của ông/bà đã được trả lời: ${short(m.subject)}`, hello(m.askerName), [
    { p: `Câu hỏi "${m.subject}" của ông/bà đã được ${m.agencyName || 'cơ quan có thẩm quyền'} trả lời.` },
    { label: 'Mã tra cứu', value: m.trackingCode },
    { link: 'Xem trạng thái và nội dung trả lời', href: m.trackingUrl },
    ...(m.publicUrl ? [{ link: 'Câu hỏi và trả lời trên Cổng', href: m.publicUrl }] : []),
    { p: 'Để tra cứu, ông/bà nhập mã tra cứu và mã bí mật đã nhận khi gửi câu hỏi.' },
  ]);
}

/** To the asker: the question was forwarded to another agency, with the reason. */
export function askerForwarded(m: AskerMail & { toAgencyName: string; reason?: string | null }): MailContent {
  return render(`Câu hỏi của ông/bà đã được chuyển đến ${m.toAgencyName}`, hello(m.askerName), [
    { p: `Câu hỏi "${m.subject}" của ông/bà đã được chuyển đến ${m.toAgencyName} để trả lời theo thẩm quyền.` },
    ...(m.reason ? [{ label: 'Lý do chuyển', value: m.reason }] : []),
    { label: 'Mã tra cứu', value: m.trackingCode },
    { link: 'Xem trạng thái câu hỏi', href: m.trackingUrl },
    { p: 'Để tra cứu, ông/bà nhập mã tra cứu và mã bí mật đã nhận khi gửi câu hỏi.' },
  ]);
}

/** To the asker: the question was rejected, with the reason. */
export function askerRejected(m: AskerMail & { reason?: string | null }): MailContent {
  return render(`Câu hỏi của ông/bà không được tiếp nhận: ${short(m.subject)}`, hello(m.askerName), [
    { p: `Câu hỏi "${m.subject}" của ông/bà không được tiếp nhận để trả lời.` },
    { label: 'Lý do', value: m.reason || 'Không ghi lý do.' },
    { label: 'Mã tra cứu', value: m.trackingCode },
    { link: 'Xem trạng thái câu hỏi', href: m.trackingUrl },
  ]);
}

export interface EditorMail {
  /** the recipient's display name */
  recipientName?: string | null;
  agencyName: string;
  /** link to the item in the admin panel */
  adminUrl: string;
}

/** To an agency's editors: a question arrived for their agency (new, or forwarded to it). */
export function editorQuestionArrived(
  m: EditorMail & { subject: string; dueAt?: string | null; forwardedFrom?: string | null; reason?: string | null },
): MailContent {
  return render(`Câu hỏi mới cho ${m.agencyName}: ${short(m.subject)}`, m.recipientName ? `Kính gửi ${m.recipientName},` : 'Kính gửi tổ biên tập,', [
    {
      p: m.forwardedFrom
        ? `${m.forwardedFrom} đã chuyển đến ${m.agencyName} một câu hỏi của công dân để trả lời theo thẩm quyền.`
        : `${m.agencyName} vừa nhận một câu hỏi của công dân qua Cổng.`,
    },
    { label: 'Tiêu đề', value: m.subject },
    ...(m.reason ? [{ label: 'Lý do chuyển', value: m.reason }] : []),
    ...(m.dueAt ? [{ label: 'Hạn trả lời', value: formatDate(m.dueAt) }] : []),
    { link: 'Mở câu hỏi trong trang quản trị', href: m.adminUrl },
  ]);
}

/** To an agency's editors: their item was returned by the board, with the reason. */
export function editorItemReturned(m: EditorMail & { title: string; kindLabel: string; reason: string; actorName?: string | null }): MailContent {
  return render(`Nội dung bị trả lại: ${short(m.title)}`, m.recipientName ? `Kính gửi ${m.recipientName},` : 'Kính gửi tổ biên tập,', [
    { p: `${m.kindLabel} "${m.title}" của ${m.agencyName} đã bị trả lại${m.actorName ? ` bởi ${m.actorName}` : ''} để chỉnh sửa.` },
    { p: 'Lý do trả lại:' },
    { quote: m.reason },
    { link: 'Mở nội dung trong trang quản trị', href: m.adminUrl },
  ]);
}

/** To an agency's editors: their item was published, with its public link. */
export function editorItemPublished(m: EditorMail & { title: string; kindLabel: string; publicUrl?: string | null }): MailContent {
  return render(`Đã xuất bản: ${short(m.title)}`, m.recipientName ? `Kính gửi ${m.recipientName},` : 'Kính gửi tổ biên tập,', [
    { p: `${m.kindLabel} "${m.title}" của ${m.agencyName} đã được xuất bản trên Cổng.` },
    ...(m.publicUrl ? [{ link: 'Xem trên Cổng', href: m.publicUrl }] : []),
    { link: 'Mở nội dung trong trang quản trị', href: m.adminUrl },
  ]);
}
