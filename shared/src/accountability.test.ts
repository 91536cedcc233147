import { describe, expect, it } from 'vitest';
import { complianceFor, monthRange, questionCountsFor, requiredUpdateDays, royaltyLedger, updateWeek, vietnamDay } from './accountability.js';

describe('monthRange', () => {
  it('bounds a month in Vietnam time', () => {
    expect(monthRange('2026-11')).toEqual({
      first: '2026-11-01',
      last: '2026-11-30',
      startUtc: '2026-10-31T17:00:00.000Z',
      endUtc: '2026-11-30T17:00:00.000Z',
    });
  });
  it('names the parameter on bad input', () => {
    expect(() => monthRange('2026-13')).toThrow(/month: phải có dạng YYYY-MM/);
    expect(() => monthRange('11/2026')).toThrow(RangeError);
  });
});

describe('requiredUpdateDays (R-2.5, R-2.6)', () => {
  it('lists Mondays, Wednesdays and Fridays for agencies', () => {
    const days = requiredUpdateDays('2026-11', 'monWedFri');
    expect(days.slice(0, 4)).toEqual(['2026-11-02', '2026-11-04', '2026-11-06', '2026-11-09']);
    expect(days).toHaveLength(13); // Mondays 2,9,16,23,30; Wednesdays 4,11,18,25; Fridays 6,13,20,27
  });
  it('lists every day for the press', () => {
    expect(requiredUpdateDays('2026-02', 'daily')).toHaveLength(28);
  });
  it('leaves out days not yet due', () => {
    expect(requiredUpdateDays('2026-11', 'monWedFri', '2026-11-05')).toEqual(['2026-11-02', '2026-11-04']);
  });
});

describe('complianceFor (R-3.7)', () => {
  const agency = { documentId: 'a1', name: 'Sở Y tế', updateSchedule: 'monWedFri' as const };
  it('counts a required day as met when something was published that Vietnam day', () => {
    // 2026-11-01T18:00Z is Monday 2 November 01:00 in Vietnam
    const row = complianceFor(agency, '2026-11', ['2026-11-01T18:00:00Z', '2026-11-04T03:00:00Z', '2026-11-05T03:00:00Z'], '2026-11-08');
    expect(row.requiredDays).toBe(3);
    expect(row.metDays).toBe(2);
    expect(row.missedDays).toEqual(['2026-11-06']);
    expect(row.itemsPublished).toBe(3);
    expect(row.rate).toBeCloseTo(2 / 3);
  });
  it('ignores publications of other months', () => {
    const row = complianceFor(agency, '2026-11', ['2026-10-30T03:00:00Z'], '2026-11-30');
    expect(row.itemsPublished).toBe(0);
    expect(row.metDays).toBe(0);
  });
  it('is fully compliant when nothing is due yet', () => {
    expect(complianceFor(agency, '2026-12', [], '2026-11-29').rate).toBe(1);
  });
});

describe('royaltyLedger (R-3.4)', () => {
  const base = { itemTitle: 't', agencyName: 'Báo Lào Cai' };
  it('pays each first publication of the month at its kind rate and totals by author', () => {
    const r = royaltyLedger(
      [
        { ...base, author: 'Nguyễn Văn A', itemKind: 'news', itemDocumentId: '1', publishedAt: '2026-11-03T02:00:00Z' },
        { ...base, author: 'Nguyễn Văn A', itemKind: 'announcement', itemDocumentId: '2', publishedAt: '2026-11-04T02:00:00Z' },
        { ...base, author: 'Trần Thị B', itemKind: 'news', itemDocumentId: '3', publishedAt: '2026-11-30T16:59:00Z' },
        { ...base, author: 'Trần Thị B', itemKind: 'news', itemDocumentId: '4', publishedAt: '2026-11-30T17:00:00Z' },
        { ...base, author: null, itemKind: 'news', itemDocumentId: '5', publishedAt: '2026-11-05T02:00:00Z' },
      ],
      '2026-11',
      { news: 100_000, announcement: 40_000 },
    );
    expect(r.lines.map((l) => l.itemDocumentId)).toEqual(['1', '2', '3']);
    expect(r.totalsByAuthor).toEqual([
      { author: 'Nguyễn Văn A', items: 2, amountVnd: 140_000 },
      { author: 'Trần Thị B', items: 1, amountVnd: 100_000 },
    ]);
    expect(r.totalVnd).toBe(240_000);
    expect(r.withoutAuthor.map((p) => p.itemDocumentId)).toEqual(['5']);
  });
});

