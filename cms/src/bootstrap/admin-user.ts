/**
 * Creates the first administrator (super admin, the IT Centre's account — GLOSSARY "itCentre")
 * from env ADMIN_EMAIL / ADMIN_PASSWORD when no admin with that email exists. For local use:
 * the start script sets them and prints them. Never runs when either is unset.
 * The account's interface language is Vietnamese.
 */
export async function ensureFirstAdmin(strapi: any): Promise<void> {
  const email = process.env.ADMIN_EMAIL;
  const password = process.env.ADMIN_PASSWORD;
  if (!email || !password) return;
  const existing = await strapi.db.query('admin::user').findOne({ where: { email: email.toLowerCase() } });
  if (existing) return;
  const superAdmin = await strapi.admin.services.role.getSuperAdmin();
  if (!superAdmin) return;
  await strapi.admin.services.user.create({
    email: email.toLowerCase(),
    firstname: process.env.ADMIN_FIRSTNAME ?? 'Trung tâm',
    lastname: process.env.ADMIN_LASTNAME ?? 'CNTT',
    password,
    registrationToken: null,
    isActive: true,
    roles: [superAdmin.id],
    preferedLanguage: 'vi',
  });
  strapi.log.info(`[cong] created administrator ${email}`);
}
