/** `/co-quan/<slug>/rss.xml` — an agency's news feed, for kinds whose sub-site has a news section. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { AGENCY_SECTIONS, routes } from '@cong/shared';
import { contentOf, loadSiteData, type Agency, type Article } from '../../../lib/cms';
import { cacheKey } from '../../../lib/cache-key';
import { FEED_SIZE, rssResponse } from '../../../lib/rss';

export const getStaticPaths = (async () => {
  const data = await loadSiteData();
  return data.agencies
    .filter((a) => (AGENCY_SECTIONS[a.kind] ?? []).some((s) => s.key === 'news'))
    .map((agency) => {
      const articles = contentOf(data, agency).articles.slice(0, FEED_SIZE);
      return { params: { agency: agency.slug }, props: { agency, articles }, cacheKey: cacheKey('agency-rss', agency, articles) };
    });
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props, locals, site }) => {
  const { agency, articles } = (locals.pageProps ?? props) as { agency: Agency; articles: Article[] };
  const news = AGENCY_SECTIONS[agency.kind].find((s) => s.key === 'news')!;
  return rssResponse(
    site,
    {
      title: `Tin tức, thông báo – ${agency.name}`,
      description: `Tin tức, thông báo của ${agency.name} trên Cổng thông tin điện tử tỉnh Lào Cai`,
      link: routes.agencySection(agency.slug, news.path),
      self: routes.agencyRss(agency.slug),
    },
    articles,
  );
};
