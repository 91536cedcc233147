import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMON_MIN_PAGES, MAX_PAGES, MAX_QUERY_CHARS, MAX_TERMS, PAGE_SIZE, parseQuery, renderSearchPage, RESULTS_MARKER, SearchIndex } from './search.js';
import { dropIgnored, searchDocOf, TEXT_CAP, type SearchDoc } from '../src/integrations/search-docs.js';

const doc = (url: string, title: string, text: string, extra: Partial<SearchDoc> = {}): SearchDoc => ({
  url,
  title,
  kind: 'Tin tức',
  agency: null,
  date: null,
  lang: 'vi',
  text,
  ...extra,
});

const corpus: SearchDoc[] = [
  doc('/en/', 'Lao Cai: 11 resolutions passed', 'Lao Cai province People’s Council, Lao Cai city, Lao Cai.', { lang: 'en' }),
  doc('/vi/', 'Tỉnh Lào Cai phát triển du lịch', 'Lào Cai đón khách du lịch.'),
  doc('/dat/', 'Thủ tục cấp giấy chứng nhận quyền sử dụng đất', 'Lĩnh vực đất đai. Hồ sơ gồm đơn đề nghị.', {
    kind: 'Thủ tục hành chính',
    agency: 'Sở Nông nghiệp và Môi trường',
  }),
  doc('/do-thi/', 'Quy hoạch đô thị', 'Phát triển đô thị bền vững.'),
  doc('/do-thi-2/', 'Đo đạc', 'Thị xã Sa Pa, đo độ cao.'),
  ...Array.from({ length: 700 }, (_, i) => doc(`/tin/${i}/`, `Tin số ${i} về môi trường`, `Bảo vệ môi trường lần ${i}.`)),
];

async function index(): Promise<SearchIndex> {
  const idx = new SearchIndex();
  await idx.loadDocs(corpus, 'test');
  return idx;
}

