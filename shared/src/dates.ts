import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import 'dayjs/locale/vi.js';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(customParseFormat);

/**
 * The portal's time zone. Dates and times are displayed in this zone; instants are stored in
 * UTC (ISO 8601 with `Z`); calendar dates (Strapi `date` fields) are stored as `YYYY-MM-DD`.
 * Asia/Ho_Chi_Minh is UTC+07:00 all year (no daylight saving time).
 */
export const TIMEZONE = 'Asia/Ho_Chi_Minh';

/** Value accepted by the display helpers. */
export type DateInput = string | Date | number | null | undefined;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A time followed by `Z` or a UTC offset (`+07:00`, `+0700`, `+07`); a bare date's `-02` is not one. */
const HAS_OFFSET = /\d:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** True when year/month/day form a real day of the Gregorian calendar. */
function isValidCalendarDay(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(2000, month - 1, day));
  d.setUTCFullYear(year);
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function isoDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/**
 * Parses an input into a dayjs instant in {@link TIMEZONE}.
 * - `Date` / epoch milliseconds: that instant.
 * - string with `Z` or an offset: that instant.
 * - string without an offset (`YYYY-MM-DD`, `YYYY-MM-DDTHH:mm[:ss]`): wall-clock time in Vietnam.
 */
function toVietnamInstant(value: string | Date | number, fn: string): dayjs.Dayjs {
  let d: dayjs.Dayjs;
  if (typeof value === 'string') {
    const s = value.trim();
    const m = ISO_DATE.exec(s);
    if (m && !isValidCalendarDay(+m[1], +m[2], +m[3])) {
      throw new RangeError(`${fn}: invalid calendar date "${value}"`);
    }
    d = HAS_OFFSET.test(s) ? dayjs(s).tz(TIMEZONE) : dayjs.tz(s, TIMEZONE);
  } else {
    d = dayjs(value).tz(TIMEZONE);
  }
  if (!d.isValid()) throw new RangeError(`${fn}: invalid date "${String(value)}"`);
  return d.locale('vi');
}

/**
 * Since 1975-06-13 Asia/Ho_Chi_Minh is UTC+07:00 with no daylight saving time (IANA tz database;
 * before: +08:00 from 1959, and older offsets). From 1976-01-01T00:00:00Z on, an instant's
 * wall-clock time in {@link TIMEZONE} is therefore its UTC time + 7 h.
 */
const FIXED_OFFSET_SINCE_MS = Date.UTC(1976, 0, 1);
const OFFSET_MS = 7 * 3600_000;
/** Up to 9999-12-31 (dayjs writes a longer year differently). */
const FIXED_OFFSET_UNTIL_MS = Date.UTC(9999, 11, 31) - OFFSET_MS;

/**
 * The wall-clock fields in {@link TIMEZONE} of an instant given as a `Date`, epoch ms or a string
 * with `Z` or an offset, computed directly (UTC + 7 h) when the instant is in the fixed-offset
 * era; `null` for anything else (calendar dates, wall-clock strings, older or invalid instants),
 * which go through dayjs's time zone conversion. The same result as
 * `dayjs(value).tz(TIMEZONE)` (dates.test.ts compares them), without its cost: dayjs formats the
 * instant with `Intl` on every call — 0.3 ms a date, ~5 s of a 15,000-page full render
 * (bench/full-render.ts, session 7).
 */
function fixedOffsetFields(value: string | Date | number): Date | null {
  let ms: number;
  if (typeof value === 'string') {
    const s = value.trim();
    // dayjs parses an offset string with `new Date(s)` (it matches none of its own patterns)
    if (!HAS_OFFSET.test(s)) return null;
    ms = Date.parse(s);
  } else ms = typeof value === 'number' ? value : value instanceof Date ? value.getTime() : NaN;
  if (!(ms >= FIXED_OFFSET_SINCE_MS && ms <= FIXED_OFFSET_UNTIL_MS)) return null;
  return new Date(ms + OFFSET_MS);
}

