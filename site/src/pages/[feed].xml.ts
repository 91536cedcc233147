/** `/rss.xml` — the portal's news feed (a dynamic route only so that it has a cacheKey). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { routes } from '@cong/shared';
import { loadSiteData, type Article } from '../lib/cms';
import { cacheKey } from '../lib/cache-key';
import { FEED_SIZE, rssResponse } from '../lib/rss';

export const getStaticPaths = (async () => {
  const data = await loadSiteData();
  const articles = data.articles.slice(0, FEED_SIZE);
  return [
    {
      params: { feed: 'rss' },
      props: { articles },
      cacheKey: cacheKey(
        'rss',
        articles,
        articles.map((a) => a.agency),
      ),
    },
  ];
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props, locals, site }) =>
  rssResponse(
    site,
    {
      title: 'Tin tức – Cổng thông tin điện tử tỉnh Lào Cai',
      description: 'Tin tức, thông báo trong tỉnh, trong nước và quốc tế',
      link: routes.articleList(),
      self: routes.rss(),
    },
    ((locals.pageProps ?? props) as { articles: Article[] }).articles,
  );
