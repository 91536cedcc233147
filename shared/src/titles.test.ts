import { describe, expect, it } from 'vitest';
import { DISPLAY_TITLE_MAX, TITLE_TAG_MAX, shortTitle } from './titles.js';

const BUILDING =
  'Cấp giấy phép xây dựng (Giấy phép xây dựng mới, giấy phép sửa chữa, cải tạo, giấy phép di dời công trình) đối với công trình cấp I, II; công trình tôn giáo; công trình di tích lịch sử - văn hóa, tượng đài, tranh hoành tráng được xếp hạng; công trình trên các tuyến, trục đường phố chính trong đô thị; công trình thuộc dự án có vốn đầu tư trực tiếp nước ngoài';
const LAND = 'Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu';
const TRANSFER =
  'Đăng ký, cấp Giấy chứng nhận đối với trường hợp đã chuyển quyền sử dụng đất trước ngày 01 tháng 8 năm 2024 mà bên chuyển quyền đã được cấp Giấy chứng nhận nhưng chưa thực hiện thủ tục chuyển quyền theo quy định';

/** every word of `short` (without its "…") is a whole word of `full`, in order from its start */
function wholeWordsOf(short: string, full: string): boolean {
  const words = full
    .replace(/[(),;]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const got = short
    .replace(/…$/, '')
    .replace(/[(),;]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  return got.every((w) => words.includes(w));
}

describe('shortTitle', () => {
  it('keeps a name that fits (white space collapsed)', () => {
    expect(shortTitle('Tin  tức\n tỉnh')).toBe('Tin tức tỉnh');
    expect(shortTitle(LAND, 200)).toBe(LAND);
    expect(shortTitle('')).toBe('');
  });

  it('a 358-character procedure name: asides in parentheses left out, cut after a clause, ≤ the limit', () => {
    const s = shortTitle(BUILDING);
    expect(s).toBe('Cấp giấy phép xây dựng đối với công trình cấp I, II; công trình tôn giáo…');
    expect(s.length).toBeLessThanOrEqual(DISPLAY_TITLE_MAX);
    expect(wholeWordsOf(s, BUILDING)).toBe(true);
  });

  it('cuts at the last clause end in the second half, else at a word boundary; never inside a word', () => {
    expect(shortTitle(LAND, TITLE_TAG_MAX)).toBe('Đăng ký đất đai, tài sản gắn liền với đất…');
    expect(shortTitle(LAND)).toBe('Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất…');
    const s = shortTitle(TRANSFER);
    expect(s.length).toBeLessThanOrEqual(DISPLAY_TITLE_MAX);
    expect(wholeWordsOf(s, TRANSFER)).toBe(true);
    expect(TRANSFER.startsWith(s.slice(0, -1))).toBe(true);
    expect(s).toBe('Đăng ký, cấp Giấy chứng nhận đối với trường hợp đã chuyển quyền sử dụng đất trước ngày 01 tháng 8…');
    for (let max = 10; max < 120; max++) {
      for (const text of [BUILDING, LAND, TRANSFER]) {
        const cut = shortTitle(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect([max, cut, wholeWordsOf(cut, text)]).toEqual([max, cut, true]);
      }
    }
  });

  it('does not end on a dangling function word ("đối với", "của", "và") or an unclosed parenthesis', () => {
    const s = shortTitle('Thủ tục hỗ trợ kinh phí cho hộ gia đình đối với trường hợp bị thiệt hại do thiên tai', 50);
    expect(s).toBe('Thủ tục hỗ trợ kinh phí cho hộ gia đình…');
    expect(shortTitle('Quyết định về việc ban hành quy định quản lý (kèm theo danh mục các dự án trọng điểm của tỉnh)', 60)).toBe(
      'Quyết định về việc ban hành quy định quản lý…',
    );
  });

  it('cuts a single over-long word only when there is no space to cut at; rejects a tiny limit', () => {
    expect(shortTitle('x'.repeat(30), 20)).toBe(`${'x'.repeat(19)}…`);
    expect(() => shortTitle(LAND, 5)).toThrow(RangeError);
  });
});
