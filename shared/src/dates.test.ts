import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import { describe, expect, it } from 'vitest';
import { addDays, formatDate, formatDateTime, formatLongDate, parseVietnameseDate, TIMEZONE, todayInVietnam, toIsoUtc } from './dates.js';

describe('formatDate', () => {
  it('shows instants in Asia/Ho_Chi_Minh', () => {
    expect(TIMEZONE).toBe('Asia/Ho_Chi_Minh');
    expect(formatDate('2026-03-01T20:00Z')).toBe('02/03/2026');
    expect(formatDate('2026-03-01T20:00:00.000Z')).toBe('02/03/2026');
    expect(formatDate('2026-03-01T16:59:59Z')).toBe('01/03/2026');
    expect(formatDate(new Date('2026-03-01T20:00:00Z'))).toBe('02/03/2026');
    expect(formatDate('2026-03-02T02:00:00+09:00')).toBe('02/03/2026');
  });

  it('does not shift a calendar date', () => {
    expect(formatDate('2006-02-09')).toBe('09/02/2006');
    expect(formatDate('2026-12-31')).toBe('31/12/2026');
  });

  it('takes a date-time without offset as Vietnam wall-clock time', () => {
    expect(formatDate('2026-03-01T23:30:00')).toBe('01/03/2026');
  });

  it('returns empty for empty values and throws for garbage', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate(undefined)).toBe('');
    expect(formatDate('')).toBe('');
    expect(() => formatDate('not a date')).toThrow(RangeError);
    expect(() => formatDate('2006-02-31')).toThrow(RangeError);
  });
});

describe('formatDateTime / formatLongDate', () => {
  it('formats HH:mm DD/MM/YYYY in Vietnam time', () => {
    expect(formatDateTime('2026-03-01T20:00:00Z')).toBe('03:00 02/03/2026');
    expect(formatDateTime('2026-03-01T05:07:00Z')).toBe('12:07 01/03/2026');
    expect(formatDateTime(null)).toBe('');
  });

  it('writes the long Vietnamese form without leading zeros', () => {
    expect(formatLongDate('2006-02-09')).toBe('ngày 9 tháng 2 năm 2006');
    expect(formatLongDate('2026-03-01T20:00:00Z')).toBe('ngày 2 tháng 3 năm 2026');
    expect(formatLongDate('1992-01-21')).toBe('ngày 21 tháng 1 năm 1992');
    expect(formatLongDate(undefined)).toBe('');
  });
});

describe('parseVietnameseDate', () => {
  it('reads the dates Vietnamese documents write', () => {
    expect(parseVietnameseDate('Hà Nội, ngày 21 tháng 1 năm 1992')).toBe('1992-01-21');
    expect(parseVietnameseDate('Lào Cai, ngày 09 tháng 02 năm 2006')).toBe('2006-02-09');
    expect(parseVietnameseDate('ngày 09/02/2006')).toBe('2006-02-09');
    expect(parseVietnameseDate('9/2/2006')).toBe('2006-02-09');
    expect(parseVietnameseDate('09-02-2006')).toBe('2006-02-09');
    expect(parseVietnameseDate('09.02.2006')).toBe('2006-02-09');
    expect(parseVietnameseDate('2006-02-09')).toBe('2006-02-09');
    expect(parseVietnameseDate('2026-03-01T20:00:00Z')).toBe('2026-03-01');
  });

  it('ignores case and Unicode normalisation form', () => {
    expect(parseVietnameseDate('NGÀY 9 THÁNG 2 NĂM 2006'.normalize('NFD'))).toBe('2006-02-09');
  });

  it('validates the calendar day', () => {
    expect(parseVietnameseDate('31/02/2006')).toBeNull();
    expect(parseVietnameseDate('ngày 31 tháng 02 năm 2006')).toBeNull();
    expect(parseVietnameseDate('29/02/2023')).toBeNull();
    expect(parseVietnameseDate('29/02/2024')).toBe('2024-02-29');
    expect(parseVietnameseDate('2006-13-01')).toBeNull();
    // an invalid candidate is skipped, the next valid one wins
    expect(parseVietnameseDate('ngày 31/02/2006, sửa thành ngày 01/03/2006')).toBe('2006-03-01');
  });

  it('returns null when there is no date', () => {
    expect(parseVietnameseDate('')).toBeNull();
    expect(parseVietnameseDate('Không có ngày')).toBeNull();
    expect(parseVietnameseDate('07/2006/QĐ-UBND')).toBeNull();
  });

  it('the decision itself: signed 9 Feb 2006, effective 15 days later', () => {
    const signed = parseVietnameseDate('Lào Cai, ngày 9 tháng 2 năm 2006');
    expect(signed).toBe('2006-02-09');
    expect(addDays(signed!, 15)).toBe('2006-02-24');
  });
});

