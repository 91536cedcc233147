/**
 * Citizen intake forms (issue 11: questions, consultation comments, page ratings): one
 * description of a form's fields, validated the same way by the publisher (first pass, to render
 * the form again with errors) and by the CMS (authoritative), and rendered to HTML by one
 * function — at build time by the Astro page and at request time by the publisher, which puts a
 * fresh fill-time token, the values kept and the Vietnamese errors into the built page between
 * the markers of {@link formMarkers}. Browser-safe (no Node modules); the signed fill-time token
 * is in `@cong/shared/intake-token` (node:crypto).
 *
 * How to add a form: describe it as an {@link IntakeForm}, render it in its Astro page with
 * {@link renderIntakeForm} (`<Fragment set:html={…} />`), register an intake route in the
 * publisher (site/publisher/intake.ts) and a CMS route that calls cms/src/lib/intake.ts.
 */
import { escapeHtml } from './safe.js';

/** Header the publisher sends its server-side intake token in (CMS env `INTAKE_TOKEN`). */
export const INTAKE_TOKEN_HEADER = 'x-cong-intake-token';
/** Header the publisher passes the citizen's network address in (trusted only with the token). */
export const INTAKE_CLIENT_HEADER = 'x-cong-client-address';
/** Name of the honeypot field: hidden from people (CSS + aria-hidden + tabindex −1), bots fill it. */
export const HONEYPOT_FIELD = 'website';
/** Name of the hidden field holding the signed fill-time token. */
export const FILL_TOKEN_FIELD = 'form_token';

/** Kinds of field a form can have. */
export type IntakeFieldKind = 'text' | 'email' | 'tel' | 'textarea' | 'select' | 'checkbox' | 'radio' | 'hidden';

/** One field of an intake form. Every length is in characters after NFC normalisation. */
export interface IntakeField {
  /** form field name (ASCII) and key of the value */
  name: string;
  kind: IntakeFieldKind;
  /** Vietnamese label, shown to the citizen and used in error messages */
  label: string;
  required?: boolean;
  /** longest value accepted (default 200 for one-line fields, 5000 for textareas) */
  maxLength?: number;
  /** shortest value accepted, when given */
  minLength?: number;
  /** Vietnamese help text under the label */
  hint?: string;
  /** the choices of a select or radio field (value → Vietnamese label) */
  options?: readonly { value: string; label: string }[];
  /** HTML autocomplete token */
  autocomplete?: string;
  /** rows of a textarea */
  rows?: number;
  /** Vietnamese message when a required field is empty (default: "Vui lòng nhập/chọn <label>.") */
  requiredMessage?: string;
}

/** A form: its id (also the marker name), where it posts, its fields and its button. */
export interface IntakeForm {
  /** ASCII id, e.g. `question`; names the markers and signs the fill-time token */
  id: string;
  /** site path the form posts to (the publisher), e.g. `/hoi-dap/gui-cau-hoi/` */
  action: string;
  fields: readonly IntakeField[];
  /** text of the submit button */
  submitLabel: string;
  /** check across fields after each field passed (e.g. "email or phone"): field name → message */
  crossCheck?: (values: IntakeValues) => IntakeErrors;
}

/** Values by field name: strings, `true`/`false` for checkboxes. */
export type IntakeValues = Record<string, string | boolean>;
/** Vietnamese error messages by field name; `_form` for the whole form. */
export type IntakeErrors = Record<string, string>;

const DEFAULT_MAX_LINE = 200;
const DEFAULT_MAX_TEXT = 5000;

/**
 * A citizen's text made safe to store and compare: Unicode NFC (Vietnamese typed on different
 * keyboards composes differently), CR LF → LF, control characters other than newline and tab
 * removed, zero-width and bidirectional-override characters removed, outer spaces trimmed.
 * One-line values also fold runs of whitespace to one space.
 * @param value anything; non-strings become ''
 * @param multiline keep newlines (textareas)
 */
export function normalizeText(value: unknown, multiline = false): string {
  if (typeof value !== 'string') return '';
  let s = value.normalize('NFC').replace(/\r\n?/g, '\n');
  s = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g, '');
  if (!multiline) s = s.replace(/\s+/g, ' ');
  else s = s.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n');
  return s.trim();
}

