/**
 * The publisher's reconciliation endpoint (see controllers/publisher.ts). Not a content-API
 * permission: Strapi's auth is off for it and the controller checks the shared webhook secret.
 */
export default {
  routes: [
    {
      method: 'GET',
      path: '/publisher/published',
      handler: 'publisher.published',
      config: { auth: false, policies: [], middlewares: [] },
    },
  ],
};
