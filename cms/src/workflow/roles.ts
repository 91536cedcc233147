/**
 * Strapi admin roles of the workflow and their permissions (issue 3, item 2), and the RBAC
 * conditions that keep agency accounts inside their own agency in lists, in the edit view and
 * in the admin API. Created by the bootstrap, idempotently: a role is created when its
 * code is missing, and its permissions are reset to the set below at every boot (the set is part
 * of the security model; change it here, not in the panel).
 *
 * | role (code)                       | may                                                            |
 * |-----------------------------------|----------------------------------------------------------------|
 * | Biên tập viên đơn vị (cong-agency-editor)        | read/create/update/delete its agency's sub-site content; read and update its agency record's sub-site sections |
 * | Tổ trưởng tổ biên tập (cong-agency-team-lead)    | the same; submitting is a workflow step (shared/src/workflow.ts) |
 * | Ban biên tập cổng (cong-editorial-board)         | read/create/update/delete/publish every public type; read the audit log |
 * | Hội đồng biên tập (cong-editorial-council)       | read every public type and the audit log; update an e-service's registrationStatus only |
 * | (comments on consultations)                    | agency roles: read and moderate (status, note; publish = approve) their own agency's; the board: every agency's; the council: none |
 * | Trung tâm CNTT (strapi-super-admin)              | everything in Strapi (accounts, agencies, account↔agency links); the workflow rules still apply to content |
 *
 * `editorialState` is never writable through the panel's forms: only workflow steps change it;
 * neither are a type's server-owned fields (registry `serverOwnedFields`): only the CMS's steps write them.
 * Strapi's default "Editor" and "Author" roles are removed when no account uses them: they
 * would let an account read every agency's content.
 */
import type { UID } from '@strapi/strapi';
import type { AdminAccount, Strapi } from '../lib/strapi-types';
import { citizenFields, serverOwnedFields } from '@cong/shared';
import { AGENCY_SCOPED_UIDS, AGENCY_UID, E_SERVICE_UID, MEMBERSHIP_UID, ROLE_CODES, TRANSITION_UID, WORKFLOW_UIDS } from './constants';
import { agencyOfEmail } from './actor';
import { CONSULTATION_COMMENT_UID } from '@cong/shared';

/** Fields of a citizen's comment a moderator may write (consultation/moderation.ts enforces it on every path). */
const COMMENT_MODERATION_FIELDS = ['moderationStatus', 'moderationNote'];

export const MY_AGENCY_CONDITION = 'api::cong-my-agency';
export const IS_MY_AGENCY_CONDITION = 'api::cong-is-my-agency';
export const MY_AGENCY_MEDIA_CONDITION = 'api::cong-my-agency-media';

const CM = 'plugin::content-manager.explorer';

/**
 * Registers the two conditions. Must run in `register()`: the admin's bootstrap drops unknown
 * conditions from stored permissions, and Strapi treats an unregistered condition as "no
 * condition" (full access) — so they must exist before any bootstrap runs.
 */
export function registerAgencyConditions(strapi: Strapi): void {
  const provider = strapi.admin.services.permission.conditionProvider;
  const agencyOf = async (user: AdminAccount | undefined) => (await agencyOfEmail(strapi, user?.email))?.documentId ?? null;
  provider.register({
    name: 'cong-my-agency',
    displayName: 'Thuộc đơn vị của tài khoản (R-3.3)',
    category: 'Đơn vị',
    async handler(user: AdminAccount | undefined) {
      const agencyId = await agencyOf(user);
      return agencyId ? { 'agency.documentId': agencyId } : false;
    },
  });
  // Media library: files uploaded by an account of the same agency (the library is shared by the
  // whole portal; without this an agency account listed every agency's draft attachments).
  provider.register({
    name: 'cong-my-agency-media',
    displayName: 'Tệp do tài khoản của đơn vị tải lên (R-3.3)',
    category: 'Đơn vị',
    async handler(user: AdminAccount | undefined) {
      const agencyId = await agencyOf(user);
      if (!agencyId) return { 'createdBy.id': { $eq: user?.id ?? -1 } };
      const members = await strapi.db.query(MEMBERSHIP_UID).findMany({ where: { agency: { documentId: agencyId } }, select: ['email'] });
      const emails = members.map((m: { email: string }) => String(m.email).toLowerCase());
      const users = emails.length ? await strapi.db.query('admin::user').findMany({ where: { email: { $in: emails } }, select: ['id'] }) : [];
      const ids = [...new Set([user?.id, ...users.map((u: { id: number }) => u.id)].filter((x) => x !== undefined && x !== null))];
      return { 'createdBy.id': { $in: ids } };
    },
  });
  provider.register({
    name: 'cong-is-my-agency',
    displayName: 'Là đơn vị của tài khoản (R-3.3)',
    category: 'Đơn vị',
    async handler(user: AdminAccount | undefined) {
      const agencyId = await agencyOf(user);
      return agencyId ? { documentId: agencyId } : false;
    },
  });
}

