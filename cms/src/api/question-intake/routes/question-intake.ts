/**
 * The citizen question routes (issue 11 item 1), called only by the publisher with the intake
 * token (cms/src/lib/intake.ts); Strapi's auth is off for them and the public role has no
 * permission on questions: nothing else can create one.
 * - `POST /api/cong-intake/questions`        `{ values }` → 201 `{ trackingCode, secret, dueAt, agencyName }`
 * - `POST /api/cong-intake/questions/status` `{ values: { trackingCode, secret } }` → 200 the status
 */
export default {
  routes: [
    {
      method: 'POST',
      path: '/cong-intake/questions',
      handler: 'question-intake.create',
      config: { auth: false, policies: [], middlewares: [] },
    },
    {
      method: 'POST',
      path: '/cong-intake/questions/status',
      handler: 'question-intake.status',
      config: { auth: false, policies: [], middlewares: [] },
    },
  ],
};
