import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatVnd, isFeeFree, parseVndAmounts } from './money.js';

/** Real fee texts ("le_phi", "phi") copied from data/seed/procedures-sample.json. */
const REAL = {
  laocaiFree: 'Không', // 1.014869
  laocaiByRule: 'Theo quy định của Bộ Tài chính và của tỉnh Lào Cai.',
  laocaiPerIssue: '70.000 đ/lần cấp',
  phiTheoQd: 'Theo QĐ',
  range: '12.000đ - 60.000đ',
  approx: '~60.000đ',
  zeroWaived: '0đ (Miễn 100%)',
  waivedByResolution: 'Miễn 100% theo Nghị quyết 21/2024/NQ-HĐND',
  perCertificate: '50.000 đồng/GCN/thửa',
  perPage: '(Từ trang thứ 6: 900đ/trang)',
  from: 'Từ 142.500đ',
  notForOrganisations: 'Thủ tục này không quy định phí và lệ phí cho đối tượng là tổ chức.',
};

describe('formatVnd', () => {
  it('uses dot thousands separators and " đ"', () => {
    expect(formatVnd(1000000)).toBe('1.000.000 đ');
    expect(formatVnd(70000)).toBe('70.000 đ');
    expect(formatVnd(500)).toBe('500 đ');
    expect(formatVnd(0)).toBe('0 đ');
    expect(formatVnd(-50000)).toBe('-50.000 đ');
  });

  it('accepts Strapi biginteger strings and bigint', () => {
    expect(formatVnd('1260000')).toBe('1.260.000 đ');
    expect(formatVnd(12_345_678_901_234_567_890n)).toBe('12.345.678.901.234.567.890 đ');
  });

  it('rounds fractions of a đồng', () => {
    expect(formatVnd(999.6)).toBe('1.000 đ');
  });

  it('returns empty for null/undefined/empty, throws for garbage', () => {
    expect(formatVnd(null)).toBe('');
    expect(formatVnd(undefined)).toBe('');
    expect(formatVnd('')).toBe('');
    expect(() => formatVnd('1.000.000')).toThrow(RangeError);
    expect(() => formatVnd(Number.NaN)).toThrow(RangeError);
  });
});

describe('parseVndAmounts', () => {
  it('reads the examples of the contract', () => {
    expect(parseVndAmounts('Lệ phí: 100.000 đồng/hồ sơ')).toEqual([100000]);
    expect(parseVndAmounts('50.000đ')).toEqual([50000]);
    expect(parseVndAmounts('1,5 triệu đồng')).toEqual([1500000]);
    expect(parseVndAmounts('Không')).toEqual([]);
    expect(parseVndAmounts('Miễn phí')).toEqual([]);
  });

  it('reads the real fee texts of the sample data', () => {
    expect(parseVndAmounts(REAL.laocaiFree)).toEqual([]);
    expect(parseVndAmounts(REAL.laocaiByRule)).toEqual([]);
    expect(parseVndAmounts(REAL.laocaiPerIssue)).toEqual([70000]);
    expect(parseVndAmounts(REAL.phiTheoQd)).toEqual([]);
    expect(parseVndAmounts(REAL.range)).toEqual([12000, 60000]);
    expect(parseVndAmounts(REAL.approx)).toEqual([60000]);
    expect(parseVndAmounts(REAL.zeroWaived)).toEqual([0]);
    expect(parseVndAmounts(REAL.waivedByResolution)).toEqual([]);
    expect(parseVndAmounts(REAL.perCertificate)).toEqual([50000]);
    expect(parseVndAmounts(REAL.perPage)).toEqual([900]);
    expect(parseVndAmounts(REAL.from)).toEqual([142500]);
  });

  it('handles ranges, multipliers and currency spellings', () => {
    expect(parseVndAmounts('12.000 - 60.000đ')).toEqual([12000, 60000]);
    expect(parseVndAmounts('Từ 120.000đ đến 600.000đ')).toEqual([120000, 600000]);
    expect(parseVndAmounts('1 tỷ 200 triệu đồng')).toEqual([1200000000]);
    expect(parseVndAmounts('50 nghìn đồng/bản')).toEqual([50000]);
    expect(parseVndAmounts('500 VNĐ')).toEqual([500]);
    expect(parseVndAmounts('100,000 VND')).toEqual([100000]);
    expect(parseVndAmounts('Lệ phí: 100.000 đồng/hồ sơ'.normalize('NFD'))).toEqual([100000]);
  });

  it('ignores numbers that are not money', () => {
    expect(parseVndAmounts('Điều 220 của Luật Đất đai, đến 5 đơn vị, 100%')).toEqual([]);
  });
});

describe('isFeeFree', () => {
  it('recognises free procedures', () => {
    expect(isFeeFree('Không')).toBe(true);
    expect(isFeeFree('Miễn phí')).toBe(true);
    expect(isFeeFree('Không thu phí, lệ phí')).toBe(true);
    expect(isFeeFree(REAL.zeroWaived)).toBe(true);
    expect(isFeeFree(REAL.waivedByResolution)).toBe(true);
    expect(isFeeFree(REAL.notForOrganisations)).toBe(true);
  });

  it('is false for amounts, references and empty text', () => {
    expect(isFeeFree(REAL.laocaiPerIssue)).toBe(false);
    expect(isFeeFree(REAL.laocaiByRule)).toBe(false);
    expect(isFeeFree(REAL.phiTheoQd)).toBe(false);
    expect(isFeeFree('')).toBe(false);
    expect(isFeeFree('Lệ phí: 0đ; phí thẩm định 450.000đ')).toBe(false);
  });
});

const DATA_FILE = new URL('../../data/seed/procedures-sample.json', import.meta.url);
/** Vendored in the repository (data/README.md): a missing file fails these tests, naming it; never a skip. */
function readDataFile(): unknown {
  if (!existsSync(DATA_FILE)) throw new Error(`Seed data missing: ${fileURLToPath(DATA_FILE)} (vendored in data/seed, see data/README.md)`);
  return JSON.parse(readFileSync(DATA_FILE, 'utf8'));
}

describe('parseVndAmounts on data/seed/procedures-sample.json', () => {
  type Procedure = { ma_thu_tuc: string | null; le_phi: string | string[] | null; phi?: string | null };
  /** read in each test, so a missing file fails every one of them (a failing hook would skip them) */
  const data = () => readDataFile() as { procedures: Procedure[] };

  it('finds every amount written with đ/đồng in the list-shaped fees', () => {
    const tachThua = data().procedures.find((p) => p.ma_thu_tuc === '1.012784')!;
    const text = (tachThua.le_phi as string[]).join('\n');
    const amounts = parseVndAmounts(text);
    const written = text.match(/\d[\d.]*\s*(?:đồng|đ)/g)!;
    expect(amounts).toHaveLength(written.length);
    expect(amounts.slice(0, 3)).toEqual([450000, 470000, 590000]);
    expect(amounts.at(-1)).toBe(50000);
    expect(amounts.every((a) => Number.isInteger(a) && a >= 0)).toBe(true);
  });

  it('reads the Lào Cai records', () => {
    const texts = data()
      .procedures.slice(0, 3)
      .map((p) => p.le_phi as string);
    expect(texts.map(parseVndAmounts)).toEqual([[], [], [70000]]);
    expect(texts.map(isFeeFree)).toEqual([true, false, false]);
  });
});
