import { randomInt, timingSafeEqual } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import {
  addWorkingDays,
  contactKey,
  contactKeys,
  holidayCalendar,
  normalizeText,
  normalizeTrackingCode,
  QUESTION_FORM,
  QUESTION_LOOKUP_FORM,
  questionStatusLabel,
  routes,
  shortenName,
  toSlug,
  TRACKING_CODE_ALPHABET,
  TRACKING_CODE_RE,
  type QuestionStatus,
  type QuestionStatusView,
  type WorkflowActor,
} from '@cong/shared';
import { newCitizenSecret, sha256Hex } from '@cong/shared/intake-token';
import {
  clientAddress,
  envInt,
  intakeAuthorized,
  rateLimiter,
  refuseOverLimit,
  refuseReplayedToken,
  sendIntakeErrors,
  validateIntakeBody,
} from '../../../lib/intake';
import { workflowScope } from '../../../workflow/scope';
import { latestOf } from '../../../workflow/audit';

const QUESTION = 'api::question.question';

/** Who creates a citizen's question in the audit log: the portal's intake, acting as the system. */
export const INTAKE_ACTOR: WorkflowActor = Object.freeze({
  id: 'system:intake',
  roles: ['system'],
  agencyId: null,
  name: 'Cổng tiếp nhận câu hỏi',
}) as WorkflowActor;

/**
 * The question settings from the environment (README, configuration table):
 * - `QUESTION_ANSWER_WORKING_DAYS` (15): the deadline, in working days after receipt;
 * - `QUESTION_RATE_PER_ADDRESS` (10 per hour), `QUESTION_RATE_PER_CONTACT` (5 per day): questions accepted;
 * - `QUESTION_LOOKUP_RATE` (20 per 10 minutes per address): status lookups (right or wrong);
 * - `PUBLIC_HOLIDAYS`, `PUBLIC_HOLIDAYS_EXTRA`: the holiday calendar (shared/src/working-days.ts).
 * @throws {Error} naming a malformed variable
 */
export function questionSettings(env: NodeJS.ProcessEnv = process.env) {
  return {
    workingDays: envInt('QUESTION_ANSWER_WORKING_DAYS', 15, env),
    perAddress: envInt('QUESTION_RATE_PER_ADDRESS', 10, env),
    perContact: envInt('QUESTION_RATE_PER_CONTACT', 5, env),
    lookups: envInt('QUESTION_LOOKUP_RATE', 20, env),
    calendar: holidayCalendar(env),
  };
}

function newTrackingCode(now: Date): string {
  let s = '';
  for (let i = 0; i < 6; i++) s += TRACKING_CODE_ALPHABET[randomInt(TRACKING_CODE_ALPHABET.length)];
  return `HD-${now.getUTCFullYear()}-${s}`;
}

/** The public slug's random tail, independent of the private tracking code (red-team F7: the tail was the code's). */
function slugSuffix(): string {
  let s = '';
  for (let i = 0; i < 6; i++) s += TRACKING_CODE_ALPHABET[randomInt(TRACKING_CODE_ALPHABET.length)];
  return s.toLowerCase();
}

/** The duplicate key of a question: its contact, subject and text, case-folded (same asker asking the same thing again). */
function dedupKey(contact: string, subject: string, body: string): string {
  return sha256Hex([contact, subject.toLocaleLowerCase('vi-VN'), normalizeText(body, true).toLocaleLowerCase('vi-VN').replace(/\s+/g, ' ')].join('\n'));
}

