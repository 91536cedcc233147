/**
 * Who gets an agency's mails, and the links put in mails.
 *
 * An agency's editors are the active admin accounts linked to the agency through
 * `agency-membership` (by login email: the `agency` relation, or `agencySlug` before the agency
 * existed — the same rule as `agencyOfEmail` in workflow/actor.ts) that hold an agency role
 * (Biên tập viên đơn vị or Tổ trưởng tổ biên tập đơn vị, workflow/roles.ts).
 */
import { contentType, routes } from '@cong/shared';
import { AGENCY_UID, MEMBERSHIP_UID, ROLE_CODES } from '../workflow/constants';
import { siteUrl } from './config';

const AGENCY_ROLE_CODES = [ROLE_CODES.agencyEditor, ROLE_CODES.agencyTeamLead].filter(Boolean) as string[];

export interface Recipient {
  email: string;
  name: string | null;
}

/**
 * The active agency-role accounts of one agency.
 * @param agencyDocumentId the agency's documentId
 * @returns one entry per account (deduplicated by email); empty when the agency has none
 */
export async function agencyEditors(strapi: any, agencyDocumentId: string): Promise<Recipient[]> {
  const agency = await strapi.db.query(AGENCY_UID).findOne({ where: { documentId: agencyDocumentId }, select: ['slug'] });
  const or: any[] = [{ agency: { documentId: agencyDocumentId } }];
  if (agency?.slug) or.push({ agencySlug: agency.slug });
  const memberships = await strapi.db
    .query(MEMBERSHIP_UID)
    .findMany({ where: { $or: or }, select: ['email'], populate: { agency: { select: ['documentId'] } } });
  // a membership whose relation points at another agency wins over its slug
  const emails = [
    ...new Set(
      memberships.filter((m: any) => !m.agency?.documentId || m.agency.documentId === agencyDocumentId).map((m: any) => String(m.email).toLowerCase()),
    ),
  ];
  if (!emails.length) return [];
  const users = await strapi.db.query('admin::user').findMany({
    where: { email: { $in: emails }, isActive: true, blocked: false, roles: { code: { $in: AGENCY_ROLE_CODES } } },
    select: ['email', 'firstname', 'lastname'],
  });
  const seen = new Set<string>();
  return users
    .filter((u: any) => u.email && !seen.has(u.email.toLowerCase()) && seen.add(u.email.toLowerCase()))
    .map((u: any) => ({ email: u.email, name: [u.firstname, u.lastname].filter(Boolean).join(' ') || null }));
}

/** Absolute URL of the admin panel (Strapi's `admin.absoluteUrl`), without a trailing slash. */
export function adminBaseUrl(strapi: any): string {
  const configured = String(strapi.config.get('admin.absoluteUrl') ?? '');
  if (/^https?:\/\//.test(configured)) return configured.replace(/\/+$/, '');
  const host = strapi.config.get('server.host') ?? '127.0.0.1';
  const port = strapi.config.get('server.port') ?? 1337;
  return `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/admin`;
}

/** The item's edit view in the admin panel. */
export function adminItemUrl(strapi: any, uid: string, documentId: string): string {
  const single = contentType(uid)?.type === 'single';
  return single
    ? `${adminBaseUrl(strapi)}/content-manager/single-types/${uid}`
    : `${adminBaseUrl(strapi)}/content-manager/collection-types/${uid}/${encodeURIComponent(documentId)}`;
}

/**
 * The public page of a published item, or null (no page of its own, or no slug).
 * @param entry the item's `slug` (agency: its own slug)
 */
export function publicItemUrl(uid: string, entry: { slug?: string | null }): string | null {
  const slug = entry.slug || null;
  const path = (() => {
    try {
      switch (uid) {
        case 'api::agency.agency':
          return slug && routes.agency(slug);
        case 'api::article.article':
          return slug && routes.article(slug);
        case 'api::legal-document.legal-document':
          return slug && routes.legalDocument(slug);
        case 'api::administrative-procedure.administrative-procedure':
          return slug && routes.procedure(slug);
        case 'api::e-service.e-service':
          return routes.eServiceList();
        case 'api::investment-project.investment-project':
          return slug && routes.investmentProject(slug);
        case 'api::question.question':
          return slug && routes.question(slug);
        case 'api::province-profile.province-profile':
          return routes.provinceProfile();
        case 'api::homepage.homepage':
          return routes.home();
        default:
          return null;
      }
    } catch {
      return null;
    }
  })();
  return path ? `${siteUrl()}${path}` : null;
}

/** The asker's tracking link: the tracking code only, never the secret (issue 11, item 1). */
export function trackingUrl(trackingCode: string): string {
  return `${siteUrl()}/hoi-dap/tra-cuu/?ma=${encodeURIComponent(trackingCode)}`;
}
