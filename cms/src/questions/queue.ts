/**
 * The question queue's own steps (issue 11 item 2): forwarding a citizen's question to another
 * agency and rejecting it. Decided by the workflow rules (shared/src/workflow.ts `forward`,
 * `reject`: the owning agency's accounts and the board, from draft or returned), carried out here
 * inside the transition's transaction (cms/src/workflow/service.ts), recorded in the workflow log
 * with the reason (and both agencies), then announced on `strapi.eventHub` for the mails:
 * `cong.question.forwarded` `{ documentId, fromAgencyDocumentId, toAgencyDocumentId, reason }`,
 * `cong.question.rejected` `{ documentId, reason }`.
 */
import { errors } from '@strapi/utils';

export const QUESTION_UID = 'api::question.question';
const AGENCY_UID = 'api::agency.agency';

/** An event to emit once the transaction committed. */
export interface QueueEvent {
  name: 'cong.question.forwarded' | 'cong.question.rejected';
  payload: Record<string, unknown>;
}

/**
 * Applies forward/reject to the question's rows (draft and, if any, published): the answer
 * status, the reason, and for a forward the new agency (its draft row for the draft, its
 * published row for the published one).
 * @returns the log detail and the event to emit after commit
 * @throws errors.ValidationError (Vietnamese, names `toAgency`) when the target agency is unknown,
 *   unpublished or the current one
 */
export async function applyQueueStep(
  strapi: any,
  action: 'forward' | 'reject',
  documentId: string,
  currentAgency: string | null,
  reason: string,
  toAgency: string | null,
): Promise<{ detail: Record<string, unknown>; event: QueueEvent }> {
  if (action === 'reject') {
    await strapi.db.query(QUESTION_UID).updateMany({ where: { documentId }, data: { answerStatus: 'rejected', statusReason: reason } });
    return { detail: { answerStatus: 'rejected' }, event: { name: 'cong.question.rejected', payload: { documentId, reason } } };
  }
  const invalid = (message: string) => new errors.ValidationError(message, { errors: [{ path: ['toAgency'], message, name: 'ValidationError' }] });
  if (!toAgency) throw invalid('Cần chọn cơ quan, đơn vị nhận câu hỏi được chuyển.');
  if (toAgency === currentAgency) throw invalid('Câu hỏi đang thuộc chính cơ quan này: hãy chọn một cơ quan, đơn vị khác.');
  const targets = await strapi.db.query(AGENCY_UID).findMany({ where: { documentId: toAgency }, select: ['id', 'publishedAt', 'name'] });
  const draftTarget = targets.find((t: any) => !t.publishedAt);
  const publishedTarget = targets.find((t: any) => t.publishedAt);
  if (!publishedTarget || !draftTarget) throw invalid('Cơ quan, đơn vị được chọn không có (hoặc chưa đăng trên cổng).');
  const rows = await strapi.db.query(QUESTION_UID).findMany({ where: { documentId }, select: ['id', 'publishedAt'] });
  for (const row of rows) {
    await strapi.db.query(QUESTION_UID).update({
      where: { id: row.id },
      data: { answerStatus: 'forwarded', statusReason: reason, agency: row.publishedAt ? publishedTarget.id : draftTarget.id },
    });
  }
  return {
    detail: { answerStatus: 'forwarded', fromAgency: currentAgency, toAgency, toAgencyName: publishedTarget.name ?? null },
    event: { name: 'cong.question.forwarded', payload: { documentId, fromAgencyDocumentId: currentAgency, toAgencyDocumentId: toAgency, reason } },
  };
}

/** The agencies a question may be forwarded to (published ones, by name), for the admin panel's forward dialog. */
export async function forwardTargets(strapi: any, exceptDocumentId: string | null): Promise<{ documentId: string; name: string }[]> {
  const rows = await strapi.db
    .query(AGENCY_UID)
    .findMany({ where: { publishedAt: { $notNull: true } }, select: ['documentId', 'name'], orderBy: { name: 'asc' } });
  return rows.filter((r: any) => r.documentId !== exceptDocumentId).map((r: any) => ({ documentId: r.documentId, name: r.name }));
}