/** Fields of an agency record an agency account may edit: its sub-site sections. */
const AGENCY_SUBSITE_FIELDS = [
  'shortName',
  'contact',
  'leader',
  'introduction',
  'organisationStructure',
  'orgChart',
  'functionsAndDuties',
  'developmentPlanning',
  'naturalSocialConditions',
  'socioEconomicOrientation',
];

const UPLOAD_ACTIONS = [
  'plugin::upload.read',
  'plugin::upload.configure-view',
  'plugin::upload.assets.create',
  'plugin::upload.assets.update',
  'plugin::upload.assets.download',
  'plugin::upload.assets.copy-link',
];
/** Upload actions that act on existing files: agency accounts see and change only their agency's. */
const UPLOAD_FILE_ACTIONS = new Set(['plugin::upload.read', 'plugin::upload.assets.update']);

interface Perm {
  action: string;
  subject?: string | null;
  properties?: { fields?: string[] };
  conditions?: string[];
}

function fieldsOf(strapi: Strapi, uid: string): string[] {
  return strapi.admin.services['content-type'].getNestedFields(strapi.contentTypes[uid as UID.ContentType], { components: strapi.components });
}

/**
 * Every field but the ones only the workflow (or the council) sets: `editorialState`, an
 * e-service's `registrationStatus`, and the type's server-owned fields of the registry
 * (`serverOwnedFields` of @cong/shared: e.g. a question's status, deadline, tracking secrets and
 * the asker's contact), which only the CMS's own steps write.
 */
function writableFields(strapi: Strapi, uid: string): string[] {
  const owned = new Set(serverOwnedFields(uid));
  return fieldsOf(strapi, uid).filter((f) => f !== 'editorialState' && !owned.has(f.split('.')[0]!) && !(uid === E_SERVICE_UID && f === 'registrationStatus'));
}

/** The permissions of each workflow role. */
export function rolePermissions(strapi: Strapi): Record<'agencyEditor' | 'agencyTeamLead' | 'editorialBoard' | 'editorialCouncil', Perm[]> {
  const agencySide: Perm[] = [
    ...AGENCY_SCOPED_UIDS.flatMap((uid) => [
      { action: `${CM}.read`, subject: uid, properties: { fields: fieldsOf(strapi, uid) }, conditions: [MY_AGENCY_CONDITION] },
      { action: `${CM}.create`, subject: uid, properties: { fields: writableFields(strapi, uid) }, conditions: [MY_AGENCY_CONDITION] },
      { action: `${CM}.update`, subject: uid, properties: { fields: writableFields(strapi, uid) }, conditions: [MY_AGENCY_CONDITION] },
      // what citizens submitted (registry `citizenFields`: questions) is not deleted by an agency (red-team F10)
      ...(citizenFields(uid).length ? [] : [{ action: `${CM}.delete`, subject: uid, conditions: [MY_AGENCY_CONDITION] }]),
    ]),
    { action: `${CM}.read`, subject: AGENCY_UID, properties: { fields: fieldsOf(strapi, AGENCY_UID) }, conditions: [IS_MY_AGENCY_CONDITION] },
    {
      action: `${CM}.update`,
      subject: AGENCY_UID,
      properties: { fields: fieldsOf(strapi, AGENCY_UID).filter((f) => AGENCY_SUBSITE_FIELDS.includes(f.split('.')[0])) },
      conditions: [IS_MY_AGENCY_CONDITION],
    },
    ...UPLOAD_ACTIONS.map((action) => (UPLOAD_FILE_ACTIONS.has(action) ? { action, conditions: [MY_AGENCY_MEDIA_CONDITION] } : { action })),
    // moderation of comments on the agency's own consultations (issue 11, item 3)
    {
      action: `${CM}.read`,
      subject: CONSULTATION_COMMENT_UID,
      properties: { fields: fieldsOf(strapi, CONSULTATION_COMMENT_UID) },
      conditions: [MY_AGENCY_CONDITION],
    },
    { action: `${CM}.update`, subject: CONSULTATION_COMMENT_UID, properties: { fields: COMMENT_MODERATION_FIELDS }, conditions: [MY_AGENCY_CONDITION] },
    { action: `${CM}.publish`, subject: CONSULTATION_COMMENT_UID, conditions: [MY_AGENCY_CONDITION] },
    // no delete: a citizen's comment is never erased by the agency it criticises (red-team F10);
    // rejecting hides it and keeps it
  ];
  const board: Perm[] = [
    ...WORKFLOW_UIDS.flatMap((uid) => [
      { action: `${CM}.read`, subject: uid, properties: { fields: fieldsOf(strapi, uid) } },
      { action: `${CM}.create`, subject: uid, properties: { fields: writableFields(strapi, uid) } },
      { action: `${CM}.update`, subject: uid, properties: { fields: writableFields(strapi, uid) } },
      { action: `${CM}.delete`, subject: uid },
      { action: `${CM}.publish`, subject: uid },
    ]),
    { action: `${CM}.read`, subject: TRANSITION_UID, properties: { fields: fieldsOf(strapi, TRANSITION_UID) } },
    ...UPLOAD_ACTIONS.map((action) => ({ action })),
    { action: `${CM}.read`, subject: CONSULTATION_COMMENT_UID, properties: { fields: fieldsOf(strapi, CONSULTATION_COMMENT_UID) } },
    { action: `${CM}.update`, subject: CONSULTATION_COMMENT_UID, properties: { fields: COMMENT_MODERATION_FIELDS } },
    { action: `${CM}.publish`, subject: CONSULTATION_COMMENT_UID },
    { action: `${CM}.delete`, subject: CONSULTATION_COMMENT_UID },
  ];
  const council: Perm[] = [
    ...WORKFLOW_UIDS.map((uid) => ({ action: `${CM}.read`, subject: uid, properties: { fields: fieldsOf(strapi, uid) } })),
    { action: `${CM}.update`, subject: E_SERVICE_UID, properties: { fields: ['registrationStatus'] } },
    { action: `${CM}.read`, subject: TRANSITION_UID, properties: { fields: fieldsOf(strapi, TRANSITION_UID) } },
    { action: 'plugin::upload.read' },
  ];
  return { agencyEditor: agencySide, agencyTeamLead: agencySide, editorialBoard: board, editorialCouncil: council };
}

