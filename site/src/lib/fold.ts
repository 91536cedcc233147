/**
 * Vietnamese text folding for search. Readers often type without tone marks ("thu tuc dat dai"
 * for "thủ tục đất đai"). Pagefind (≥ 1.5) already indexes words in a normalised form without
 * combining marks, so "thu tuc" finds "thủ tục" — but `đ`/`Đ` is a letter of its own, not a `d`
 * with a mark, so "dat dai" would not find "đất đai" nor "do thi" "đô thị". Each indexed page
 * therefore carries a hidden list of its `đ`-words, folded ({@link searchAliases}), and the
 * search script also tries the folded query.
 *
 * Bundled into the search page's browser script too: its only import is the index of
 * @cong/shared, which holds no Node module (`@cong/shared/secret` is outside it).
 */

/** Vietnamese folding (tone marks removed, đ → d, lower case): one implementation, in @cong/shared. */
import { foldVietnamese } from '@cong/shared';
export { foldVietnamese };

/**
 * The folded forms of the words of `text` that contain `đ` or `Đ`, each once, in order of first
 * appearance, joined by spaces: what a page adds (hidden) to its indexed text so that queries
 * typed without `đ` find it. Words are runs of letters and digits.
 *
 * @example searchAliases('Phát triển đô thị, Đường Điện Biên và đô thị') // 'do duong dien'
 */
export function searchAliases(text: string | null | undefined): string {
  const seen = new Set<string>();
  for (const word of String(text ?? '')
    .normalize('NFC')
    .match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (!/[đĐ]/.test(word)) continue;
    seen.add(foldVietnamese(word));
  }
  return [...seen].join(' ');
}

/**
 * The visible text of an HTML fragment (tags, scripts and styles dropped, the common entities
 * decoded, white space collapsed). Good enough for {@link searchAliases}; not a full HTML parser.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos|nbsp));/gi, (_, dec, hex, name) => {
      if (dec) return String.fromCodePoint(Number(dec));
      if (hex) return String.fromCodePoint(parseInt(hex, 16));
      return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }[String(name).toLowerCase()] ?? ' ';
    })
    .replace(/\s+/g, ' ')
    .trim();
}
