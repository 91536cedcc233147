/**
 * Accountability rules of Decision 07/2006/QĐ-UBND: the update schedule (Article 2.3 —
 * Mon/Wed/Fri for agencies, R-2.6 daily for the radio-TV station and the newspaper), the monthly
 * compliance record per unit (Article 3.7 —) and the royalty ledger for authors of published
 * items (Article 3.4 — ). Pure functions; the CMS feeds them from the transition log.
 * Dates are calendar days in Asia/Ho_Chi_Minh, ISO `YYYY-MM-DD`; money is VND (integers).
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import { TIMEZONE } from './dates.js';
import type { UpdateSchedule } from './domain.js';

dayjs.extend(utc);
dayjs.extend(timezone);

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * Parses a report month.
 * @param month `YYYY-MM`
 * @returns the first and last calendar day of that month (ISO dates) and the UTC instants that
 *   bound it in Vietnam time: `[startUtc, endUtc)`
 * @throws RangeError naming the `month` parameter when it is not `YYYY-MM`
 */
export function monthRange(month: string): { first: string; last: string; startUtc: string; endUtc: string } {
  if (!MONTH.test(month ?? '')) throw new RangeError(`month: phải có dạng YYYY-MM (nhận được "${month}")`);
  const start = dayjs.tz(`${month}-01T00:00:00`, TIMEZONE);
  const next = start.add(1, 'month');
  return {
    first: start.format('YYYY-MM-DD'),
    last: next.subtract(1, 'day').format('YYYY-MM-DD'),
    startUtc: start.utc().toISOString(),
    endUtc: next.utc().toISOString(),
  };
}

/** The Vietnam calendar day of a UTC instant, ISO `YYYY-MM-DD`. */
export function vietnamDay(instant: string | Date): string {
  return dayjs(instant).tz(TIMEZONE).format('YYYY-MM-DD');
}

/**
 * The days of a month on which a unit must update the portal: Mondays, Wednesdays and Fridays
 * (`monWedFri`, R-2.5) or every day (`daily`, R-2.6 — press). Days after `until` are not yet due
 * and are left out, so the current month counts only the days that have passed.
 * @param month `YYYY-MM`; @param until ISO date (inclusive), default: the month's last day
 * @throws RangeError on a malformed month
 */
export function requiredUpdateDays(month: string, schedule: UpdateSchedule, until?: string): string[] {
  const { first, last } = monthRange(month);
  const end = until && until < last ? until : last;
  const out: string[] = [];
  for (let d = dayjs(first); d.format('YYYY-MM-DD') <= end; d = d.add(1, 'day')) {
    const dow = d.day(); // 0 Sunday … 6 Saturday
    if (schedule === 'daily' || dow === 1 || dow === 3 || dow === 5) out.push(d.format('YYYY-MM-DD'));
  }
  return out;
}

/** One day of a unit's update week: whether an update was due and whether one was published. */
export interface UpdateWeekDay {
  /** ISO calendar day in Asia/Ho_Chi_Minh */
  date: string;
  /** 1 Monday … 7 Sunday */
  weekday: number;
  /** an update is due this day (R-2.5 Mon/Wed/Fri, R-2.6 daily) */
  required: boolean;
  /** the unit published at least one item this day */
  met: boolean;
  /** the day is after `today`: not yet decided */
  future: boolean;
}

/**
 * The Monday-to-Sunday week (Asia/Ho_Chi_Minh) that contains `today`, with the days a unit must
 * update the portal (Article 2.3: Mon/Wed/Fri, R-2.5; daily for the press, R-2.6) and whether it
 * published on each. Feeds the "Việc của tôi" admin widget.
 * @param today ISO date `YYYY-MM-DD` (Vietnam calendar day)
 * @param publishedAt UTC instants of the unit's publications (others weeks are ignored)
 * @throws RangeError naming `today` when it is not `YYYY-MM-DD`
 */
export function updateWeek(today: string, schedule: UpdateSchedule, publishedAt: string[]): UpdateWeekDay[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today ?? '') || !dayjs(today).isValid()) throw new RangeError(`today: phải có dạng YYYY-MM-DD (nhận được "${today}")`);
  const t = dayjs(today);
  const monday = t.subtract((t.day() + 6) % 7, 'day');
  const published = new Set(publishedAt.map(vietnamDay));
  return Array.from({ length: 7 }, (_, i) => {
    const d = monday.add(i, 'day');
    const date = d.format('YYYY-MM-DD');
    const dow = d.day();
    return {
      date,
      weekday: i + 1,
      required: schedule === 'daily' || dow === 1 || dow === 3 || dow === 5,
      met: published.has(date),
      future: date > today,
    };
  });
}

/** One unit's monthly record. */
export interface ComplianceRow {
  agencyDocumentId: string;
  agencyName: string;
  schedule: UpdateSchedule;
  /** required update days that have passed in the month */
  requiredDays: number;
  /** required days on which the unit published at least one item */
  metDays: number;
  /** required days without any publication, ISO dates */
  missedDays: string[];
  /** metDays / requiredDays, 0–1 (1 when nothing was due yet) */
  rate: number;
  /** items the unit published in the month (any day) */
  itemsPublished: number;
}

/**
 * Computes one unit's compliance for a month. A required day counts as met when the unit
 * published at least one item that calendar day (Asia/Ho_Chi_Minh) — Article 2.3 asks for an update
 * on each of those days, not a weekly total.
 * @param publishedAt UTC instants of the unit's publications (any month; others are ignored)
 * @param today ISO date: days after it are not yet due
 */