const EMAIL_RE = /^[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;
/** Vietnamese phone numbers: 0 or +84 followed by 9–10 digits (spaces, dots, dashes allowed in between). */
const PHONE_RE = /^(\+84|0)\d{9,10}$/;

/** An email address in the shape the CMS stores (lower-cased), or null when it is not one. */
export function normalizeEmail(value: string): string | null {
  const v = value.trim().toLowerCase();
  return v.length <= 254 && EMAIL_RE.test(v) ? v : null;
}

/** A Vietnamese phone number reduced to its digits (`+84` → `0`), or null when it is not one. */
export function normalizePhone(value: string): string | null {
  const v = value.replace(/[\s.\-()]/g, '');
  if (!PHONE_RE.test(v)) return null;
  return v.startsWith('+84') ? `0${v.slice(3)}` : v;
}

/**
 * Validates a submission against a form's fields.
 * @param form the form
 * @param raw the posted values (urlencoded pairs, or JSON from the publisher); unknown names are ignored
 * @returns the normalised values (NFC, trimmed; emails lower-cased; phones as digits; checkboxes
 *   as booleans) and the Vietnamese error of each bad field, naming it (empty when all is well)
 */
export function validateIntake(form: IntakeForm, raw: Record<string, unknown>): { values: IntakeValues; errors: IntakeErrors } {
  const values: IntakeValues = {};
  const errors: IntakeErrors = {};
  for (const f of form.fields) {
    const input = raw[f.name];
    if (f.kind === 'checkbox') {
      values[f.name] = input === true || input === 'on' || input === 'true' || input === '1';
      if (f.required && !values[f.name]) errors[f.name] = `Vui lòng đánh dấu ô "${f.label}".`;
      continue;
    }
    const v = normalizeText(input, f.kind === 'textarea');
    values[f.name] = v;
    const max = f.maxLength ?? (f.kind === 'textarea' ? DEFAULT_MAX_TEXT : DEFAULT_MAX_LINE);
    if (!v) {
      if (f.required && f.requiredMessage) errors[f.name] = f.requiredMessage;
      else if (f.required) errors[f.name] = f.kind === 'select' || f.kind === 'radio' ? `Vui lòng chọn ${lower(f.label)}.` : `Vui lòng nhập ${lower(f.label)}.`;
      continue;
    }
    if ([...v].length > max) {
      errors[f.name] = `${f.label} dài quá ${max.toLocaleString('vi-VN')} ký tự (hiện có ${[...v].length.toLocaleString('vi-VN')}).`;
      continue;
    }
    if (f.minLength && [...v].length < f.minLength) {
      errors[f.name] = `${f.label} cần ít nhất ${f.minLength} ký tự.`;
      continue;
    }
    if (f.kind === 'email') {
      const e = normalizeEmail(v);
      if (!e) errors[f.name] = `${f.label} không đúng dạng (ví dụ: ten@example.vn).`;
      else values[f.name] = e;
    } else if (f.kind === 'tel') {
      const p = normalizePhone(v);
      if (!p) errors[f.name] = `${f.label} không đúng dạng số điện thoại Việt Nam (ví dụ: 0912 345 678).`;
      else values[f.name] = p;
    } else if ((f.kind === 'select' || f.kind === 'radio') && f.options && !f.options.some((o) => o.value === v)) {
      errors[f.name] = `${f.label}: lựa chọn không hợp lệ, vui lòng chọn lại.`;
    }
  }
  if (form.crossCheck && Object.keys(errors).length === 0) Object.assign(errors, form.crossCheck(values));
  return { values, errors };
}

function lower(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** The comment markers a form (or its result) sits between in a built page: `<!--cong-intake:<id>-->…<!--/cong-intake:<id>-->`. */
export function formMarkers(id: string): { start: string; end: string } {
  return { start: `<!--cong-intake:${id}-->`, end: `<!--/cong-intake:${id}-->` };
}

/**
 * Replaces what lies between a form's markers in a page with new HTML (markers kept).
 * @returns the new page, or null when the page has no such markers
 */
export function replaceBetweenMarkers(page: string, id: string, html: string): string | null {
  const { start, end } = formMarkers(id);
  const a = page.indexOf(start);
  const b = a < 0 ? -1 : page.indexOf(end, a + start.length);
  if (a < 0 || b < 0) return null;
  return page.slice(0, a + start.length) + html + page.slice(b);
}

/** What {@link renderIntakeForm} shows. */
export interface IntakeFormState {
  /** values to fill in (kept after an error; preselection) */
  values?: IntakeValues;
  /** errors by field; `_form` above the form */
  errors?: IntakeErrors;
  /** the signed fill-time token; empty in the built page (the publisher fills it in) */
  token?: string;
  /** options to add to or replace in select fields, by field name (e.g. the agencies, known at build time) */
  options?: Record<string, readonly { value: string; label: string }[]>;
}

/**
 * The form's HTML: labels tied to fields, hints and errors linked by `aria-describedby`,
 * `aria-invalid` on bad fields, an error summary with links to the fields (GOV.UK pattern), a
 * honeypot and the fill-time token; every value escaped. Works with no JavaScript and no
 * `required` attributes so the server's Vietnamese messages are what the citizen sees.
 * @returns HTML without the markers (the caller wraps it in {@link formMarkers})
 */
export function renderIntakeForm(form: IntakeForm, state: IntakeFormState = {}): string {
  const values = state.values ?? {};
  const errors: IntakeErrors = { ...(state.errors ?? {}) };
  const id = (name: string) => `${form.id}-${name}`;
  const out: string[] = [];
  // a hidden field has nothing to point at: its error is shown above the form
  const errorNames = form.fields.filter((f) => errors[f.name] && f.kind !== 'hidden').map((f) => f.name);
  const hiddenErrors = form.fields.filter((f) => errors[f.name] && f.kind === 'hidden').map((f) => errors[f.name]!);
  if (hiddenErrors.length) errors._form = [errors._form, ...hiddenErrors].filter(Boolean).join(' ');
  if (errors._form || errorNames.length) {
    out.push(`<div class="form-errors" role="alert" tabindex="-1" id="${id('loi')}"><h2>Chưa gửi được</h2>`);
    if (errors._form) out.push(`<p>${escapeHtml(errors._form)}</p>`);
    if (errorNames.length) {
      out.push('<ul>');
      for (const n of errorNames) out.push(`<li><a href="#${id(n)}">${escapeHtml(errors[n])}</a></li>`);
      out.push('</ul>');
    }
    out.push('</div>');
  }
  out.push(`<form class="intake-form" method="post" action="${escapeHtml(form.action)}" accept-charset="utf-8" novalidate>`);
  for (const f of form.fields) {
    const err = errors[f.name];
    const described = [f.hint ? id(`${f.name}-goi-y`) : '', err ? id(`${f.name}-loi`) : ''].filter(Boolean).join(' ');
    const aria = `${described ? ` aria-describedby="${described}"` : ''}${err ? ' aria-invalid="true"' : ''}`;
    const hint = f.hint ? `<p class="field-hint" id="${id(`${f.name}-goi-y`)}">${escapeHtml(f.hint)}</p>` : '';
    const errHtml = err ? `<p class="field-error" id="${id(`${f.name}-loi`)}"><span class="visually-hidden">Lỗi: </span>${escapeHtml(err)}</p>` : '';
    const req = f.required ? ' <span class="field-required">(bắt buộc)</span>' : '';
    const value = values[f.name];
    if (f.kind === 'hidden') {
      out.push(`<input type="hidden" name="${f.name}" value="${escapeHtml(typeof value === 'string' ? value : '')}">`);
      continue;
    }
    const cls = `field${err ? ' field--error' : ''}`;
    if (f.kind === 'checkbox') {
      out.push(
        `<div class="${cls} field--checkbox">${errHtml}<input type="checkbox" id="${id(f.name)}" name="${f.name}" value="on"${value === true ? ' checked' : ''}${aria}> <label for="${id(f.name)}">${escapeHtml(f.label)}${req}</label>${hint}</div>`,
      );
      continue;
    }
    if (f.kind === 'radio') {
      const opts = state.options?.[f.name] ?? f.options ?? [];
      out.push(`<fieldset class="${cls}"${aria}><legend>${escapeHtml(f.label)}${req}</legend>${hint}${errHtml}`);
      opts.forEach((o, i) => {
        const oid = `${id(f.name)}${i ? `-${i}` : ''}`;
        out.push(
          `<div class="field--radio"><input type="radio" id="${oid}" name="${f.name}" value="${escapeHtml(o.value)}"${value === o.value ? ' checked' : ''}> <label for="${oid}">${escapeHtml(o.label)}</label></div>`,
        );
      });
      out.push('</fieldset>');
      continue;
    }
    out.push(`<div class="${cls}"><label for="${id(f.name)}">${escapeHtml(f.label)}${req}</label>${hint}${errHtml}`);
    const str = typeof value === 'string' ? value : '';
    const max = f.maxLength ?? (f.kind === 'textarea' ? DEFAULT_MAX_TEXT : DEFAULT_MAX_LINE);
    const ac = f.autocomplete ? ` autocomplete="${escapeHtml(f.autocomplete)}"` : '';
    if (f.kind === 'textarea') {
      out.push(`<textarea id="${id(f.name)}" name="${f.name}" rows="${f.rows ?? 8}" maxlength="${max}"${aria}>${escapeHtml(str)}</textarea>`);
    } else if (f.kind === 'select') {
      const opts = state.options?.[f.name] ?? f.options ?? [];
      out.push(`<select id="${id(f.name)}" name="${f.name}"${aria}><option value="">— Chọn —</option>`);
      for (const o of opts) out.push(`<option value="${escapeHtml(o.value)}"${str === o.value ? ' selected' : ''}>${escapeHtml(o.label)}</option>`);
      out.push('</select>');
    } else {
      const type = f.kind === 'tel' ? 'tel' : f.kind === 'email' ? 'email' : 'text';
      const mode = f.kind === 'tel' ? ' inputmode="tel"' : '';
      out.push(`<input type="${type}" id="${id(f.name)}" name="${f.name}" value="${escapeHtml(str)}" maxlength="${max}"${mode}${ac}${aria}>`);
    }
    out.push('</div>');
  }
  // the honeypot: people never see or reach it; a bot filling every field fills it
  out.push(
    `<div class="hp-field" aria-hidden="true"><label for="${id(HONEYPOT_FIELD)}">Để trống ô này</label><input type="text" id="${id(HONEYPOT_FIELD)}" name="${HONEYPOT_FIELD}" value="" tabindex="-1" autocomplete="off"></div>`,
  );
  out.push(`<input type="hidden" name="${FILL_TOKEN_FIELD}" value="${escapeHtml(state.token ?? '')}">`);
  out.push(`<button type="submit" class="button">${escapeHtml(form.submitLabel)}</button></form>`);
  return out.join('');
}

/**
 * Shortens a person's name for publication: the family name in full, every other word as its
 * initial — "Nguyễn Văn An" → "Nguyễn V. A.", "Lò Thị Mai" → "Lò T. M.". One word stays as is.
 * Issue 11 item 2 (the asker consents to publication with the name shortened).
 */
export function shortenName(name: string): string {
  const words = normalizeText(name).split(' ').filter(Boolean);
  if (words.length <= 1) return words[0] ?? '';
  return [words[0], ...words.slice(1).map((w) => `${[...w][0]!.toLocaleUpperCase('vi-VN')}.`)].join(' ');
}

/**
 * A comment carrying a form's build-time select options (e.g. the published agencies), so the
 * publisher renders the same choices when it shows the form again: `<!--cong-intake-options:<id>:<base64 JSON>-->`.
 */
export function optionsComment(id: string, options: Record<string, readonly { value: string; label: string }[]>): string {
  const json = JSON.stringify(options);
  const b64 = typeof btoa === 'function' ? btoa(String.fromCharCode(...new TextEncoder().encode(json))) : '';
  return `<!--cong-intake-options:${id}:${b64}-->`;
}

/** The options of {@link optionsComment} read back from a page; `{}` when absent or malformed. */
export function readOptionsComment(page: string, id: string): Record<string, { value: string; label: string }[]> {
  const m = new RegExp(`<!--cong-intake-options:${id.replace(/[^A-Za-z0-9_-]/g, '')}:([A-Za-z0-9+/=]*)-->`).exec(page);
  if (!m) return {};
  try {
    const bin = atob(m[1]!);
    const parsed = JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0))));
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

