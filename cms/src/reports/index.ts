/**
 * Accountability reports (admin API, mounted under /cong-reports; admin authentication):
 * - GET /cong-reports/compliance?month=YYYY-MM[&format=csv] — each unit's record of updating the
 *   portal on its schedule (Article 3.7, R-3.7; schedule from Article 2.3, R-2.5/R-2.6), for the
 *   Committee's office and the Emulation Council; CSV opens in Excel (UTF-8 with BOM).
 * - GET /cong-reports/royalties?month=YYYY-MM[&format=csv] — the royalty (nhuận bút) ledger: one line
 *   per item first published in the month, paid to its author (Article 3.4, R-3.4).
 * - GET /cong-reports/ratings?month=YYYY-MM[&format=csv] — "Thông tin này có hữu ích không?" per page
 *   and per agency (./ratings.ts; Decree 224/2026, Art. 10(3)(b)).
 * The first two read the append-only transition log (publish steps). The editorial board, the editorial
 * council and the IT centre see every unit; an agency's accounts see their own unit only.
 * Errors: 400 ValidationError naming `month` or `format`; 403 ForbiddenError without a role.
 */
import { stringify } from 'csv-stringify/sync';
import { errors } from '@strapi/utils';
import {
  DEFAULT_ROYALTY_RATES,
  complianceFor,
  questionCountsFor,
  formatDate,
  monthRange,
  todayInVietnam,
  royaltyLedger,
  type RoyaltyRates,
  type UpdateSchedule,
} from '@cong/shared';
import { currentActor } from '../workflow/actor';
import { TRANSITION_UID, WORKFLOW_KINDS } from '../workflow/constants';
import type { Core } from '@strapi/strapi';
import { addAdminRouter, type Ctx, type SelectedRow, type Strapi } from '../lib/strapi-types';
import { ratings } from './ratings-route';

const SEE_ALL = new Set(['editorialBoard', 'editorialCouncil', 'itCentre']);
const AGENCY_ROLES = new Set(['agencyEditor', 'agencyTeamLead']);
const adminPolicies = ['admin::isAuthenticatedAdmin'];

/** Which agencies the caller may see: 'all', one agency documentId, or refusal. */
export async function visibleScope(strapi: Strapi): Promise<'all' | string> {
  const actor = await currentActor(strapi);
  if (actor.roles.some((r: string) => SEE_ALL.has(r))) return 'all';
  if (actor.roles.some((r: string) => AGENCY_ROLES.has(r)) && actor.agencyId) return actor.agencyId;
  throw new errors.ForbiddenError('Báo cáo chỉ dành cho Ban biên tập, Hội đồng biên tập, Trung tâm CNTT và tổ biên tập của chính đơn vị');
}

export function parseQuery(ctx: Ctx): { month: string; csv: boolean } {
  const month = String(ctx.query.month ?? todayInVietnam().slice(0, 7));
  try {
    monthRange(month);
  } catch (e) {
    const message = (e as Error).message;
    throw new errors.ValidationError(message, { errors: [{ path: ['month'], message, name: 'ValidationError' }] });
  }
  const format = String(ctx.query.format ?? 'json');
  if (format !== 'json' && format !== 'csv') {
    throw new errors.ValidationError('format: chỉ nhận json hoặc csv', {
      errors: [{ path: ['format'], message: 'format: chỉ nhận json hoặc csv', name: 'ValidationError' }],
    });
  }
  return { month, csv: format === 'csv' };
}

export function sendCsv(ctx: Ctx, filename: string, rows: (string | number)[][]): void {
  ctx.set('Content-Type', 'text/csv; charset=utf-8');
  ctx.set('Content-Disposition', `attachment; filename="${filename}"`);
  // cells starting with = + - @ (a title, an author) must not run as spreadsheet formulas
  ctx.body = '\uFEFF' + stringify(rows, { escape_formulas: true });
}

