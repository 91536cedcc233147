import { describe, expect, it } from 'vitest';
import { addWorkingDays, holidayCalendar, isOverdue, isWorkingDay, parseHolidays } from './working-days.js';

const cal = holidayCalendar({});
/** 09:00 Vietnam time on a day */
const at9 = (day: string) => new Date(`${day}T02:00:00Z`);
const dueDay = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

describe('working days (Asia/Ho_Chi_Minh)', () => {
  it('skips weekends; the due instant is the end of the last day, Vietnam time', () => {
    // Friday 2026-03-06 + 1 working day → Monday 2026-03-09, 23:59:59.999 +07:00
    const due = addWorkingDays(at9('2026-03-06'), 1, cal);
    expect(due.toISOString()).toBe('2026-03-09T16:59:59.999Z');
    // Monday + 5 → next Monday
    expect(dueDay(addWorkingDays(at9('2026-03-09'), 5, cal))).toBe('2026-03-16');
    // received Saturday: counting starts Monday
    expect(dueDay(addWorkingDays(at9('2026-03-07'), 1, cal))).toBe('2026-03-09');
  });

  it('uses the Vietnam day: 23:30 in Hanoi on Friday is Friday, not Saturday UTC', () => {
    const fridayLate = new Date('2026-03-06T16:30:00Z'); // 23:30 +07:00 Friday
    expect(dueDay(addWorkingDays(fridayLate, 1, cal))).toBe('2026-03-09');
    const saturdayEarly = new Date('2026-03-06T17:30:00Z'); // 00:30 +07:00 Saturday
    expect(dueDay(addWorkingDays(saturdayEarly, 1, cal))).toBe('2026-03-09');
  });

  it('skips a solar public holiday: 30/4 and 1/5', () => {
    expect(isWorkingDay('2026-04-30', cal)).toBe(false);
    expect(isWorkingDay('2026-05-01', cal)).toBe(false);
    // Wednesday 29/4/2026 + 1 → Monday 4/5 (Thu 30/4, Fri 1/5 off, weekend)
    expect(dueDay(addWorkingDays(at9('2026-04-29'), 1, cal))).toBe('2026-05-04');
  });

  it('a deadline crossing Tết Bính Ngọ 2026 (14–22/2) moves past it', () => {
    // Tuesday 10/2/2026 + 15 working days: 11,12,13 (3), Tết 14–22 off, 23–27 (8), 2–6/3 (13), 9,10/3 (15)
    expect(dueDay(addWorkingDays(at9('2026-02-10'), 15, cal))).toBe('2026-03-10');
    // the same without Tết would be 3/3
    const noTet = holidayCalendar({ PUBLIC_HOLIDAYS: '2026-09-01' });
    expect(dueDay(addWorkingDays(at9('2026-02-10'), 15, noTet))).toBe('2026-03-03');
  });

  it('holidays are configurable and checked', () => {
    const c = holidayCalendar({ PUBLIC_HOLIDAYS_EXTRA: '2026-03-10..2026-03-11' });
    expect(isWorkingDay('2026-03-10', c)).toBe(false);
    expect(isWorkingDay('2026-03-12', c)).toBe(true);
    expect(() => parseHolidays('2026-13-01')).toThrow(/PUBLIC_HOLIDAYS: "2026-13-01" is not a date/);
    expect(() => addWorkingDays(new Date(), 0, cal)).toThrow(RangeError);
  });

  it('overdue after the due instant', () => {
    expect(isOverdue('2026-03-09T16:59:59.999Z', new Date('2026-03-09T17:00:00Z'))).toBe(true);
    expect(isOverdue('2026-03-09T16:59:59.999Z', new Date('2026-03-09T16:00:00Z'))).toBe(false);
    expect(isOverdue(null)).toBe(false);
  });
});
