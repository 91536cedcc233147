/**
 * Strapi future flags.
 *
 * `experimental_firstPublishedAt`: every draft-and-publish type gets a `firstPublishedAt` field,
 * stamped at an entry's first publication and kept through later edits, republishing and
 * withdraw/republish cycles (existing published entries get their current `publishedAt` when it
 * is switched on). The portal shows it as the news' and questions' "Ngày đăng" and orders lists
 * by it: correcting an article must not make it look new, nor move it to the top of the news and
 * shift every archive page of its lists (shared/src/pagination.ts). `CMS_FIRST_PUBLISHED_AT=false`
 * switches it off (the site then falls back to `publishedAt`).
 */
export default ({ env }: { env: { bool: (name: string, dflt: boolean) => boolean } }) => ({
  future: {
    experimental_firstPublishedAt: env.bool('CMS_FIRST_PUBLISHED_AT', true),
  },
});
