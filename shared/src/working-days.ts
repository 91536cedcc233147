/**
 * The Vietnamese working-day calendar (issue 11 item 2: a question's due date is its receipt plus
 * N working days). Days are calendar days in Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
 *
 * - Weekends: Saturday and Sunday (Decree 145/2020/NĐ-CP art. 64 for the state sector; the
 *   40-hour week of state offices).
 * - Public holidays (Labour Code 45/2019/QH14 art. 112): 1 January, Tết (5 days), Hùng Kings'
 *   commemoration (10/3 lunar), 30 April, 1 May, 2 September and one day next to it. The solar ones
 *   are built in for every year; the lunar ones (Tết, Hùng Kings) and the days the government
 *   swaps each year are listed per year in {@link DEFAULT_HOLIDAYS} (announced by the Ministry of
 *   Home Affairs) and can be replaced or extended with `PUBLIC_HOLIDAYS` (comma-separated
 *   `YYYY-MM-DD` or `YYYY-MM-DD..YYYY-MM-DD`), see {@link parseHolidays}.
 */

import { vietnamDay } from './accountability.js';

const VN_OFFSET_MS = 7 * 3_600_000;

/** Fixed solar holidays every year (MM-DD), Labour Code art. 112(1)(a,c,d,đ). */
export const SOLAR_HOLIDAYS = ['01-01', '04-30', '05-01', '09-02'] as const;

/**
 * Lunar holidays and official swaps by year, inclusive ranges of days off that are not already
 * weekends or solar holidays (sources: the Ministry of Home Affairs' yearly announcements).
 * 2026: Tết Bính Ngọ 14–22/2 (Notice of the Ministry of Home Affairs), Hùng Kings 26/4 (Sunday → 27/4), 2/9 with 1/9.
 * 2027: Tết Đinh Mùi 5–10/2 (provisional, to be confirmed by env), Hùng Kings 16/4, 2/9 with 3/9.
 */
export const DEFAULT_HOLIDAYS: readonly string[] = ['2026-02-14..2026-02-22', '2026-04-27', '2026-09-01', '2027-02-05..2027-02-10', '2027-04-16', '2027-09-03'];

/** A set of holidays as `YYYY-MM-DD` strings (Vietnam days) plus the solar ones every year. */
export interface HolidayCalendar {
  /** extra days off, `YYYY-MM-DD` */
  days: ReadonlySet<string>;
}

/**
 * Parses a holiday list.
 * @param spec comma-separated `YYYY-MM-DD` or `YYYY-MM-DD..YYYY-MM-DD` (inclusive); spaces ignored
 * @throws {Error} naming the bad entry (e.g. `PUBLIC_HOLIDAYS: "2026-13-01" is not a date`)
 */
export function parseHolidays(spec: string | readonly string[], name = 'PUBLIC_HOLIDAYS'): Set<string> {
  const parts = (typeof spec === 'string' ? spec.split(',') : [...spec]).map((s) => s.trim()).filter(Boolean);
  const out = new Set<string>();
  for (const part of parts) {
    const [a, b = a] = part.split('..').map((s) => s.trim());
    const start = dayNumber(a!, name);
    const end = dayNumber(b!, name);
    if (end < start || end - start > 31) throw new Error(`${name}: "${part}" is not a range of at most 31 days`);
    for (let d = start; d <= end; d++) out.add(dayString(d));
  }
  return out;
}

/**
 * The calendar from the environment: `PUBLIC_HOLIDAYS` when set (replaces {@link DEFAULT_HOLIDAYS}),
 * plus `PUBLIC_HOLIDAYS_EXTRA` (added).
 * @throws {Error} when a variable is malformed
 */
export function holidayCalendar(env: Record<string, string | undefined> = {}): HolidayCalendar {
  const base = env.PUBLIC_HOLIDAYS?.trim() ? parseHolidays(env.PUBLIC_HOLIDAYS) : parseHolidays(DEFAULT_HOLIDAYS, 'DEFAULT_HOLIDAYS');
  if (env.PUBLIC_HOLIDAYS_EXTRA?.trim()) for (const d of parseHolidays(env.PUBLIC_HOLIDAYS_EXTRA, 'PUBLIC_HOLIDAYS_EXTRA')) base.add(d);
  return { days: base };
}

/** Whether a Vietnam day (`YYYY-MM-DD`) is a working day: not Saturday, Sunday, a solar holiday or a listed one. */
export function isWorkingDay(day: string, cal: HolidayCalendar): boolean {
  const n = dayNumber(day, 'day');
  const weekday = new Date(n * 86_400_000).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  if ((SOLAR_HOLIDAYS as readonly string[]).includes(day.slice(5))) return false;
  return !cal.days.has(day);
}

/**
 * The due instant of something received at `received` with `n` working days to answer: the end
 * (23:59:59.999 Vietnam time) of the n-th working day after the day of receipt. Received on a
 * day off, counting starts with the next working day all the same (the day of receipt never counts).
 * @param received the instant of receipt
 * @param n working days (a positive integer; 15 for questions by default, `QUESTION_ANSWER_WORKING_DAYS`)
 * @returns the due instant (a Date; store it as UTC ISO 8601)
 * @throws {RangeError} when n is not a positive integer
 */
export function addWorkingDays(received: Date, n: number, cal: HolidayCalendar): Date {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`working days must be a positive integer, got ${n}`);
  let d = dayNumber(vietnamDay(received), 'received');
  let left = n;
  while (left > 0) {
    d++;
    if (isWorkingDay(dayString(d), cal)) left--;
  }
  return new Date((d + 1) * 86_400_000 - VN_OFFSET_MS - 1);
}

/** Whether something due at `dueAt` and not done is overdue at `now`. */
export function isOverdue(dueAt: Date | string | null | undefined, now: Date = new Date()): boolean {
  if (!dueAt) return false;
  return new Date(dueAt).getTime() < now.getTime();
}

function dayNumber(day: string, name: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(t) || dayString(t / 86_400_000) !== day) throw new Error(`${name}: "${day}" is not a date (YYYY-MM-DD)`);
  return t / 86_400_000;
}

function dayString(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}
