import { errors } from '@strapi/utils';
import { PREVIEW_TOKEN_NAME } from '../bootstrap/preview';

/**
 * Decides whether the current request may read draft versions.
 *
 * Strapi 5 lets any role with `find` permission ask for `?status=draft` (REST) or
 * `status: DRAFT` (GraphQL) — a known gap. The public reads published content only, so draft
 * reads are allowed only for the admin panel (strategy `admin`), for full-access API tokens,
 * for the preview-only token (`PREVIEW_TOKEN_NAME`, bootstrap/preview.ts: find/findOne on the
 * public types, used by the site's preview route) and for server-internal calls (no request).
 *
 * @param ctx the Koa context of the current request, or undefined outside a request
 */
export function mayReadDrafts(ctx: any): boolean {
  if (!ctx) return true;
  const auth = ctx.state?.auth;
  if (!auth) {
    // Requests that never went through an auth strategy: admin routes set one, content routes do too.
    return !String(ctx.request?.path ?? '').match(/^\/(api|graphql)(\/|$)/);
  }
  const strategy = auth.strategy?.name;
  if (strategy === 'admin') return true;
  // Strapi 5.54 names the content-API token strategy 'content-api-token' (older: 'api-token').
  if (strategy === 'api-token' || strategy === 'content-api-token') {
    return auth.credentials?.type === 'full-access' || auth.credentials?.name === PREVIEW_TOKEN_NAME;
  }
  return false;
}

/**
 * Document-service middleware: refuses draft reads for the public (REST `?status=draft`,
 * GraphQL `status: DRAFT`) with 403.
 * @throws errors.ForbiddenError
 */
export function publicReadGuard(strapi: any) {
  return async (context: any, next: () => Promise<any>): Promise<any> => {
    const reading = ['findMany', 'findOne', 'findFirst', 'count'].includes(context.action);
    if (reading && context.params?.status === 'draft' && context.uid.startsWith('api::')) {
      const ctx = strapi.requestContext?.get?.();
      if (!mayReadDrafts(ctx)) {
        throw new errors.ForbiddenError(
          'Bản nháp không được công khai: tham số status=draft chỉ dành cho Ban biên tập và bản xem trước (status: draft is not available to the public)',
        );
      }
    }
    return next();
  };
}
