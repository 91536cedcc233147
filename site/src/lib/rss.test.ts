import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { sitemapXml } from '../integrations/post-build';
import type { Article } from './cms';
import { FEED_SIZE, renderRss } from './rss';

/** XML 1.0's `Char` production (§2.2): what a well-formed document may contain at all. */
const XML_CHARS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

/**
 * Asserts `xml` is well-formed: only XML 1.0 characters (fast-xml-parser does not check
 * them), and markup that fast-xml-parser's validator accepts.
 */
function expectWellFormed(xml: string): void {
  expect(XML_CHARS.test(xml), 'a character XML 1.0 forbids').toBe(true);
  expect(XMLValidator.validate(xml)).toBe(true);
}

const HOSTILE = 'A\u0000B\u0007C\u000bD\ufffeE\uffffF\ud800G\udc00H ]]> <script>alert(1)</script> & "x" \'y\'';

function article(i: number, over: Partial<Article> = {}): Article {
  return {
    documentId: `d${i}`,
    slug: `bai-${i}`,
    title: `Bài ${i}`,
    summary: `Tóm tắt ${i}`,
    firstPublishedAt: `2026-03-${String((i % 28) + 1).padStart(2, '0')}T02:00:00.000Z`,
    agency: null,
    ...over,
  } as unknown as Article;
}

describe('renderRss', () => {
  it('is well-formed XML whatever the titles and summaries hold; markup in them is text, control characters are dropped', async () => {
    const xml = await renderRss('https://laocai.gov.vn', { title: `Tin ${HOSTILE}`, description: HOSTILE, link: '/tin-tuc/', self: '/rss.xml' }, [
      article(1, { title: HOSTILE, summary: HOSTILE, agency: { name: `Sở ${HOSTILE}` } as Article['agency'] }),
      article(2, { title: '\u0000', summary: null }),
    ]);
    expectWellFormed(xml);
    expect(xml).not.toMatch(/<script/i);
    expect(xml).not.toContain('\u0000');
    const feed = new XMLParser({ ignoreAttributes: false }).parse(xml);
    const channel = feed.rss.channel;
    expect(channel.link).toBe('https://laocai.gov.vn/tin-tuc/');
    expect(channel.language).toBe('vi');
    expect(channel['atom:link']['@_href']).toBe('https://laocai.gov.vn/rss.xml');
    const [first, second] = channel.item;
    // the parser decodes the escapes: the reader gets the text back, as text
    expect(first.title).toBe('ABCDEF\ufffdG\ufffdH ]]> <script>alert(1)</script> & "x" \'y\'');
    expect(first.description).toBe(first.title);
    expect(first.link).toBe('https://laocai.gov.vn/tin-tuc/bai-1/');
    expect(first.guid['#text']).toBe('https://laocai.gov.vn/tin-tuc/bai-1/');
    expect(first.category).toMatch(/^Sở ABCDEF/);
    expect(first.pubDate).toBe('Mon, 02 Mar 2026 02:00:00 GMT');
    // a title with nothing left still gives an item with a title
    expect(second.title).toBe('Tin tức');
    expect(second.description).toBeUndefined();
  });

  it(`lists at most ${FEED_SIZE} articles, in the order given`, async () => {
    const xml = await renderRss(
      'https://laocai.gov.vn',
      { title: 't', description: 'd', link: '/tin-tuc/', self: '/rss.xml' },
      Array.from({ length: 60 }, (_, i) => article(i)),
    );
    expectWellFormed(xml);
    const items = new XMLParser().parse(xml).rss.channel.item;
    expect(items).toHaveLength(FEED_SIZE);
    expect(items[0].title).toBe('Bài 0');
  });
});

describe('sitemapXml', () => {
  it('is well-formed XML whatever the paths hold', async () => {
    const xml = await sitemapXml([{ path: `/a${HOSTILE}/`, lastmod: `2026-03-01${HOSTILE}` }, { path: '/' }], 'https://laocai.gov.vn');
    expectWellFormed(xml);
    expect(xml).not.toMatch(/<script/i);
  });
});