const ROLE_TEXT: Record<'agencyEditor' | 'agencyTeamLead' | 'editorialBoard' | 'editorialCouncil', { name: string; description: string }> = {
  agencyEditor: {
    name: 'Biên tập viên đơn vị',
    description: 'Thành viên tổ biên tập của cơ quan, đơn vị (Điều 3.1): soạn, sửa bản nháp của chuyên trang đơn vị mình.',
  },
  agencyTeamLead: {
    name: 'Tổ trưởng tổ biên tập đơn vị',
    description: 'Lãnh đạo đơn vị, tổ trưởng tổ biên tập (Điều 3.1): như biên tập viên, và trình duyệt nội dung của đơn vị lên Ban biên tập.',
  },
  editorialBoard: {
    name: 'Ban biên tập cổng',
    description: 'Ban biên tập Cổng GTĐT (Điều 3.2): biên tập mọi nội dung, duyệt, trả lại, đăng, hẹn giờ đăng, gỡ bài.',
  },
  editorialCouncil: {
    name: 'Hội đồng biên tập',
    description: 'Hội đồng biên tập (Điều 3.3): đọc mọi nội dung và báo cáo, thẩm định; quyết định đăng ký dịch vụ công trực tuyến.',
  },
};

/** Creates the workflow roles when missing and resets their permissions (idempotent). */
export async function ensureWorkflowRoles(strapi: Strapi): Promise<Record<string, number>> {
  const roleService = strapi.admin.services.role;
  const perms = rolePermissions(strapi);
  const ids: Record<string, number> = {};
  for (const key of Object.keys(ROLE_TEXT) as (keyof typeof ROLE_TEXT)[]) {
    const code = ROLE_CODES[key]!;
    let role = await strapi.db.query('admin::role').findOne({ where: { code } });
    if (!role) {
      const byName = await strapi.db.query('admin::role').findOne({ where: { name: ROLE_TEXT[key].name } });
      role = byName
        ? await strapi.db.query('admin::role').update({ where: { id: byName.id }, data: { code } })
        : await roleService.create({ ...ROLE_TEXT[key], code });
    }
    await roleService.assignPermissions(role.id, perms[key]);
    ids[key] = role.id;
  }
  // Strapi's default roles would let an account read every agency's content: remove them when unused.
  for (const code of ['strapi-editor', 'strapi-author']) {
    const role = await strapi.db.query('admin::role').findOne({ where: { code }, populate: { users: { select: ['id'] } } });
    if (role && !(role.users ?? []).length) {
      await roleService.deleteByIds([role.id]);
      strapi.log.info(`[workflow] removed the unused default admin role "${role.name}"`);
    }
  }
  return ids;
}
