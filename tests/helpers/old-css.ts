/**
 * The site's built CSS as the browsers of site/package.json's `browserslist` read it (Chrome /
 * Android WebView 61+, Samsung Internet 8+, Safari 12+; issue 13, point 1).
 *
 * - {@link modernCssSyntax} lists what such a browser cannot parse in a stylesheet;
 * - {@link asOldEngineReadsIt} drops what such a browser ignores (a rule whose selector it cannot
 *   parse, a declaration whose value it cannot parse, an `@media` block whose query it cannot
 *   parse), so a real Chromium can show the page as an old phone lays it out.
 *
 * Works on minified CSS as Lightning CSS writes it (no comments, `;` and `}` separators).
 */

/** Selectors an engine of the target drops a whole rule for. */
const NEW_SELECTORS = /:(is|where|has|not\([^)]*[ ,.:[])|::?(?:backdrop|marker|file-selector-button)\b/;
/** Syntax the target lacks anywhere in the stylesheet. */
const NEW_SYNTAX: [string, RegExp][] = [
  ['range media query', /@media[^{]*\((?:[a-z-]+\s*[<>]=?|[^)]*[<>]=?\s*[a-z-]+\))/],
  ['CSS nesting', /\{[^{}]*&[^{}]*\{/],
  [':is()/:where()/:has()', /:(?:is|where|has)\(/],
  ['cascade layer', /@layer\b/],
  ['container query', /@container\b/],
  ['color-mix()/lab()/lch()/oklch()', /\b(?:color-mix|oklch|oklab|lab|lch)\(/],
  ['individual transform property', /[;{](?:translate|rotate|scale):/],
  ['inset shorthand', /[;{]inset:/],
];

/** Names of the syntax in `css` an engine of the target cannot parse (empty when none). */
export function modernCssSyntax(css: string): string[] {
  const found = NEW_SYNTAX.filter(([, re]) => re.test(css)).map(([name]) => name);
  // a declaration using min()/max()/clamp() (Chrome 79+, Safari 11.1+) needs a plain fallback
  // for the same property just before it, in the same rule (Chrome 61–78 keep the fallback)
  for (const block of css.matchAll(/\{([^{}]*)\}/g)) {
    const decls = block[1].split(';');
    decls.forEach((d, i) => {
      if (!/(?<![a-z-])(?:min|max|clamp)\(/.test(d)) return;
      const prop = d.split(':')[0];
      // grid templates inside minmax(min(…)) fall back to the single implicit column
      if (prop === 'grid-template-columns') return;
      const fallback = decls.slice(0, i).some((e) => e.split(':')[0] === prop && !/(?<![a-z-])(?:min|max|clamp)\(/.test(e));
      if (!fallback) found.push(`min()/max()/clamp() without a fallback: {${d}}`);
    });
  }
  return found;
}

/** The block `{…}` starting at `open` (the index of its `{`): the index just after its `}`. */
function blockEnd(css: string, open: number): number {
  let depth = 0;
  for (let i = open; i < css.length; i++) {
    if (css[i] === '{') depth++;
    else if (css[i] === '}' && --depth === 0) return i + 1;
  }
  return css.length;
}

/**
 * `css` without what an engine of the target ignores: `@media` blocks with range queries,
 * rules whose selector it cannot parse (`:focus-visible` too: Chrome < 86, Safari < 15.4),
 * declarations using min()/max()/clamp() (Chrome < 79) and `gap` (flex gap: Chrome < 84,
 * Safari < 14.1).
 */
export function asOldEngineReadsIt(css: string): string {
  let out = '';
  let i = 0;
  while (i < css.length) {
    const open = css.indexOf('{', i);
    if (open < 0) {
      out += css.slice(i);
      break;
    }
    const prelude = css.slice(i, open);
    const end = blockEnd(css, open);
    if (prelude.trim().startsWith('@media')) {
      if (!modernCssSyntax(`${prelude}{}`).includes('range media query')) out += `${prelude}{${asOldEngineReadsIt(css.slice(open + 1, end - 1))}}`;
    } else if (prelude.trim().startsWith('@')) {
      out += css.slice(i, end);
    } else if (!NEW_SELECTORS.test(prelude) && !prelude.includes(':focus-visible')) {
      const decls = css
        .slice(open + 1, end - 1)
        .split(';')
        .filter((d) => !/(?<![a-z-])(?:min|max|clamp)\(/.test(d) && !/^\s*(?:row-|column-)?gap:/.test(d));
      out += `${prelude}{${decls.join(';')}}`;
    }
    i = end;
  }
  return out;
}