/**
 * A site page path as a rating or a link may name it, reduced to the one form the release uses
 * (red-team F11): percent-decoded once, NFC, a leading `/`, no query or fragment, no `index.html`,
 * a trailing `/`, lower-case ASCII letters, digits, `-`, `_`, `.` and `/` only — no `..`, no `//`,
 * at most 300 characters. Accepts the absolute URL of a page of `origin` too.
 * @returns the path (e.g. `/tin-tuc/abc/`), or null when it cannot be a page of the site
 */
export function normalizePagePath(raw: unknown, origin?: string): string | null {
  if (typeof raw !== 'string') return null;
  let p = raw.trim();
  if (!p || p.length > 600) return null;
  if (!p.startsWith('/')) {
    if (!origin) return null;
    try {
      const u = new URL(p);
      if (u.origin !== new URL(origin).origin) return null;
      p = u.pathname;
    } catch {
      return null;
    }
  }
  p = p.replace(/[?#].*$/s, '');
  try {
    p = decodeURIComponent(p);
  } catch {
    return null;
  }
  p = p.normalize('NFC').replace(/\/index\.html$/, '/');
  if (!p.endsWith('/')) p = `${p}/`;
  if (p.length > 300 || !/^\/[a-z0-9\-_./]*$/.test(p) || p.includes('//') || /(^|\/)\.\.?(\/|$)/.test(p)) return null;
  return p;
}
