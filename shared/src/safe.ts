/**
 * The portal's rules for values that end up in links and in text: one URL rule for every URL
 * field (checked by the CMS on every write and again by the site when it renders), and the text
 * normalisation applied at the API boundary (NFC, no control characters).
 *
 * Why both sides check URLs: the CMS refuses a bad URL so an editor sees the error at once
 * (issue 9, class 4); the site refuses to render one so content stored before the rule existed,
 * or written by a path that missed it, still cannot run script on the portal's domain.
 */

/** Longest URL the portal stores: real source links of legal documents exceed 255 characters. */
export const MAX_URL_LENGTH = 2048;

/** What kind of link a field holds: a web address, or a contact (adds `mailto:` and `tel:`). */
export type UrlFieldKind = 'web' | 'contact';

const WEB_SCHEMES = new Set(['http:', 'https:']);
const CONTACT_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/**
 * Checks one URL value against the portal's rule: an absolute `http:`/`https:` URL with a host
 * (plus `mailto:`/`tel:` for contact fields), at most {@link MAX_URL_LENGTH} characters, no
 * whitespace or control characters, no user:password part.
 *
 * @param value the stored or submitted value
 * @param kind `'web'` (default) or `'contact'`
 * @returns null when the value is acceptable, otherwise a Vietnamese message naming what is wrong
 *   (the caller prefixes the field's name)
 */
export function urlProblem(value: string, kind: UrlFieldKind = 'web'): string | null {
  if (typeof value !== 'string') return 'phải là một địa chỉ (chuỗi ký tự)';
  if (value.length > MAX_URL_LENGTH) return `dài quá ${MAX_URL_LENGTH} ký tự`;

  if (/[\s\u0000-\u001f\u007f-\u009f]/u.test(value)) return 'không được chứa khoảng trắng hay ký tự điều khiển';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'phải là địa chỉ đầy đủ, bắt đầu bằng https:// hoặc http://';
  }
  const allowed = kind === 'contact' ? CONTACT_SCHEMES : WEB_SCHEMES;
  if (!allowed.has(url.protocol)) {
    return kind === 'contact' ? 'chỉ chấp nhận địa chỉ https://, http://, mailto: hoặc tel:' : 'chỉ chấp nhận địa chỉ https:// hoặc http://';
  }
  if (WEB_SCHEMES.has(url.protocol)) {
    if (!url.hostname) return 'thiếu tên miền';
    if (url.username || url.password) return 'không được chứa tên đăng nhập hay mật khẩu';
  }
  return null;
}

/**
 * The value to put in an `href`, or null when it must not become a link. Applies
 * {@link urlProblem}; a bare host typed without a scheme (`soyte.laocai.gov.vn`) becomes
 * `https://…` for `web` fields. Never returns a `javascript:`, `data:`, `vbscript:` or any
 * other scheme.
 *
 * @example safeHref('https://laocai.gov.vn/a') // 'https://laocai.gov.vn/a'
 * @example safeHref('javascript:alert(1)//')   // null
 * @example safeHref('laocai.gov.vn')           // 'https://laocai.gov.vn/'
 */
export function safeHref(value: string | null | undefined, kind: UrlFieldKind = 'web'): string | null {
  if (value === null || value === undefined) return null;
  const v = String(value).trim();
  if (!v) return null;
  if (urlProblem(v, kind) === null) return new URL(v).href;
  // a bare domain name (letters, digits, dots, dashes, then an optional path) → https://
  if (/^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+(\/[^\s]*)?$/u.test(v)) {
    const guess = `https://${v}`;
    if (urlProblem(guess, 'web') === null) return new URL(guess).href;
  }
  return null;
}

/** A `mailto:` link for an email address, or null when the text is not a plain address. */
export function mailtoHref(email: string | null | undefined): string | null {
  const v = String(email ?? '').trim();
  if (!/^[^\s@<>"'`:/\\]+@[^\s@<>"'`:/\\]+\.[^\s@<>"'`:/\\]+$/u.test(v)) return null;
  return `mailto:${v}`;
}

/** A `tel:` link from a phone number as typed (digits and a leading +), or null when none. */
export function telHref(phone: string | null | undefined): string | null {
  const digits = String(phone ?? '')
    .replace(/[^\d+]/g, '')
    .replace(/(?!^)\+/g, '');
  return /\d{3,}/.test(digits) ? `tel:${digits}` : null;
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/u;

const CONTROL_ALL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/gu;

/**
 * Whether a text holds a control character XML 1.0 and the portal refuse: C0 controls other
 * than tab, line feed and carriage return, DEL, and the non-characters U+FFFE/U+FFFF.
 * Unpaired surrogates are reported too (they are not valid Unicode text).
 */
export function hasControlCharacters(text: string): boolean {
  return CONTROL.test(text) || !isWellFormed(text);
}

function isWellFormed(text: string): boolean {
  const s = text as string & { isWellFormed?: () => boolean };
  if (typeof s.isWellFormed === 'function') return s.isWellFormed();
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?:[^\ud800-\udbff]|^)[\udc00-\udfff]/.test(text);
}

/**
 * Text as the portal stores it: Unicode NFC (so "Lào Cai" typed with combining marks matches
 * "Lào Cai" typed precomposed, in search and in filters), with the characters of
 * {@link hasControlCharacters} removed (unpaired surrogates become U+FFFD).
 */
export function normaliseText(text: string): string {
  const s = text as string & { toWellFormed?: () => string };
  const wellFormed = typeof s.toWellFormed === 'function' ? s.toWellFormed() : text;
  return wellFormed.replace(CONTROL_ALL, '').normalize('NFC');
}

/**
 * Text safe for XML 1.0 (feeds, sitemaps): {@link normaliseText}. XML has no escape for the
 * control characters it forbids, so they are dropped, never escaped.
 */
export function xmlSafeText(text: string | null | undefined): string {
  return normaliseText(String(text ?? ''));
}

/**
 * Escapes text for HTML element content and quoted attribute values (`<`, `>`, `&`, `"`, `'`),
 * after removing control characters ({@link xmlSafeText}). Used for every stored or user-given
 * value put into an HTML mail (SECURITY.md: no stored value runs as script).
 */
export function escapeHtml(text: unknown): string {
  return xmlSafeText(text === null || text === undefined ? '' : String(text)).replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&quot;' })[c]!,
  );
}
