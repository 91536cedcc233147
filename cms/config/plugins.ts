import { secret } from '../src/lib/secrets';
import { graphqlCors } from '../src/lib/cors';
import { graphqlBudget, readQueryBudget } from '../src/lib/query-budget';
import { emailPluginConfig } from '../src/mail/config';
import { UPLOAD_SECURITY } from '../src/lib/upload-safety';

/**
 * GraphQL: explicit depth and page-size limits (DESIGN.md "Fetching"); the site fetches
 * collections page by page with pageSize <= maxLimit.
 */
export default ({ env }: { env: any }) => ({
  graphql: {
    config: {
      endpoint: '/graphql',
      shadowCRUD: true,
      depthLimit: env.int('GRAPHQL_DEPTH_LIMIT', 10),
      defaultLimit: 25,
      maxLimit: env.int('GRAPHQL_MAX_LIMIT', 200),
      landingPage: env('NODE_ENV') !== 'production',
      apolloServer: {
        // the GraphQL endpoint mounts its own CORS handler: same origins as the rest of the CMS
        cors: graphqlCors(),
        // Production: no schema introspection (GRAPHQL_INTROSPECTION=true to allow it) and no
        // stack trace in error answers.
        introspection: env.bool('GRAPHQL_INTROSPECTION', env('NODE_ENV') !== 'production'),
        includeStacktraceInErrorResponses: env('NODE_ENV') !== 'production' && env('NODE_ENV') !== 'test',
        // Query budget (issue 9, class 8): aliases, directives, tokens, estimated result nodes,
        // result size; see src/lib/query-budget.ts and README "Configuration".
        ...graphqlBudget(readQueryBudget(process.env, { defaultLimit: 25, maxLimit: env.int('GRAPHQL_MAX_LIMIT', 200) })),
      },
    },
  },
  // Notification mails (issue 11, item 5): nodemailer to the SMTP server of SMTP_HOST; see src/mail/config.ts.
  email: {
    config: emailPluginConfig(process.env),
  },
  // Media library: only types that cannot run as script in the CMS's origin (src/lib/upload-safety.ts).
  upload: {
    config: {
      security: UPLOAD_SECURITY,
    },
  },
  'users-permissions': {
    config: {
      jwtSecret: secret('JWT_SECRET'),
    },
  },
});
