import { stripVTControlCharacters } from 'node:util';
/**
 * The public site built from a real CMS: boots Strapi on a fresh database, imports the real seed
 * data (34 agencies, the legal documents incl. Decision 07/2006/QĐ-UBND with its full text,
 * procedures, news), runs `astro build` against it in a child process and checks the generated
 * HTML: the homepage's five groups, the decision's page, the section sets of a
 * department and a district, one sub-site per agency, the incremental rebuild,
 * and a loud failure when the CMS is unreachable.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENCY_SECTIONS, LIST_PAGE_SIZE, affectedRoutes, archivePageOf, routes } from '@cong/shared';
import { bootCms, freePort, gql, repoRoot, type BootedCms } from '../helpers/strapi';
import { addArchiveArticles } from '../helpers/paging-fixtures';
import { htmlFiles } from '../../site/src/integrations/post-build';
import { requireSeedSources } from '../../scripts/seed/paths';
import { importSeed } from '../../scripts/seed/import';

const siteDir = path.join(repoRoot, 'site');
const astroBin = path.join(path.dirname(createRequire(path.join(siteDir, 'package.json')).resolve('astro/package.json')), 'bin', 'astro.mjs');
const { dataDir, seedDir } = requireSeedSources();

interface BuildResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs `astro build --outDir <outDir>` in site/ without blocking this process's event loop (the
 * CMS answering the build's GraphQL queries runs in this process).
 */
