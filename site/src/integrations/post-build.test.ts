import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { SitemapStream, streamToPromise } from 'sitemap';
import { describe, expect, it } from 'vitest';
import { htmlFiles, parseSitemapXml, robotsTxt, sitemapEntryOf, sitemapPathOf, sitemapXml, writeRobots, writeSitemap } from './post-build';

describe('sitemap', () => {
  it('lists pages as absolute URLs, sorted, with the day of their last change (the sitemap package)', async () => {
    const xml = await sitemapXml(
      [
        { path: '/van-ban/x/', lastmod: '2026-03-01T20:00:00.000Z' },
        { path: '/', lastmod: null },
        { path: '/a&b/', lastmod: 'soon' },
      ],
      'https://laocai.gov.vn',
    );
    expect(xml).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(xml.match(/<url>.*?<\/url>/g)).toEqual([
      '<url><loc>https://laocai.gov.vn/</loc></url>',
      '<url><loc>https://laocai.gov.vn/a&amp;b/</loc></url>',
      '<url><loc>https://laocai.gov.vn/van-ban/x/</loc><lastmod>2026-03-01</lastmod></url>',
    ]);
  });

  it('writes the very text of the sitemap package (SitemapStream, lastmodDateOnly), escapes and all', async () => {
    const entries = [
      { path: '/', lastmod: null },
      { path: '/van-ban/07-2006-qd-ubnd/', lastmod: '2026-03-01T20:00:00.000Z' },
      { path: '/tin-tức/một-hai/', lastmod: '2026-12-02' },
      { path: '/a&b<c>\'"/', lastmod: '2026-02-30' },
      { path: '/x?y=1&z=2', lastmod: 'soon' },
      { path: '/co-quan/so-y-te/tin-tuc/trang/2/', lastmod: '2024-01-31T23:59:59+07:00' },
      { path: '/ctrl\u0001char/', lastmod: undefined },
      { path: '/a/./b/../c/', lastmod: null },
      { path: '/a/..', lastmod: null },
      { path: '/Hoa-Thuong_~.x/', lastmod: null },
      { path: '/%41b/', lastmod: null },
    ];
    // what post-build.ts wrote before, through the package
    const rows = [...entries]
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .map((e) => {
        const day = /^(\d{4}-\d{2}-\d{2})/.exec(e.lastmod ?? '')?.[1];
        return { url: new URL(e.path, 'https://laocai.gov.vn').href, ...(day && !Number.isNaN(Date.parse(day)) ? { lastmod: day } : {}) };
      });
    const stream = new SitemapStream({ lastmodDateOnly: true, xmlns: { news: false, xhtml: false, image: false, video: false } });
    const expected = `${(await streamToPromise(Readable.from(rows).pipe(stream))).toString('utf8')}\n`;
    expect(await sitemapXml(entries, 'https://laocai.gov.vn')).toBe(expected);
    await expect(sitemapXml([], 'https://laocai.gov.vn')).rejects.toThrow(/EmptySitemap/);
    // the rows are remembered per site and (path, lastmod): another site, a changed day, a
    // removed page and the first site again give the package's text each time
    const other = await sitemapXml(entries, 'https://yenbai.gov.vn');
    expect(other).toBe(expected.replaceAll('https://laocai.gov.vn', 'https://yenbai.gov.vn'));
    const changed = entries.slice(1).map((e) => (e.path === '/' ? e : e.path.startsWith('/van-ban/') ? { ...e, lastmod: '2026-12-03' } : e));
    expect(await sitemapXml(changed, 'https://laocai.gov.vn')).toBe(
      expected.replace('<url><loc>https://laocai.gov.vn/</loc></url>', '').replace('<lastmod>2026-03-01</lastmod>', '<lastmod>2026-12-03</lastmod>'),
    );
    expect(await sitemapXml(entries, 'https://laocai.gov.vn')).toBe(expected);
  });

  it('never answers one entry with the remembered row of another (red-team F19: the memo key joined path and lastmod with a newline)', async () => {
    const site = 'https://laocai.gov.vn';
    // the same memo key "/x\n2026-01-02\n2026-01-03" for two different entries
    const first = { path: '/x\n2026-01-02', lastmod: '2026-01-03' };
    const second = { path: '/x', lastmod: '2026-01-02\n2026-01-03' };
    const one = await sitemapXml([first], site);
    const two = await sitemapXml([second], site);
    expect(two).not.toBe(one);
    expect(two).toContain('<url><loc>https://laocai.gov.vn/x</loc><lastmod>2026-01-02</lastmod></url>');
  });

  it('reads back the entries of a sitemap it wrote (the renderer keeps the sitemap from them per publish)', async () => {
    const entries = [
      { path: '/van-ban/x/', lastmod: '2026-03-01T20:00:00.000Z' },
      { path: '/', lastmod: null },
      { path: '/a&b/', lastmod: null },
      { path: '/tin-tức/một/', lastmod: '2026-12-02' },
    ];
    const xml = await sitemapXml(entries, 'https://laocai.gov.vn');
    const back = parseSitemapXml(xml, 'https://laocai.gov.vn/');
    expect(back).toEqual([
      { path: '/', lastmod: null },
      { path: '/a&b/', lastmod: null },
      { path: '/tin-tức/một/', lastmod: '2026-12-02' },
      { path: '/van-ban/x/', lastmod: '2026-03-01' },
    ]);
    expect(await sitemapXml(back!, 'https://laocai.gov.vn')).toBe(xml);
    // another site's sitemap, or no sitemap at all, is not read
    expect(parseSitemapXml(xml, 'http://127.0.0.1:4321')).toBeNull();
    expect(parseSitemapXml('<html></html>', 'https://laocai.gov.vn')).toBeNull();
    expect(sitemapPathOf('van-ban/x/index.html')).toBe('/van-ban/x/');
    expect(sitemapPathOf('index.html')).toBe('/');
  });

  it('takes a page with its last change; leaves out the 404 page and noindex pages', () => {
    const html = '<meta property="article:modified_time" content="2026-03-01T20:00:00.000Z" />';
    expect(sitemapEntryOf('van-ban/x/index.html', html)).toEqual({ path: '/van-ban/x/', lastmod: '2026-03-01T20:00:00.000Z' });
    expect(sitemapEntryOf('index.html', '')).toEqual({ path: '/', lastmod: null });
    expect(sitemapEntryOf('404.html', '')).toBeNull();
    expect(sitemapEntryOf('tim-kiem/index.html', '<meta name="robots" content="noindex" />')).toBeNull();
  });

  it('robots.txt names the sitemap and keeps crawlers off search results and previews', () => {
    const txt = robotsTxt('https://laocai.gov.vn/');
    expect(txt).toContain('Sitemap: https://laocai.gov.vn/sitemap.xml');
    expect(txt).toContain('Disallow: /tim-kiem/');
    expect(txt).toContain('Disallow: /xem-truoc/');
  });

  it('writes both files from the pages of an output folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-post-build-'));
    try {
      fs.mkdirSync(path.join(dir, 'van-ban', 'x'), { recursive: true });
      fs.mkdirSync(path.join(dir, '.search'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'index.html'), '<html></html>');
      fs.writeFileSync(path.join(dir, '404.html'), '<html></html>');
      fs.writeFileSync(path.join(dir, 'van-ban', 'x', 'index.html'), '<html></html>');
      fs.writeFileSync(path.join(dir, '.search', 'x.html'), '');
      expect(htmlFiles(dir)).toEqual(['404.html', 'index.html', 'van-ban/x/index.html']);
      fs.writeFileSync(path.join(dir, 'van-ban', 'x', 'hidden.html'), '<meta name="robots" content="noindex">');
      expect(await writeSitemap(dir, 'http://127.0.0.1:4321')).toBe(2);
      writeRobots(dir, 'http://127.0.0.1:4321');
      const elsewhere = path.join(dir, 'derived');
      expect(await writeSitemap(dir, 'http://127.0.0.1:4321', elsewhere)).toBe(2);
      expect(fs.readFileSync(path.join(elsewhere, 'sitemap.xml'), 'utf8')).toBe(fs.readFileSync(path.join(dir, 'sitemap.xml'), 'utf8'));
      expect(fs.readFileSync(path.join(dir, 'sitemap.xml'), 'utf8')).toContain('<loc>http://127.0.0.1:4321/van-ban/x/</loc>');
      expect(fs.readFileSync(path.join(dir, 'robots.txt'), 'utf8')).toContain('Sitemap: http://127.0.0.1:4321/sitemap.xml');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
