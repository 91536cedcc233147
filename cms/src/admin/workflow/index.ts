/**
 * Admin-panel side of the editorial workflow (issue 3, item 4): buttons for the steps in the edit
 * view, the state in the list view, and the "Quy trình biên tập" side panel with the history.
 * The built-in Publish and Unpublish buttons are replaced: publishing is a workflow step of the
 * board ("Đăng ngay" / "Hẹn giờ đăng") and unpublishing is "Gỡ bài", which needs a reason. The
 * server refuses them anyway (cms/src/workflow/middleware.ts); hiding them avoids a dead button.
 */
import type { StrapiApp } from '@strapi/strapi/admin';
import { WORKFLOW_ACTIONS } from './actions';
import { injectStateColumn } from './list-column';
import { WorkflowPanel } from './panel';

export function registerWorkflowAdmin(app: StrapiApp): void {
  const cm = app.getPlugin('content-manager').apis as {
    addDocumentAction: (fn: (actions: any[]) => any[]) => void;
    addEditViewSidePanel: (panels: any[] | ((panels: any[]) => any[])) => void;
  };
  cm.addDocumentAction((actions) => {
    const kept = actions.filter((a) => a.type !== 'publish' && a.type !== 'unpublish');
    const at = kept.findIndex((a) => a.type === 'update');
    return [...kept.slice(0, at + 1), ...WORKFLOW_ACTIONS, ...kept.slice(at + 1)];
  });
  cm.addEditViewSidePanel((panels) => {
    // right after the "Mục" (actions) panel
    const at = panels.findIndex((p) => p.type === 'actions');
    return [...panels.slice(0, at + 1), WorkflowPanel, ...panels.slice(at + 1)];
  });
  app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', injectStateColumn);
}
