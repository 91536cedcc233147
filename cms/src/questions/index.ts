/**
 * Citizens' questions in the CMS (issue 11 item 2), besides the intake route
 * (api/question-intake) and the queue steps (queue.ts):
 *
 * - publishing a citizen's question (one that came through the portal: it has a tracking code)
 *   needs an answer and is refused once rejected; it marks the question answered (`answerStatus`,
 *   `answeredAt`). When the asker did not consent to publication, the publish step answers the
 *   question without making it public: no published version is written (the workflow still
 *   records the step and moves the state), so nothing of it can reach GraphQL, REST, webhooks,
 *   the site, its search index or its feeds; the asker reads the answer on the tracking page.
 * - boot: a weak `INTAKE_TOKEN` is refused in production; the old free-text `askerContact`
 *   (editor-typed questions) is copied into `askerEmail` / `askerPhone` when those are empty
 *   (idempotent; the old field is kept so nothing is lost); rows from before the consent field
 *   count as consented (they were already public).
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { normalizeEmail, normalizePhone } from '@cong/shared';
import { assertIntakeConfig } from '../lib/intake';
import { QUESTION_UID } from './queue';

/** Document-service middleware of the question rules above (register after the workflow's, so it runs inside it). */
export function questionPublishMiddleware(strapi: Core.Strapi) {
  return async (context: any, next: () => Promise<any>): Promise<any> => {
    if (context.uid !== QUESTION_UID || context.action !== 'publish' || !context.params?.documentId) return next();
    const documentId = context.params.documentId;
    const draft = await strapi.db.query(QUESTION_UID).findOne({
      where: { documentId, publishedAt: null },
      select: ['trackingCode', 'answer', 'answerStatus', 'answeredAt', 'consentToPublish'],
    });
    if (!draft?.trackingCode) return next();
    const fail = (message: string, path: string) => {
      throw new errors.ValidationError(message, { errors: [{ path: [path], message, name: 'ValidationError' }] });
    };
    if (draft.answerStatus === 'rejected') fail('Câu hỏi đã bị từ chối: không đăng câu hỏi bị từ chối.', 'answerStatus');
    if (!String(draft.answer ?? '').trim()) fail('Câu hỏi chưa có nội dung trả lời: cần nhập "Trả lời" trước khi đăng.', 'answer');
    const answeredAt = draft.answeredAt ?? new Date().toISOString();
    await strapi.db.query(QUESTION_UID).updateMany({ where: { documentId }, data: { answerStatus: 'answered', answeredAt } });
    if (draft.consentToPublish === false) return { documentId, entries: [] };
    return next();
  };
}

const TRACKING_CODE_INDEX = 'questions_tracking_code_draft_uq';

/**
 * A tracking code names exactly one question (it is what the citizen holds): after each schema
 * sync, a partial unique index on the draft rows' tracking code (Strapi's `unique` is only a check
 * of its validator, per locale and status, so two drafts could share a code). Should duplicates
 * already be stored (forged before the code was server-owned), the oldest row — the one the
 * intake issued the code to, as it checks for collisions — keeps it and the later rows' code and
 * secret hash are cleared, each named in the log. Registered from `register` (Strapi's
 * `strapi::content-types.afterSync` hook: a sync drops indexes the schema does not declare).
 */
export function registerTrackingCodeIndex(strapi: Core.Strapi): void {
  strapi.hook('strapi::content-types.afterSync').register(async () => {
    const meta = strapi.db.metadata.get(QUESTION_UID);
    const table: string = meta.tableName;
    const col = (attr: string) => (meta.attributes[attr] as any).columnName ?? attr;
    const [codeCol, hashCol, publishedCol, docCol] = [col('trackingCode'), col('trackingSecretHash'), col('publishedAt'), col('documentId')];
    const knex = strapi.db.connection;
    const rows: any[] = await knex(table).select('id', codeCol, docCol).whereNotNull(codeCol).whereNull(publishedCol).orderBy('id', 'asc');
    const seen = new Set<string>();
    for (const r of rows) {
      if (!seen.has(r[codeCol])) {
        seen.add(r[codeCol]);
        continue;
      }
      await knex(table)
        .where({ [docCol]: r[docCol] })
        .update({ [codeCol]: null, [hashCol]: null });
      strapi.log.warn(
        `[cong] Câu hỏi ${r[docCol]} mang mã theo dõi ${r[codeCol]} đã cấp cho câu hỏi khác: đã xoá mã và mã bí mật của bản trùng (bản cũ nhất giữ mã).`,
      );
    }
    await knex.raw(`CREATE UNIQUE INDEX IF NOT EXISTS ?? ON ?? (??) WHERE ?? IS NULL`, [TRACKING_CODE_INDEX, table, codeCol, publishedCol]);
  });
}

/** Boot steps (see the module comment). */
export async function bootstrapQuestions(strapi: Core.Strapi): Promise<void> {
  assertIntakeConfig(strapi);
  const knex = strapi.db.connection;
  const table = strapi.getModel(QUESTION_UID as any)?.collectionName ?? 'questions';
  await knex(table).whereNull('consent_to_publish').update({ consent_to_publish: true });
  const old = await knex(table).select('id', 'asker_contact').whereNotNull('asker_contact').whereNull('asker_email').whereNull('asker_phone');
  for (const row of old) {
    const raw = String(row.asker_contact ?? '').trim();
    const email = normalizeEmail(raw.match(/\S+@\S+/)?.[0] ?? '');
    const phone = normalizePhone(raw.match(/(\+84|0)[\d\s.-]{8,14}/)?.[0]?.trim() ?? '');
    if (email || phone) await knex(table).where({ id: row.id }).update({ asker_email: email, asker_phone: phone });
  }
}
