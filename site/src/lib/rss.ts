/**
 * RSS 2.0 feeds of news and announcements (`routes.rss()` for the portal, `routes.agencyRss()`
 * per agency sub-site with a news section), written by `@astrojs/rss` (fast-xml-parser's
 * builder escapes the markup characters).
 *
 * Every text from the CMS goes through `xmlSafeText` first (issue 9): XML 1.0 has no way to
 * write a NUL, most other C0 control characters, U+FFFE/U+FFFF or an unpaired surrogate — not
 * even escaped — so one such character in one title used to make the whole feed unreadable.
 * They are dropped; everything else (`<script>`, `]]>`, `&`) is escaped as text.
 */
import { getRssString, type RSSFeedItem } from '@astrojs/rss';
import { routes, xmlSafeText } from '@cong/shared';
import type { Article } from './cms';

/** Items per feed. */
export const FEED_SIZE = 50;

/** The feed's own description of itself, in the channel (title, description, links). */
export interface FeedChannel {
  title: string;
  description: string;
  /** site-relative path of the page the feed belongs to (the channel's `<link>`) */
  link: string;
  /** site-relative path of the feed itself (`<atom:link rel="self">`) */
  self: string;
}

function attr(s: string): string {
  return xmlSafeText(s).replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/** The feed item of an article: its title, absolute link, date, summary and agency, XML-safe. */
export function rssItem(site: URL | string, a: Article): RSSFeedItem {
  const date = a.firstPublishedAt ? new Date(a.firstPublishedAt) : null;
  const summary = a.summary ? xmlSafeText(a.summary) : '';
  const agency = a.agency ? xmlSafeText(a.agency.name) : '';
  return {
    title: xmlSafeText(a.title) || 'Tin tức',
    link: new URL(routes.article(a.slug), site).href,
    ...(date && !Number.isNaN(date.getTime()) ? { pubDate: date } : {}),
    ...(summary ? { description: summary } : {}),
    ...(agency ? { categories: [agency] } : {}),
  };
}

/**
 * An RSS 2.0 document for `articles` (newest first, at most {@link FEED_SIZE}), valid XML
 * whatever the articles hold.
 *
 * @param site the site's origin (Astro's `site`), for absolute links
 * @param channel title, description and the page the feed belongs to (site-relative)
 */
export async function renderRss(site: URL | string, channel: FeedChannel, articles: Article[]): Promise<string> {
  const abs = (p: string) => new URL(p, site).href;
  return getRssString({
    title: xmlSafeText(channel.title),
    description: xmlSafeText(channel.description),
    site: abs(channel.link),
    trailingSlash: true,
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: `<language>vi</language><atom:link href="${attr(abs(channel.self))}" rel="self" type="application/rss+xml"/>`,
    items: articles.slice(0, FEED_SIZE).map((a) => rssItem(site, a)),
  });
}

/** The HTTP response of a feed (`application/rss+xml`, UTF-8). */
export async function rssResponse(site: URL | string | undefined, channel: FeedChannel, articles: Article[]): Promise<Response> {
  const body = await renderRss(site ?? 'http://127.0.0.1:4321', channel, articles);
  return new Response(body, { headers: { 'content-type': 'application/rss+xml; charset=utf-8' } });
}
