import { RATING_SCORE_LABELS, type RatingScore } from '@cong/shared';
import { parseQuery, sendCsv, visibleScope } from './index';
import { ratingsReport } from './ratings';

/** `GET /cong-reports/ratings?month=YYYY-MM[&format=csv]` (see ./ratings.ts). */
export async function ratings(ctx: any) {
  const strapi = (globalThis as any).strapi;
  const { month, csv } = parseQuery(ctx);
  const report = await ratingsReport(strapi, month, await visibleScope(strapi));
  if (!csv) {
    ctx.body = { data: report };
    return;
  }
  const head = ['Số lượt', RATING_SCORE_LABELS.useful, RATING_SCORE_LABELS.partly, RATING_SCORE_LABELS.notUseful, 'Điểm trung bình (0–2)'];
  const nums = (l: any) => [l.total, l.useful, l.partly, l.notUseful, l.average ?? ''];
  sendCsv(ctx, `danh-gia-thong-tin-${month}.csv`, [
    ['Đơn vị', ...head],
    ...report.byAgency.map((l) => [l.label, ...nums(l)]),
    [],
    ['Trang', ...head],
    ...report.byPage.map((l) => [l.label, ...nums(l)]),
    [],
    ['Trang', 'Đánh giá', 'Góp ý', 'Ngày'],
    ...report.comments.map((c) => [c.path, RATING_SCORE_LABELS[c.score as RatingScore] ?? c.score, c.comment, c.date]),
  ]);
}
