/**
 * Enough news to paginate: `count` published articles ("Tin lưu trữ số 1…count", scope
 * "province", of the given agency), published one after the other so that their `publishedAt`
 * grows with their number. The seed has only 10 articles, fewer than one list page (20).
 */
export async function addArchiveArticles(strapi: any, count: number, agencySlug: string): Promise<{ slugs: string[] }> {
  const [agency] = await strapi.documents('api::agency.agency').findMany({ filters: { slug: agencySlug }, status: 'published', limit: 1 });
  if (!agency) throw new Error(`paging fixtures: no agency ${agencySlug}`);
  const articles = strapi.documents('api::article.article');
  const slugs: string[] = [];
  for (let i = 1; i <= count; i++) {
    const title = `Tin lưu trữ số ${i}`;
    const draft = await articles.create({
      data: { title, kind: 'news', scope: 'province', summary: `Tóm tắt tin lưu trữ số ${i}.`, agency: agency.documentId, editorialState: 'approved' },
    });
    await articles.publish({ documentId: draft.documentId });
    slugs.push(draft.slug);
  }
  return { slugs };
}
