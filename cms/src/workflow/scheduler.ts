/**
 * Scheduled publishing (issue 3, item 6). The schedule lives in the database — the item's state
 * is `scheduled` and its latest `schedule` entry in the audit log holds the date-time — so it
 * survives a restart: the bootstrap publishes everything that fell due while the CMS was down,
 * then a Strapi cron task checks every minute (env WORKFLOW_CRON_RULE, a croner pattern with
 * seconds, default `0 * * * * *`; off when server.cron.enabled is false).
 *
 * Publishing goes through the document service as the system actor, so the middleware sets the
 * state, emits Strapi's `entry.publish` event (webhooks) and records the step ("Đăng theo lịch").
 */
import type { PublicUid, Strapi } from '../lib/strapi-types';
import { TRANSITIONS } from '@cong/shared';
import { SYSTEM_ACTOR } from './actor';
import { latestOf } from './audit';
import { WORKFLOW_UIDS } from './constants';
import { workflowScope } from './scope';

export const SCHEDULED_REASON = 'Đăng theo lịch hẹn giờ';

/**
 * Publishes every scheduled item whose date-time is at or before `now`.
 * Errors on one item are logged and do not stop the others.
 * @returns the items published, `{ uid, documentId }`
 */
export async function publishDueItems(strapi: Strapi, now: Date = new Date()): Promise<{ uid: string; documentId: string }[]> {
  const done: { uid: string; documentId: string }[] = [];
  for (const uid of WORKFLOW_UIDS) {
    const rows = await strapi.db.query(uid).findMany({ where: { editorialState: TRANSITIONS.schedule.to, publishedAt: null }, select: ['documentId'] });
    for (const { documentId } of rows) {
      const entry = await latestOf(strapi, uid, documentId, 'schedule');
      const at = entry?.scheduledFor ? new Date(entry.scheduledFor) : null;
      if (!at || at.getTime() > now.getTime()) continue;
      try {
        await workflowScope.run({ actor: SYSTEM_ACTOR, channel: 'scheduler', reason: SCHEDULED_REASON, detail: { scheduledFor: at.toISOString() } }, () =>
          strapi.documents(uid as PublicUid).publish({ documentId }),
        );
        done.push({ uid, documentId });
        strapi.log.info(`[workflow] published ${uid} ${documentId} (scheduled for ${at.toISOString()})`);
      } catch (err) {
        strapi.log.error(`[workflow] scheduled publishing of ${uid} ${documentId} failed: ${(err as Error).message}`);
      }
    }
  }
  return done;
}

/** Publishes what fell due while the CMS was down, then adds the cron task. */
export async function startScheduler(strapi: Strapi): Promise<void> {
  await publishDueItems(strapi);
  if (!strapi.config.get('server.cron.enabled', true)) return;
  strapi.cron.add({
    congScheduledPublishing: {
      task: async () => {
        await publishDueItems(strapi);
      },
      options: { rule: process.env.WORKFLOW_CRON_RULE || '0 * * * * *' },
    },
  });
}
