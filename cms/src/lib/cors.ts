/**
 * The browser origins allowed to call the CMS cross-origin (issue 9, class 4): exactly the ones
 * listed in CORS_ORIGINS (comma-separated `scheme://host[:port]`), none by default — the admin
 * panel is same-origin and the site and publisher call the CMS from the server. `*` is ignored.
 * Used by the `strapi::cors` middleware (config/middlewares.ts) and by the GraphQL endpoint,
 * which mounts its own CORS handler (config/plugins.ts).
 */
export function corsOrigins(env: NodeJS.ProcessEnv = process.env): string[] {
  return String(env.CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o && o !== '*');
}

/** @koa/cors options for GraphQL: only the configured origins get any CORS header. */
export function graphqlCors(env: NodeJS.ProcessEnv = process.env) {
  const allowed = corsOrigins(env);
  return {
    origin: (ctx: { get(name: string): string }) => {
      const o = ctx.get('Origin');
      return o && allowed.includes(o) ? o : '';
    },
    credentials: true,
  };
}
