import { describe, expect, it } from 'vitest';
import { foldVietnamese, htmlToText } from './fold';

describe('foldVietnamese', () => {
  it('removes tone and vowel marks, folds đ, lower-cases, collapses spaces', () => {
    expect(foldVietnamese('Thủ tục  ĐẤT ĐAI')).toBe('thu tuc dat dai');
    expect(foldVietnamese('đô thị')).toBe('do thi');
    expect(foldVietnamese('Ủy ban nhân dân tỉnh Lào Cai')).toBe('uy ban nhan dan tinh lao cai');
    expect(foldVietnamese('ướt ợ ằ ẫ')).toBe('uot o a a');
    // NFD input folds the same as NFC
    expect(foldVietnamese('Thủ tục'.normalize('NFD'))).toBe('thu tuc');
    expect(foldVietnamese(null)).toBe('');
  });
});

describe('htmlToText', () => {
  it('drops tags, scripts and styles; decodes entities', () => {
    expect(htmlToText('<h1>Đô &amp; thị</h1><script>var a = "<b>"</script><p>a&#39;b&nbsp;c &#x111;</p>')).toBe("Đô & thị a'b c đ");
  });
});
