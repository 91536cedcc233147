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
      apolloServer: { introspection: true },
    },
  },
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET', 'cong-local-jwt-secret'),
    },
  },
});
