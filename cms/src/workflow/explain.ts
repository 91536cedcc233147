/**
 * Says what is missing when the admin panel's own permission checks refuse a request.
 *
 * The content-manager checks Strapi RBAC (including the "my agency" condition) before the
 * document service runs, and refuses with a bare "Forbidden" / "Policy Failed". This Koa
 * middleware, outermost, replaces that message on content-manager routes of the workflow's types
 * with the rules' own Vietnamese explanation (e.g. "Nội dung này thuộc cơ quan, đơn vị khác…"),
 * computed for the same actor and item. Status and everything else stay as Strapi set them.
 */
import type { RequestCtx, Strapi } from '../lib/strapi-types';
import { decide, type WorkflowAction, type WorkflowItem } from '@cong/shared';
import { adminActor } from './actor';
import { WORKFLOW_KINDS, isWorkflowUid } from './constants';
import { loadItem } from './items';
import { CONSULTATION_COMMENT_UID } from '@cong/shared';
import { NOT_YOURS_MESSAGE } from '../consultation/moderation';

const COMMENT_NOT_FOUND_MESSAGE =
  'Không tìm thấy ý kiến góp ý này trong phạm vi cơ quan, đơn vị của tài khoản: chỉ đơn vị chủ trì lấy ý kiến và Ban biên tập cổng được kiểm duyệt (R-3.3).';

const GENERIC =
  'Tài khoản không có quyền thực hiện thao tác này: vai trò hoặc đơn vị của tài khoản không cho phép (R-3.3). Đề nghị Trung tâm CNTT kiểm tra phân quyền nếu cần.';

const ROUTE = /^\/content-manager\/(collection-types|single-types)\/([^/]+)(?:\/([^/]+))?(?:\/actions\/([a-zA-Z]+))?\/?$/;

function actionFor(method: string, id: string | undefined, act: string | undefined): WorkflowAction | null {
  if (act === 'publish') return 'publish';
  if (act === 'unpublish') return 'withdraw';
  if (act === 'discard') return 'discard';
  if (act) return null;
  if (method === 'GET') return 'read';
  if (method === 'POST') return 'create';
  if (method === 'PUT') return id ? 'edit' : 'create';
  if (method === 'DELETE') return 'delete';
  return null;
}

/** The explanation for a refused content-manager request, or null to leave the response alone. */
async function explain(strapi: Strapi, ctx: RequestCtx): Promise<string | null> {
  const m = ROUTE.exec(ctx.path);
  if (!m) return null;
  const [, kindOfType, uid, rawId, act] = m;
  // comments on consultations: RBAC refused a moderator of another agency (or the council)
  if (uid === CONSULTATION_COMMENT_UID) return ctx.state?.user ? NOT_YOURS_MESSAGE : null;
  if (!isWorkflowUid(uid)) return null;
  const user = ctx.state?.user;
  if (!user) return null;
  const id = rawId && rawId !== 'actions' ? rawId : undefined;
  const action = actionFor(ctx.method, id, act);
  if (!action) return GENERIC;
  const actor = await adminActor(strapi, user);
  let item: WorkflowItem | null = null;
  if (id || kindOfType === 'single-types') {
    const documentId = id ?? (await strapi.db.query(uid).findOne({ select: ['documentId'] }))?.documentId;
    item = documentId ? await loadItem(strapi, uid, documentId) : null;
  }
  if (!item) item = { kind: WORKFLOW_KINDS[uid], agencyId: actor.agencyId ?? null, state: null, hasPublishedVersion: false, submittedBy: null };
  const d = decide(actor, action === 'create' || item.state ? action : 'read', item);
  return d.allowed ? GENERIC : d.message;
}

/** Koa middleware (register with `strapi.server.use` in `register()` so it is outermost). */
export function explainRefusals(strapi: Strapi) {
  return async (ctx: RequestCtx, next: () => Promise<void>) => {
    await next();
    /** Strapi's error answer: `{ data, error: { status, name, message, details } }` */
    const body = ctx.body as { error?: { message?: string } & Record<string, unknown> } | null | undefined;
    // a comment of another agency is out of the account's sight: the content manager says
    // "Entity not found" — say it in Vietnamese, without telling whether it exists
    if (ctx.status === 404 && ctx.path?.startsWith(`/content-manager/collection-types/${CONSULTATION_COMMENT_UID}/`) && body?.error) {
      ctx.body = { ...body, error: { ...body.error, message: COMMENT_NOT_FOUND_MESSAGE } };
      return;
    }
    if (ctx.status !== 403 || !ctx.path?.startsWith('/content-manager/')) return;
    const error = body?.error;
    if (!error || (error.message && !['Forbidden', 'Policy Failed', 'Forbidden access'].includes(error.message))) return;
    try {
      const message = await explain(strapi, ctx);
      if (message) ctx.body = { ...body, error: { ...error, message } };
    } catch (err) {
      strapi.log.debug(`[workflow] could not explain a refusal: ${(err as Error).message}`);
    }
  };
}
