import { errors } from '@strapi/utils';
import { toSlug } from '@cong/shared';
import { slugSource } from './content-types';

/**
 * Fills an empty `slug` from the type's source field (Vietnamese transliteration, đ→d, no tone
 * marks; Strapi UID fields accept only `[A-Za-z0-9-_.~]`) and makes it unique by appending -2, -3…
 * A slug the editor typed is normalised and must be unique, otherwise a ValidationError names the field.
 *
 * @param uid Strapi uid; other types are left alone
 * @param data the create/update payload (mutated)
 * @param documentId the document being updated (excluded from the uniqueness check)
 * @throws errors.ValidationError when a typed slug is taken by another document
 */
export async function ensureSlug(strapi: any, uid: string, data: Record<string, any>, documentId?: string): Promise<void> {
  const source = slugSource(uid);
  if (!source || !data) return;
  // The admin panel proposes a slug from the still-empty form ("article", "article-1"): treat
  // that placeholder as empty so the slug comes from the title the editor then typed.
  const singular = uid.split('.').pop()!;
  const placeholder = typeof data.slug === 'string' && new RegExp(`^${singular}(-\\d+)?$`).test(data.slug) && data[source];
  if (placeholder) delete data.slug;
  const typed = typeof data.slug === 'string' && data.slug.trim() !== '';
  if (!typed && documentId && !placeholder) return; // update without slug change
  if (!typed && !data[source]) return; // required-field validation reports the missing source
  const base = toSlug(typed ? data.slug : String(data[source]));
  const taken = async (slug: string) => {
    const row = await strapi.db.query(uid).findOne({ where: { slug, ...(documentId ? { documentId: { $ne: documentId } } : {}) }, select: ['id'] });
    return Boolean(row);
  };
  if (typed) {
    if (await taken(base)) {
      throw new errors.ValidationError(`Đường dẫn (slug) "${base}" đã được dùng cho một mục khác`, {
        errors: [{ path: ['slug'], message: `Đường dẫn (slug) "${base}" đã được dùng cho một mục khác`, name: 'ValidationError' }],
      });
    }
    data.slug = base;
    return;
  }
  let slug = base;
  for (let i = 2; await taken(slug); i++) slug = `${base}-${i}`;
  data.slug = slug;
}
