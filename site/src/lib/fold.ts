/**
 * Vietnamese text folding for search. Readers often type without tone marks ("thu tuc dat dai"
 * for "thủ tục đất đai"); the publisher's search (site/publisher/search.ts) indexes and queries
 * words folded — tone and vowel marks removed and `đ`/`Đ` (a letter of its own, not a `d` with a
 * mark) turned into `d` — so both spellings meet.
 */
/** Vietnamese folding (tone marks removed, đ → d, lower case): one implementation, in @cong/shared. */
import { foldVietnamese } from '@cong/shared';
export { foldVietnamese };

/**
 * The visible text of an HTML fragment (tags, scripts and styles dropped, the common entities
 * decoded, white space collapsed). Good enough for search documents (src/integrations/search-docs.ts); not a full HTML parser.
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
