/**
 * Admin-panel configuration of the workflow's types (content-manager layouts, Vietnamese labels)
 * and of `editorialState` on every public type: shown, never editable in the form (only workflow
 * steps change it). Runs at every boot after the general labels (bootstrap/admin-labels.ts).
 */
import type { Strapi } from '../lib/strapi-types';
import { MEMBERSHIP_UID, TRANSITION_UID, WORKFLOW_UIDS } from './constants';

const LABELS: Record<string, Record<string, string | [string, string]>> = {
  [TRANSITION_UID]: {
    contentType: 'Loại nội dung',
    itemDocumentId: 'Mã nội dung',
    itemTitle: 'Nội dung',
    agencyDocumentId: 'Mã đơn vị',
    agencyName: 'Đơn vị',
    action: 'Thao tác',
    fromState: 'Từ trạng thái',
    toState: 'Sang trạng thái',
    reason: 'Lý do',
    scheduledFor: 'Hẹn giờ đăng lúc',
    detail: 'Chi tiết',
    actorId: 'Mã người thực hiện',
    actorName: 'Người thực hiện',
    actorEmail: 'Thư điện tử người thực hiện',
    actorRoles: 'Vai trò',
    channel: 'Thực hiện qua',
    createdAt: 'Thời điểm',
  },
  [MEMBERSHIP_UID]: {
    email: ['Thư điện tử tài khoản', 'Thư điện tử dùng để đăng nhập trang quản trị'],
    agency: ['Cơ quan, đơn vị', 'Tài khoản chỉ xem và cập nhật nội dung của đơn vị này (R-3.3)'],
    agencySlug: ['Đường dẫn (slug) của đơn vị', 'Dùng khi đơn vị chưa có trong hệ thống: tài khoản tự gắn khi đơn vị được tạo'],
    note: 'Ghi chú',
  },
};

const LISTS: Record<string, { list: string[]; main: string; sort: [string, 'ASC' | 'DESC'] }> = {
  [TRANSITION_UID]: {
    list: ['createdAt', 'itemTitle', 'action', 'fromState', 'toState', 'actorName', 'reason'],
    main: 'itemTitle',
    sort: ['createdAt', 'DESC'],
  },
  [MEMBERSHIP_UID]: { list: ['email', 'agency', 'agencySlug', 'note'], main: 'email', sort: ['email', 'ASC'] },
};

export async function configureWorkflowAdmin(strapi: Strapi): Promise<void> {
  const ctService = strapi.plugin('content-manager').service('content-types');
  for (const uid of [...WORKFLOW_UIDS, TRANSITION_UID, MEMBERSHIP_UID]) {
    const ct = ctService.findContentType(uid);
    if (!ct) continue;
    const conf = await ctService.findConfiguration(ct);
    const metas = conf.metadatas ?? {};
    if (metas.editorialState) {
      metas.editorialState.edit = {
        ...metas.editorialState.edit,
        label: 'Trạng thái biên tập',
        description: 'Do quy trình biên tập cập nhật (Trình duyệt, Duyệt, Đăng…); xem lịch sử ở khung "Quy trình biên tập".',
        editable: false,
      };
    }
    for (const [field, label] of Object.entries(LABELS[uid] ?? {})) {
      if (!metas[field]) continue;
      const [text, description] = Array.isArray(label) ? label : [label, undefined];
      metas[field].edit = { ...metas[field].edit, label: text, ...(description ? { description } : {}) };
      metas[field].list = { ...metas[field].list, label: text };
    }
    const view = LISTS[uid];
    if (view) {
      conf.layouts.list = view.list.filter((f) => metas[f]);
      conf.settings = { ...conf.settings, mainField: view.main, defaultSortBy: view.sort[0], defaultSortOrder: view.sort[1], pageSize: 20 };
    }
    await ctService.updateConfiguration(ct, { settings: conf.settings, metadatas: metas, layouts: conf.layouts });
  }
}