function isEmpty(value: DateInput): value is null | undefined | '' {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/**
 * Formats a date for display as `DD/MM/YYYY`, in {@link TIMEZONE}.
 *
 * - An instant (`Date`, epoch ms, ISO 8601 string with `Z`/offset, as Strapi stores
 *   `datetime` fields in UTC) is converted to Vietnam time first:
 *   `'2026-03-01T20:00:00Z'` → `'02/03/2026'`.
 * - A date-only `'YYYY-MM-DD'` string is a calendar date (Strapi `date` field) and is shown
 *   as is, never shifted: `'2006-02-09'` → `'09/02/2006'`.
 * - A date-time string without an offset is taken as Vietnam wall-clock time.
 *
 * @returns `''` for `null`, `undefined` or an empty string.
 * @throws {RangeError} when the value cannot be parsed or is not a real calendar day.
 */
export function formatDate(value: DateInput): string {
  if (isEmpty(value)) return '';
  if (typeof value === 'string') {
    const m = ISO_DATE.exec(value.trim());
    if (m) {
      if (!isValidCalendarDay(+m[1], +m[2], +m[3])) {
        throw new RangeError(`formatDate: invalid calendar date "${value}"`);
      }
      return `${m[3]}/${m[2]}/${m[1]}`;
    }
  }
  const f = fixedOffsetFields(value);
  if (f) return `${pad(f.getUTCDate())}/${pad(f.getUTCMonth() + 1)}/${pad(f.getUTCFullYear(), 4)}`;
  return toVietnamInstant(value, 'formatDate').format('DD/MM/YYYY');
}

/**
 * Formats an instant for display as `HH:mm DD/MM/YYYY` (24-hour clock), in {@link TIMEZONE}.
 * `'2026-03-01T20:00:00Z'` → `'03:00 02/03/2026'`. A date-only `'YYYY-MM-DD'` is shown as
 * midnight of that calendar day (`'00:00 DD/MM/YYYY'`); a string without an offset is Vietnam
 * wall-clock time.
 *
 * @returns `''` for `null`, `undefined` or an empty string.
 * @throws {RangeError} when the value cannot be parsed.
 */
export function formatDateTime(value: DateInput): string {
  if (isEmpty(value)) return '';
  const f = fixedOffsetFields(value);
  if (f) return `${pad(f.getUTCHours())}:${pad(f.getUTCMinutes())} ${pad(f.getUTCDate())}/${pad(f.getUTCMonth() + 1)}/${pad(f.getUTCFullYear(), 4)}`;
  return toVietnamInstant(value, 'formatDateTime').format('HH:mm DD/MM/YYYY');
}

/**
 * Formats a date the way Vietnamese official documents write it in full:
 * `'2006-02-09'` → `'ngày 9 tháng 2 năm 2006'` (no leading zeros). Same input rules as
 * {@link formatDate}: calendar dates are not shifted, instants are converted to
 * {@link TIMEZONE}.
 *
 * @returns `''` for `null`, `undefined` or an empty string.
 * @throws {RangeError} when the value cannot be parsed or is not a real calendar day.
 */
export function formatLongDate(value: DateInput): string {
  const short = formatDate(value);
  if (!short) return '';
  const [dd, mm, yyyy] = short.split('/');
  return `ngày ${Number(dd)} tháng ${Number(mm)} năm ${yyyy}`;
}

interface DateCandidate {
  index: number;
  year: number;
  month: number;
  day: number;
}

/**
 * Finds the first valid calendar date in free Vietnamese text and returns it as ISO 8601
 * `YYYY-MM-DD` (a calendar date, no time zone involved). Recognised forms, in any
 * letter case and in NFC or NFD:
 * - `'Hà Nội, ngày 21 tháng 1 năm 1992'`, `'21 tháng 01 năm 1992'`, `'ngày 9 tháng 2, 2006'`
 * - `'ngày 09/02/2006'`, `'9/2/2006'`, `'09-02-2006'`, `'09.02.2006'` (day first, as in Vietnam)
 * - `'2006-02-09'`, `'2006/02/09'` (year first)
 *
 * Candidates are taken in order of position in the text; ones that are not real days
 * (`'31/02/2006'`) are skipped.
 *
 * @returns the ISO date, or `null` when the text contains no valid date.
 */
export function parseVietnameseDate(text: string): string | null {
  if (typeof text !== 'string' || !text) return null;
  const s = text.normalize('NFC');
  const candidates: DateCandidate[] = [];
  // "ngày 21 tháng 1 năm 1992" / "21 tháng 01, 1992"
  for (const m of s.matchAll(/(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:năm|,)?\s*(\d{4})(?!\d)/giu)) {
    candidates.push({ index: m.index ?? 0, day: +m[1], month: +m[2], year: +m[3] });
  }
  // "09/02/2006", "9-2-2006", "09.02.2006" (the separator must be the same twice)
  for (const m of s.matchAll(/(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?!\d)/gu)) {
    candidates.push({ index: m.index ?? 0, day: +m[1], month: +m[3], year: +m[4] });
  }
  // "2006-02-09", "2006/02/09" (optionally followed by a time)
  for (const m of s.matchAll(/(?<![\d/.-])(\d{4})([/-])(\d{1,2})\2(\d{1,2})(?!\d)/gu)) {
    candidates.push({ index: m.index ?? 0, year: +m[1], month: +m[3], day: +m[4] });
  }

  candidates.sort((x, y) => x.index - y.index);
  for (const c of candidates) {
    if (isValidCalendarDay(c.year, c.month, c.day)) return isoDate(c.year, c.month, c.day);
  }
  return null;
}

/**
 * Adds (or, with a negative number, subtracts) calendar days to an ISO 8601 calendar date.
 * `addDays('2006-02-09', 15)` → `'2006-02-24'`. Pure calendar arithmetic: no time zone, no
 * working-day logic (weekends and holidays count).
 *
 * @param isoDate `YYYY-MM-DD`
 * @param days an integer number of days
 * @returns `YYYY-MM-DD`
 * @throws {RangeError} when `isoDate` is not a valid `YYYY-MM-DD` date or `days` not an integer.
 */
export function addDays(isoDate: string, days: number): string {
  const m = typeof isoDate === 'string' ? ISO_DATE.exec(isoDate.trim()) : null;
  if (!m || !isValidCalendarDay(+m[1], +m[2], +m[3])) {
    throw new RangeError(`addDays: expected an ISO date YYYY-MM-DD, got "${String(isoDate)}"`);
  }
  if (!Number.isInteger(days)) throw new RangeError(`addDays: days must be an integer, got ${days}`);
  return dayjs.utc(m[0], 'YYYY-MM-DD', true).add(days, 'day').format('YYYY-MM-DD');
}

/**
 * Today's calendar date in Vietnam ({@link TIMEZONE}) as ISO 8601 `YYYY-MM-DD`.
 * `todayInVietnam(new Date('2026-03-01T20:00:00Z'))` → `'2026-03-02'`.
 *
 * @param now the instant to use, default the current time.
 * @throws {RangeError} when `now` is an invalid date.
 */
export function todayInVietnam(now: Date = new Date()): string {
  return toVietnamInstant(now, 'todayInVietnam').format('YYYY-MM-DD');
}

/**
 * Converts a date or instant to the storage form: ISO 8601 in UTC with milliseconds,
 * `YYYY-MM-DDTHH:mm:ss.sssZ`.
 * - `Date` / epoch ms / string with `Z` or an offset: that instant.
 * - string without an offset (`'2026-03-02 03:00'`, `'2026-03-02'`): Vietnam wall-clock time,
 *   so `'2026-03-02'` (midnight in Vietnam) → `'2026-03-01T17:00:00.000Z'`.
 *
 * @throws {RangeError} when the value is empty or cannot be parsed.
 */
export function toIsoUtc(date: string | Date | number): string {
  if (isEmpty(date as DateInput)) throw new RangeError('toIsoUtc: empty date');
  return toVietnamInstant(date, 'toIsoUtc').toDate().toISOString();
}
