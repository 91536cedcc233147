import { foldVietnamese } from '@cong/shared';
/**
 * Text helpers of the seed import: matching Vietnamese names (case and tone marks ignored),
 * sentence case for titles published in capitals, and plain official text → Markdown.
 * Pure functions, no I/O.
 */

/**
 * Folds Vietnamese text (tone marks removed, đ → d, lower case, spaces collapsed) — the shared
 * implementation of @cong/shared. `fold('Ủy ban nhân dân  tỉnh Lào Cai')` → `'uy ban nhan dan tinh lao cai'`.
 */
export const fold = foldVietnamese;

/**
 * Key for matching agency names written in different ways: {@link fold}ed, `&` read as "và",
 * punctuation (`- – , . ; : ( ) / "`) dropped, the word "và" dropped, and a trailing
 * "tỉnh Lào Cai" removed. So `'Sở Tài nguyên - Môi trường'`,
 * `'Sở Tài nguyên và Môi trường'` and `'SỞ TÀI NGUYÊN & MÔI TRƯỜNG TỈNH LÀO CAI'` share
 * the key `'so tai nguyen moi truong'`.
 */
export function matchKey(text: string | null | undefined): string {
  return fold(String(text ?? '').replace(/&/g, ' và '))
    .replace(/[-–—,.;:()/"“”'’]+/g, ' ')
    .split(' ')
    .filter((w) => w && w !== 'va')
    .join(' ')
    .replace(/\s+tinh lao cai$/, '')
    .trim();
}

/** Acronyms kept in capitals when a title written in capitals is turned into sentence case. */
const ACRONYMS = new Set([
  'HĐND',
  'UBND',
  'QĐ',
  'NQ',
  'GTĐT',
  'TTĐT',
  'CNTT',
  'KT-XH',
  'TTHC',
  'DVC',
  'DVCTT',
  'GCN',
  'QSDĐ',
  'VPĐKĐĐ',
  'ĐKĐĐ',
  'HCC',
  'HĐBT',
  'CSDL',
  'PT-TH',
  'TN&MT',
  'KH&ĐT',
  'NN&PTNT',
  'GD&ĐT',
  'KH&CN',
  'LĐ-TB&XH',
  'GTVT',
  'BCVT',
  'VH-TT',
  'TM&DL',
  'XHCN',
  'CHXHCN',
]);

/** Proper nouns restored after lower-casing (the province, the country, the capital). */
const PROPER_NOUNS = ['Lào Cai', 'Việt Nam', 'Hà Nội', 'Đồng Nai', 'Sa Pa'];

/** Words after which a capital Roman numeral is a number (khóa XV, kỳ họp thứ II …). */
const BEFORE_ROMAN = new Set(['khoa', 'ky', 'thu', 'phan', 'chuong', 'muc']);

function capitaliseFirstLetter(s: string): string {
  return s.replace(/^([^\p{L}\p{N}]*)(\p{L})/u, (_, pre: string, ch: string) => pre + ch.toLocaleUpperCase('vi'));
}

/**
 * Turns a title into Vietnamese sentence case: only the first letter, the first letter after an
 * opening quotation mark, proper nouns of {@link PROPER_NOUNS} and acronyms stay capital.
 * - text written entirely in capitals (as official titles and some headlines are): every word
 *   is lower-cased except known acronyms (HĐND, UBND, QĐ, CNTT, …) and Roman numerals after
 *   "khóa"/"kỳ"/"thứ";
 * - mixed text in Title Case (`'Tiếp Nhận & Chuyển Giao'`): capitalised words are lower-cased,
 *   words of two or more capitals are kept as acronyms (`'GCN'`).
 *
 * `'VỀ VIỆC QUY ĐỊNH … CHO "CỔNG GIAO TIẾP ĐIỆN TỬ LÀO CAI"'` →
 * `'Về việc quy định … cho "Cổng giao tiếp điện tử Lào Cai"'`;
 * `'KHAI MẠC KỲ HỌP THỨ 10 HĐND TỈNH LÀO CAI KHÓA XV'` →
 * `'Khai mạc kỳ họp thứ 10 HĐND tỉnh Lào Cai khóa XV'`.
 */
export function sentenceCase(text: string): string {
  const s = String(text ?? '')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim();
  if (!s) return s;
  const letters = s.replace(/[^\p{L}]/gu, '');
  const allCaps = letters.length > 0 && letters === letters.toLocaleUpperCase('vi');
  const tokens = s.split(' ');
  const out = tokens.map((tok, i) => {
    const core = tok.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}&-]+$/gu, '');
    const prev = i > 0 ? fold(tokens[i - 1].replace(/[^\p{L}]/gu, '')) : '';
    if (allCaps) {
      if (ACRONYMS.has(core)) return tok;
      if (/^[IVXLC]+$/.test(core) && BEFORE_ROMAN.has(prev)) return tok;
      return tok.toLocaleLowerCase('vi');
    }
    const coreLetters = core.replace(/[^\p{L}]/gu, '');
    if (coreLetters.length >= 2 && coreLetters === coreLetters.toLocaleUpperCase('vi')) return tok;
    return tok.toLocaleLowerCase('vi');
  });
  let result = out.join(' ');
  for (const noun of PROPER_NOUNS) {
    const re = new RegExp(`(?<![\\p{L}])${noun.toLocaleLowerCase('vi')}(?![\\p{L}])`, 'gu');
    result = result.replace(re, noun);
  }
  result = capitaliseFirstLetter(result);
  // first letter inside an opening quotation mark
  result = result.replace(/(["“«]\s*)(\p{L})/gu, (_, q: string, ch: string) => q + ch.toLocaleUpperCase('vi'));
  return result;
}

/** Removes Markdown emphasis markers (`**bold**`, `__bold__`) from a plain-text field. */
export function stripMarkdownEmphasis(text: string): string {
  return text.replace(/\*\*(.+?)\*\*/g, '$1').replace(/__(.+?)__/g, '$1');
}

/** Names of document types that stand alone as the heading of a part ("QUYẾT ĐỊNH", "QUY ĐỊNH"). */
const PART_HEADINGS = /^(QUYẾT ĐỊNH|QUY ĐỊNH|NGHỊ QUYẾT|CHỈ THỊ|KẾ HOẠCH|THÔNG BÁO|QUY CHẾ)$/u;

function isAllCapsLine(line: string): boolean {
  const letters = line.replace(/[^\p{L}]/gu, '');
  return letters.length >= 4 && letters === letters.toLocaleUpperCase('vi');
}

/**
 * Converts the plain text of an official document to Markdown for a Strapi `richtext` field:
 * - every non-empty line is a paragraph (official texts put one paragraph per line); blank
 *   lines and lines of underscores (decorative rules under a heading) are dropped;
 * - a line that is only a document-type name in capitals ("QUYẾT ĐỊNH", "QUY ĐỊNH") becomes a
 *   `##` heading; other lines in capitals become bold paragraphs;
 * - `Điều N.` lines: a short title ("Điều 1. Mục đích, yêu cầu", up to 60 characters after the
 *   number) becomes a `###` heading; a longer article keeps its text with `**Điều N.**` in bold;
 * - a line wholly in brackets ("(Kèm theo Quyết định số …)", "(Đã ký)") is set in italics;
 * - consecutive `- ` lines stay together as one list; a leading "1. " is escaped ("1\\. ") so the
 *   source's own numbering is shown as written, not renumbered as a Markdown list.
 * The words are not changed (typing errors of the source are kept).
 */
export function plainTextToMarkdown(text: string): string {
  const lines = String(text ?? '')
    .normalize('NFC')
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l && !/^_{3,}$/.test(l));
  const blocks: string[] = [];
  for (const line of lines) {
    let md: string;
    const article = /^(Điều\s+\d+[a-z]?\.)\s*(.*)$/u.exec(line);
    if (PART_HEADINGS.test(line)) {
      md = `## ${line}`;
    } else if (article) {
      const rest = article[2];
      md = rest.length <= 60 && !/[;]/.test(rest) ? `### ${article[1]} ${rest}`.trim() : `**${article[1]}** ${rest}`;
    } else if (isAllCapsLine(line) && !/^[-*]/.test(line)) {
      md = `**${line}**`;
    } else if (/^\(.*\)$/.test(line)) {
      md = `*${line}*`;
    } else {
      // a leading "#", "+", ">" or "1. " would be read as Markdown syntax (heading, list, quote)
      md = line.replace(/^([#+>])/, '\\$1').replace(/^(\d+)([.)]) /, '$1\\$2 ');
    }
    const prev = blocks[blocks.length - 1];
    if (prev !== undefined && /^- /.test(md) && /(^|\n)- [^\n]*$/.test(prev)) {
      blocks[blocks.length - 1] = `${prev}\n${md}`;
    } else {
      blocks.push(md);
    }
  }
  return blocks.join('\n\n');
}
