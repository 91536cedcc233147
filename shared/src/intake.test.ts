import { describe, expect, it } from 'vitest';
import {
  normalizeText,
  optionsComment,
  readOptionsComment,
  renderIntakeForm,
  replaceBetweenMarkers,
  formMarkers,
  shortenName,
  validateIntake,
} from './intake.js';
import { checkFillToken, issueFillToken } from './intake-token.js';
import { QUESTION_FORM } from './questions.js';

describe('intake: normalisation and validation', () => {
  it('NFC-normalises, drops control and bidi characters, trims', () => {
    const decomposed = 'Nguye\u0302\u0303n'; // ễ typed as e + combining marks
    expect(normalizeText(`  ${decomposed}\u202E\u0007  `)).toBe('Nguyễn');
    expect(normalizeText('a\r\n\r\n\r\n\r\nb', true)).toBe('a\n\nb');
    expect(normalizeText(42)).toBe('');
  });

  it('names each bad field in Vietnamese and keeps the normalised values', () => {
    const { values, errors } = validateIntake(QUESTION_FORM, {
      askerName: ' An ',
      askerEmail: 'not-an-email',
      agency: '',
      subject: 'Hi',
      body: 'x'.repeat(5001),
    });
    expect(values.askerName).toBe('An');
    expect(errors.askerEmail).toMatch(/Thư điện tử không đúng dạng/);
    expect(errors.agency).toMatch(/Vui lòng chọn cơ quan nhận câu hỏi/);
    expect(errors.subject).toMatch(/Tiêu đề cần ít nhất 5 ký tự/);
    expect(errors.body).toMatch(/Nội dung câu hỏi dài quá 5\.000 ký tự/);
  });

  it('needs an email or a phone; phones become digits, emails lower case', () => {
    const base = { askerName: 'Nguyễn Văn An', agency: 'so-tnmt', subject: 'Cấp sổ đỏ', body: 'Xin hỏi thủ tục cấp giấy chứng nhận như thế nào ạ?' };
    expect(validateIntake(QUESTION_FORM, base).errors.askerEmail).toMatch(/ít nhất một/);
    const ok = validateIntake(QUESTION_FORM, { ...base, askerPhone: '+84 912.345.678', askerEmail: 'An@Example.VN', consentToPublish: 'on' });
    expect(ok.errors).toEqual({});
    expect(ok.values).toMatchObject({ askerPhone: '0912345678', askerEmail: 'an@example.vn', consentToPublish: true });
  });
});

describe('intake: the form HTML', () => {
  it('escapes every value and error, marks bad fields and keeps the text', () => {
    const hostile = '"><script>alert(1)</script>';
    const html = renderIntakeForm(QUESTION_FORM, {
      values: { askerName: hostile, body: `</textarea><img src=x onerror=alert(1)>` },
      errors: { askerName: `Lỗi ${hostile}` },
      token: 'a"b',
      options: { agency: [{ value: 'x"y', label: '<b>Sở</b>' }] },
    });
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain('&quot;&gt;&lt;script&gt;');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('&lt;/textarea&gt;');
    expect(html).toContain('value="a&quot;b"');
    expect(html).toContain('name="website"');
  });

  it('replaces what lies between the markers, and carries select options in a comment', () => {
    const { start, end } = formMarkers('question');
    const opts = { agency: [{ value: 'so-tnmt', label: 'Sở Tài nguyên và Môi trường' }] };
    const page = `<main>${optionsComment('question', opts)}${start}old${end}</main>`;
    expect(replaceBetweenMarkers(page, 'question', 'new')).toContain(`${start}new${end}`);
    expect(replaceBetweenMarkers(page, 'other', 'new')).toBeNull();
    expect(readOptionsComment(page, 'question')).toEqual(opts);
  });

  it('shortens names: family name, then initials', () => {
    expect(shortenName('Nguyễn Văn An')).toBe('Nguyễn V. A.');
    expect(shortenName(' lò  thị mai ')).toBe('lò T. M.');
    expect(shortenName('Hùng')).toBe('Hùng');
  });
});