const NOT_FOUND = 'Mã theo dõi hoặc mã bí mật không đúng. Vui lòng kiểm tra lại (mã theo dõi có dạng HD-2026-7K3QX9).';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Receives a citizen's question: the agency's queue (a draft, never public), with its deadline. */
  async create(ctx: any) {
    if (!intakeAuthorized(ctx)) return;
    const values = validateIntakeBody(ctx, QUESTION_FORM);
    if (!values) return;
    const settings = questionSettings();
    const email = (values.askerEmail as string) || null;
    const phone = (values.askerPhone as string) || null;
    const contact = contactKey(email, phone);
    // the per-contact limit counts the asker's mailbox and number as keys (contact.ts: case, a
    // +tag, Gmail's dots, +84 make no other person); what is stored is what the form validated
    const perContact = rateLimiter(strapi, { name: 'question-contact', points: settings.perContact, durationSeconds: 86_400 });
    const limits = [
      [rateLimiter(strapi, { name: 'question-address', points: settings.perAddress, durationSeconds: 3600 }), clientAddress(ctx)] as const,
      ...contactKeys(email, phone).map((key) => [perContact, key] as const),
    ];
    if (await refuseOverLimit(ctx, limits)) return;

    const agency = await strapi.db.query('api::agency.agency').findOne({
      where: { slug: values.agency as string, publishedAt: { $notNull: true } },
      select: ['documentId', 'name', 'slug'],
    });
    if (!agency) return sendIntakeErrors(ctx, 422, { agency: 'Cơ quan nhận câu hỏi không có trong danh sách, vui lòng chọn lại.' });

    const subject = values.subject as string;
    const body = values.body as string;
    const dedup = dedupKey(contact, subject, body);
    const dup = await strapi.db.query(QUESTION).findOne({ where: { dedupKey: dedup }, select: ['id'] });
    if (dup) {
      return sendIntakeErrors(ctx, 409, {
        _form: 'Câu hỏi này đã được gửi trước đây (cùng người hỏi, cùng nội dung). Vui lòng dùng mã theo dõi đã nhận để tra cứu.',
      });
    }

    if (await refuseReplayedToken(strapi, ctx)) return;
    const now = new Date();
    let trackingCode = newTrackingCode(now);
    for (let i = 0; i < 5 && (await strapi.db.query(QUESTION).findOne({ where: { trackingCode }, select: ['id'] })); i++) trackingCode = newTrackingCode(now);
    const secret = newCitizenSecret();
    const dueAt = addWorkingDays(now, settings.workingDays, settings.calendar);
    const fullName = values.askerName as string;
    const created = await workflowScope.run({ actor: INTAKE_ACTOR, channel: 'system' }, () =>
      strapi.documents(QUESTION as any).create({
        data: {
          askerName: shortenName(fullName),
          askerFullName: fullName,
          askerEmail: email,
          askerPhone: phone,
          consentToPublish: values.consentToPublish === true,
          agency: agency.documentId,
          subject,
          slug: `${toSlug(subject, 60)}-${slugSuffix()}`,
          body,
          answerStatus: 'received',
          receivedAt: now.toISOString(),
          dueAt: dueAt.toISOString(),
          trackingCode,
          trackingSecretHash: sha256Hex(secret),
          dedupKey: dedup,
        } as any,
      }),
    );
    strapi.eventHub.emit('cong.question.received', { documentId: created.documentId });
    ctx.status = 201;
    ctx.body = { trackingCode, secret, dueAt: dueAt.toISOString(), receivedAt: now.toISOString(), agencyName: agency.name };
  },

  /** The status of a question, for whoever holds its tracking code and secret (nothing personal). */
  async status(ctx: any) {
    if (!intakeAuthorized(ctx)) return;
    const values = validateIntakeBody(ctx, QUESTION_LOOKUP_FORM);
    if (!values) return;
    const settings = questionSettings();
    if (await refuseOverLimit(ctx, [[rateLimiter(strapi, { name: 'question-lookup', points: settings.lookups, durationSeconds: 600 }), clientAddress(ctx)]]))
      return;
    const code = normalizeTrackingCode(values.trackingCode as string);
    // a tracking code names one question (a unique index on the draft rows, ADR 0009); should two
    // rows ever share one, the lookup answers for neither rather than for an arbitrary one
    const rows = TRACKING_CODE_RE.test(code)
      ? await strapi.db.query(QUESTION).findMany({
          where: { trackingCode: code, publishedAt: null },
          limit: 2,
          select: [
            'documentId',
            'subject',
            'slug',
            'answerStatus',
            'statusReason',
            'receivedAt',
            'dueAt',
            'answeredAt',
            'trackingSecretHash',
            'consentToPublish',
          ],
          populate: { agency: { select: ['name'] } },
        })
      : [];
    const row = rows.length === 1 ? rows[0] : null;
    // the same hash comparison runs whether or not the code exists (no timing oracle)
    const given = Buffer.from(sha256Hex(String(values.secret)), 'utf8');
    const expected = Buffer.from(
      String(row?.trackingSecretHash ?? '0'.repeat(64))
        .padEnd(64, '0')
        .slice(0, 64),
      'utf8',
    );
    const matches = timingSafeEqual(given, expected) && !!row;
    if (!matches) return sendIntakeErrors(ctx, 404, { _form: NOT_FOUND });
    // The answer the asker reads is the one the board published: the answer recorded by the
    // publish step in the workflow log, or the published version's; never the draft's, which an
    // agency editor may be rewriting. "Answered" without a recorded publish is not shown as answered.
    const [published, publishStep] = await Promise.all([
      strapi.db.query(QUESTION).findOne({ where: { documentId: row.documentId, publishedAt: { $notNull: true } }, select: ['slug', 'answeredAt', 'answer'] }),
      latestOf(strapi, QUESTION, row.documentId, 'publish'),
    ]);
    const publishedAnswer =
      publishStep?.detail && typeof publishStep.detail === 'object' && 'answer' in publishStep.detail ? publishStep.detail.answer : published?.answer;
    const answered = row.answerStatus === 'answered' && Boolean(publishStep || published);
    const status = (row.answerStatus === 'answered' && !answered ? 'received' : row.answerStatus) as QuestionStatus;
    const view: QuestionStatusView = {
      trackingCode: code,
      subject: row.subject,
      status,
      statusLabel: questionStatusLabel(status),
      reason: status === 'forwarded' || status === 'rejected' ? (row.statusReason ?? null) : null,
      agencyName: row.agency?.name ?? null,
      receivedAt: row.receivedAt ? new Date(row.receivedAt).toISOString() : null,
      dueAt: row.dueAt ? new Date(row.dueAt).toISOString() : null,
      answeredAt: answered && (published?.answeredAt ?? row.answeredAt) ? new Date(published?.answeredAt ?? row.answeredAt).toISOString() : null,
      url: row.consentToPublish && published?.slug ? routes.question(published.slug) : null,
      answer: answered && publishedAnswer ? String(publishedAnswer) : null,
    };
    ctx.body = view;
  },
});