/** Royalty rates (VND) from env ROYALTY_RATES_JSON, else the placeholders of @cong/shared. */
export function royaltyRates(): RoyaltyRates {
  const raw = process.env.ROYALTY_RATES_JSON;
  if (!raw) return DEFAULT_ROYALTY_RATES;
  const parsed = JSON.parse(raw);
  for (const [k, v] of Object.entries(parsed)) {
    if (!Number.isInteger(v) || (v as number) < 0) throw new Error(`ROYALTY_RATES_JSON.${k}: phải là số nguyên không âm (VND)`);
  }
  return parsed;
}

/** A publish step of the transition log, with the columns the reports read. */
type PublishStep = SelectedRow<
  typeof TRANSITION_UID,
  'contentType' | 'itemDocumentId' | 'createdAt',
  'itemTitle' | 'agencyDocumentId' | 'agencyName' | 'detail'
>;

/** Publish steps of the log before `endUtc`, oldest first. */
async function publishSteps(strapi: Strapi, endUtc: string): Promise<PublishStep[]> {
  return strapi.db.query(TRANSITION_UID).findMany({
    where: { action: 'publish', createdAt: { $lt: endUtc } },
    select: ['contentType', 'itemDocumentId', 'itemTitle', 'agencyDocumentId', 'agencyName', 'createdAt', 'detail'],
    orderBy: { createdAt: 'asc' },
  });
}

/** The compliance rows of a month for the agencies in scope. */
export async function complianceReport(strapi: Strapi, month: string, scope: 'all' | string) {
  const { startUtc, endUtc } = monthRange(month);
  const agencies = await strapi.documents('api::agency.agency').findMany({
    status: 'published',
    fields: ['name', 'updateSchedule', 'kind'],
    ...(scope === 'all' ? {} : { filters: { documentId: scope } }),
    sort: 'name:asc',
    limit: 1000,
  });
  const steps = (await publishSteps(strapi, endUtc)).filter((s) => new Date(s.createdAt).toISOString() >= startUtc);
  const byAgency = new Map<string, string[]>();
  for (const s of steps) {
    const agencyId = s.contentType === 'api::agency.agency' ? s.itemDocumentId : s.agencyDocumentId;
    if (!agencyId) continue;
    byAgency.set(agencyId, [...(byAgency.get(agencyId) ?? []), new Date(s.createdAt).toISOString()]);
  }
  const today = todayInVietnam();
  // citizens' questions (issue 11): the draft rows (every question has one), by the agency holding them
  const questions = await strapi.db.query('api::question.question').findMany({
    where: { publishedAt: null, receivedAt: { $notNull: true } },
    select: ['receivedAt', 'dueAt', 'answeredAt', 'answerStatus'],
    populate: { agency: { select: ['documentId'] } },
  });
  const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
  const questionsOf = new Map<string, any[]>();
  for (const q of questions) {
    const id = q.agency?.documentId;
    if (!id) continue;
    questionsOf.set(id, [
      ...(questionsOf.get(id) ?? []),
      { receivedAt: iso(q.receivedAt), dueAt: iso(q.dueAt), answeredAt: iso(q.answeredAt), answerStatus: q.answerStatus },
    ]);
  }
  return agencies.map((a: any) => ({
    ...complianceFor(
      { documentId: a.documentId, name: a.name, updateSchedule: a.updateSchedule as UpdateSchedule },
      month,
      byAgency.get(a.documentId) ?? [],
      today,
    ),
    questions: questionCountsFor(questionsOf.get(a.documentId) ?? [], month),
  }));
}