describe('addDays / todayInVietnam / toIsoUtc', () => {
  it('adds calendar days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', 0)).toBe('2024-03-01');
    expect(() => addDays('01/03/2024', 1)).toThrow(RangeError);
    expect(() => addDays('2024-03-01', 1.5)).toThrow(RangeError);
  });

  it('gives the Vietnam calendar date', () => {
    expect(todayInVietnam(new Date('2026-03-01T20:00:00Z'))).toBe('2026-03-02');
    expect(todayInVietnam(new Date('2026-03-01T16:59:00Z'))).toBe('2026-03-01');
    expect(todayInVietnam()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('converts to UTC for storage', () => {
    expect(toIsoUtc('2026-03-01T20:00:00Z')).toBe('2026-03-01T20:00:00.000Z');
    expect(toIsoUtc(new Date(Date.UTC(2026, 2, 1, 20)))).toBe('2026-03-01T20:00:00.000Z');
    expect(toIsoUtc('2026-03-02T03:00:00+07:00')).toBe('2026-03-01T20:00:00.000Z');
    // no offset: Vietnam wall-clock time
    expect(toIsoUtc('2026-03-02 03:00')).toBe('2026-03-01T20:00:00.000Z');
    expect(toIsoUtc('2026-03-02')).toBe('2026-03-01T17:00:00.000Z');
    expect(() => toIsoUtc('')).toThrow(RangeError);
    expect(() => toIsoUtc('hôm qua')).toThrow(RangeError);
  });
});

describe('formatDate / formatDateTime of instants (the fixed-offset path)', () => {
  dayjs.extend(utc);
  dayjs.extend(timezone);
  /** what dayjs's time zone conversion gives: the reference the direct UTC + 7 h path must equal */
  const viaDayjs = (v: string | Date | number, f: string) =>
    dayjs(typeof v === 'string' ? v.trim() : v)
      .tz(TIMEZONE)
      .format(f);

  it('equals dayjs for instants from 1976 to 9999, as Date, epoch ms, Z and offset strings', () => {
    let seed = 12345;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const instants: number[] = [
      Date.UTC(1976, 0, 1),
      Date.UTC(1976, 0, 1) - 1,
      Date.UTC(2026, 2, 1, 16, 59, 59, 999),
      Date.UTC(2026, 2, 1, 17),
      Date.UTC(2026, 11, 31, 16, 59),
      Date.UTC(2026, 11, 31, 17),
      Date.UTC(2028, 1, 28, 17),
      Date.UTC(9999, 11, 30, 16, 59),
    ];
    for (let i = 0; i < 300; i++) instants.push(Math.floor(Date.UTC(1976, 0, 1) + rand() * (Date.UTC(2200, 0, 1) - Date.UTC(1976, 0, 1))));
    for (const ms of instants) {
      const iso = new Date(ms).toISOString();
      const offset = dayjs(ms).utcOffset(-300).format('YYYY-MM-DDTHH:mm:ss.SSSZ');
      for (const v of [ms, new Date(ms), iso, ` ${iso} `, offset]) {
        expect(formatDate(v), `${String(v)}`).toBe(viaDayjs(v, 'DD/MM/YYYY'));
        expect(formatDateTime(v), `${String(v)}`).toBe(viaDayjs(v, 'HH:mm DD/MM/YYYY'));
      }
    }
  });

  it('keeps dayjs for older instants (other offsets in the tz database) and wall-clock strings', () => {
    expect(formatDateTime('1970-01-01T00:00:00Z')).toBe(viaDayjs('1970-01-01T00:00:00Z', 'HH:mm DD/MM/YYYY'));
    expect(formatDateTime('1965-06-01T00:00:00Z')).toBe(viaDayjs('1965-06-01T00:00:00Z', 'HH:mm DD/MM/YYYY'));
    expect(formatDateTime('2026-03-01T23:30:00')).toBe('23:30 01/03/2026');
    expect(() => formatDateTime('x 12:00Z')).toThrow(RangeError);
    expect(() => formatDate(Number.NaN)).toThrow(RangeError);
  });
});