function astroBuild(outDir: string, env: Record<string, string>): Promise<BuildResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [astroBin, 'build', '--outDir', outDir], {
      cwd: siteDir,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

/** Visible text of an HTML page: tags dropped, entities of the few kinds Astro emits decoded, spaces collapsed. */
function textOf(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .normalize('NFC');
}

/** Hrefs of the links inside the first `<nav …aria-label="Chuyên trang …">` of a page. */
function sectionMenuLinks(html: string): string[] {
  const nav = /<nav class="section-nav"[^>]*>([\s\S]*?)<\/nav>/.exec(html);
  if (!nav) return [];
  return [...nav[1].matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
}

const ARCHIVE_ARTICLES = 45;
const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Page paths Astro rendered (not restored from the incremental cache) in a build, 404 page left out. */
function renderedPages(build: BuildResult): string[] {
  // Astro colours its log under CI: read it without the escape codes
  return [...stripVTControlCharacters(build.stdout).matchAll(/[├└]─ (\S+) \(\+\d+ms\)/g)]
    .map((m) => m[1].replace(/index\.html$/, ''))
    .filter((p) => p !== '/404.html');
}

interface ListedArticle {
  slug: string;
  title: string;
  scope: string;
  documentId: string;
  publishedAt: string;
  firstPublishedAt: string | null;
  agency: { slug: string; kind: string } | null;
}

/**
 * The news lists as the site orders them (newest first publication first — `firstPublishedAt`,
 * else `publishedAt` — then title, then documentId), and each
 * article's place counted from the oldest in every list it is on — the `listPositions` input of
 * `affectedRoutes`.
 */
async function newsPositions(): Promise<{ articles: ListedArticle[]; positions: Map<string, Record<string, number>> }> {
  const res = await gql(
    cms.url,
    `{ articles(pagination: { pageSize: 200 }) { documentId slug title scope publishedAt firstPublishedAt agency { slug kind } } }`,
  );
  const first = (a: ListedArticle) => Date.parse(a.firstPublishedAt ?? a.publishedAt);
  const articles = (res.data.articles as ListedArticle[]).sort(
    (a, b) => first(b) - first(a) || collator.compare(a.title, b.title) || (a.documentId < b.documentId ? -1 : 1),
  );
  const lists = new Map<string, ListedArticle[]>();
  const add = (list: string, a: ListedArticle) => lists.set(list, [...(lists.get(list) ?? []), a]);
  for (const a of articles) {
    add(routes.articleList(), a);
    add(routes.articleScope(a.scope as never), a);
    const news = a.agency ? AGENCY_SECTIONS[a.agency.kind as keyof typeof AGENCY_SECTIONS]?.find((s) => s.key === 'news') : undefined;
    if (a.agency && news) add(routes.agencySection(a.agency.slug, news.path), a);
  }
  const positions = new Map<string, Record<string, number>>();
  for (const [list, items] of lists) {
    items.forEach((a, i) => positions.set(a.slug, { ...positions.get(a.slug), [list]: items.length - 1 - i }));
  }
  return { articles, positions };
}

/** Items of a list page: the links of its `<ul class="items">`. */
function listedSlugs(html: string): string[] {
  const ul = /<ul class="items">([\s\S]*?)<\/ul>/.exec(html);
  return ul ? [...ul[1].matchAll(/class="item-title" href="\/tin-tuc\/([^/"]+)\/"/g)].map((m) => m[1]) : [];
}

let cms: BootedCms;
let tmp: string;
let outDir: string;
let cacheDir: string;
let firstBuild: BuildResult;
const read = (route: string) => fs.readFileSync(path.join(outDir, route, route.endsWith('.xml') ? '' : 'index.html'), 'utf8');
const exists = (route: string) => fs.existsSync(path.join(outDir, route, 'index.html'));

beforeAll(async () => {
  cms = await bootCms();
  await importSeed(cms.strapi, { dataDir, seedDir });
  // 10 seed articles + 45 = 55: three archive pages of news (20, 20, 15)
  await addArchiveArticles(cms.strapi, ARCHIVE_ARTICLES, 'bao-lao-cai');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-site-'));
  outDir = path.join(tmp, 'dist');
  cacheDir = path.join(tmp, 'cache');
  firstBuild = await astroBuild(outDir, { CMS_URL: cms.url, SITE_CACHE_DIR: cacheDir });
  if (firstBuild.code !== 0) {
    throw new Error(`astro build failed (${firstBuild.code}):\n${firstBuild.stdout.slice(-4000)}\n${firstBuild.stderr.slice(-4000)}`);
  }
  const pages = firstBuild.stdout.match(/(\d+) page\(s\) built/)?.[1];
  console.info(`[site-build] first build: ${pages} pages in ${(firstBuild.ms / 1000).toFixed(1)} s`);
});

afterAll(async () => {
  await cms?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the site built from the seeded CMS', () => {
  it('loads all content in a handful of GraphQL queries, not one per page', () => {
    const m = /\[cms\] .*? — (?:[^,]*, )?(\d+) queries/.exec(firstBuild.stdout);
    expect(m, firstBuild.stdout.slice(0, 2000)).not.toBeNull();
    expect(Number(m![1])).toBeLessThanOrEqual(12);
    // loaded once for the whole build
    expect(firstBuild.stdout.match(/\[cms\] /g)).toHaveLength(1);
  });

  it('homepage: Vietnamese, accessible frame, the five groups of R-1.2 with real agencies and news', () => {
    const html = read('/');
    expect(html).toMatch(/<html lang="vi"/);
    expect(html).toContain('Cổng thông tin điện tử tỉnh Lào Cai');
    expect(html).toContain('href="#noi-dung"');
    expect(html).toMatch(/<main id="noi-dung"/);
    expect(html).toMatch(/<nav class="mainnav" aria-label="Điều hướng chính"/);
    // one script: the menu's Escape key, a module file of the site (issue 13, point 5)
    expect(html.match(/<script\b[^>]*>/g)).toEqual([expect.stringMatching(/^<script type="module" src="\/_astro\/menu\.[\w-]+\.js">$/)]);
    for (const [id, heading] of [
      ['h-van-ban', 'Chủ trương, chính sách'],
      ['h-thu-tuc', 'Hướng dẫn thủ tục hành chính'],
      ['h-tin-tuc', 'Tin tức'],
      ['h-co-quan', 'Chuyên trang các cơ quan, đơn vị'],
      ['h-hoi-dap', 'Giao tiếp trực tuyến – Hỏi đáp'],
    ]) {
      expect(html).toContain(`<h2 id="${id}">${heading}</h2>`);
    }
    for (const scope of ['Trong tỉnh', 'Trong nước', 'Quốc tế']) expect(html).toContain(scope);
    // real agencies, linked to their sub-sites
    expect(html).toContain(`href="${routes.agency('so-tai-nguyen-va-moi-truong')}"`);
    expect(html).toContain('Sở Tài nguyên và Môi trường');
    expect(html).toContain('Ủy ban nhân dân huyện Bát Xát');
    expect(html).toContain('Cục Hải quan tỉnh Lào Cai');
    // real news and the decision among the policy documents
    const text = textOf(html);
    expect(text).toContain('Lào Cai kỷ niệm 30 năm tái lập tỉnh');
    expect(text).toContain('07/2006/QĐ-UBND');
  });

  it('decision 07/2006/QĐ-UBND: number, all metadata, dates and the full text', async () => {
    const res = await gql(cms.url, `{ legalDocuments(filters: { documentNumber: { eq: "07/2006/QĐ-UBND" } }) { slug } }`);
    const slug = res.data.legalDocuments[0].slug as string;
    const html = read(routes.legalDocument(slug));
    const text = textOf(html);
    expect(text).toContain('Quyết định số 07/2006/QĐ-UBND');
    for (const label of [
      'Số ký hiệu',
      'Loại văn bản',
      'Cơ quan ban hành',
      'Người ký',
      'Ngày ban hành',
      'Ngày hiệu lực',
      'Ngày hết hiệu lực',
      'Tình trạng hiệu lực',
      'Lĩnh vực',
      'Trích yếu',
      'Toàn văn',
    ]) {
      expect(html).toContain(`>${label}<`);
    }
    expect(text).toMatch(/Ngày ban hành 09\/02\/2006/);
    expect(text).toMatch(/Ngày hiệu lực 24\/02\/2006/);
    expect(text).toContain('Ủy ban nhân dân tỉnh Lào Cai');
    expect(text).toContain('Còn hiệu lực');
    // the full text: (almost) every line of the source shows on the page
    const source = fs.readFileSync(path.join(seedDir, 'quyet-dinh-07-2006-QD-UBND.txt'), 'utf8').normalize('NFC');
    const lines = source
      .split(/\r?\n/)
      .map((l) => l.replace(/\s+/g, ' ').trim())
      .filter((l) => l.length >= 30)
      // a leading "- " becomes a list bullet, which is not text
      .map((l) => l.replace(/^[-–•+]\s+/, ''));
    const flat = text.replace(/\s+/g, '');
    const shown = lines.filter((l) => flat.includes(l.replace(/[*_`]/g, '').replace(/\s+/g, '')));
    expect(lines.length).toBeGreaterThan(40);
    expect(lines.filter((l) => !shown.includes(l))).toEqual([]);
    expect(text).toContain('Cổng GTĐT Lào Cai là cơ sở để từng bước xây dựng chính quyền điện tử tại Lào Cai');
  });

  it('one sub-site per agency: 34, the same as the CMS has', async () => {
    const res = await gql(cms.url, `{ agencies(pagination: { pageSize: 200 }) { slug kind } }`);
    const agencies = res.data.agencies as { slug: string; kind: keyof typeof AGENCY_SECTIONS }[];
    expect(agencies).toHaveLength(34);
    const dirs = fs
      .readdirSync(path.join(outDir, 'co-quan'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && fs.existsSync(path.join(outDir, 'co-quan', d.name, 'index.html')))
      .map((d) => d.name)
      .sort();
    expect(dirs).toEqual(agencies.map((a) => a.slug).sort());
    // every agency has exactly its kind's section pages
    for (const a of agencies) {
      for (const s of AGENCY_SECTIONS[a.kind]) expect(exists(routes.agencySection(a.slug, s.path)), `${a.slug}/${s.path}`).toBe(true);
    }
    expect(exists(routes.agencyList())).toBe(true);
  });

  it('a department shows the R-2.1 sections and not the district-only ones', () => {
    const slug = 'so-tai-nguyen-va-moi-truong';
    const links = sectionMenuLinks(read(routes.agency(slug)));
    const expected = [routes.agency(slug), ...AGENCY_SECTIONS.department.map((s) => routes.agencySection(slug, s.path))];
    expect(links).toEqual(expected);
    const html = read(routes.agency(slug));
    for (const s of AGENCY_SECTIONS.department) expect(html).toContain(`>${s.label}</a>`);
    for (const p of ['dieu-kien-tu-nhien-xa-hoi', 'dinh-huong-phat-trien']) {
      expect(links).not.toContain(routes.agencySection(slug, p));
      expect(exists(routes.agencySection(slug, p))).toBe(false);
    }
    // an empty text section says so politely
    expect(textOf(read(routes.agencySection(slug, 'quy-hoach')))).toContain('Chưa có thông tin');
  });

  it('a district shows the R-2.2 sections (and its communes) and not the department ones', () => {
    const slug = 'uy-ban-nhan-dan-huyen-bat-xat';
    const links = sectionMenuLinks(read(routes.agency(slug)));
    const expected = [routes.agency(slug), ...AGENCY_SECTIONS.district.map((s) => routes.agencySection(slug, s.path))];
    expect(links).toEqual(expected);
    for (const p of ['gioi-thieu', 'chuc-nang-nhiem-vu', 'quy-hoach', 'du-an-dau-tu', 'van-ban', 'tin-tuc']) {
      expect(links).not.toContain(routes.agencySection(slug, p));
      expect(exists(routes.agencySection(slug, p))).toBe(false);
    }
    const conditions = textOf(read(routes.agencySection(slug, 'dieu-kien-tu-nhien-xa-hoi')));
    expect(conditions).toContain('Thị trấn Bát Xát');
    expect(conditions).toMatch(/Đơn vị hành chính cấp xã \(\d+\)/);
  });

  it('lists, detail pages, feeds and the 404 page exist', async () => {
    for (const r of [
      routes.articleList(),
      routes.articleScope('province'),
      routes.articleScope('national'),
      routes.articleScope('international'),
      routes.legalDocumentList(),
      routes.procedureList(),
      routes.eServiceList(),
      routes.questionList(),
      routes.investmentProjectList(),
      routes.provinceProfile(),
    ]) {
      expect(exists(r), r).toBe(true);
    }
    expect(fs.existsSync(path.join(outDir, '404.html'))).toBe(true);
    expect(read(routes.rss())).toContain('<rss version="2.0"');
    const res = await gql(
      cms.url,
      `{ administrativeProcedures(pagination: { pageSize: 200 }) { slug procedureCode } articles(pagination: { pageSize: 200 }) { slug } }`,
    );
    for (const p of res.data.administrativeProcedures) {
      const text = textOf(read(routes.procedure(p.slug)));
      expect(text).toContain('Mã thủ tục');
      if (p.procedureCode) expect(text).toContain(p.procedureCode);
      for (const h of ['Trình tự thực hiện', 'Cách thức thực hiện', 'Thành phần hồ sơ', 'Thời hạn giải quyết', 'Phí, lệ phí', 'Căn cứ pháp lý']) {
        expect(text).toContain(h);
      }
    }
    expect(res.data.articles.length).toBe(10 + ARCHIVE_ARTICLES);
    for (const a of res.data.articles) expect(exists(routes.article(a.slug)), a.slug).toBe(true);
  });

  it('no word runs into the link or emphasis beside it on any page (Astro’s HTML compression drops a line break between text and an inline element)', () => {
    // the question form read "anh/chị nhận<strong>mã theo dõi</strong>" (a new user's walkthrough, session 7)
    const glued = /\p{L}<(?:strong|em|a|time|abbr|b|i|code)[\s>]|<\/(?:strong|em|a|time|abbr|b|i|code)>\p{L}/u;
    const files = htmlFiles(outDir);
    expect(files.length).toBeGreaterThan(300);
    const found = files.flatMap((f) => {
      const m = glued.exec(fs.readFileSync(path.join(outDir, f), 'utf8'));
      return m ? [`${f}: …${m.input.slice(Math.max(0, m.index - 40), m.index + 40)}…`] : [];
    });
    expect(found).toEqual([]);
  });

  it('long lists are paginated: the 20 newest on the list, archive pages counted from the oldest, accessible navigation', async () => {
    const { articles } = await newsPositions();
    expect(articles).toHaveLength(55);
    const first = read(routes.articleList());
    expect(listedSlugs(first)).toEqual(articles.slice(0, LIST_PAGE_SIZE).map((a) => a.slug));
    expect(first).toMatch(/<nav class="pagination" aria-label="Phân trang"/);
    expect(first).toMatch(/<a href="\/tin-tuc\/" aria-current="page">Mới nhất<\/a>/);
    // the 21st newest article is the 35th from the oldest: archive page 2
    expect(first).toContain(`href="${routes.listPage(routes.articleList(), 2)}" rel="next">Cũ hơn ›</a>`);
    expect(textOf(first)).toContain('20 tin mới nhất trong tổng số 55.');
    // archive pages: fixed chunks from the oldest, every article on exactly one, none over 20
    const oldestFirst = [...articles].reverse();
    for (const n of [1, 2, 3]) {
      const html = read(routes.listPage(routes.articleList(), n));
      const expected = oldestFirst
        .slice((n - 1) * LIST_PAGE_SIZE, n * LIST_PAGE_SIZE)
        .reverse()
        .map((a) => a.slug);
      expect(listedSlugs(html), `trang ${n}`).toEqual(expected);
      expect(html).toContain(`<title>Tin tức, thông báo – Trang ${n}`);
      expect(html).toMatch(new RegExp(`aria-current="page"><span class="visually-hidden">Trang </span>${n}</a>`));
      expect(textOf(html)).toMatch(new RegExp(`Trang ${n}: \\d+ tin, đăng (từ )?ngày`));
    }
    expect(exists(routes.listPage(routes.articleList(), 4))).toBe(false);
    expect(read(routes.listPage(routes.articleList(), 1))).not.toContain('rel="next"');
    expect(read(routes.listPage(routes.articleList(), 3))).toContain(`href="${routes.articleList()}" rel="prev">‹ Mới hơn</a>`);
    // the agency's news section and the scope list are paginated the same way
    const agencyNews = articles.filter((a) => a.agency?.slug === 'bao-lao-cai');
    expect(agencyNews.length).toBeGreaterThan(40);
    const section = routes.agencySection('bao-lao-cai', 'tin-tuc');
    expect(listedSlugs(read(section))).toHaveLength(20);
    const pages = Math.ceil(agencyNews.length / LIST_PAGE_SIZE);
    const archived = Array.from({ length: pages }, (_, i) => listedSlugs(read(routes.listPage(section, i + 1)))).flat();
    expect(archived.sort()).toEqual(agencyNews.map((a) => a.slug).sort());
    expect(exists(routes.listPage(routes.articleScope('province'), 1))).toBe(true);
    // every list page of the build holds at most one page of items
    const walk = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : d.name === 'index.html' ? [path.join(dir, d.name)] : []));
    for (const file of walk(outDir)) {
      const html = fs.readFileSync(file, 'utf8');
      const ul = /<ul class="items">([\s\S]*?)<\/ul>/.exec(html);
      if (ul) expect((ul[1].match(/class="item-title"/g) ?? []).length, file).toBeLessThanOrEqual(LIST_PAGE_SIZE);
    }
  });

  it('a second build with unchanged content restores the pages from the incremental cache', async () => {
    const second = await astroBuild(outDir, { CMS_URL: cms.url, SITE_CACHE_DIR: cacheDir });
    expect(second.code, second.stderr.slice(-2000)).toBe(0);
    const restored = (stripVTControlCharacters(second.stdout).match(/\(restored\)/g) ?? []).length;
    const total = Number(stripVTControlCharacters(second.stdout).match(/(\d+) page\(s\) built/)?.[1] ?? 0);
    console.info(`[site-build] second build: ${restored} of ${total} pages restored in ${(second.ms / 1000).toFixed(1)} s`);
    // everything but the pages without getStaticPaths (404) is reused
    expect(restored).toBeGreaterThanOrEqual(total - 2);
    expect(read('/')).toContain('<h2 id="h-co-quan">');
  });

  it('after an edit, re-renders only pages of the route map that show the entry', async () => {
    const articles = cms.strapi.documents('api::article.article');
    const [article] = await articles.findMany({
      filters: { title: 'Hàng cứu trợ đã về xã nghèo nhất tỉnh' },
      populate: { agency: { fields: ['slug', 'kind'] } },
      status: 'published',
    });
    expect(article?.agency?.slug).toBe('bao-lao-cai');
    const marker = 'Tóm tắt đã sửa để kiểm tra bản dựng tăng dần';
    const before = (await newsPositions()).positions.get(article.slug)!;
    // the editorial workflow: an edit makes a new draft; once approved, publishing replaces the live version
    await articles.update({ documentId: article.documentId, data: { summary: marker, editorialState: 'approved' } });
    await articles.publish({ documentId: article.documentId });

    const build = await astroBuild(outDir, { CMS_URL: cms.url, SITE_CACHE_DIR: cacheDir });
    expect(build.code, build.stderr.slice(-2000)).toBe(0);
    const rendered = renderedPages(build);
    const after = (await newsPositions()).positions.get(article.slug)!;
    // Lists are ordered by first publication: the corrected article keeps its place in every
    // list, so only its page and the one page of each list that shows it re-render (not every
    // archive page after it, as ordering by the last publish would)
    expect(after).toEqual(before);
    const allowed = affectedRoutes('api::article.article', { slug: article.slug, scope: article.scope, agency: article.agency, listPositions: before });
    console.info(`[site-build] after an edit: re-rendered ${rendered.join(' ')}`);
    expect(rendered).toContain(routes.article(article.slug));
    for (const [list, pos] of Object.entries(before)) expect(allowed).toContain(routes.listPage(list, archivePageOf(pos)));
    // the page of the agency's news list that shows it (its newest 20, or the archive page)
    expect(rendered.some((p) => p.startsWith(routes.agencySection('bao-lao-cai', 'tin-tuc')))).toBe(true);
    for (const p of rendered) expect(allowed, `${p} re-rendered but not in the route map`).toContain(p);
    expect(rendered).not.toContain(routes.agency('so-y-te'));
    expect(textOf(read(routes.article(article.slug)))).toContain(marker);
    // pages restored from the cache are still there
    expect(textOf(read(routes.agency('so-y-te')))).toContain('Sở Y tế');
  });

  it('publishing one new article re-renders O(1) list pages: the lists it is on and their newest archive page, not the older archive pages', async () => {
    const articles = cms.strapi.documents('api::article.article');
    const [agency] = await cms.strapi.documents('api::agency.agency').findMany({ filters: { slug: 'bao-lao-cai' }, status: 'published', limit: 1 });
    const draft = await articles.create({
      data: {
        title: 'Tin mới để kiểm tra phân trang',
        kind: 'news',
        scope: 'province',
        summary: 'Tin mới nhất.',
        agency: agency.documentId,
        editorialState: 'approved',
      },
    });
    await articles.publish({ documentId: draft.documentId });
    const { articles: listed, positions } = await newsPositions();
    expect(listed[0].slug).toBe(draft.slug);

    const build = await astroBuild(outDir, { CMS_URL: cms.url, SITE_CACHE_DIR: cacheDir });
    expect(build.code, build.stderr.slice(-2000)).toBe(0);
    const rendered = renderedPages(build);
    console.info(`[site-build] after one new article: re-rendered ${rendered.join(' ')}`);
    const allowed = affectedRoutes('api::article.article', {
      slug: draft.slug,
      scope: 'province',
      agency: { slug: 'bao-lao-cai', kind: 'press' },
      listPositions: positions.get(draft.slug),
    });
    expect(rendered).toContain(routes.article(draft.slug));
    // the archive page that receives it (56 articles: page 3 of /tin-tuc/)
    expect(rendered).toContain(routes.listPage(routes.articleList(), 3));
    for (const p of rendered) expect(allowed, `${p} re-rendered but not in the route map`).toContain(p);
    const archivePages = rendered.filter((p) => p.includes('/trang/'));
    // one archive page per list it is on (all news, its scope, its agency's section)
    expect(archivePages.length).toBeLessThanOrEqual(3);
    expect(rendered.length).toBeLessThanOrEqual(12);
    for (const old of [routes.listPage(routes.articleList(), 1), routes.listPage(routes.articleList(), 2)]) expect(rendered).not.toContain(old);
    expect(listedSlugs(read(routes.articleList()))[0]).toBe(draft.slug);
    expect(listedSlugs(read(routes.listPage(routes.articleList(), 3)))).toHaveLength(16);
  });

  it('fails loudly, naming the CMS URL, when the CMS is unreachable', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const res = await astroBuild(path.join(tmp, 'dist-fail'), { CMS_URL: url, SITE_CACHE_DIR: path.join(tmp, 'cache-fail') });
    expect(res.code).not.toBe(0);
    expect(res.stdout + res.stderr).toContain(`${url}/graphql`);
  });
});
