import { afterEach, describe, expect, it } from 'vitest';
import { hasText, renderMarkdown } from './markdown';

afterEach(() => {
  delete process.env.MEDIA_BASE_URL;
  delete process.env.CMS_URL;
});

describe('renderMarkdown', () => {
  it('renders Markdown, keeping single line breaks of official texts', () => {
    expect(renderMarkdown('**Điều 1.** Ban hành\nkèm theo')).toBe('<p><strong>Điều 1.</strong> Ban hành<br />kèm theo</p>');
    expect(renderMarkdown('')).toBe('');
    expect(renderMarkdown(null)).toBe('');
  });

  it('removes scripts, event handlers, styles and javascript: links', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\n<img src="x" onerror="alert(1)">\n\n[a](javascript:alert(1)) <span style="color:red" onclick="x()">t</span>\n\n<iframe src="https://e.vn"></iframe>',
    );
    expect(html).not.toMatch(/script|onerror|onclick|javascript:|style=|iframe/i);
  });

  it('keeps no link or image address with a scheme other than http(s) (mailto/tel for links), however it is written', () => {
    const bodies = [
      '[x](javascript:alert(1))',
      '[x](JaVaScRiPt:alert(1))',
      '[x]( javascript:alert(1))',
      '<a href="java\tscript:alert(1)">x</a>',
      '<a href="&#106;avascript:alert(1)">x</a>',
      '<a href="&#x6A;ava&#x09;script:alert(1)">x</a>',
      '<a href=" javascript:alert(1)">x</a>',
      '<a href="vbscript:msgbox(1)">x</a>',
      '<a href="data:text/html,<script>alert(1)</script>">x</a>',
      '<a href="//evil.example/x">x</a>',
      '![x](javascript:alert(1))',
      '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
      '<img src=" javascript:alert(1)">',
      '<svg onload="alert(1)"><a xlink:href="javascript:alert(1)">x</a></svg>',
      '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">x</button></form>',
    ];
    for (const body of bodies) {
      const html = renderMarkdown(body);
      expect(html, body).not.toMatch(/javascript|vbscript|data:|onload|onerror|<svg|<form|formaction|evil\.example/i);
      for (const m of html.matchAll(/(?:href|src)="([^"]*)"/g)) expect(m[1], body).toMatch(/^(https?:|mailto:|tel:|\/(?!\/)|#|\?|\.)/);
    }
    // an image whose address is refused goes altogether; its text stays
    expect(renderMarkdown('![ảnh](javascript:alert(1)) chữ')).toBe('<p> chữ</p>');
    // allowed addresses stay
    expect(renderMarkdown('[thư](mailto:vanphong@laocai.gov.vn) [gọi](tel:02143840888) [mục](#dieu-1) [trang](/van-ban/)')).toBe(
      '<p><a href="mailto:vanphong@laocai.gov.vn">thư</a> <a href="tel:02143840888">gọi</a> <a href="#dieu-1">mục</a> <a href="/van-ban/">trang</a></p>',
    );
    expect(renderMarkdown('![ảnh](https://laocai.gov.vn/a.png)')).toContain('src="https://laocai.gov.vn/a.png"');
  });

  it('shifts headings below the page headings, keeping their distances', () => {
    const html = renderMarkdown('# A\n\n## B\n\n### C', { topHeadingLevel: 3 });
    expect(html).toContain('<h3>A</h3>');
    expect(html).toContain('<h4>B</h4>');
    expect(html).toContain('<h5>C</h5>');
    expect(renderMarkdown('## QUYẾT ĐỊNH', { topHeadingLevel: 3 })).toBe('<h3>QUYẾT ĐỊNH</h3>');
    expect(renderMarkdown('# x')).not.toContain('<h1');
  });

  it('marks external links and resolves CMS uploads', () => {
    process.env.CMS_URL = 'http://cms.test:1337';
    expect(renderMarkdown('[Cổng](https://laocai.gov.vn)')).toContain('rel="noopener noreferrer external"');
    expect(renderMarkdown('![Sơ đồ](/uploads/so_do.png)')).toContain('src="http://cms.test:1337/uploads/so_do.png"');
    process.env.MEDIA_BASE_URL = 'https://media.laocai.gov.vn/';
    expect(renderMarkdown('![](/uploads/a.png)')).toContain('src="https://media.laocai.gov.vn/uploads/a.png"');
  });

  it('keeps tables', () => {
    expect(renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |')).toContain('<table>');
  });
});

describe('renderMarkdown: site-relative links stay on the site', () => {
  it('drops a relative address that leaves the site once decoded', () => {
    for (const href of ['/%2Fevil.example/..%2Ftin-tuc', '/%2F%2Fevil.example', '/%5C%5Cevil.example', '/a/%2E%2E/%2E%2E/x', '/%E0%A4%A']) {
      const html = renderMarkdown(`[bấm](${href})`);
      expect(html, href).not.toContain('href=');
    }
    expect(renderMarkdown('[tin](/tin-tuc/abc/)')).toContain('href="/tin-tuc/abc/"');
  });
});

describe('hasText', () => {
  it('is true only for visible text', () => {
    expect(hasText(' x ')).toBe(true);
    expect(hasText('  ')).toBe(false);
    expect(hasText(null)).toBe(false);
  });
});

describe('renderMarkdown on hostile sizes (red-team F22)', () => {
  it('renders a body of 130,000 headings (the lowest level was found by spreading them into Math.min: RangeError)', () => {
    const html = renderMarkdown('# a\n'.repeat(130_000));
    expect(html.match(/<h3/g)?.length).toBe(130_000);
  });
});
