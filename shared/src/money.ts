/**
 * Money helpers. All amounts are Vietnamese đồng (VND), which has no minor unit: amounts are
 * whole numbers. Strapi stores them as `biginteger` (it may hand them back as strings).
 */

/** Currency sign used in display, after the number and a normal space: `'1.000.000 đ'`. */
export const VND_SYMBOL = 'đ';

/**
 * Formats an amount in VND the Vietnamese way: dot as thousands separator, then a normal space
 * and `đ`. `1000000` → `'1.000.000 đ'`, `0` → `'0 đ'`, `-50000` → `'-50.000 đ'`.
 * Non-integer numbers are rounded to the nearest đồng. Strings must be plain integers
 * (`'1000000'`, as Strapi returns `biginteger` fields); bigint is formatted exactly.
 *
 * @returns `''` for `null`, `undefined` or an empty string.
 * @throws {RangeError} for a non-finite number or a string that is not an integer.
 */
export function formatVnd(amount: number | bigint | string | null | undefined): string {
  if (amount === null || amount === undefined) return '';
  let digits: string;
  if (typeof amount === 'bigint') {
    digits = amount.toString();
  } else if (typeof amount === 'number') {
    if (!Number.isFinite(amount)) throw new RangeError(`formatVnd: not a finite amount: ${amount}`);
    digits = BigInt(Math.round(amount)).toString();
  } else {
    const s = amount.trim();
    if (s === '') return '';
    if (!/^-?\d+$/.test(s)) throw new RangeError(`formatVnd: not an integer amount: "${amount}"`);
    digits = BigInt(s).toString();
  }
  const negative = digits.startsWith('-');
  const abs = negative ? digits.slice(1) : digits;
  const grouped = abs.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${grouped} ${VND_SYMBOL}`;
}

const MULTIPLIERS: Record<string, number> = {
  tỷ: 1_000_000_000,
  tỉ: 1_000_000_000,
  triệu: 1_000_000,
  nghìn: 1_000,
  ngàn: 1_000,
};

/** A number as written in Vietnamese text: `1.000.000`, `1,5`, `50000`, `100,000`. */
const NUMBER = String.raw`\d{1,3}(?:[.,]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?`;
/** Currency marker after an amount. `đ` must not start a word (`đến`, `đơn`). */
const CURRENCY = String.raw`(?:đồng|vnđ|vnd|đ(?![\p{L}\p{N}]))`;
const MULT = String.raw`(?:tỷ|tỉ|triệu|nghìn|ngàn)`;

/** `<number> [<multiplier>]... [<currency>]` — currency or multiplier decides below. */
const AMOUNT_RE = new RegExp(String.raw`(?<![\p{L}\p{N}.,])(${NUMBER})(\s*${MULT}(?:\s+(?:${NUMBER})\s*${MULT})*)?(\s*${CURRENCY})?`, 'giu');
/** A bare number directly before a range to an amount with currency: `12.000 - 60.000đ`. */
const RANGE_TAIL = new RegExp(String.raw`^\s*(?:-|–|—|đến|tới|~)\s*$`, 'iu');

/** Parses one Vietnamese-formatted number; `hasMultiplier` makes `1.5`/`1,5` decimal. */
function parseNumber(raw: string, hasMultiplier: boolean): number {
  // 1.000.000 / 1,000,000 / 1.000.000,5 : thousands groups
  if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(raw)) {
    return Number(raw.replace(/\./g, '').replace(',', '.'));
  }
  if (/^\d{1,3}(?:,\d{3})+$/.test(raw) && !hasMultiplier) {
    return Number(raw.replace(/,/g, ''));
  }
  // 1,5 / 1.5 : decimal (Vietnamese writes a decimal comma)
  return Number(raw.replace(',', '.'));
}

/** Value of `1 tỷ 200 triệu`, `1,5 triệu`, `50 nghìn`. */
function parseWithMultipliers(first: string, multPart: string): number {
  const tokens = `${first}${multPart}`.matchAll(new RegExp(String.raw`(${NUMBER})\s*(${MULT})`, 'giu'));
  let total = 0;
  for (const t of tokens) total += parseNumber(t[1], true) * (MULTIPLIERS[t[2].toLowerCase()] ?? 1);
  return total;
}

/**
 * Finds the amounts in VND written in Vietnamese fee text ("phí, lệ phí") and returns them in
 * order of appearance (duplicates kept), as whole đồng:
 * - `'Lệ phí: 100.000 đồng/hồ sơ'` → `[100000]`; `'50.000đ'` → `[50000]`; `'70.000 đ/lần cấp'`
 *   → `[70000]`; `'1.260.000đ'` → `[1260000]`; `'0đ (Miễn 100%)'` → `[0]`
 * - ranges: `'12.000đ - 60.000đ'` and `'12.000 - 60.000đ'` → `[12000, 60000]`
 * - multipliers: `'1,5 triệu đồng'` → `[1500000]`, `'1 tỷ 200 triệu đồng'` → `[1200000000]`,
 *   `'50 nghìn'` → `[50000]` (a multiplier counts as a money word even without `đồng`)
 * - currency markers: `đ`, `đồng`, `VNĐ`, `VND` (any case; `đ` not starting a word such as `đến`)
 *
 * Numbers without a currency marker or multiplier (`Điều 220`, `100%`, `21/2024/NQ-HĐND`,
 * `trang thứ 6`) are ignored, so `'Không'`, `'Miễn phí'`, `'Theo quy định của Bộ Tài chính'` →
 * `[]`. NFD input is normalised to NFC first.
 */
export function parseVndAmounts(text: string): number[] {
  if (typeof text !== 'string' || !text) return [];
  const s = text.normalize('NFC');
  const found: { index: number; value: number }[] = [];
  let prev: { end: number; raw: string; index: number } | null = null;
  for (const m of s.matchAll(AMOUNT_RE)) {
    const [whole, num, multPart, currency] = m;
    const index = m.index ?? 0;
    if (multPart) {
      found.push({ index, value: Math.round(parseWithMultipliers(num, multPart)) });
    } else if (currency) {
      found.push({ index, value: Math.round(parseNumber(num, false)) });
      // a bare number just before, joined by a range word, shares this currency
      if (prev && RANGE_TAIL.test(s.slice(prev.end, index))) {
        found.push({ index: prev.index, value: Math.round(parseNumber(prev.raw, false)) });
      }
    }
    prev = !multPart && !currency ? { end: index + whole.length, raw: num, index } : null;
  }
  return found.sort((a, b) => a.index - b.index).map((f) => f.value);
}

/**
 * True when a fee text says the procedure is free: `'Không'`, `'Không có'`, `'Miễn phí'`,
 * `'Không thu phí, lệ phí'`, `'Miễn 100% ...'`, `'Thủ tục này không quy định phí và lệ phí'`,
 * or when every amount in it is 0 (`'0đ'`). Any positive amount makes it `false`, as does
 * empty text (unknown, not free) or a reference such as `'Theo quy định của Bộ Tài chính'`.
 */
export function isFeeFree(text: string): boolean {
  if (typeof text !== 'string') return false;
  const s = text.normalize('NFC').trim().toLowerCase();
  if (!s) return false;
  const amounts = parseVndAmounts(s);
  if (amounts.length > 0) return amounts.every((a) => a === 0);
  if (/^(?:không|không có|không thu|miễn|miễn phí|miễn thu|0)[\s.;:!,]*$/u.test(s)) return true;
  return /miễn\s+(?:phí|lệ phí|thu|100\s*%)|không\s+(?:thu|mất|có|quy định|phải nộp)\s+(?:phí|lệ phí)/u.test(s);
}
