import { publicReadActions } from '../lib/content-types';

/** Name of the API token the preview route (and the publisher's builds) use. */
export const PREVIEW_TOKEN_NAME = 'Cổng — xem trước bản nháp (preview)';

/** The only permissions of the preview token: read the public content types. */
export function previewTokenPermissions(): string[] {
  return publicReadActions().sort();
}

/**
 * Makes the preview-only API token exist with the key given in env `CMS_PREVIEW_TOKEN`, so the
 * site's preview route can read drafts without a full-access token and without clicking in
 * Settings → API Tokens. The token is a `custom` token whose only permissions are find/findOne
 * on the public content types; `publicReadGuard` lets this one token (by name) read drafts.
 *
 * Idempotent: creates the token, or re-keys it when the env key changed, or resets its
 * permissions when they drifted. When `CMS_PREVIEW_TOKEN` is unset the managed token is deleted.
 *
 * @returns what it did
 * @throws {Error} when the key is shorter than 32 characters
 */
export async function ensurePreviewToken(strapi: any, env: NodeJS.ProcessEnv = process.env): Promise<'created' | 'updated' | 'unchanged' | 'removed' | 'none'> {
  const key = env.CMS_PREVIEW_TOKEN ?? '';
  const service = strapi.service('admin::api-token-content-api') ?? strapi.service('admin::api-token');
  const existing = await strapi.db.query('admin::api-token').findOne({
    where: { name: PREVIEW_TOKEN_NAME },
    populate: ['permissions'],
  });
  if (!key) {
    if (!existing) return 'none';
    await service.revoke(existing.id);
    strapi.log.info('[preview] CMS_PREVIEW_TOKEN is not set: removed the preview token');
    return 'removed';
  }
  if (key.length < 32) throw new Error('CMS_PREVIEW_TOKEN must be at least 32 characters');

  const accessKey = service.hash(key);
  const encryptedKey = strapi.service('admin::encryption')?.encrypt?.(key) ?? null;
  const wanted = previewTokenPermissions();
  if (!existing) {
    const created = await service.create({
      name: PREVIEW_TOKEN_NAME,
      description: 'Chỉ đọc nội dung công khai, kể cả bản nháp, cho trang xem trước. Quản lý bởi biến môi trường CMS_PREVIEW_TOKEN.',
      type: 'custom',
      lifespan: null,
      permissions: wanted,
    });
    await strapi.db.query('admin::api-token').update({ where: { id: created.id }, data: { accessKey, encryptedKey } });
    strapi.log.info('[preview] created the preview API token');
    return 'created';
  }
  const have = (existing.permissions ?? []).map((p: any) => p.action).sort();
  const keyOk = existing.accessKey === accessKey;
  const permsOk = JSON.stringify(have) === JSON.stringify(wanted) && existing.type === 'custom';
  if (keyOk && permsOk) return 'unchanged';
  if (!permsOk) await service.update(existing.id, { type: 'custom', permissions: wanted });
  if (!keyOk) await strapi.db.query('admin::api-token').update({ where: { id: existing.id }, data: { accessKey, encryptedKey } });
  strapi.log.info('[preview] updated the preview API token');
  return 'updated';
}
