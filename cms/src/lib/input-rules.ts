import { errors } from '@strapi/utils';
import { hasControlCharacters, urlProblem, type UrlFieldKind } from '@cong/shared';
import { FIELD_LABELS } from '../bootstrap/admin-labels';
import { SYSTEM_FIELDS } from './content-types';
import type { FieldError } from './validation';

/**
 * Input rules applied to every value written to a public content type, at the API boundary (the
 * document-service middleware, so the admin panel, REST, GraphQL and the seed all pass here),
 * driven by the schema: every attribute of the type and, recursively, of its components
 * (single, repeatable, dynamic zones). Issue 9, class 7 ("bad input stored") and the server side
 * of the URL rule (class 4).
 *
 * Rules (refuse, never silently change what the editor meant):
 * - **Text** (string, text, richtext, uid, email): normalised to Unicode NFC in place (what is
 *   stored is NFC, so search and filters typed in NFC find it). A value holding a control
 *   character (shared `hasControlCharacters`: NUL and the other C0 controls except tab/line
 *   feed/carriage return, DEL, U+FFFE/U+FFFF, unpaired surrogates) is REFUSED naming the field —
 *   an editor never types one, it comes from a broken paste or an attack, and stripping it would
 *   change the text behind the editor's back. (The seed import strips them instead, with shared
 *   `normaliseText`, before writing: source files are not edited by hand.) A value longer than the
 *   schema's `maxLength` — or than 255 for a `string`/`uid`/`email` without one, PostgreSQL's
 *   varchar(255) — is refused naming the field instead of failing in the database. A non-string
 *   value for a text field is refused.
 * - **URL fields** ({@link URL_FIELDS}): trimmed, an empty value stored as null, otherwise shared
 *   `urlProblem` must find nothing (http/https with a host, at most 2,048 characters, no
 *   `javascript:` …).
 * - **Numbers** (integer, biginteger, decimal, float): a JS number that is finite (integers:
 *   a safe integer), or a string of plain digits (`"1500000"`, `"12.5"` for decimals) — never
 *   exponent notation (`1e+23`), spaces, separators or anything else; at least the schema's `min`
 *   (0 when the schema sets none: every number of the content model is a count, an amount of VND,
 *   an area or a position) and at most the schema's `max`, the column's range (integer: 32-bit;
 *   decimal: PostgreSQL decimal(10,2), below 10^8) and `Number.MAX_SAFE_INTEGER` (biginteger: the
 *   site reads amounts as JavaScript numbers).
 * - An empty string in a number or date field means no value (stored as null).
 * - **Dates**: `date` = a real calendar day `YYYY-MM-DD` (an ISO date-time is accepted, its day
 *   is what counts), year 1000–9999; `datetime` = an ISO 8601 date-time (or date) of a real day,
 *   or a valid `Date`; `time` = `HH:mm[:ss[.SSS]]`. Strapi itself throws on a bad date without
 *   naming the field; this names it.
 * Relations, media, enumerations (Strapi checks them), booleans and JSON are not touched.
 *
 * Paths name the field as the admin panel does: `title`, `fees.0.amountVnd`, `contact.website`.
 */

/** URL fields and the kind of link each holds, by content-type or component uid. */
export const URL_FIELDS: Record<string, Record<string, UrlFieldKind>> = {
  'api::article.article': { sourceUrl: 'web' },
  'api::legal-document.legal-document': { sourceUrl: 'web' },
  'api::administrative-procedure.administrative-procedure': { sourceUrl: 'web' },
  'api::e-service.e-service': { url: 'web' },
  'shared.contact': { website: 'web' },
};

/** Strapi's `string`, `uid`, `email`, `password` are varchar(255) on PostgreSQL. */
const VARCHAR_TYPES = new Set(['string', 'uid', 'email', 'password']);
const VARCHAR_LENGTH = 255;
const NUMBER_OR_DATE = new Set(['integer', 'biginteger', 'decimal', 'float', 'date', 'datetime', 'time', 'timestamp']);
const INT32_MAX = 2_147_483_647;
/** Strapi's `decimal` is decimal(10,2) on PostgreSQL. */
const DECIMAL_LIMIT = 1e8;

/** The field's name as editors see it: `Tiêu đề (title)`, `Số tiền (đồng) (fees.0.amountVnd)`. */
function fieldName(path: string[]): string {
  const last = path[path.length - 1];
  const label = FIELD_LABELS[last];
  const text = Array.isArray(label) ? label[0] : label;
  return text ? `${text} (${path.join('.')})` : path.join('.');
}