describe('SearchIndex', () => {
  it('folds tone marks and đ, and prefers Vietnamese pages over an English page with ASCII words', async () => {
    const idx = await index();
    const lao = idx.search('lao cai');
    expect(lao.hits.map((h) => h.doc.url).slice(0, 2)).toEqual(['/vi/', '/en/']);
    expect(idx.search('dat dai').hits[0].doc.url).toBe('/dat/');
    // phrase first: "đô thị" side by side beats "đo … thị"
    expect(
      idx
        .search('do thi')
        .hits.map((h) => h.doc.url)
        .slice(0, 2),
    ).toEqual(['/do-thi/', '/do-thi-2/']);
    expect(idx.search('đô thị').hits[0].doc.url).toBe('/do-thi/');
  });

  it('relaxes to any word before saying nothing was found', async () => {
    const idx = await index();
    const a = idx.search('hoi dap dat dai');
    expect(a.relaxed).toBe(true);
    expect(a.hits[0].doc.url).toBe('/dat/');
    expect(idx.search('xyzzyq').total).toBe(0);
    const html = renderSearchPage(`<title>Tìm kiếm</title><input id="tu-khoa" type="search" name="q">${RESULTS_MARKER}`, a);
    expect(html).toContain('Không có trang nào chứa đủ mọi từ');
    expect(html).toContain('value="hoi dap dat dai"');
  });

  it('is bounded and escapes hostile queries', async () => {
    const idx = await index();
    const huge = idx.search('đất '.repeat(10_000));
    expect(huge.query.display.length).toBeLessThanOrEqual(MAX_QUERY_CHARS);
    expect(huge.query.cut).toBe(true);
    const many = parseQuery(Array.from({ length: 500 }, (_, i) => `w${i}`).join(' '));
    expect(many.terms).toHaveLength(MAX_TERMS);
    const junk = idx.search('\u0000\u202e\ud800 ̀́ 𝕏 <script>alert(1)</script> "\'&');
    const html = renderSearchPage(`<title>T</title><input id="tu-khoa" type="search" name="q">${RESULTS_MARKER}`, junk);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toMatch(/value="[^"]*"[^>]*"/);
    const regexish = idx.search('(a+)+$ .* [');
    expect(regexish.total).toBeGreaterThanOrEqual(0);
  });

  it('paginates, capped at MAX_PAGES', async () => {
    const idx = await index();
    const p1 = idx.search('moi truong');
    expect(p1.total).toBe(701); // the 700 news and the procedure whose agency is "Sở Nông nghiệp và Môi trường"
    expect(p1.pages).toBe(MAX_PAGES);
    expect(p1.hits).toHaveLength(PAGE_SIZE);
    const p2 = idx.search('moi truong', 2);
    expect(p2.hits[0].doc.url).not.toBe(p1.hits[0].doc.url);
    expect(idx.search('moi truong', 10_000).page).toBe(MAX_PAGES);
    expect(idx.search('moi truong', -3).page).toBe(1);
  });

  it('updates single pages from a release folder (incremental) and drops removed ones', async () => {
    const idx = await index();
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-search-'));
    try {
      fs.mkdirSync(path.join(root, 'tin-tuc', 'moi'), { recursive: true });
      fs.writeFileSync(
        path.join(root, 'tin-tuc', 'moi', 'index.html'),
        '<html><title>x</title><main data-search="Tin tức"><h1>Khai trương chợ phiên Bắc Hà</h1><p>Chợ phiên họp mỗi Chủ nhật.</p><nav data-search-ignore><p>zzzbo qua</p></nav></main></html>',
      );
      expect(idx.search('cho phien').total).toBe(0);
      expect(await idx.update(root, ['/tin-tuc/moi/', '/khong-co/'], ['/vi/'])).toEqual({ updated: 1, removed: 1 });
      expect(idx.search('cho phien bac ha').hits[0].doc.url).toBe('/tin-tuc/moi/');
      expect(idx.search('zzzbo').total).toBe(0);
      expect(idx.search('du lich').total).toBe(0);
      expect(await idx.update(root, ['/../../etc/passwd'])).toEqual({ updated: 0, removed: 0 });
      // a page published while a full index is being built is in the new index too
      const fresh = new SearchIndex();
      const loading = fresh.loadDocs(corpus, 'older generation');
      await fresh.update(root, ['/tin-tuc/moi/']);
      await loading;
      expect(fresh.status().pages).toBe(corpus.length + 1);
      expect(fresh.search('cho phien bac ha').hits[0]?.doc.url).toBe('/tin-tuc/moi/');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('common words (on more than COMMON_SHARE of the pages)', () => {
  it('are still required and still counted, and relaxing still finds pages with some words', async () => {
    const n = COMMON_MIN_PAGES + 200;
    const docs = Array.from({ length: n }, (_, i) =>
      doc(`/c/${i}/`, `Thông báo số ${i}`, `Ủy ban nhân dân tỉnh ${i % 2 ? 'về đất đai' : 'về giáo dục'}${i % 100 === 0 ? ' chợ phiên' : ''}.`),
    );
    const idx = new SearchIndex();
    await idx.loadDocs(docs, 'common');
    // "tinh", "uy", "ban", "nhan", "dan" on every page, "dat dai" on half: all required
    const a = idx.search('ủy ban nhân dân tỉnh đất đai');
    expect(a.relaxed).toBe(false);
    expect(a.total).toBe(n / 2);
    expect(a.hits.every((h) => Number(h.doc.url.split('/')[2]) % 2 === 1)).toBe(true);
    // a common word the rare one's pages lack: relaxed, the rare word's pages first
    const b = idx.search('cho phien giao duc dat');
    expect(b.relaxed).toBe(true);
    expect(Number(b.hits[0].doc.url.split('/')[2]) % 100).toBe(0);
    // the 10 words allowed, all common: every page, bounded (the pages are not all scored)
    const c = idx.search('uy ban nhan dan tinh ve thong bao so');
    expect(c.total).toBe(n);
    expect(c.hits).toHaveLength(PAGE_SIZE);
  });
});

describe('search documents', () => {
  it('reads marked pages only, leaves out ignored parts, finds kind, agency, date and language', () => {
    expect(searchDocOf('/a/', '<main id="noi-dung"><h1>A</h1></main>')).toBeNull();
    expect(searchDocOf('/a/', '<meta name="robots" content="noindex"><main data-search="X"><h1>A</h1></main>')).toBeNull();
    const d = searchDocOf(
      '/tin-tuc/a/',
      '<meta property="article:modified_time" content="2026-11-20T03:00:00Z"><script type="application/ld+json">{"@type":"NewsArticle","sourceOrganization":{"name":"Sở Y tế"}}</script>' +
        '<main data-search="Tin tức"><h1>Tiêu đề &amp; <b>đậm</b></h1><article lang="en"><p>Hello</p><div data-search-ignore><div>bỏ</div> qua</div><p>world</p></article></main>',
    )!;
    expect(d).toMatchObject({
      url: '/tin-tuc/a/',
      title: 'Tiêu đề & đậm',
      kind: 'Tin tức',
      agency: 'Sở Y tế',
      date: '2026-11-20',
      lang: 'en',
      text: 'Hello world',
    });
    expect(dropIgnored('<ul data-search-ignore><li><ul><li>x</li></ul></li></ul><p>y</p>')).toBe(' <p>y</p>');
  });

  it('a long page is found by words far past the old 3,000-character bound, its excerpt showing that passage; the text stops at TEXT_CAP', async () => {
    const para = (i: number) => `<p>Điều ${i}. Ủy ban nhân dân các huyện, thành phố tổ chức thực hiện quy định này trên địa bàn.</p>`;
    const filler = (from: number, chars: number) => {
      let out = '';
      for (let i = from; out.length < chars; i++) out += para(i);
      return out;
    };
    // "thổ cẩm" 8,000 characters into the text (the old bound kept 3,000), "zzzvuot" past TEXT_CAP
    const html =
      `<main data-search="Văn bản"><h1>Quyết định về quản lý chợ</h1>${filler(1, 8_000)}` +
      `<p>Điều 90. Khuyến khích bày bán hàng thổ cẩm của đồng bào tại chợ phiên.</p>${filler(91, TEXT_CAP)}<p>zzzvuot</p></main>`;
    const d = searchDocOf('/van-ban/dai/', html)!;
    expect(d.text.length).toBeLessThanOrEqual(TEXT_CAP);
    expect(d.text.indexOf('thổ cẩm')).toBeGreaterThan(3_000);
    const idx = new SearchIndex();
    await idx.loadDocs([...corpus, d], 'long');
    const a = idx.search('tho cam cho phien');
    expect(a.relaxed).toBe(false);
    expect(a.hits.map((h) => h.doc.url)).toEqual(['/van-ban/dai/']);
    expect(a.hits[0].excerptHtml).toContain('<mark>thổ</mark> <mark>cẩm</mark>');
    expect(idx.search('zzzvuot').total).toBe(0);
  });
});
