/**
 * Binds an admin access token to the account whose session issued it (issue 9, class 2).
 *
 * Strapi 5.54's admin strategy checks the token's signature and that its `sessionId` is an
 * active session, then loads the user named by the token's `userId` — without checking that the
 * session belongs to that user. Whoever can sign a token (the secret once had a fallback in the
 * code) could keep its own session and claim the IT centre's id. With the secret now random per
 * installation (lib/secrets.ts) forging needs the key; this guard makes a stolen key alone not
 * enough either: a valid admin access token whose session belongs to another account, or whose
 * session does not exist, is refused with 401 before any route runs.
 *
 * Content-API tokens and GraphQL/REST requests are left to their own strategies.
 */
const SESSION_UID = 'admin::session';

export function adminSessionGuard(strapi: any) {
  return async (ctx: any, next: () => Promise<any>) => {
    const header = String(ctx.get('authorization') ?? '');
    if (!header || /^\/(api|graphql)(\/|$)/.test(ctx.path)) return next();
    const m = /^bearer\s+(\S+)$/i.exec(header.trim());
    if (!m) return next();
    const manager = strapi.sessionManager?.('admin');
    if (!manager?.validateAccessToken) return next();
    const result = manager.validateAccessToken(m[1]);
    if (!result?.isValid || !result.payload) return next(); // the strategy refuses it
    const { sessionId, userId } = result.payload as { sessionId?: string; userId?: string | number };
    const session = sessionId ? await strapi.db.query(SESSION_UID).findOne({ where: { sessionId }, select: ['userId'] }) : null;
    if (!session || String(session.userId) !== String(userId)) {
      ctx.status = 401;
      ctx.body = {
        data: null,
        error: { status: 401, name: 'UnauthorizedError', message: 'Phiên đăng nhập không hợp lệ (the token does not match its session)', details: {} },
      };
      return;
    }
    return next();
  };
}
