/**
 * Helpers for the workflow tests: admin accounts with the workflow's roles linked to agencies,
 * admin login over HTTP, admin-API and content-API calls, and snapshots of an item's stored
 * state (draft row, published row, audit log) to prove a refused call changed nothing.
 */
export const PASSWORD = 'Thu-nghiem-2026';

export const ROLE_CODE = {
  agencyEditor: 'cong-agency-editor',
  agencyTeamLead: 'cong-agency-team-lead',
  editorialBoard: 'cong-editorial-board',
  editorialCouncil: 'cong-editorial-council',
  itCentre: 'strapi-super-admin',
} as const;
export type RoleKey = keyof typeof ROLE_CODE;

export const TRANSITION_UID = 'api::workflow-transition.workflow-transition';
export const MEMBERSHIP_UID = 'api::agency-membership.agency-membership';

/** Creates an active admin account with one workflow role, linked to an agency when given. */
export async function createAccount(strapi: any, o: { email: string; role: RoleKey; agencyDocumentId?: string; firstname?: string }) {
  const role = await strapi.db.query('admin::role').findOne({ where: { code: ROLE_CODE[o.role] } });
  if (!role) throw new Error(`role ${o.role} missing`);
  const user = await strapi.admin.services.user.create({
    email: o.email,
    firstname: o.firstname ?? o.email.split('@')[0],
    lastname: 'Thử nghiệm',
    password: PASSWORD,
    registrationToken: null,
    isActive: true,
    roles: [role.id],
    preferedLanguage: 'vi',
  });
  if (o.agencyDocumentId) {
    const agency = await strapi.db.query('api::agency.agency').findOne({ where: { documentId: o.agencyDocumentId, publishedAt: null } });
    const m = await strapi.db.query(MEMBERSHIP_UID).findOne({ where: { email: o.email } });
    if (m) await strapi.db.query(MEMBERSHIP_UID).update({ where: { id: m.id }, data: { agency: agency.id } });
    else await strapi.db.query(MEMBERSHIP_UID).create({ data: { email: o.email, agency: agency.id } });
  }
  return user;
}

/** Logs in through POST /admin/login; returns the access token. */
export async function login(url: string, email: string, password = PASSWORD): Promise<string> {
  const res = await fetch(`${url}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const body: any = await res.json();
  if (!res.ok || !body?.data?.token) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(body)}`);
  return body.data.token;
}

export interface HttpResult {
  status: number;
  body: any;
}

/** One HTTP call with a bearer token (admin JWT or API token); JSON in, JSON out. */
export async function call(url: string, token: string | null, method: string, path: string, body?: unknown): Promise<HttpResult> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* keep text */
  }
  return { status: res.status, body: parsed };
}

/** The error message of a Strapi error body (REST/admin) or of a GraphQL response. */
export function errorMessage(r: HttpResult | any): string {
  const b = r?.body ?? r;
  return String(b?.error?.message ?? b?.errors?.[0]?.message ?? '');
}

/** Everything stored about one item (updatedAt included): draft row, published row, its log entries, and the row count of the type. */
export async function snapshot(strapi: any, uid: string, documentId: string) {
  const [draft, published, log, count] = await Promise.all([
    strapi.db
      .query(uid)
      .findOne({ where: { documentId, publishedAt: null }, populate: uid === 'api::agency.agency' ? undefined : { agency: { select: ['documentId'] } } }),
    strapi.db.query(uid).findOne({ where: { documentId, publishedAt: { $notNull: true } } }),
    strapi.db.query(TRANSITION_UID).count({ where: { itemDocumentId: documentId } }),
    strapi.db.query(uid).count(),
  ]);
  return { draft, published, log, count };
}
