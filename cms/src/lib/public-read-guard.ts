import { errors } from '@strapi/utils';
import { PREVIEW_TOKEN_NAME } from '../bootstrap/preview';

/**
 * Who may read draft versions, and the guard that keeps everyone else on published content.
 *
 * Strapi 5 serves drafts on the content API for ANY `status` other than exactly `published`
 * (`?status=xyz`, `DRAFT`, an empty value, `status[]=draft`, `draft%00`…), for every role that
 * has `find`. The portal's rule (issue 9, class 1): on the content API (REST `/api/*` and
 * GraphQL), the public role, users-permissions users and every API token except the
 * preview-only token read published content only, whatever the query says:
 * - `status` absent, or exactly the string `published` → served, published only;
 * - `status` present in any other form (other value, other case, empty, array, object, padded,
 *   with a NUL byte) → refused with HTTP 400 naming `status`.
 * The same holds for GraphQL arguments (`status: DRAFT`) and for every document-service read
 * the request makes (collections, single entries, single types, counts).
 *
 * Draft reads stay open to the admin panel (its own RBAC and agency conditions apply), to the
 * preview-only token (`PREVIEW_TOKEN_NAME`, bootstrap/preview.ts) and to server code that runs
 * outside any request (seed import, scheduler, bootstrap).
 */

const CONTENT_API = /^\/(api|graphql)(\/|$)/;

/**
 * Whether the current request may read draft versions.
 * @param ctx the Koa context of the current request, or undefined outside a request
 */
export function mayReadDrafts(ctx: any): boolean {
  if (!ctx) return true;
  const path = String(ctx.request?.path ?? ctx.path ?? '');
  const auth = ctx.state?.auth;
  const strategy = auth?.strategy?.name;
  if (!CONTENT_API.test(path)) {
    // admin routes authenticate as 'admin'; anything else reading content outside the content
    // API is server code serving that request (e.g. the publisher's state endpoint)
    return !auth || strategy === 'admin' || strategy === 'admin-token';
  }
  // Strapi 5.54 names the content-API token strategy 'content-api-token' (older: 'api-token').
  if (strategy === 'api-token' || strategy === 'content-api-token') {
    return auth.credentials?.name === PREVIEW_TOKEN_NAME && auth.credentials?.type === 'custom';
  }
  return false;
}

/** The message of the 400 refusal, Vietnamese first (the portal's users), English for machines. */
export const STATUS_REFUSED_MESSAGE =
  'Tham số status chỉ nhận giá trị "published": nội dung chưa đăng không được công khai (status must be absent or "published")';

function refuseStatus(): never {
  throw new errors.ValidationError(STATUS_REFUSED_MESSAGE, {
    errors: [{ path: ['status'], message: STATUS_REFUSED_MESSAGE, name: 'ValidationError' }],
  });
}

/** Whether a raw query value is exactly the string `published`. */
const isExactlyPublished = (v: unknown): boolean => typeof v === 'string' && v === 'published';

/**
 * Whether the raw query string of a request asks for a publication status other than exactly
 * `status=published`: any key that spells `status` in another way (`Status`, ` status`,
 * `status[]`, `status[x]`, `status%00`), a repeated key, or another value. Raw keys are read
 * because a key Strapi would ignore today may be read by a later version.
 */
export function statusQueryRefused(ctx: any): boolean {
  const raw = String(ctx?.querystring ?? '');
  if (!raw) return false;
  const keys = raw
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const k = pair.split('=')[0];
      try {
        return decodeURIComponent(k.replace(/\+/g, ' '));
      } catch {
        return k;
      }
    });
  const statusKeys = keys.filter((k) =>
    k
      .replace(/[\s\u0000]/g, '')
      .toLowerCase()
      .startsWith('status'),
  );
  if (!statusKeys.length) return false;
  return !(statusKeys.length === 1 && statusKeys[0] === 'status' && isExactlyPublished(ctx.query?.status));
}

