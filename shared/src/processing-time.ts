import type { ProcessingTimeUnit } from './domain.js';

/** A processing time ("thời hạn giải quyết") read from text. */
export interface ProcessingTime {
  /** the number, e.g. 15 (may be fractional: "1,5 ngày" → 1.5) */
  value: number;
  /** the unit: working days, calendar days, hours or months */
  unit: ProcessingTimeUnit;
  /** the full source text, trimmed, whitespace collapsed (for the component's `text` field) */
  text: string;
}

/**
 * `<number> [(<number in words>)] <unit>`; the unit alternatives are ordered so that
 * "ngày làm việc" wins over "ngày".
 */
const TIME_RE = /(?<![\p{L}\p{N}.,/])(\d+(?:[.,]\d+)?)(?:\s*\([^()\d]{1,40}\))?\s*(ngày\s+làm\s+việc|ngày|giờ|tháng|tuần)(?![\p{L}])/giu;

/**
 * Reads the first "number + unit" from a Vietnamese processing-time text
 * ("thời hạn giải quyết") and returns it with the unit of the `procedure.processing-time`
 * component:
 * - `'15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ'` → `{ value: 15, unit: 'workingDays' }`
 * - `'Trong thời hạn không quá 20 ngày'` → `{ value: 20, unit: 'days' }`
 * - `'03 ngày'` → 3 days; `'48 giờ'` → 48 hours; `'02 tháng'` → 2 months
 * - `'15 (mười lăm) ngày làm việc'` → 15 working days (number in words in brackets is skipped)
 * - `'02 tuần'` → 14 days (weeks are converted: the component has no week unit)
 *
 * Only the first match counts: for a text listing several stages
 * ("thẩm định: không quá 07 ngày làm việc … phê duyệt: không quá 03 ngày làm việc") the
 * first stage is returned; the full text is kept in `text`. Dates written as
 * "ngày 15 tháng 3 năm 2024" are not mistaken for "15 tháng" (15 months). Matching ignores
 * letter case ("05 Ngày") and accepts NFD input.
 *
 * @returns `null` when the text has no number followed by a unit (`'Theo quy định'`, `''`).
 */
export function parseProcessingTime(text: string): ProcessingTime | null {
  if (typeof text !== 'string' || !text.trim()) return null;
  const s = text.normalize('NFC');
  for (const m of s.matchAll(TIME_RE)) {
    const value = Number(m[1].replace(',', '.'));
    const unitWord = m[2].toLowerCase().replace(/\s+/g, ' ');
    const after = s.slice((m.index ?? 0) + m[0].length);
    // "15 tháng 3 năm 2024" / "ngày 15 tháng 03" is a date, not a duration
    if (unitWord === 'tháng' && /^\s*\d/.test(after)) continue;
    if (!Number.isFinite(value)) continue;
    let unit: ProcessingTimeUnit;
    let v = value;
    switch (unitWord) {
      case 'ngày làm việc':
        unit = 'workingDays';
        break;
      case 'ngày':
        unit = 'days';
        break;
      case 'giờ':
        unit = 'hours';
        break;
      case 'tháng':
        unit = 'months';
        break;
      default: // tuần
        unit = 'days';
        v = value * 7;
    }
    return { value: v, unit, text: s.trim().replace(/\s+/g, ' ') };
  }
  return null;
}
