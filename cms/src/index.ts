import type { Core } from '@strapi/strapi';
import { publicReadGuard, publicStatusQueryGuard } from './lib/public-read-guard';
import { adminSessionGuard } from './lib/admin-session-guard';
import { guardRelationPickers } from './lib/relation-picker-guard';
import { guardPreviewService } from './lib/preview-access';
import { contentRulesMiddleware } from './lib/content-middleware';
import { grantPublicRead } from './bootstrap/permissions';
import { lockDown } from './bootstrap/lockdown';
import { ensureFirstAdmin } from './bootstrap/admin-user';
import { applyAdminLabels } from './bootstrap/admin-labels';
import { registerWorkflow, bootstrapWorkflow } from './workflow';
import { setupPublishing } from './bootstrap/publishing';
import { registerReports } from './reports';
import { bootstrapMail, destroyMail } from './mail';
import { registerMyWork } from './my-work';
import { bootstrapQuestions, questionPublishMiddleware, registerTrackingCodeIndex } from './questions';
import { registerConsultation, bootstrapConsultation } from './consultation';
import { registerStateChangeLog } from './api/publisher/state-tracker';

export default {
  /** Runs before the app is initialised: document-service middlewares apply to every path. */
  register({ strapi }: { strapi: Core.Strapi }) {
    strapi.server.use(publicStatusQueryGuard());
    strapi.server.use(adminSessionGuard(strapi));
    guardRelationPickers(strapi);
    strapi.documents.use(publicReadGuard(strapi));
    strapi.documents.use(contentRulesMiddleware(strapi));
    registerWorkflow(strapi);
    strapi.documents.use(questionPublishMiddleware(strapi));
    registerTrackingCodeIndex(strapi);
    registerReports(strapi);
    registerMyWork(strapi);
    registerConsultation(strapi);
  },

  /** Runs once the app is loaded: idempotent setup of roles and permissions. */
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    // first: the published state's change log (ADR 0023) records every later write, the
    // bootstrap's own included (another instance's tracker reads it)
    await registerStateChangeLog(strapi);
    await grantPublicRead(strapi);
    await lockDown(strapi);
    await ensureFirstAdmin(strapi);
    await applyAdminLabels(strapi);
    await bootstrapWorkflow(strapi);
    await bootstrapQuestions(strapi);
    await setupPublishing(strapi);
    await bootstrapConsultation(strapi);
    guardPreviewService(strapi);
    bootstrapMail(strapi);
  },

  /** Runs when the CMS stops: no mail retry left waiting. */
  destroy({ strapi }: { strapi: Core.Strapi }) {
    destroyMail(strapi);
  },
};
