/**
 * The editorial workflow (issue 3; rules in @cong/shared `workflow.ts`, prose in ./README.md).
 * cms/src/index.ts calls `registerWorkflow` from `register()` and `bootstrapWorkflow` from
 * `bootstrap()`.
 */
import { addAdminRouter, type Strapi } from '../lib/strapi-types';
import { MEMBERSHIP_UID, TRANSITION_UID } from './constants';
import { workflowMiddleware } from './middleware';
import { registerAgencyConditions, ensureWorkflowRoles } from './roles';
import { workflowAdminRouter } from './routes';
import { startScheduler } from './scheduler';
import { ensureSeedAccounts } from './seed-accounts';
import { configureWorkflowAdmin } from './admin-config';
import { explainRefusals } from './explain';

/**
 * Register phase: the document-service middleware (every write path), the explanation of the
 * admin panel's own refusals (explain.ts, outermost Koa middleware), the RBAC conditions
 * (before any bootstrap, see roles.ts), the admin routes, and no GraphQL for the workflow's own
 * types (the log is read in the admin panel only).
 */
export function registerWorkflow(strapi: Strapi): void {
  strapi.documents.use(workflowMiddleware(strapi));
  strapi.server.use(explainRefusals(strapi));
  registerAgencyConditions(strapi);
  addAdminRouter(strapi, 'cong-workflow', workflowAdminRouter);
  const graphql = strapi.plugin('graphql');
  if (graphql) {
    const ext = graphql.service('extension');
    ext.shadowCRUD(TRANSITION_UID).disable();
    ext.shadowCRUD(MEMBERSHIP_UID).disable();
  }
}

/** Bootstrap phase: roles and permissions, admin labels, local accounts, scheduled publishing. */
export async function bootstrapWorkflow(strapi: Strapi): Promise<void> {
  await ensureWorkflowRoles(strapi);
  await configureWorkflowAdmin(strapi);
  await ensureSeedAccounts(strapi);
  await startScheduler(strapi);
}
