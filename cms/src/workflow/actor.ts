/**
 * Who is acting, from the current request (Strapi's request context, AsyncLocalStorage):
 * - an admin user (admin panel / admin API, JWT or admin token) → its workflow roles from its
 *   Strapi admin roles (codes in ROLE_CODES) and its agency from `agency-membership`;
 * - a content-API caller (API token, users-permissions user) → `integration`;
 * - an unauthenticated request → no role (refused every write);
 * - no request at all (seed import, cron, bootstrap) → `system`.
 */
import type { AdminAccount, RequestCtx, Strapi } from '../lib/strapi-types';
import type { WorkflowActor, WorkflowRole } from '@cong/shared';
import { AGENCY_UID, MEMBERSHIP_UID, ROLE_BY_CODE } from './constants';
import { workflowScope, type Channel } from './scope';

export const SYSTEM_ACTOR: WorkflowActor = Object.freeze({ id: 'system', roles: ['system'] as WorkflowRole[], agencyId: null, name: 'Hệ thống' });

/** Extra facts about an admin actor kept for the audit log. */
export interface ResolvedActor extends WorkflowActor {
  email?: string | null;
  /** admin user id (number) when the actor is an admin user */
  adminUserId?: number | null;
}

const perRequest = new WeakMap<object, Promise<ResolvedActor>>();

/** The Koa context of the current request, or undefined for server-internal code. */
export function currentRequest(strapi: Strapi): RequestCtx | undefined {
  return strapi.requestContext?.get?.();
}

/** Which path the current call came through. */
export function currentChannel(strapi: Strapi): Channel {
  const scoped = workflowScope.getStore()?.channel;
  if (scoped) return scoped;
  const ctx = currentRequest(strapi);
  if (!ctx) return 'system';
  const path = String(ctx.request?.path ?? ctx.path ?? '');
  if (path.startsWith('/graphql')) return 'graphql';
  if (path.startsWith('/api/') || path === '/api') return 'contentApi';
  return 'adminPanel';
}

/**
 * The agency (documentId) an admin account belongs to, from `agency-membership` by email:
 * the `agency` relation when set, otherwise the agency whose slug is `agencySlug` (so a
 * membership written before its agency exists — seed accounts — links itself once the agency
 * is imported). Null when the account is not linked or the agency does not exist.
 */
export async function agencyOfEmail(strapi: Strapi, email: string | null | undefined): Promise<{ documentId: string; name: string } | null> {
  if (!email) return null;
  const m = await strapi.db.query(MEMBERSHIP_UID).findOne({
    where: { email: email.toLowerCase() },
    populate: { agency: { select: ['documentId', 'name'] } },
  });
  if (!m) return null;
  if (m.agency?.documentId) return { documentId: m.agency.documentId, name: m.agency.name };
  if (m.agencySlug) {
    const a = await strapi.db.query(AGENCY_UID).findOne({ where: { slug: m.agencySlug }, select: ['documentId', 'name'] });
    if (a) return { documentId: a.documentId, name: a.name };
  }
  return null;
}

/**
 * Workflow actor for an admin user (id, email, roles). Loads the roles when the user object
 * has none (admin tokens), maps role codes to workflow roles, and looks up the agency.
 */
export async function adminActor(strapi: Strapi, user: AdminAccount | null | undefined): Promise<ResolvedActor> {
  let roles: readonly { code?: string | null }[] = Array.isArray(user?.roles) ? user.roles : [];
  if (!roles.length && user?.id) {
    const full: AdminAccount | null = await strapi.db.query('admin::user').findOne({ where: { id: user.id }, populate: { roles: { select: ['code'] } } });
    roles = full?.roles ?? [];
  }
  const workflowRoles = [...new Set(roles.map((r) => ROLE_BY_CODE[r.code ?? '']).filter(Boolean))] as WorkflowRole[];
  const agency = await agencyOfEmail(strapi, user?.email);
  const name = [user?.firstname, user?.lastname].filter(Boolean).join(' ') || user?.username || user?.email || `#${user?.id}`;
  return {
    id: `admin:${user?.id}`,
    roles: workflowRoles,
    agencyId: agency?.documentId ?? null,
    name,
    email: user?.email ?? null,
    adminUserId: user?.id ?? null,
  };
}

async function resolveFromRequest(strapi: Strapi, ctx: RequestCtx): Promise<ResolvedActor> {
  const auth = ctx.state?.auth;
  const strategy: string | undefined = auth?.strategy?.name;
  if ((strategy === 'admin' || strategy === 'admin-token') && ctx.state?.user) return adminActor(strapi, ctx.state.user);
  if (strategy === 'content-api-token' || strategy === 'api-token') {
    const t = auth.credentials ?? {};
    return { id: `token:${t.id ?? '?'}`, roles: ['integration'], agencyId: null, name: `Khoá API "${t.name ?? t.id ?? '?'}"` };
  }
  if (strategy === 'users-permissions' && ctx.state?.user) {
    const u = ctx.state.user;
    return { id: `user:${u.id}`, roles: ['integration'], agencyId: null, name: u.username ?? u.email ?? `#${u.id}`, email: u.email ?? null };
  }
  return { id: 'public', roles: [], agencyId: null, name: 'Khách (chưa đăng nhập)' };
}

/**
 * The actor of the current call: the scope's actor when a workflow step set one, the system
 * when there is no request, otherwise the request's user (cached per request).
 */
export async function currentActor(strapi: Strapi): Promise<ResolvedActor> {
  const scoped = workflowScope.getStore()?.actor;
  if (scoped) return scoped;
  const ctx = currentRequest(strapi);
  if (!ctx) return SYSTEM_ACTOR;
  let p = perRequest.get(ctx);
  if (!p) {
    p = resolveFromRequest(strapi, ctx);
    perRequest.set(ctx, p);
  }
  return p;
}
