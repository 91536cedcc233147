import { registerPublisherWebhook } from './webhooks';
import { ensurePreviewToken } from './preview';

/**
 * Bootstrap of the publishing pipeline, from the environment: the publisher's webhook
 * (PUBLISHER_WEBHOOK_URL / PUBLISHER_WEBHOOK_SECRET) and the preview-only API token
 * (CMS_PREVIEW_TOKEN). Idempotent; throws on a misconfiguration (see each function).
 */
export async function setupPublishing(strapi: any): Promise<void> {
  await registerPublisherWebhook(strapi);
  await ensurePreviewToken(strapi);
}
