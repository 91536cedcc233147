import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseProcessingTime } from './processing-time.js';

/** Real "thoi_han_giai_quyet" texts from data/seed/procedures-sample.json. */
const REAL_TWO_STAGES =
  '- Thời hạn thẩm định dự án, phương án sản xuất: Trong thời hạn không quá 07 ngày làm việc, kể từ ngày nhận được hồ sơ hợp lệ. - Thời hạn phê duyệt dự án, phương án sản xuất: Trong thời hạn không quá 03 ngày làm việc kể từ ngày nhận được Quyết định phê duyệt kinh phí thực hiện chính sách khuyến khích, hỗ trợ phát triển sản xuất nông, lâm nghiệp, thuỷ sản của Ủy ban nhân dân tỉnh.';
const REAL_DAYS = '05 ngày kể từ ngày nhận đủ hồ sơ hợp lệ';
const REAL_WORKING_DAYS = 'Được giải quyết trong 10 ngày làm việc kể từ khi nhận đủ hồ sơ hợp lệ.';
const REAL_METHOD_LINE = 'Trực tuyến: 05 Ngày – 05 ngày kể từ ngày nhận đủ hồ sơ hợp lệ';

describe('parseProcessingTime', () => {
  it('reads the examples of the contract', () => {
    expect(parseProcessingTime('15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ')).toEqual({
      value: 15,
      unit: 'workingDays',
      text: '15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ',
    });
    expect(parseProcessingTime('Trong thời hạn không quá 20 ngày')).toMatchObject({ value: 20, unit: 'days' });
    expect(parseProcessingTime('03 ngày')).toMatchObject({ value: 3, unit: 'days' });
    expect(parseProcessingTime('48 giờ')).toMatchObject({ value: 48, unit: 'hours' });
    expect(parseProcessingTime('02 tháng')).toMatchObject({ value: 2, unit: 'months' });
  });

  it('reads the real texts of the sample data', () => {
    const twoStages = parseProcessingTime(REAL_TWO_STAGES);
    expect(twoStages).toMatchObject({ value: 7, unit: 'workingDays' });
    expect(twoStages!.text).toBe(REAL_TWO_STAGES);
    expect(parseProcessingTime(REAL_DAYS)).toMatchObject({ value: 5, unit: 'days' });
    expect(parseProcessingTime(REAL_WORKING_DAYS)).toMatchObject({ value: 10, unit: 'workingDays' });
    expect(parseProcessingTime(REAL_METHOD_LINE)).toMatchObject({ value: 5, unit: 'days' });
  });

  it('skips numbers in words, dates and article numbers', () => {
    expect(parseProcessingTime('15 (mười lăm) ngày làm việc')).toMatchObject({ value: 15, unit: 'workingDays' });
    expect(parseProcessingTime('Kể từ ngày 15 tháng 3 năm 2024, trong 02 tháng')).toMatchObject({
      value: 2,
      unit: 'months',
    });
    expect(parseProcessingTime('Theo Điều 220, giải quyết trong 10 ngày')).toMatchObject({ value: 10, unit: 'days' });
  });

  it('handles decimals, weeks, NFD and extra whitespace', () => {
    expect(parseProcessingTime('1,5 ngày')).toMatchObject({ value: 1.5, unit: 'days' });
    expect(parseProcessingTime('02 tuần')).toMatchObject({ value: 14, unit: 'days' });
    const nfd = parseProcessingTime('  15   ngày  làm việc '.normalize('NFD'));
    expect(nfd).toEqual({ value: 15, unit: 'workingDays', text: '15 ngày làm việc' });
  });

  it('returns null without a number and a unit', () => {
    expect(parseProcessingTime('')).toBeNull();
    expect(parseProcessingTime('Theo quy định')).toBeNull();
    expect(parseProcessingTime('Điều 220 Luật Đất đai')).toBeNull();
  });
});

const DATA_FILE = new URL('../../data/seed/procedures-sample.json', import.meta.url);
/** Vendored in the repository (data/README.md): a missing file fails these tests, naming it; never a skip. */
function readDataFile(): unknown {
  if (!existsSync(DATA_FILE)) throw new Error(`Seed data missing: ${fileURLToPath(DATA_FILE)} (vendored in data/seed, see data/README.md)`);
  return JSON.parse(readFileSync(DATA_FILE, 'utf8'));
}

describe('parseProcessingTime on data/seed/procedures-sample.json', () => {
  /** read in the test, so a missing file fails it (a failing hook would skip it) */
  const data = () => readDataFile() as { procedures: { thoi_han_giai_quyet: string | null }[] };

  it('parses every non-empty thoi_han_giai_quyet', () => {
    const texts = data()
      .procedures.map((p) => p.thoi_han_giai_quyet)
      .filter((t): t is string => !!t);
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.map((t) => parseProcessingTime(t) && [parseProcessingTime(t)!.value, parseProcessingTime(t)!.unit])).toEqual([
      [7, 'workingDays'],
      [5, 'days'],
      [10, 'workingDays'],
    ]);
  });
});
