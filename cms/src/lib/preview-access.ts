import { errors } from '@strapi/utils';
import { decide } from '@cong/shared';
import { adminActor } from '../workflow/actor';
import { AGENCY_SCOPED_UIDS } from '../workflow/constants';
import { loadItem } from '../workflow/items';

const REFUSED = 'Không thể xem trước: tài khoản không có quyền đọc nội dung này trong trang soạn thảo (vai trò hoặc đơn vị không cho phép, R-3.3).';

/**
 * Refuses to sign a preview link unless the current admin may read that document in the edit
 * view (issue 9, class 3: Strapi's `GET /content-manager/preview/url/:uid` checks no permission,
 * so any admin could open any agency's drafts). Both layers must agree:
 * - Strapi RBAC: the user's `content-manager.explorer.read` on the type, with its conditions
 *   (the "my agency" condition of roles.ts) evaluated on the stored draft and its agency;
 * - the workflow rules (`decide(actor, 'read', item)` of @cong/shared).
 * A document that does not exist is refused the same way (no oracle of existence). Server code
 * running outside any HTTP request is not limited (it acts as the system).
 *
 * @param strapi the Strapi instance (called from the preview handler of config/admin.ts)
 * @param uid content-type uid
 * @param documentId the document to preview
 * @throws errors.ForbiddenError (HTTP 403) when the user may not read it or there is no admin user
 */
export async function assertMayPreview(strapi: any, uid: string, documentId: string): Promise<void> {
  const ctx = strapi?.requestContext?.get?.();
  // server code outside any request (tests, scripts) acts as the system, as everywhere else
  // (workflow/actor.ts); every HTTP path has a request and is checked
  if (!ctx) return;
  const user = ctx?.state?.user;
  const ability = ctx?.state?.userAbility;
  if (!user || !ability) throw new errors.ForbiddenError(REFUSED);
  const checker = strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ability, model: uid });
  if (checker.cannot.read()) throw new errors.ForbiddenError(REFUSED);
  const scoped = AGENCY_SCOPED_UIDS.includes(uid);
  const entity = await strapi.db.query(uid).findOne({
    where: { documentId, publishedAt: null },
    populate: scoped ? { agency: { select: ['id', 'documentId'] } } : undefined,
  });
  if (!entity) throw new errors.ForbiddenError(REFUSED);
  if (checker.cannot.read(entity)) throw new errors.ForbiddenError(REFUSED);
  const item = await loadItem(strapi, uid, documentId);
  const actor = await adminActor(strapi, user);
  if (!item || !decide(actor, 'read', item).allowed) throw new errors.ForbiddenError(REFUSED);
}

/**
 * Puts {@link assertMayPreview} in front of the content-manager's preview service, so the
 * refusal is a 403 (the preview service turns any error of the config handler into a generic
 * 400) and no caller of the service can skip it. The config handler (config/admin.ts) checks
 * again. Call once from `bootstrap()`.
 */
export function guardPreviewService(strapi: any): void {
  const service = strapi.plugin('content-manager')?.service('preview');
  if (!service?.getPreviewUrl || service.__congGuarded) return;
  const original = service.getPreviewUrl.bind(service);
  service.getPreviewUrl = async (uid: string, params: { documentId?: string }) => {
    await assertMayPreview(strapi, uid, String(params?.documentId ?? ''));
    return original(uid, params);
  };
  service.__congGuarded = true;
}
