/**
 * RSS 2.0 feeds of news and announcements (`routes.rss()` for the portal, `routes.agencyRss()`
 * per agency sub-site with a news section), written by hand: a few elements, XML-escaped.
 */
import { routes } from '@cong/shared';
import type { Article } from './cms';

/** Items per feed. */
export const FEED_SIZE = 50;

function esc(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/**
 * An RSS 2.0 document for `articles` (newest first, at most {@link FEED_SIZE}).
 *
 * @param site the site's origin (Astro's `site`), for absolute links
 * @param channel title, description and the page the feed belongs to (site-relative)
 */
export function renderRss(
  site: URL | string,
  channel: { title: string; description: string; link: string; self: string },
  articles: Article[],
): string {
  const abs = (p: string) => new URL(p, site).href;
  const items = articles.slice(0, FEED_SIZE).map((a) => {
    const link = abs(routes.article(a.slug));
    return [
      '<item>',
      `<title>${esc(a.title)}</title>`,
      `<link>${esc(link)}</link>`,
      `<guid isPermaLink="true">${esc(link)}</guid>`,
      a.firstPublishedAt ? `<pubDate>${new Date(a.firstPublishedAt).toUTCString()}</pubDate>` : '',
      a.summary ? `<description>${esc(a.summary)}</description>` : '',
      a.agency ? `<category>${esc(a.agency.name)}</category>` : '',
      '</item>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${esc(channel.title)}</title>`,
    `<link>${esc(abs(channel.link))}</link>`,
    `<atom:link href="${esc(abs(channel.self))}" rel="self" type="application/rss+xml"/>`,
    `<description>${esc(channel.description)}</description>`,
    '<language>vi</language>',
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}
