/**
 * Notification mails (issue 11, item 5), driven by events on `strapi.eventHub`:
 *
 * | event (emitter) | mail |
 * |---|---|
 * | `cong.question.received` `{ documentId }` (questions intake) | the agency's editors: a new question, due date, admin link |
 * | `cong.question.forwarded` `{ documentId, fromAgencyDocumentId, toAgencyDocumentId, reason }` | the asker: forwarded, reason, tracking link; the new agency's editors: a question arrived |
 * | `cong.question.rejected` `{ documentId, reason }` | the asker: rejected, reason, tracking link |
 * | `cong.workflow.transition` `{ uid, documentId, action: 'return', reason, … }` (workflow/audit.ts) | the item's agency's editors: returned, reason, admin link |
 * | `cong.workflow.transition` `{ action: 'publish', … }` | the agency's editors: published, public link; a question's first publication = "answered" to the asker |
 *
 * A listener only schedules the work (setImmediate) and returns, so the step that emitted the
 * event is never slowed down nor failed by mail; the work reads the item and queues the mails
 * (queue.ts), errors are logged with the item's type and documentId, never an address.
 * The asker's address (`askerEmail`, private) is read here, in the CMS, and goes nowhere else.
 */
import { WORKFLOW_EVENT, type WorkflowTransitionEvent } from '../workflow/audit';
import { loadItem } from '../workflow/items';
import { agencyEditors, adminItemUrl, publicItemUrl, trackingUrl, type Recipient } from './recipients';
import { askerAnswered, askerForwarded, askerRejected, editorItemPublished, editorItemReturned, editorQuestionArrived, type MailContent } from './templates';
import type { MailQueue } from './queue';

export const QUESTION_UID = 'api::question.question';

/** Events of the questions module (names agreed in the session brief). */
export const QUESTION_EVENTS = {
  received: 'cong.question.received',
  forwarded: 'cong.question.forwarded',
  rejected: 'cong.question.rejected',
} as const;

/** A deliberately loose check: an address the SMTP server can be asked to deliver to. */
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

const kindLabel = (strapi: any, uid: string): string => strapi.contentType(uid)?.info?.displayName ?? 'Nội dung';

/** The draft row of a question with its agency, or null. Reads the private contact fields. */
async function loadQuestion(strapi: any, documentId: string): Promise<any | null> {
  if (!strapi.contentType(QUESTION_UID)) return null;
  return strapi.db.query(QUESTION_UID).findOne({
    where: { documentId, publishedAt: null },
    populate: { agency: { select: ['documentId', 'name'] } },
  });
}

async function agencyName(strapi: any, documentId: string | null | undefined): Promise<string | null> {
  if (!documentId) return null;
  const a = await strapi.db.query('api::agency.agency').findOne({ where: { documentId, publishedAt: null }, select: ['name'] });
  return a?.name ?? null;
}

