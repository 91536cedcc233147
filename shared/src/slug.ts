import slugify from 'slugify';

/** Slug returned when the text holds nothing transliterable ("mục" = item). */
export const SLUG_FALLBACK = 'muc';

/**
 * Turns Vietnamese (or any) text into a URL slug made only of `[a-z0-9-]`.
 *
 * Steps: the text is decomposed (NFD) so that tone marks and vowel marks become combining
 * characters, which are removed (works the same for NFC and NFD input); `đ`/`Đ`, which do not
 * decompose, become `d`; `&` becomes the word "và"; every run of characters that is neither a
 * letter nor a digit (spaces, `/`, `.`, `,`, `–`, …) becomes one separator; the result goes
 * through the `slugify` library (`locale: 'vi'`, `strict`, lower case) for any remaining
 * non-ASCII letters. Repeated dashes are collapsed and leading/trailing dashes removed.
 *
 * When the slug is longer than `maxLength` it is cut at the last dash that keeps it within
 * `maxLength` (a single word longer than `maxLength` is cut hard). An empty result becomes
 * {@link SLUG_FALLBACK} (`'muc'`), so the slug is never empty.
 *
 * @example toSlug('Sở Tài nguyên và Môi trường') // 'so-tai-nguyen-va-moi-truong'
 * @example toSlug('07/2006/QĐ-UBND')              // '07-2006-qd-ubnd'
 * @example toSlug('Đường Điện Biên')              // 'duong-dien-bien'
 * @param text any text; `null`/`undefined` are treated as empty.
 * @param maxLength maximum length in characters, default 80.
 * @throws {RangeError} when `maxLength` is not a positive integer.
 */
export function toSlug(text: string, maxLength = 80): string {
  if (!Number.isInteger(maxLength) || maxLength < 1) {
    throw new RangeError(`toSlug: maxLength must be a positive integer, got ${maxLength}`);
  }
  const ascii = String(text ?? '')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/&/g, ' va ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

  let slug = slugify(ascii, { locale: 'vi', strict: true, lower: true, replacement: '-' })
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');

  if (slug.length > maxLength) {
    const atBoundary = slug[maxLength] === '-';
    let cut = slug.slice(0, maxLength);
    if (!atBoundary) {
      const lastDash = cut.lastIndexOf('-');
      if (lastDash > 0) cut = cut.slice(0, lastDash);
    }
    slug = cut.replace(/-+$/g, '');
  }

  return slug || SLUG_FALLBACK.slice(0, maxLength);
}

/**
 * Folds Vietnamese text for matching and search: tone marks and diacritics removed, đ/Đ → d,
 * lower case, runs of white space collapsed, trimmed. Unlike {@link toSlug} it keeps spaces and
 * punctuation. Used by the seed import (matching agency names) and the site's search aliases.
 *
 * @example foldVietnamese('Thủ tục ĐẤT ĐAI') // 'thu tuc dat dai'
 */
export function foldVietnamese(text: string | null | undefined): string {
  return String(text ?? '')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
