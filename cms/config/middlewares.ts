import { corsOrigins } from '../src/lib/cors';

/**
 * Koa middlewares of the CMS, in order.
 *
 * CORS (issue 9, class 4): the admin panel is served from the CMS's own origin and the site and
 * the publisher call the CMS from the server, so no browser origin needs cross-origin access.
 * Only the origins listed in CORS_ORIGINS (comma-separated, exact `scheme://host[:port]`) get
 * CORS headers; before this, any origin was answered with `Access-Control-Allow-Credentials:
 * true`, so script on another site could use a logged-in editor's refresh cookie
 * (`POST /admin/access-token`) and read an admin token.
 */
export default () => {
  const origins = corsOrigins();
  return [
    'strapi::logger',
    'strapi::errors',
    'strapi::security',
    {
      name: 'strapi::cors',
      config: {
        origin: origins,
        credentials: true,
        headers: ['Content-Type', 'Authorization', 'Origin', 'Accept'],
      },
    },
    // query budget of /graphql and /api/* (issue 9, class 8): src/lib/query-budget.ts
    { resolve: './src/lib/query-budget' },
    'strapi::poweredBy',
    'strapi::query',
    'strapi::body',
    'strapi::session',
    'strapi::favicon',
    'strapi::public',
    // uploaded files never run as script in the admin's origin (src/lib/upload-safety.ts)
    { resolve: './src/lib/upload-safety' },
  ];
};
