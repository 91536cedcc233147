import { publicReadActions } from '../lib/content-types';

/**
 * Closes what Strapi opens by default (issue 9, "also open"), at every boot, idempotently:
 *
 * - users-permissions registration: `POST /api/auth/local/register` let anyone make an account.
 *   The portal has no end-user accounts (citizens never log in to the CMS), so the advanced
 *   setting `allow_register` is forced off, and the public and authenticated roles keep no
 *   users-permissions action (register, login callbacks, password reset, email confirmation, me).
 * - the public role holds EXACTLY find/findOne on the public content types ({@link publicReadActions});
 *   anything else granted to it (by hand in Settings, or by a plugin) is removed.
 * - the "authenticated" role holds nothing: no account of that role should exist.
 * - Strapi's default API tokens "Full Access" and "Read Only", created on a fresh database, are
 *   deleted: a full-access key sitting in the database is one leak away from every write.
 *   Tokens an operator creates under other names are left alone.
 */

const DEFAULT_TOKEN_NAMES = ['Full Access', 'Read Only'];

/**
 * Applies the lockdown.
 * @returns what it changed (for the log and the tests)
 */
export async function lockDown(strapi: any): Promise<{ removedPermissions: string[]; removedTokens: string[]; registrationClosed: boolean }> {
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
  const advanced = ((await store.get({ key: 'advanced' })) ?? {}) as Record<string, unknown>;
  const registrationClosed = advanced.allow_register !== false;
  if (registrationClosed) await store.set({ key: 'advanced', value: { ...advanced, allow_register: false } });

  const removedPermissions: string[] = [];
  const roles = await strapi.db.query('plugin::users-permissions.role').findMany({ where: { type: { $in: ['public', 'authenticated'] } } });
  const wanted = new Set(publicReadActions());
  for (const role of roles) {
    const perms = await strapi.db.query('plugin::users-permissions.permission').findMany({ where: { role: role.id }, select: ['id', 'action'] });
    const extra = perms.filter((p: any) => role.type !== 'public' || !wanted.has(p.action));
    if (extra.length) {
      await strapi.db.query('plugin::users-permissions.permission').deleteMany({ where: { id: { $in: extra.map((p: any) => p.id) } } });
      removedPermissions.push(...extra.map((p: any) => `${role.type}:${p.action}`));
    }
  }

  const removedTokens: string[] = [];
  const service = strapi.service('admin::api-token-content-api') ?? strapi.service('admin::api-token');
  const tokens = await strapi.db.query('admin::api-token').findMany({ where: { name: { $in: DEFAULT_TOKEN_NAMES } }, select: ['id', 'name'] });
  for (const t of tokens) {
    await service.revoke(t.id);
    removedTokens.push(t.name);
  }
  if (removedPermissions.length || removedTokens.length || registrationClosed) {
    strapi.log.info(
      `[lockdown] registration closed: ${registrationClosed}; removed permissions: ${removedPermissions.join(', ') || 'none'}; removed default API tokens: ${removedTokens.join(', ') || 'none'}`,
    );
  }
  return { removedPermissions, removedTokens, registrationClosed };
}
