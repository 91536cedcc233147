import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlFiles, robotsTxt, sitemapEntryOf, sitemapXml, writeRobots, writeSitemap } from './post-build';

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