/** The royalty ledger of a month for the agencies in scope. */
export async function royaltyReport(strapi: Strapi, month: string, scope: 'all' | string) {
  const { startUtc, endUtc } = monthRange(month);
  const firsts = new Map<string, PublishStep>();
  for (const s of await publishSteps(strapi, endUtc)) if (!firsts.has(s.itemDocumentId)) firsts.set(s.itemDocumentId, s);
  const inMonth = [...firsts.values()].filter((s) => new Date(s.createdAt).toISOString() >= startUtc && (scope === 'all' || s.agencyDocumentId === scope));
  const rows = [];
  for (const s of inMonth) {
    // the author as published: recorded with the publish step, else the published version's —
    // never the draft's, which the agency may have edited since without review
    const fields = s.contentType === 'api::article.article' ? ['author', 'kind'] : ['id'];
    const item =
      (await strapi.db.query(s.contentType).findOne({ where: { documentId: s.itemDocumentId, publishedAt: { $notNull: true } }, select: fields })) ??
      (await strapi.db.query(s.contentType).findOne({ where: { documentId: s.itemDocumentId }, select: fields }));
    const recorded = s.detail && typeof s.detail === 'object' && 'author' in s.detail ? (s.detail.author as string | null) : undefined;
    let author: string | null = recorded !== undefined ? recorded : (item?.author ?? null);
    if (!author && s.contentType !== 'api::article.article') {
      const created = await strapi.db
        .query(TRANSITION_UID)
        .findOne({ where: { itemDocumentId: s.itemDocumentId, action: 'create' }, select: ['actorName', 'actorId'] });
      author = created && created.actorId !== 'system' ? created.actorName : null;
    }
    const itemKind = s.contentType === 'api::article.article' ? (item?.kind ?? 'news') : (WORKFLOW_KINDS[s.contentType] ?? s.contentType);
    rows.push({
      author,
      itemKind,
      itemTitle: s.itemTitle ?? '',
      itemDocumentId: s.itemDocumentId,
      agencyName: s.agencyName ?? '',
      publishedAt: new Date(s.createdAt).toISOString(),
    });
  }
  return royaltyLedger(rows, month, royaltyRates());
}

const SCHEDULE_LABEL: Record<string, string> = { monWedFri: 'Thứ Hai, Thứ Tư, Thứ Sáu', daily: 'Hằng ngày' };

async function compliance(ctx: Ctx) {
  const { month, csv } = parseQuery(ctx);
  const rows = await complianceReport(strapi, month, await visibleScope(strapi));
  if (!csv) {
    ctx.body = { data: { month, rows } };
    return;
  }
  sendCsv(ctx, `bao-cao-cung-cap-thong-tin-${month}.csv`, [
    [
      'Đơn vị',
      'Lịch cập nhật',
      'Số ngày phải cập nhật',
      'Số ngày đã cập nhật',
      'Tỷ lệ (%)',
      'Số tin, bài đã đăng',
      'Các ngày chưa cập nhật',
      'Câu hỏi đã nhận',
      'Câu hỏi trả lời đúng hạn',
      'Câu hỏi quá hạn',
    ],
    ...rows.map((r: any) => [
      r.agencyName,
      SCHEDULE_LABEL[r.schedule] ?? r.schedule,
      r.requiredDays,
      r.metDays,
      Math.round(r.rate * 1000) / 10,
      r.itemsPublished,
      r.missedDays.map((d: string) => formatDate(d)).join(' '),
      r.questions.received,
      r.questions.answeredOnTime,
      r.questions.overdue,
    ]),
  ]);
}

async function royalties(ctx: Ctx) {
  const { month, csv } = parseQuery(ctx);
  const ledger = await royaltyReport(strapi, month, await visibleScope(strapi));
  if (!csv) {
    ctx.body = { data: { month, ...ledger } };
    return;
  }
  sendCsv(ctx, `so-nhuan-but-${month}.csv`, [
    ['Tác giả', 'Tiêu đề', 'Loại', 'Đơn vị', 'Ngày đăng', 'Nhuận bút (đồng)'],
    ...ledger.lines.map((l) => [l.author, l.itemTitle, l.itemKind, l.agencyName, formatDate(l.publishedAt), l.amountVnd]),
    ['Tổng cộng', '', '', '', '', ledger.totalVnd],
  ]);
}

/** The router, in the shape `strapi.admin.routes` holds (registered in `register`). */
export const reportsAdminRouter = {
  type: 'admin' as const,
  prefix: '/cong-reports',
  routes: [
    { method: 'GET', path: '/compliance', handler: compliance, config: { policies: adminPolicies } },
    { method: 'GET', path: '/royalties', handler: royalties, config: { policies: adminPolicies } },
    { method: 'GET', path: '/ratings', handler: ratings, config: { policies: adminPolicies } },
  ],
} satisfies Core.RouterInput;

/** Registers the reports' admin routes. */
export function registerReports(strapi: Strapi): void {
  addAdminRouter(strapi, 'cong-reports', reportsAdminRouter);
}
