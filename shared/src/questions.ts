/**
 * Citizens' questions (issue 11 items 1–2; R-1.2 (5), R-2.2 online interaction): the two public
 * forms (ask, look up), the tracking code, and the public status words. The publisher and the
 * CMS validate with the same descriptions (intake.ts).
 */
import { normalizeEmail, type IntakeForm } from './intake.js';
import { QUESTION_STATUS_LABELS, type QuestionStatus } from './domain.js';
import { routes } from './routes.js';
import { contactKeys } from './contact.js';

/** The form at `/hoi-dap/gui-cau-hoi/`. Agency options are the published agencies (slug → name), set at build time. */
export const QUESTION_FORM: IntakeForm = {
  id: 'question',
  action: routes.questionAsk(),
  submitLabel: 'Gửi câu hỏi',
  fields: [
    { name: 'askerName', kind: 'text', label: 'Họ và tên', required: true, maxLength: 100, autocomplete: 'name' },
    {
      name: 'askerEmail',
      kind: 'email',
      label: 'Thư điện tử',
      maxLength: 254,
      autocomplete: 'email',
      hint: 'Nhập thư điện tử hoặc số điện thoại (ít nhất một) để cơ quan liên hệ khi cần. Không công khai.',
    },
    { name: 'askerPhone', kind: 'tel', label: 'Số điện thoại', maxLength: 20, autocomplete: 'tel', hint: 'Không công khai.' },
    { name: 'agency', kind: 'select', label: 'Cơ quan nhận câu hỏi', required: true },
    { name: 'subject', kind: 'text', label: 'Tiêu đề', required: true, minLength: 5, maxLength: 200 },
    { name: 'body', kind: 'textarea', label: 'Nội dung câu hỏi', required: true, minLength: 20, maxLength: 5000, rows: 10 },
    {
      name: 'consentToPublish',
      kind: 'checkbox',
      label: 'Tôi đồng ý công khai câu hỏi và câu trả lời trên Cổng, với tên viết tắt (ví dụ: Nguyễn V. A.)',
    },
  ],
  crossCheck: (v): Record<string, string> =>
    v.askerEmail || v.askerPhone ? {} : { askerEmail: 'Vui lòng nhập thư điện tử hoặc số điện thoại (ít nhất một).' },
};

/** The lookup form at `/hoi-dap/tra-cuu/` (no fill-time token: it changes nothing; rate-limited by the CMS). */
export const QUESTION_LOOKUP_FORM: IntakeForm = {
  id: 'question-lookup',
  action: routes.questionLookup(),
  submitLabel: 'Tra cứu',
  fields: [
    { name: 'trackingCode', kind: 'text', label: 'Mã theo dõi', required: true, maxLength: 20, hint: 'Ví dụ: HD-2026-7K3QX9', autocomplete: 'off' },
    {
      name: 'secret',
      kind: 'text',
      label: 'Mã bí mật',
      required: true,
      maxLength: 64,
      hint: 'Mã bí mật hiện trên trang xác nhận khi gửi câu hỏi.',
      autocomplete: 'off',
    },
  ],
};

/** Marker of the receipt on `/hoi-dap/gui-cau-hoi/da-nhan/` and of the result on `/hoi-dap/tra-cuu/`. */
export const QUESTION_RECEIPT_MARKER = 'question-receipt';
export const QUESTION_STATUS_MARKER = 'question-status';

/** Tracking codes: `HD-<year>-<6 characters>` from an alphabet without look-alikes (0/O, 1/I/L). */
export const TRACKING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const TRACKING_CODE_RE = /^HD-\d{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/;

/** A tracking code as typed by a citizen, upper-cased and trimmed (`hd-2026-7k3qx9` → `HD-2026-7K3QX9`). */
export function normalizeTrackingCode(value: string): string {
  return value.trim().toUpperCase().replace(/\s+/g, '');
}

/** What the lookup shows (no personal data): the status and its reason, the agency, dates (ISO 8601 UTC). */
export interface QuestionStatusView {
  trackingCode: string;
  subject: string;
  status: QuestionStatus;
  statusLabel: string;
  /** why it was forwarded or rejected */
  reason: string | null;
  agencyName: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  answeredAt: string | null;
  /** the public page of the answer, when published */
  url: string | null;
  /** the answer (Markdown source shown as text), once answered — also when the asker did not consent to publication */
  answer: string | null;
}

/** The Vietnamese word of a status. */
export function questionStatusLabel(s: QuestionStatus): string {
  return QUESTION_STATUS_LABELS[s];
}

/**
 * The contact key of a question, for duplicates ("same asker, same text"): the mailbox key of its
 * email when it has a well-formed one, else the key of its phone (`e:…` / `p:…`, contact.ts:
 * case, a `+tag`, Gmail's dots and `+84` do not make another person); '' when it has neither.
 * The per-contact rate limit counts every key of {@link contactKeys}.
 */
export function contactKey(email: unknown, phone: unknown): string {
  const valid = typeof email === 'string' ? normalizeEmail(email) : null;
  return contactKeys(valid, phone)[0] ?? '';
}