function refusalBody() {
  return {
    data: null,
    error: {
      status: 400,
      name: 'ValidationError',
      message: STATUS_REFUSED_MESSAGE,
      details: { errors: [{ path: ['status'], message: STATUS_REFUSED_MESSAGE, name: 'ValidationError' }] },
    },
  };
}

/**
 * Koa middleware (outermost, before Strapi routes the request): on `/api/*` without a bearer
 * token, a `status` query parameter in any form other than exactly `published` is refused with
 * 400 naming `status` ({@link statusQueryRefused}). Requests with a token are decided by the
 * document-service guard below, once the token is known (only the preview token reads drafts).
 */
export function publicStatusQueryGuard() {
  return async (ctx: any, next: () => Promise<any>) => {
    if (/^\/api(\/|$)/.test(ctx.path) && !ctx.get('authorization') && statusQueryRefused(ctx)) {
      ctx.status = 400;
      ctx.body = refusalBody();
      return;
    }
    return next();
  };
}

const READ_ACTIONS = new Set(['findMany', 'findOne', 'findFirst', 'count']);

/** Attribute types Strapi's `_q` search reads as text (database/query/helpers/search.js). */
const TEXT_TYPES = new Set(['string', 'text', 'richtext', 'email', 'uid', 'enumeration']);

/**
 * The `_q` of a content-API read, made a filter over the type's public text fields only.
 *
 * Strapi's `_q` searches every text column of the type, private ones included (a citizen's
 * email, phone, full name, a question's tracking code): `/api/questions?_q=nguyenvana@` answered
 * which published question a contact asked, letter by letter (red-team F16). The same search
 * over the fields the API shows — `$containsi` on each, OR-ed, AND-ed with the request's
 * filters — keeps `_q` useful and reads nothing hidden.
 * @param model the content type's schema (its `attributes`)
 * @param params the read's params (mutated: `_q` removed, `filters` narrowed)
 */
export function publicSearchParams(model: { attributes?: Record<string, any> } | null | undefined, params: Record<string, any>): void {
  if (params._q === undefined || params._q === null) return;
  const q = String(params._q);
  delete params._q;
  if (!q) return;
  const fields = Object.entries(model?.attributes ?? {})
    .filter(([, a]) => TEXT_TYPES.has(a?.type) && a.private !== true && a.searchable !== false)
    .map(([name]) => name);
  // a type without a public text field: nothing can match (documentId never does: it is random)
  const search = fields.length ? { $or: fields.map((f) => ({ [f]: { $containsi: q } })) } : { documentId: { $null: true } };
  params.filters = params.filters ? { $and: [params.filters, search] } : search;
}

/**
 * Document-service middleware: on every read of a content type (`api::*`) made for a request
 * that may not read drafts, a `status` other than `published` is refused (400, `status`) and
 * an absent one is set to `published`, so no default and no path serves a draft.
 * For REST it also re-checks the raw `status` query parameter (after authentication, so a
 * non-preview token asking for drafts is refused too).
 * @throws errors.ValidationError naming `status`
 */
export function publicReadGuard(strapi: any) {
  return async (context: any, next: () => Promise<any>): Promise<any> => {
    if (!READ_ACTIONS.has(context.action) || !String(context.uid).startsWith('api::')) return next();
    const ctx = strapi.requestContext?.get?.();
    // on the content API (any caller, preview token included) `_q` reads public fields only
    if (ctx && CONTENT_API.test(String(ctx.request?.path ?? ctx.path ?? '')) && context.params?._q !== undefined) {
      publicSearchParams(strapi.getModel?.(context.uid), context.params);
    }
    if (mayReadDrafts(ctx)) return next();
    const params = (context.params ??= {});
    if (params.status !== undefined && params.status !== null && !isExactlyPublished(params.status)) refuseStatus();
    if (ctx && /^\/api(\/|$)/.test(String(ctx.path ?? '')) && statusQueryRefused(ctx)) refuseStatus();
    params.status = 'published';
    return next();
  };
}
