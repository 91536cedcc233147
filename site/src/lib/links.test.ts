import { describe, expect, it } from 'vitest';
import { contactRows, emailHref, phoneHref, webHref, websiteHref } from './links';

/** The hostile values of issue 9, as they were stored in URL fields. */
const HOSTILE = [
  'javascript:alert(document.domain)//',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  '\u0001javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  '//evil.example/x',
  'https://user:pass@laocai.gov.vn/',
];

describe('webHref', () => {
  it('keeps http(s) addresses and completes a bare domain', () => {
    expect(webHref('https://vbpl.vn/laocai/Pages/vbpq-toanvan.aspx?ItemID=1')).toBe('https://vbpl.vn/laocai/Pages/vbpq-toanvan.aspx?ItemID=1');
    expect(webHref('http://laocai.gov.vn')).toBe('http://laocai.gov.vn/');
    expect(webHref('soyte.laocai.gov.vn')).toBe('https://soyte.laocai.gov.vn/');
  });

  it('refuses every other scheme, however it is written, and empty values', () => {
    for (const v of [...HOSTILE, 'mailto:a@b.vn', 'tel:0214', '', '  ', null, undefined]) expect(webHref(v), String(v)).toBeUndefined();
  });
});

describe('contact links', () => {
  it('phone: tel: of its digits, or nothing', () => {
    expect(phoneHref('0214 3840 888')).toBe('tel:02143840888');
    expect(phoneHref('+84 (214) 3840888')).toBe('tel:+842143840888');
    expect(phoneHref('javascript:alert(1)')).toBeUndefined();
    expect(phoneHref('')).toBeUndefined();
  });

  it('email: mailto: of a plain address, or nothing', () => {
    expect(emailHref('vanphong@laocai.gov.vn')).toBe('mailto:vanphong@laocai.gov.vn');
    expect(emailHref('mailto:vanphong@laocai.gov.vn')).toBe('mailto:vanphong@laocai.gov.vn');
    for (const v of [...HOSTILE, 'javascript:alert(1)//@laocai.gov.vn', 'a@b.vn"><script>', 'không phải thư']) expect(emailHref(v), v).toBeUndefined();
  });

  it('website: http(s), mailto: or tel:, never another scheme', () => {
    expect(websiteHref('laocai.gov.vn')).toBe('https://laocai.gov.vn/');
    expect(websiteHref('https://sotnmt.laocai.gov.vn')).toBe('https://sotnmt.laocai.gov.vn/');
    expect(websiteHref('mailto:a@laocai.gov.vn')).toBe('mailto:a@laocai.gov.vn');
    for (const v of HOSTILE) expect(websiteHref(v), v).toBeUndefined();
  });

  it('contactRows: every field shown as text, links only when safe', () => {
    expect(contactRows(null)).toEqual([]);
    const rows = contactRows({
      address: ' 1 Hoàng Liên ',
      phone: 'javascript:alert(1)',
      fax: '0214 3840 889',
      email: 'javascript:alert(1)//',
      website: 'JaVaScRiPt:alert(1)',
    });
    expect(rows).toEqual([
      { label: 'Địa chỉ', text: '1 Hoàng Liên' },
      { label: 'Điện thoại', text: 'javascript:alert(1)', href: undefined },
      { label: 'Fax', text: '0214 3840 889' },
      { label: 'Thư điện tử', text: 'javascript:alert(1)//', href: undefined },
      { label: 'Trang thông tin', text: 'JaVaScRiPt:alert(1)', href: undefined },
    ]);
    const good = contactRows({ address: null, phone: '0214 3840 888', fax: null, email: 'a@laocai.gov.vn', website: 'laocai.gov.vn' });
    expect(good.map((r) => r.href)).toEqual(['tel:02143840888', 'mailto:a@laocai.gov.vn', 'https://laocai.gov.vn/']);
  });
});
