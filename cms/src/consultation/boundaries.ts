/**
 * A consultation's page changes when it opens and when it closes — with time, not with an edit
 * (issue 11, item 3): the comment form appears at `opensAt` and disappears at `closesAt`, and
 * the lists of open and closed consultations move it. Nothing is published at those instants, so
 * no `entry.publish` webhook would wake the publisher. This task, run with the workflow's
 * scheduler (every minute, env WORKFLOW_CRON_RULE; and once at boot to catch up on what passed
 * while the CMS was down), finds the published consultations whose `opensAt` or `closesAt`
 * passed since the last run and emits {@link CONSULTATION_PHASE_EVENT} on Strapi's event hub,
 * which the publisher's webhook subscribes to (bootstrap/webhooks.ts, shared PUBLISHER_WEBHOOK_EVENTS).
 * The publisher then diffs the published state, whose consultation entries carry their phase
 * (api/publisher: `fields.phase`), and rebuilds the consultation's pages, its lists, its
 * agency's section and the homepage.
 *
 * The last run's instant is kept in Strapi's core store, so a restart neither misses nor repeats
 * a boundary.
 */
import { CONSULTATION_PHASE_EVENT, CONSULTATION_UID, boundariesBetween, type ConsultationPhase } from '@cong/shared';

const STORE_KEY = 'consultation-boundaries';

/** One boundary announced. */
export interface Boundary {
  documentId: string;
  slug: string | null;
  phase: ConsultationPhase;
  /** the instant of the boundary, ISO 8601 UTC */
  at: string;
}

const store = (strapi: any) => strapi.store({ type: 'core', name: 'cong', key: STORE_KEY });

/**
 * Emits one {@link CONSULTATION_PHASE_EVENT} per boundary of a published consultation in
 * `(after, upTo]`. Payload (what the webhook POSTs): `{ event, uid, entry: { documentId, slug },
 * phase, at }`.
 * @returns the boundaries announced
 */
export async function announceBoundaries(strapi: any, after: Date, upTo: Date): Promise<Boundary[]> {
  if (upTo.getTime() <= after.getTime()) return [];
  const a = after.toISOString();
  const b = upTo.toISOString();
  const rows = await strapi.db.query(CONSULTATION_UID).findMany({
    where: {
      publishedAt: { $notNull: true },
      $or: [{ opensAt: { $gt: a, $lte: b } }, { closesAt: { $gt: a, $lte: b } }],
    },
    select: ['documentId', 'slug', 'opensAt', 'closesAt'],
  });
  const out: Boundary[] = [];
  for (const r of rows) {
    for (const x of boundariesBetween(r.opensAt, r.closesAt, after, upTo)) {
      const boundary = { documentId: r.documentId, slug: r.slug ?? null, phase: x.phase, at: x.at };
      out.push(boundary);
      strapi.eventHub.emit(CONSULTATION_PHASE_EVENT, {
        uid: CONSULTATION_UID,
        entry: { documentId: r.documentId, slug: r.slug ?? null },
        phase: x.phase,
        at: x.at,
      });
      strapi.log.info(`[consultation] ${r.documentId} ${x.phase} at ${x.at}: rebuild requested`);
    }
  }
  return out;
}

/**
 * One run: announces the boundaries since the stored last run (the first run ever starts now)
 * up to `now`, then stores `now`.
 */
export async function checkBoundaries(strapi: any, now: Date = new Date()): Promise<Boundary[]> {
  const saved = (await store(strapi).get()) as { checkedAt?: string } | null;
  const after = saved?.checkedAt ? new Date(saved.checkedAt) : now;
  const done = await announceBoundaries(strapi, after, now);
  await store(strapi).set({ value: { checkedAt: now.toISOString() } });
  return done;
}

/** Catch-up at boot, then a cron task with the workflow scheduler's rule. */
export async function startBoundaryChecks(strapi: any): Promise<void> {
  await checkBoundaries(strapi);
  if (!strapi.config.get('server.cron.enabled', true)) return;
  strapi.cron.add({
    congConsultationBoundaries: {
      task: async () => {
        try {
          await checkBoundaries(strapi);
        } catch (err) {
          strapi.log.error(`[consultation] boundary check failed: ${(err as Error).message}`);
        }
      },
      options: { rule: process.env.WORKFLOW_CRON_RULE || '0 * * * * *' },
    },
  });
}
