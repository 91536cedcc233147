/**
 * The consultation-comment and page-rating routes (issue 11 items 3–4), called only by the
 * publisher with the intake token (cms/src/lib/intake.ts); Strapi's auth is off for them and the
 * public role has no permission on comments or ratings: nothing else can create one.
 * - `POST /api/cong-intake/consultation-comments` `{ values, fillToken }` → 201 `{ consultationTitle, consultationUrl, receivedAt }`
 * - `POST /api/cong-intake/page-ratings`          `{ values: { path, score, comment } }` → 201 `{}`
 */
export default {
  routes: [
    {
      method: 'POST',
      path: '/cong-intake/consultation-comments',
      handler: 'consultation-intake.comment',
      config: { auth: false, policies: [], middlewares: [] },
    },
    {
      method: 'POST',
      path: '/cong-intake/page-ratings',
      handler: 'consultation-intake.rating',
      config: { auth: false, policies: [], middlewares: [] },
    },
  ],
};