export function complianceFor(
  agency: { documentId: string; name: string; updateSchedule: UpdateSchedule },
  month: string,
  publishedAt: string[],
  today: string,
): ComplianceRow {
  const { first, last } = monthRange(month);
  const days = publishedAt.map(vietnamDay).filter((d) => d >= first && d <= last);
  const published = new Set(days);
  const required = requiredUpdateDays(month, agency.updateSchedule, today);
  const missed = required.filter((d) => !published.has(d));
  const met = required.length - missed.length;
  return {
    agencyDocumentId: agency.documentId,
    agencyName: agency.name,
    schedule: agency.updateSchedule,
    requiredDays: required.length,
    metDays: met,
    missedDays: missed,
    rate: required.length ? met / required.length : 1,
    itemsPublished: days.length,
  };
}

/** What the monthly report counts of one unit's citizen questions (issue 11 item 2). */
export interface QuestionCounts {
  /** questions received in the month (Vietnam time) */
  received: number;
  /** questions answered in the month by their due date */
  answeredOnTime: number;
  /** questions answered in the month after their due date, plus those still open whose due date passed by the end of the month (or now) */
  overdue: number;
}

/**
 * Counts a unit's citizen questions for a month. Rejected questions are neither on time nor
 * overdue; a forwarded question counts for the agency that holds it now.
 * @param questions the unit's questions: receipt, due and answer instants (ISO 8601 UTC), status
 * @param now the current instant (a month not yet over counts overdue up to now)
 */
export function questionCountsFor(
  questions: readonly { receivedAt: string | null; dueAt: string | null; answeredAt: string | null; answerStatus: string }[],
  month: string,
  now: Date = new Date(),
): QuestionCounts {
  const { startUtc, endUtc } = monthRange(month);
  const cutoff = Math.min(Date.parse(endUtc), now.getTime());
  const inMonth = (v: string | null) => !!v && v >= startUtc && v < endUtc;
  let received = 0;
  let answeredOnTime = 0;
  let overdue = 0;
  for (const q of questions) {
    if (inMonth(q.receivedAt)) received++;
    if (q.answerStatus === 'rejected' || !q.dueAt) continue;
    const due = Date.parse(q.dueAt);
    if (q.answerStatus === 'answered' && q.answeredAt) {
      if (inMonth(q.answeredAt)) {
        if (Date.parse(q.answeredAt) <= due) answeredOnTime++;
        else overdue++;
      }
    } else if (due < cutoff && (!q.receivedAt || Date.parse(q.receivedAt) < Date.parse(endUtc))) {
      overdue++;
    }
  }
  return { received, answeredOnTime, overdue };
}

/** Royalty rates in VND per published item, by kind of item (R-3.4: "theo quy định của tỉnh"). */
export type RoyaltyRates = Record<string, number>;

/**
 * Default rates (VND) until the province's own rates are configured (CMS env ROYALTY_RATES_JSON).
 * They are placeholders of the right order of magnitude, not a legal tariff.
 */
export const DEFAULT_ROYALTY_RATES: RoyaltyRates = {
  news: 150_000,
  announcement: 50_000,
  legalDocument: 30_000,
  administrativeProcedure: 30_000,
  investmentProject: 50_000,
  question: 50_000,
};

/** One line of the royalty ledger: the first publication of an item by its author. */
export interface RoyaltyLine {
  author: string;
  itemKind: string;
  itemTitle: string;
  itemDocumentId: string;
  agencyName: string;
  /** UTC instant of the first publication */
  publishedAt: string;
  amountVnd: number;
}

/**
 * Builds the ledger lines of a month: one line per item first published in the month, paid to
 * its author at the rate of its kind (0 when the kind has no rate). Items without an author are
 * left out and returned separately so the board can complete them.
 * @param firstPublications first publication of each item (any month)
 */
export function royaltyLedger(
  firstPublications: { author: string | null; itemKind: string; itemTitle: string; itemDocumentId: string; agencyName: string; publishedAt: string }[],
  month: string,
  rates: RoyaltyRates = DEFAULT_ROYALTY_RATES,
): { lines: RoyaltyLine[]; withoutAuthor: typeof firstPublications; totalsByAuthor: { author: string; items: number; amountVnd: number }[]; totalVnd: number } {
  const { first, last } = monthRange(month);
  const inMonth = firstPublications.filter((p) => {
    const d = vietnamDay(p.publishedAt);
    return d >= first && d <= last;
  });
  const lines: RoyaltyLine[] = [];
  const withoutAuthor: typeof firstPublications = [];
  for (const p of inMonth) {
    const author = p.author?.trim();
    if (!author) {
      withoutAuthor.push(p);
      continue;
    }
    lines.push({ ...p, author, amountVnd: Math.max(0, Math.round(rates[p.itemKind] ?? 0)) });
  }
  lines.sort((a, b) => a.author.localeCompare(b.author, 'vi') || a.publishedAt.localeCompare(b.publishedAt));
  const totals = new Map<string, { author: string; items: number; amountVnd: number }>();
  for (const l of lines) {
    const t = totals.get(l.author) ?? { author: l.author, items: 0, amountVnd: 0 };
    t.items += 1;
    t.amountVnd += l.amountVnd;
    totals.set(l.author, t);
  }
  return { lines, withoutAuthor, totalsByAuthor: [...totals.values()], totalVnd: lines.reduce((s, l) => s + l.amountVnd, 0) };
}
