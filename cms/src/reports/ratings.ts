/**
 * "Thông tin này có hữu ích không?" — the ratings report (issue 11, item 4; Decree 224/2026/NĐ-CP,
 * Art. 10(3)(b)): per page and per agency, the count of each answer and the average on 0–2, for
 * one month (Asia/Ho_Chi_Minh calendar month, UTC instants) — plus the optional comments of the
 * agency's pages. The board, the council and the IT centre see every agency; an agency's
 * accounts see their own agency's pages only. Nothing identifies a rater: the rows hold
 * no address, cookie or account.
 *
 * `GET /cong-reports/ratings?month=YYYY-MM[&format=csv]` (admin authentication).
 */
import { PAGE_RATING_UID, formatDate, monthRange, tallyRatings, type RatingTally } from '@cong/shared';

/** One page's or agency's line. */
export interface RatingLine extends RatingTally {
  key: string;
  /** the page path (per page) or the agency's name (per agency) */
  label: string;
  agencyDocumentId: string | null;
}

/** The report of a month. */
export interface RatingsReport {
  month: string;
  total: RatingTally;
  byAgency: RatingLine[];
  byPage: RatingLine[];
  /** the latest comments (at most 200), newest first */
  comments: { path: string; score: string; comment: string; date: string }[];
}

/**
 * Aggregates the ratings of `month` for the agencies in `scope` ('all' or one agency's documentId).
 * Ratings without an agency (portal-wide pages) are visible to 'all' only.
 */
export async function ratingsReport(strapi: any, month: string, scope: 'all' | string): Promise<RatingsReport> {
  const { startUtc, endUtc } = monthRange(month);
  const rows: any[] = await strapi.db.query(PAGE_RATING_UID).findMany({
    where: { createdAt: { $gte: startUtc, $lt: endUtc }, ...(scope === 'all' ? {} : { agencyDocumentId: scope }) },
    select: ['path', 'score', 'comment', 'agencyDocumentId', 'createdAt'],
    orderBy: { createdAt: 'desc' },
  });
  const agencies = await strapi.db.query('api::agency.agency').findMany({ where: { publishedAt: { $notNull: true } }, select: ['documentId', 'name'] });
  const nameOf = new Map<string, string>(agencies.map((a: any) => [a.documentId, a.name]));
  const group = (keyOf: (r: any) => string, labelOf: (r: any) => string): RatingLine[] => {
    const m = new Map<string, any[]>();
    for (const r of rows) m.set(keyOf(r), [...(m.get(keyOf(r)) ?? []), r]);
    return [...m.entries()]
      .map(([key, rs]) => ({ key, label: labelOf(rs[0]), agencyDocumentId: rs[0].agencyDocumentId ?? null, ...tallyRatings(rs.map((r) => r.score)) }))
      .sort((a, b) => b.total - a.total || a.label.localeCompare(b.label, 'vi'));
  };
  return {
    month,
    total: tallyRatings(rows.map((r) => r.score)),
    byAgency: group(
      (r) => r.agencyDocumentId ?? '-',
      (r) => (r.agencyDocumentId ? (nameOf.get(r.agencyDocumentId) ?? r.agencyDocumentId) : 'Trang chung của Cổng'),
    ),
    byPage: group(
      (r) => r.path,
      (r) => r.path,
    ),
    comments: rows
      .filter((r) => r.comment)
      .slice(0, 200)
      .map((r) => ({ path: r.path, score: r.score, comment: r.comment, date: formatDate(new Date(r.createdAt).toISOString()) })),
  };
}