describe('intake: the fill-time token', () => {
  const secret = 'test-secret-0123456789';
  it('accepts a token between the minimum and maximum age, for its own form only', () => {
    const t = issueFillToken(secret, 'question', 1_000_000_000_000);
    const opts = { minMs: 3000, maxMs: 86_400_000 };
    expect(checkFillToken(t, secret, 'question', { ...opts, now: 1_000_000_005_000 })).toBe('ok');
    expect(checkFillToken(t, secret, 'question', { ...opts, now: 1_000_000_001_000 })).toBe('tooFast');
    expect(checkFillToken(t, secret, 'question', { ...opts, now: 1_000_086_500_000 })).toBe('expired');
    expect(checkFillToken(t, secret, 'comment', { ...opts, now: 1_000_000_005_000 })).toBe('bad');
    expect(checkFillToken(t, 'other-secret-0123456789', 'question', { ...opts, now: 1_000_000_005_000 })).toBe('bad');
    expect(checkFillToken(t.replace(/^\d/, '2'), secret, 'question', { ...opts, now: 2_000_000_005_000 })).toBe('bad');
    expect(checkFillToken('', secret, 'question', opts)).toBe('missing');
    expect(checkFillToken(['x'], secret, 'question', opts)).toBe('missing');
  });
});

describe('page paths of ratings (red-team F11)', () => {
  it('normalises a page path to the one form the release uses, and refuses what cannot be a page', async () => {
    const { normalizePagePath } = await import('./intake.js');
    expect(normalizePagePath('/tin-tuc/abc')).toBe('/tin-tuc/abc/');
    expect(normalizePagePath('/tin-tuc/abc/index.html')).toBe('/tin-tuc/abc/');
    expect(normalizePagePath('/tin-tuc/abc/?utm=x#top')).toBe('/tin-tuc/abc/');
    expect(normalizePagePath('/tin-tuc/%61bc/')).toBe('/tin-tuc/abc/');
    expect(normalizePagePath('https://cong.example/van-ban/x/', 'https://cong.example')).toBe('/van-ban/x/');
    for (const bad of [
      '',
      'tin-tuc/abc/',
      'https://evil.example/x/',
      '//evil.example/',
      '/a/../b/',
      '/%2e%2e/etc/',
      '/a//b/',
      '/Tin-Tuc/',
      '/a b/',
      '/<script>/',
      '/%ZZ/',
      `/${'a'.repeat(300)}/`,
      42,
      null,
    ]) {
      expect(normalizePagePath(bad, 'https://cong.example'), String(bad)).toBeNull();
    }
  });

  it('derives the owner of a page from the route map', async () => {
    const { pageOwnerOfPath } = await import('./routes.js');
    expect(pageOwnerOfPath('/co-quan/so-y-te/tin-tuc/')).toEqual({ kind: 'agency', slug: 'so-y-te' });
    expect(pageOwnerOfPath('/tin-tuc/bai-a/')).toEqual({ kind: 'entry', uid: 'api::article.article', slug: 'bai-a' });
    expect(pageOwnerOfPath('/lay-y-kien/du-thao-x/')).toEqual({ kind: 'entry', uid: 'api::consultation.consultation', slug: 'du-thao-x' });
    for (const p of [
      '/',
      '/tin-tuc/',
      '/tin-tuc/trong-tinh/',
      '/tin-tuc/trang/2/',
      '/hoi-dap/tra-cuu/',
      '/van-ban/loai/quyet-dinh/',
      '/gioi-thieu/',
      '/co-quan/',
    ]) {
      expect(pageOwnerOfPath(p), p).toEqual({ kind: 'portal' });
    }
  });

  it('renders a hidden field as a hidden input, its error above the form', () => {
    const html = renderIntakeForm(
      { id: 'r', action: '/danh-gia/', submitLabel: 'Gửi', fields: [{ name: 'path', kind: 'hidden', label: 'Trang' }] },
      { values: { path: '/a/"b' }, errors: { path: 'Không xác định được trang.' } },
    );
    expect(html).toContain('<input type="hidden" name="path" value="/a/&quot;b">');
    expect(html).toContain('<p>Không xác định được trang.</p>');
    expect(html).not.toContain('href="#r-path"');
  });
});
