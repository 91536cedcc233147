/**
 * Admin API of the workflow (admin authentication: the panel's JWT or an admin token), mounted
 * under /cong-workflow:
 * - GET  /cong-workflow/items/:uid/:documentId — state, the buttons this user gets, history;
 * - POST /cong-workflow/items/:uid/:documentId/transitions — body `{ action, reason?, publishAt?, toAgency? }`
 *   (`toAgency`: documentId of the agency a question is forwarded to; when the step takes the item out
 *   of the caller's reach — a forward — the answer is `{ movedOut: true, agency, hint }`);
 *   answers 200 with the item's new description, 400 (ValidationError: reason or date missing),
 *   403 (ForbiddenError: the rules refuse; the message says what is missing), 404.
 * - GET  /cong-workflow/me — the caller's workflow roles and agency.
 */
import { decide } from '@cong/shared';
import type { Core } from '@strapi/strapi';
import type { Ctx } from '../lib/strapi-types';
import { currentActor, type ResolvedActor } from './actor';
import { describeItem, performTransition, requireItem } from './service';

const adminPolicies = ['admin::isAuthenticatedAdmin'];

async function describe(ctx: Ctx) {
  const actor: ResolvedActor = await currentActor(strapi);
  const item = await requireItem(strapi, ctx.params.uid, ctx.params.documentId);
  ctx.body = { data: await describeItem(strapi, actor, item) };
}

async function transition(ctx: Ctx) {
  const actor: ResolvedActor = await currentActor(strapi);
  const body = ctx.request.body ?? {};
  const item = await performTransition(strapi, actor, {
    uid: ctx.params.uid,
    documentId: ctx.params.documentId,
    action: String(body.action ?? ''),
    reason: typeof body.reason === 'string' ? body.reason : null,
    publishAt: typeof body.publishAt === 'string' ? body.publishAt : null,
    toAgency: typeof body.toAgency === 'string' ? body.toAgency : null,
  });
  // a question forwarded to another agency leaves this agency's reach: say where it went
  if (!decide(actor, 'read', item).allowed) {
    ctx.body = {
      data: { uid: item.uid, documentId: item.documentId, agency: item.agency, movedOut: true, hint: `Đã chuyển sang ${item.agency?.name ?? 'cơ quan khác'}.` },
    };
    return;
  }
  ctx.body = { data: await describeItem(strapi, actor, item) };
}

async function me(ctx: Ctx) {
  const actor = await currentActor(strapi);
  ctx.body = { data: { id: actor.id, name: actor.name, roles: actor.roles, agencyId: actor.agencyId ?? null } };
}

/** The router, in the shape `strapi.admin.routes` holds (registered before routing is initialised). */
export const workflowAdminRouter = {
  type: 'admin' as const,
  prefix: '/cong-workflow',
  routes: [
    { method: 'GET', path: '/me', handler: me, config: { policies: adminPolicies } },
    { method: 'GET', path: '/items/:uid/:documentId', handler: describe, config: { policies: adminPolicies } },
    { method: 'POST', path: '/items/:uid/:documentId/transitions', handler: transition, config: { policies: adminPolicies } },
  ],
} satisfies Core.RouterInput;
