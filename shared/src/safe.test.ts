import { describe, expect, it } from 'vitest';
import { MAX_URL_LENGTH, escapeHtml, hasControlCharacters, mailtoHref, normaliseText, safeHref, telHref, urlProblem, xmlSafeText } from './safe.js';

describe('urlProblem (one URL rule for every URL field)', () => {
  it('accepts absolute http(s) URLs, up to 2,048 characters', () => {
    expect(urlProblem('https://vbpl.vn/laocai/Pages/vbpq-toanvan.aspx?ItemID=12345')).toBeNull();
    expect(urlProblem('http://laocai.gov.vn/')).toBeNull();
    const long = `https://vbpl.vn/${'a'.repeat(260)}`;
    expect(urlProblem(long)).toBeNull();
    expect(urlProblem(`https://x.vn/${'a'.repeat(MAX_URL_LENGTH)}`)).toMatch(/2048/);
  });
  it.each([
    'javascript:alert(document.domain)//',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '//evil.example/x',
    '/relative/path',
    'mailto:a@b.vn',
    'tel:0203',
    'https://user:pw@evil.example/',
    'https://laocai.gov.vn/\u0000',
  ])('refuses %j for a web field', (v) => {
    expect(urlProblem(v)).not.toBeNull();
    expect(safeHref(v)).toBeNull();
  });
  it('accepts mailto: and tel: only for contact fields', () => {
    expect(urlProblem('mailto:vanphong@laocai.gov.vn', 'contact')).toBeNull();
    expect(urlProblem('tel:+842143840000', 'contact')).toBeNull();
    expect(urlProblem('javascript:alert(1)', 'contact')).not.toBeNull();
  });
});

describe('safeHref (what the site renders)', () => {
  it('keeps good URLs and completes a bare domain with https://', () => {
    expect(safeHref('https://laocai.gov.vn/a b'.replace(' ', '%20'))).toBe('https://laocai.gov.vn/a%20b');
    expect(safeHref('soyte.laocai.gov.vn')).toBe('https://soyte.laocai.gov.vn/');
    expect(safeHref('')).toBeNull();
    expect(safeHref(null)).toBeNull();
  });
  it('makes mailto and tel links only from plain addresses and numbers', () => {
    expect(mailtoHref('vp@laocai.gov.vn')).toBe('mailto:vp@laocai.gov.vn');
    expect(mailtoHref('javascript:alert(1)//@x.vn')).toBeNull();
    expect(telHref('(0214) 3840 000')).toBe('tel:02143840000');
    expect(telHref('javascript:')).toBeNull();
  });
});

describe('text normalisation', () => {
  it('turns NFD Vietnamese into NFC and drops control characters', () => {
    const nfd = 'Lào Cai'.normalize('NFD');
    expect(nfd).not.toBe('Lào Cai');
    expect(normaliseText(nfd)).toBe('Lào Cai');
    expect(normaliseText('Tin\u0000 mới\u0007')).toBe('Tin mới');
    expect(normaliseText('dòng 1\ndòng 2\tx\r')).toBe('dòng 1\ndòng 2\tx\r');
    expect(xmlSafeText('a\ufffeb\ud800c')).toBe('ab\ufffdc');
  });
  it('reports control characters and unpaired surrogates', () => {
    expect(hasControlCharacters('Tin\u0000')).toBe(true);
    expect(hasControlCharacters('x\ud800')).toBe(true);
    expect(hasControlCharacters('Quyết định số 07/2006/QĐ-UBND\n')).toBe(false);
  });
});

describe('escapeHtml', () => {
  it('escapes markup and quotes and drops control characters', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'\u0007`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
    expect(escapeHtml(null)).toBe('');
  });
});
