/**
 * Short display titles for long official names (issue 13, point 4).
 *
 * A procedure's official name runs to 400+ characters ("Cấp giấy phép xây dựng (Giấy phép xây
 * dựng mới, …) đối với công trình cấp I, II; công trình tôn giáo; …"), a legal document's trích
 * yếu and a draft's title to 200+. Shown whole as a heading they fill a phone's screen (379 px
 * tall at 100 %, several screens at 200 % zoom) and a `<title>` that search results cut anyway.
 * Pages show {@link shortTitle} in the `<h1>`, the breadcrumb and `<title>`, and keep the full
 * official name on the page (a paragraph under the heading, the facts list) and in structured data.
 *
 * The content model has no short-name field for procedures, documents, drafts or projects (only
 * agencies have `shortName`, an abbreviation such as "Sở TN&MT", not a display title), so the
 * short title is derived, by one rule, here.
 */

/** Longest display title in a page's `<h1>`, in characters (about three lines on a 360 px phone). */
export const DISPLAY_TITLE_MAX = 100;
/** Longest `<title>`, in characters: what search results show of it. */
export const TITLE_TAG_MAX = 70;

/**
 * Vietnamese function words a short title must not end on ("… đối với", "… của", "… và"):
 * cutting after them leaves a dangling phrase. Compared in lower case.
 */
const DANGLING = new Set([
  'và',
  'hoặc',
  'của',
  'cho',
  'với',
  'đối',
  'tại',
  'trong',
  'theo',
  'các',
  'những',
  'về',
  'để',
  'do',
  'được',
  'là',
  'từ',
  'trên',
  'đến',
  'khi',
  'mà',
  'có',
  'bị',
  'như',
  'thuộc',
  'gồm',
  'một',
  'đã',
  'sau',
  'trước',
  'nhưng',
  'này',
]);

/** Trailing punctuation and white space a cut never ends on (the "…" follows the last word). */
const TRAILING = /[\s,;:.–—\-/(]+$/u;

/** `text` with its trailing dangling words and punctuation removed (never below `min` characters). */
function trimEnd(text: string, min: number): string {
  let t = text.replace(TRAILING, '');
  for (;;) {
    const m = /\s(\S+)$/u.exec(t);
    if (!m || !DANGLING.has(m[1].toLowerCase())) return t;
    const shorter = t.slice(0, m.index).replace(TRAILING, '');
    if (shorter.length < min) return t;
    t = shorter;
  }
}

/** `text` with an unclosed "(" removed together with what follows it, when enough remains. */
function closeParens(text: string, min: number): string {
  const open = text.lastIndexOf('(');
  if (open >= 0 && text.indexOf(')', open) < 0 && open >= min) return text.slice(0, open);
  return text;
}

/**
 * A short display title for a long official name: `text` (white space collapsed) when it has at
 * most `max` characters, otherwise the start of it ending with "…", at most `max` characters long.
 *
 * The rule, in order:
 * 1. parenthesised asides "(…)" are left out when the name is too long ("Cấp giấy phép xây dựng
 *    (Giấy phép xây dựng mới, …) đối với …" → "Cấp giấy phép xây dựng đối với …");
 * 2. the cut falls at the end of a clause when one ends in the second half of the room: after the
 *    last ";" there, else after the last "," or " – ";
 * 3. otherwise at the last word boundary (a space: Vietnamese writes every syllable apart, so a
 *    cut at a space never splits a syllable — the unit a reader sees as a word; compound words
 *    may be split, clauses are preferred for that reason);
 * 4. dangling function words at the end ("đối với", "của", "và", …) and trailing punctuation are
 *    dropped, and an unclosed "(" with what follows it;
 * 5. a single word longer than `max` (no space to cut at) is the only case cut inside a word.
 *
 * The same rule serves the `<h1>` ({@link DISPLAY_TITLE_MAX}) and `<title>` ({@link TITLE_TAG_MAX}),
 * so the two read alike. Source: issue 13 point 4 (WCAG 1.4.10 reflow: content readable at 200 %
 * zoom on a 360 px screen); the full name stays on the page (WCAG 2.4.2 asks a title that
 * describes the page, not the whole official name).
 *
 * @param text an official name, any length (empty gives "")
 * @param max the longest result in characters (UTF-16 code units; Vietnamese letters are one
 *   each in NFC), at least 10
 * @throws {RangeError} when `max` is below 10
 */
export function shortTitle(text: string, max: number = DISPLAY_TITLE_MAX): string {
  if (max < 10) throw new RangeError(`shortTitle: max must be at least 10 (got ${max})`);
  const full = text.replace(/\s+/gu, ' ').trim();
  if (full.length <= max) return full;
  const room = max - 1; // the "…"
  const min = Math.floor(room / 2);
  // 1. without parenthesised asides
  const plain = full.replace(/\s*\([^()]*\)/gu, '').replace(/\s+([,;:])/gu, '$1');
  const t = plain.length >= min ? plain : full;
  if (t.length <= room) return `${trimEnd(t, min)}…`;
  // the longest start of t that ends at a word boundary within the room
  const head = t[room] === ' ' ? t.slice(0, room) : t.slice(0, room).replace(/\s\S*$/u, '');
  if (!head.includes(' ') && head.length === room) return `${t.slice(0, room)}…`; // 5. one long word
  // 2. the end of a clause in the second half
  let cut = '';
  for (const sep of [/;\s/gu, /(?:,|\s–)\s/gu]) {
    let last = -1;
    for (const m of head.matchAll(sep)) if (m.index >= min) last = m.index;
    if (last >= 0) {
      cut = head.slice(0, last);
      break;
    }
  }
  // 3. the last word boundary
  if (!cut) cut = head;
  // 4. no dangling word, punctuation or unclosed parenthesis at the end
  cut = trimEnd(closeParens(cut, min), min);
  return `${cut}…`;
}