function error(path: string[], problem: string): FieldError {
  return { path, message: `${fieldName(path)}: ${problem}`, name: 'ValidationError' };
}

const isEmpty = (v: unknown) => v === undefined || v === null;

function checkText(attr: any, value: unknown, path: string[], out: FieldError[]): unknown {
  if (typeof value !== 'string') {
    out.push(error(path, 'phải là văn bản (chuỗi ký tự)'));
    return value;
  }
  if (hasControlCharacters(value)) {
    const at = [...value].findIndex((c) => hasControlCharacters(c));
    const code = at >= 0 ? `U+${[...value][at].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : 'ký tự không hợp lệ';
    out.push(error(path, `chứa ký tự điều khiển không in được (${code}, ở vị trí ${at + 1}); hãy gõ lại hoặc dán lại đoạn văn bản dưới dạng văn bản thuần`));
    return value;
  }
  const nfc = value.normalize('NFC');
  const max = typeof attr.maxLength === 'number' ? attr.maxLength : VARCHAR_TYPES.has(attr.type) ? VARCHAR_LENGTH : undefined;
  if (max !== undefined && nfc.length > max) out.push(error(path, `dài ${nfc.length} ký tự, tối đa ${max} ký tự`));
  if (typeof attr.minLength === 'number' && nfc.length > 0 && nfc.length < attr.minLength) out.push(error(path, `phải có ít nhất ${attr.minLength} ký tự`));
  return nfc;
}

function checkUrl(kind: UrlFieldKind, value: unknown, path: string[], out: FieldError[]): unknown {
  if (typeof value !== 'string') {
    out.push(error(path, 'phải là một địa chỉ (chuỗi ký tự)'));
    return value;
  }
  if (hasControlCharacters(value)) {
    out.push(error(path, 'chứa ký tự điều khiển không in được'));
    return value;
  }
  const v = value.normalize('NFC').trim();
  if (v === '') return null;
  const problem = urlProblem(v, kind);
  if (problem) out.push(error(path, `${problem} (nhận được "${v.length > 80 ? `${v.slice(0, 80)}…` : v}")`));
  return v;
}

function checkNumber(attr: any, value: unknown, path: string[], out: FieldError[]): void {
  const integer = attr.type === 'integer' || attr.type === 'biginteger';
  let n: number;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return void out.push(error(path, 'phải là một số hữu hạn'));
    if (integer && !Number.isInteger(value)) return void out.push(error(path, 'phải là số nguyên'));
    n = value;
  } else if (typeof value === 'string' || typeof value === 'bigint') {
    const s = String(value);
    const pattern = integer ? /^-?\d+$/ : /^-?\d+(\.\d+)?$/;
    if (/^-?\d+(\.\d+)?e[+-]?\d+$/i.test(s.trim())) {
      return void out.push(error(path, `viết đầy đủ các chữ số, không dùng dạng lũy thừa (nhận được "${s}")`));
    }
    if (!pattern.test(s)) {
      return void out.push(
        error(
          path,
          integer
            ? `phải là số nguyên, chỉ gồm chữ số, không có dấu chấm, dấu phẩy hay khoảng trắng (nhận được "${s.slice(0, 40)}")`
            : `phải là một số, ví dụ 12.5 (nhận được "${s.slice(0, 40)}")`,
        ),
      );
    }
    if (integer && BigInt(s) > BigInt(Number.MAX_SAFE_INTEGER)) {
      return void out.push(error(path, `quá lớn: tối đa ${Number.MAX_SAFE_INTEGER.toLocaleString('vi-VN')}`));
    }
    n = Number(s);
  } else {
    return void out.push(error(path, 'phải là một số'));
  }
  const min = typeof attr.min === 'number' ? attr.min : 0;
  const limits = [typeof attr.max === 'number' ? attr.max : Infinity];
  if (attr.type === 'integer') limits.push(INT32_MAX);
  if (integer) limits.push(Number.MAX_SAFE_INTEGER);
  if (attr.type === 'decimal') limits.push(DECIMAL_LIMIT - 0.01);
  const max = Math.min(...limits);
  if (n < min) out.push(error(path, min === 0 ? 'không được là số âm' : `không được nhỏ hơn ${min}`));
  else if (n > max) out.push(error(path, `quá lớn: tối đa ${max.toLocaleString('vi-VN')}`));
}

/** A real calendar day: `2026-02-30` and `2026-13-45` are not. */
function isRealDay(y: number, m: number, d: number): boolean {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  const t = new Date(Date.UTC(2000, m - 1, d));
  t.setUTCFullYear(y);
  return t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function isValidDateTimeText(s: string, dateOnly: boolean): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  if (!isRealDay(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  if (m[4] !== undefined) {
    if (Number(m[4]) > 23 || Number(m[5]) > 59 || (m[6] !== undefined && Number(m[6]) > 59)) return false;
  }
  return dateOnly || !Number.isNaN(Date.parse(m[4] === undefined ? `${s}T00:00:00Z` : s.replace(' ', 'T')));
}

function checkDate(attr: any, value: unknown, path: string[], out: FieldError[]): void {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime()) || value.getUTCFullYear() < 1000 || value.getUTCFullYear() > 9999) out.push(error(path, 'không phải là ngày hợp lệ'));
    return;
  }
  const s = typeof value === 'string' ? value.trim() : '';
  if (attr.type === 'time') {
    const m = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/.exec(s);
    if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59)
      out.push(error(path, `phải là giờ dạng HH:mm (nhận được "${String(value).slice(0, 40)}")`));
    return;
  }
  if (!isValidDateTimeText(s, attr.type === 'date')) {
    const shown = typeof value === 'string' ? `"${value.slice(0, 40)}"` : String(value);
    out.push(
      error(
        path,
        attr.type === 'date'
          ? `phải là một ngày có thật, dạng YYYY-MM-DD (nhận được ${shown})`
          : `phải là ngày giờ có thật, dạng ISO 8601 YYYY-MM-DDTHH:mm:ssZ (nhận được ${shown})`,
      ),
    );
  }
}

/**
 * Checks and normalises `data` (mutated: texts become NFC, URL fields trimmed) against the
 * attributes of `modelUid` (a content type or a component), recursing into components.
 *
 * @returns the field errors found (empty when every value is acceptable)
 */
export function checkInput(strapi: any, modelUid: string, data: Record<string, any>, prefix: string[] = [], out: FieldError[] = []): FieldError[] {
  const model = strapi.getModel(modelUid);
  if (!model || !data || typeof data !== 'object') return out;
  const urls = URL_FIELDS[modelUid] ?? {};
  for (const [key, value] of Object.entries(data)) {
    const attr = model.attributes?.[key];
    if (!attr || SYSTEM_FIELDS.has(key) || isEmpty(value)) continue;
    const path = [...prefix, key];
    if (NUMBER_OR_DATE.has(attr.type) && typeof value === 'string' && value.trim() === '') {
      data[key] = null; // an emptied number or date input means "no value" (required fields: Strapi says so)
      continue;
    }
    if (urls[key]) {
      data[key] = checkUrl(urls[key], value, path, out);
      continue;
    }
    switch (attr.type) {
      case 'string':
      case 'text':
      case 'richtext':
      case 'uid':
      case 'email':
      case 'password':
        data[key] = checkText(attr, value, path, out);
        break;
      case 'integer':
      case 'biginteger':
      case 'decimal':
      case 'float':
        checkNumber(attr, value, path, out);
        break;
      case 'date':
      case 'datetime':
      case 'time':
      case 'timestamp':
        checkDate(attr, value, path, out);
        break;
      case 'component':
        if (attr.repeatable) {
          if (!Array.isArray(value)) break; // Strapi refuses it with its own message
          value.forEach((item: any, i: number) => {
            if (item && typeof item === 'object') checkInput(strapi, attr.component, item, [...path, String(i)], out);
          });
        } else if (typeof value === 'object') {
          checkInput(strapi, attr.component, value, path, out);
        }
        break;
      case 'dynamiczone':
        if (Array.isArray(value)) {
          value.forEach((item: any, i: number) => {
            if (item && typeof item === 'object' && typeof item.__component === 'string') checkInput(strapi, item.__component, item, [...path, String(i)], out);
          });
        }
        break;
      default:
        break;
    }
  }
  return out;
}

/**
 * {@link checkInput} on a create/update payload; throws Strapi's ValidationError (HTTP 400)
 * carrying every field error.
 * @throws errors.ValidationError with `details.errors` = FieldError[]
 */
export function assertInput(strapi: any, uid: string, data: Record<string, any>): void {
  const found = checkInput(strapi, uid, data);
  if (found.length) throw new errors.ValidationError(found.map((e) => e.message).join('; '), { errors: found });
}
