import { publicReadActions } from '../lib/content-types';

/**
 * Grants the users-permissions `public` role read access (find, findOne) to every public content
 * type, and nothing else. Idempotent: runs at every boot and only adds what is missing.
 * Draft reads stay refused by `publicReadGuard` whatever the permission says.
 */
export async function grantPublicRead(strapi: any): Promise<void> {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  if (!role) return;
  const wanted = publicReadActions();
  const existing = await strapi.db.query('plugin::users-permissions.permission').findMany({
    where: { role: role.id, action: { $in: wanted } },
    select: ['action'],
  });
  const have = new Set(existing.map((p: any) => p.action));
  for (const action of wanted) {
    if (!have.has(action)) {
      await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
    }
  }
}