/** Sets up the listeners. `queue` receives the mails. */
export function subscribeNotifications(strapi: any, queue: MailQueue): void {
  const toEditors = (recipients: Recipient[], kind: string, ref: string, build: (r: Recipient) => MailContent) => {
    for (const r of recipients) queue.push({ kind, ref, to: r.email, ...build(r) });
  };
  const toAsker = (question: any, kind: string, build: () => MailContent) => {
    const email = String(question?.askerEmail ?? '').trim();
    if (!EMAIL.test(email)) return;
    queue.push({ kind, ref: `question:${question.documentId}`, to: email, ...build() });
  };
  const asker = (q: any) => ({
    askerName: q.askerName ?? null,
    subject: String(q.subject ?? ''),
    trackingCode: String(q.trackingCode ?? ''),
    trackingUrl: trackingUrl(String(q.trackingCode ?? '')),
  });

  /** Runs `work` after the emitter's step, logging (without personal data) when it throws. */
  const later = (event: string, ref: string, work: () => Promise<void>) => () =>
    setImmediate(() => {
      // the error's name, code and where it was thrown: never its message (it may quote stored values)
      work().catch((e: any) =>
        strapi.log.error(
          `[mail] ${event} ${ref}: ${e?.name ?? 'Error'} ${e?.code ?? ''} ${
            String(e?.stack ?? '')
              .split('\n')[1]
              ?.trim() ?? ''
          }`,
        ),
      );
    });

  const questionArrived = async (
    documentId: string,
    agencyDocumentId: string | null,
    extra: { forwardedFrom?: string | null; reason?: string | null } = {},
  ) => {
    const q = await loadQuestion(strapi, documentId);
    const agencyId = agencyDocumentId ?? q?.agency?.documentId;
    if (!q || !agencyId) return;
    const name = (await agencyName(strapi, agencyId)) ?? q.agency?.name ?? '';
    toEditors(await agencyEditors(strapi, agencyId), 'question-arrived', `question:${documentId}`, (r) =>
      editorQuestionArrived({
        recipientName: r.name,
        agencyName: name,
        adminUrl: adminItemUrl(strapi, QUESTION_UID, documentId),
        subject: String(q.subject ?? ''),
        dueAt: q.dueAt ?? null,
        ...extra,
      }),
    );
  };

  strapi.eventHub.on(QUESTION_EVENTS.received, (p: { documentId: string }) =>
    later(QUESTION_EVENTS.received, `question:${p?.documentId}`, () => questionArrived(p.documentId, null))(),
  );

  strapi.eventHub.on(QUESTION_EVENTS.forwarded, (p: { documentId: string; fromAgencyDocumentId?: string; toAgencyDocumentId: string; reason?: string }) =>
    later(QUESTION_EVENTS.forwarded, `question:${p?.documentId}`, async () => {
      const q = await loadQuestion(strapi, p.documentId);
      if (!q) return;
      const [toName, fromName] = await Promise.all([agencyName(strapi, p.toAgencyDocumentId), agencyName(strapi, p.fromAgencyDocumentId)]);
      toAsker(q, 'question-forwarded', () =>
        askerForwarded({ ...asker(q), toAgencyName: toName ?? 'cơ quan có thẩm quyền', reason: p.reason ?? q.statusReason ?? null }),
      );
      await questionArrived(p.documentId, p.toAgencyDocumentId, { forwardedFrom: fromName, reason: p.reason ?? q.statusReason ?? null });
    })(),
  );

  strapi.eventHub.on(QUESTION_EVENTS.rejected, (p: { documentId: string; reason?: string }) =>
    later(QUESTION_EVENTS.rejected, `question:${p?.documentId}`, async () => {
      const q = await loadQuestion(strapi, p.documentId);
      if (!q) return;
      toAsker(q, 'question-rejected', () => askerRejected({ ...asker(q), reason: p.reason ?? q.statusReason ?? null }));
    })(),
  );

  strapi.eventHub.on(WORKFLOW_EVENT, (e: WorkflowTransitionEvent) => {
    if (e?.action !== 'return' && e?.action !== 'publish') return;
    later(WORKFLOW_EVENT, `${e.uid}:${e.documentId}`, async () => {
      const item = await loadItem(strapi, e.uid, e.documentId);
      if (!item) return;
      const ref = `${e.uid}:${e.documentId}`;
      const title = item.title ?? '(không có tiêu đề)';
      const adminUrl = adminItemUrl(strapi, e.uid, e.documentId);
      const editors = item.agency ? await agencyEditors(strapi, item.agency.documentId) : [];
      const agency = item.agency?.name ?? '';
      if (e.action === 'return') {
        toEditors(editors, 'item-returned', ref, (r) =>
          editorItemReturned({
            recipientName: r.name,
            agencyName: agency,
            adminUrl,
            title,
            kindLabel: kindLabel(strapi, e.uid),
            reason: e.reason ?? '',
            actorName: e.actorName ?? null,
          }),
        );
        return;
      }
      const publicUrl = publicItemUrl(e.uid, item.draft ?? {});
      toEditors(editors, 'item-published', ref, (r) =>
        editorItemPublished({ recipientName: r.name, agencyName: agency, adminUrl, title, kindLabel: kindLabel(strapi, e.uid), publicUrl }),
      );
      if (e.uid === QUESTION_UID) {
        // the first publication is the answer; a corrected answer published again sends nothing new
        const publishes = await strapi.db
          .query('api::workflow-transition.workflow-transition')
          .count({ where: { contentType: e.uid, itemDocumentId: e.documentId, action: 'publish' } });
        if (publishes > 1) return;
        const q = await loadQuestion(strapi, e.documentId);
        if (q)
          toAsker(q, 'question-answered', () =>
            askerAnswered({ ...asker(q), agencyName: q.agency?.name ?? null, publicUrl: q.consentToPublish === false ? null : publicUrl }),
          );
      }
    })();
  });
}
