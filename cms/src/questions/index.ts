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
