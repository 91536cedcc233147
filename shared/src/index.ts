/**
 * @cong/shared — code shared by the CMS, the Astro site and the scripts of the Lào Cai
 * provincial e-portal: Vietnamese slugs, dates (display in Asia/Ho_Chi_Minh, storage UTC),
 * money (VND), processing times, the domain vocabulary, the route map and the typed GraphQL
 * documents the site runs.
 */
export * from './slug.js';
export * from './dates.js';
export * from './money.js';
export * from './processing-time.js';
export * from './domain.js';
export * from './routes.js';
export * from './pagination.js';
export * from './workflow.js';
export * from './publishing.js';
export * from './accountability.js';
export * from './safe.js';
export * from './content-types.js';
export * from './intake.js';
export * from './questions.js';
export * from './contact.js';
export * from './working-days.js';
export * from './consultation.js';
export * from './titles.js';
