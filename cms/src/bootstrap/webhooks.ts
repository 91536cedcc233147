import { PUBLISHER_SECRET_HEADER, PUBLISHER_WEBHOOK_EVENTS, PUBLISHER_WEBHOOK_NAME } from '@cong/shared';

/** What {@link registerPublisherWebhook} did. */
export type WebhookRegistration = 'created' | 'updated' | 'unchanged' | 'removed' | 'none';

/**
 * Registers the publisher's webhook from the environment, so a fresh start needs no clicking
 * in Settings → Webhooks:
 * - `PUBLISHER_WEBHOOK_URL` — where Strapi POSTs (e.g. `http://publisher:4321/hooks/strapi`)
 * - `PUBLISHER_WEBHOOK_SECRET` — sent in the `x-cong-publisher-secret` header (Strapi webhooks
 *   are unsigned; the publisher compares the header in constant time)
 *
 * Events: `entry.publish`, `entry.unpublish`, `entry.delete` (the public sees published versions
 * only; a draft edit changes nothing public). Idempotent: the webhook is found by its name
 * ({@link PUBLISHER_WEBHOOK_NAME}), updated when the URL, secret or events differ, duplicates
 * are removed; when the URL is unset the managed webhook is removed (a stale URL would fail
 * silently). The running webhook runner is updated too (its own bootstrap already loaded the
 * stored webhooks before ours runs).
 *
 * @throws {Error} when the URL is set but the secret is missing or shorter than 16 characters,
 *   or when the URL is not http(s) — a misconfigured publisher must stop the boot, not be
 *   discovered later as "the site does not update".
 */
export async function registerPublisherWebhook(strapi: any, env: NodeJS.ProcessEnv = process.env): Promise<WebhookRegistration> {
  const url = (env.PUBLISHER_WEBHOOK_URL ?? '').trim();
  const secret = env.PUBLISHER_WEBHOOK_SECRET ?? '';
  const store = strapi.get('webhookStore');
  const runner = strapi.get('webhookRunner');
  const ours = (await store.findWebhooks()).filter((w: any) => w.name === PUBLISHER_WEBHOOK_NAME);

  if (!url) {
    for (const w of ours) {
      await store.deleteWebhook(w.id);
      runner.remove(w);
    }
    if (ours.length) strapi.log.info('[publisher] PUBLISHER_WEBHOOK_URL is not set: removed the publisher webhook');
    return ours.length ? 'removed' : 'none';
  }
  if (!/^https?:\/\/[^\s]+$/i.test(url)) throw new Error(`PUBLISHER_WEBHOOK_URL must be an http(s) URL, got ${JSON.stringify(url)}`);
  if (secret.length < 16) throw new Error('PUBLISHER_WEBHOOK_SECRET must be set (at least 16 characters) when PUBLISHER_WEBHOOK_URL is set');

  const wanted = {
    name: PUBLISHER_WEBHOOK_NAME,
    url,
    headers: { [PUBLISHER_SECRET_HEADER]: secret },
    events: [...PUBLISHER_WEBHOOK_EVENTS],
    isEnabled: true,
  };
  const [first, ...duplicates] = ours;
  for (const w of duplicates) {
    await store.deleteWebhook(w.id);
    runner.remove(w);
  }
  if (!first) {
    const created = await store.createWebhook(wanted);
    runner.add(created);
    strapi.log.info(`[publisher] registered webhook → ${url} (${wanted.events.join(', ')})`);
    return 'created';
  }
  const same =
    first.url === wanted.url &&
    first.isEnabled === true &&
    JSON.stringify(first.headers ?? {}) === JSON.stringify(wanted.headers) &&
    JSON.stringify([...(first.events ?? [])].sort()) === JSON.stringify([...wanted.events].sort());
  if (same && !duplicates.length) return 'unchanged';
  const updated = await store.updateWebhook(first.id, wanted);
  runner.update(updated ?? { ...wanted, id: first.id });
  strapi.log.info(`[publisher] updated webhook → ${url}`);
  return 'updated';
}