describe('vietnamDay', () => {
  it('shifts UTC instants to the Vietnam calendar day', () => {
    expect(vietnamDay('2026-03-01T20:00:00Z')).toBe('2026-03-02');
  });
});

describe('updateWeek (R-2.5, R-2.6)', () => {
  it('gives Monday to Sunday of the week of today, Mon/Wed/Fri required, met by a publication that Vietnam day', () => {
    // Wednesday 2 Dec 2026; a publication at 17:30 UTC on Monday 30 Nov is Tuesday 1 Dec in Vietnam
    const week = updateWeek('2026-12-02', 'monWedFri', ['2026-11-30T03:00:00Z', '2026-11-30T17:30:00Z']);
    expect(week.map((d) => d.date)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
    expect(week.filter((d) => d.required).map((d) => d.date)).toEqual(['2026-11-30', '2026-12-02', '2026-12-04']);
    expect(week.filter((d) => d.met).map((d) => d.date)).toEqual(['2026-11-30', '2026-12-01']);
    expect(week.filter((d) => d.future).map((d) => d.date)).toEqual(['2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
  });
  it('requires every day for the press and starts on Monday when today is Sunday', () => {
    const week = updateWeek('2026-12-06', 'daily', []);
    expect(week[0].date).toBe('2026-11-30');
    expect(week.every((d) => d.required && !d.met)).toBe(true);
  });
  it('refuses a malformed day, naming it', () => {
    expect(() => updateWeek('02/12/2026', 'daily', [])).toThrow(/today/);
  });
});

describe('questionCountsFor (issue 11 item 2)', () => {
  it('counts received, answered on time and overdue for a month, Vietnam time', () => {
    const rows = [
      // received 1 March 00:30 Vietnam time (28 Feb UTC), answered on time
      { receivedAt: '2026-02-28T17:30:00.000Z', dueAt: '2026-03-20T16:59:59.999Z', answeredAt: '2026-03-10T03:00:00.000Z', answerStatus: 'answered' },
      // received in March, answered late in March
      { receivedAt: '2026-03-02T03:00:00.000Z', dueAt: '2026-03-05T16:59:59.999Z', answeredAt: '2026-03-09T03:00:00.000Z', answerStatus: 'answered' },
      // received in March, still open, due passed in March
      { receivedAt: '2026-03-03T03:00:00.000Z', dueAt: '2026-03-24T16:59:59.999Z', answeredAt: null, answerStatus: 'forwarded' },
      // received in March, open, due in April: not overdue in March
      { receivedAt: '2026-03-30T03:00:00.000Z', dueAt: '2026-04-20T16:59:59.999Z', answeredAt: null, answerStatus: 'received' },
      // rejected: received, never overdue
      { receivedAt: '2026-03-04T03:00:00.000Z', dueAt: '2026-03-06T16:59:59.999Z', answeredAt: null, answerStatus: 'rejected' },
    ];
    expect(questionCountsFor(rows, '2026-03', new Date('2026-04-15T00:00:00Z'))).toEqual({ received: 5, answeredOnTime: 1, overdue: 2 });
    // mid-month: only what was due by now is overdue
    expect(questionCountsFor(rows, '2026-03', new Date('2026-03-20T00:00:00Z')).overdue).toBe(1);
  });
});
