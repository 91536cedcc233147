import { describe, expect, it } from 'vitest';
import { SLUG_FALLBACK, toSlug } from './slug.js';

describe('toSlug', () => {
  it('transliterates Vietnamese: tone marks stripped, đ/Đ → d', () => {
    expect(toSlug('Sở Tài nguyên và Môi trường')).toBe('so-tai-nguyen-va-moi-truong');
    expect(toSlug('Đường Điện Biên')).toBe('duong-dien-bien');
    expect(toSlug('Ủy ban nhân dân tỉnh Lào Cai')).toBe('uy-ban-nhan-dan-tinh-lao-cai');
    expect(toSlug('Huyện Bắc Hà, Mường Khương, Si Ma Cai')).toBe('huyen-bac-ha-muong-khuong-si-ma-cai');
    expect(toSlug('ĐÀI PHÁT THANH - TRUYỀN HÌNH')).toBe('dai-phat-thanh-truyen-hinh');
  });

  it('turns separators of document numbers into dashes', () => {
    expect(toSlug('07/2006/QĐ-UBND')).toBe('07-2006-qd-ubnd');
    expect(toSlug('Nghị định 43/2011/NĐ-CP')).toBe('nghi-dinh-43-2011-nd-cp');
  });

  it('gives the same slug for NFC and NFD input', () => {
    const nfc = 'Sở Văn hóa, Thể thao và Du lịch'.normalize('NFC');
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(toSlug(nfd)).toBe(toSlug(nfc));
    expect(toSlug(nfd)).toBe('so-van-hoa-the-thao-va-du-lich');
  });

  it('writes & as "va"', () => {
    expect(toSlug('Văn hóa, Thể thao & Du lịch')).toBe('van-hoa-the-thao-va-du-lich');
  });

  it('only ever contains [a-z0-9-], no leading/trailing/double dashes', () => {
    for (const t of ['  --Xin chào!!  thế giới--  ', 'Giá: 1.000.000đ (một triệu)', 'Ổn định «dân cư» – “tái định cư”']) {
      const slug = toSlug(t);
      expect(slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    }
    expect(toSlug('  --Xin chào!!  thế giới--  ')).toBe('xin-chao-the-gioi');
  });

  it('trims to maxLength at a dash boundary', () => {
    const long = 'Quyết định ban hành Quy định về trách nhiệm cung cấp thông tin lên Cổng giao tiếp điện tử tỉnh Lào Cai';
    const slug = toSlug(long);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toBe('quyet-dinh-ban-hanh-quy-dinh-ve-trach-nhiem-cung-cap-thong-tin-len-cong-giao');
    expect(toSlug('Sở Tài nguyên và Môi trường', 20)).toBe('so-tai-nguyen-va-moi');
    // cut falls exactly before a dash
    expect(toSlug('Sở Tài nguyên và Môi trường', 16)).toBe('so-tai-nguyen-va');
    // a single word longer than maxLength is cut hard
    expect(toSlug('Nghiêngnghiêngnghiêng', 10)).toBe('nghiengngh');
  });

  it('is never empty', () => {
    expect(toSlug('')).toBe(SLUG_FALLBACK);
    expect(toSlug('!!! ??? ///')).toBe('muc');
    expect(toSlug('老街')).toBe('muc');
  });

  it('rejects a non-positive maxLength', () => {
    expect(() => toSlug('abc', 0)).toThrow(RangeError);
  });
});
