/**
 * Renders the CMS's rich-text fields (Strapi `richtext` = Markdown) to safe HTML: `marked`
 * (GitHub-flavoured Markdown, single line breaks kept as in the CMS editor's preview — official
 * texts are written line by line) then `sanitize-html` with an allow-list, so an editor's
 * Markdown cannot inject scripts, styles or event handlers into the public site.
 * Headings are shifted so the body's shallowest heading sits at a given level below the page's
 * own headings (heading order stays valid).
 */
import { Marked, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { safeHref, type UrlFieldKind } from '@cong/shared';
import { mediaUrl } from './cms';

const ALLOWED_TAGS = [...sanitizeHtml.defaults.allowedTags.filter((t) => t !== 'h1'), 'img', 'del', 'ins', 'sup', 'sub'];

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'hreflang'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading'],
    th: ['scope', 'colspan', 'rowspan', 'align'],
    td: ['colspan', 'rowspan', 'align'],
    ol: ['start', 'reversed', 'type'],
    li: ['value'],
    abbr: ['title'],
    '*': ['lang', 'id'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => {
      const { href: raw, ...rest } = attribs;
      const href = linkTarget(raw, 'contact');
      if (href === undefined) return { tagName, attribs: rest };
      const external = /^https?:\/\//i.test(href);
      return { tagName, attribs: external ? { ...rest, href, rel: 'noopener noreferrer external' } : { ...rest, href } };
    },
    img: (tagName, attribs) => {
      const { src: raw, ...rest } = attribs;
      const src = raw?.trim().startsWith('/uploads/') ? mediaUrl(raw.trim()) || undefined : linkTarget(raw, 'web');
      return { tagName, attribs: { ...rest, ...(src ? { src } : {}), alt: attribs.alt ?? '', loading: 'lazy' } };
    },
  },
  // an image left without a source (its address was refused) is dropped altogether
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/**
 * A link or image address from a Markdown body, checked before sanitize-html's own scheme
 * filter (defence in depth, issue 9): an absolute address must pass the portal's URL rule
 * (`safeHref`: http/https, plus mailto/tel for links), a site-relative one (`/…`, `#…`, `?…`,
 * `./…`) is kept as it is. The scheme is read the way browsers read it — white space and
 * control characters ignored — so ` javascript:` or `java\tscript:` is refused too.
 * `undefined` when the address must go.
 */
function linkTarget(raw: string | undefined, kind: UrlFieldKind): string | undefined {
  if (raw === undefined) return undefined;
  const v = raw.trim();

  const squeezed = v.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (!squeezed) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(squeezed) || /^[\\/]{2}/.test(squeezed)) return safeHref(v, kind) ?? undefined;
  // a site-relative address must stay on the site once decoded too (`/%2Fevil.example/…` is //evil.example)
  let decoded: string;
  try {
    decoded = decodeURIComponent(squeezed);
  } catch {
    return undefined;
  }
  if (/^[\\/]{2}/.test(decoded) || decoded.includes('\\') || /(^|\/)\.\.(\/|$)/.test(decoded)) return undefined;
  return v;
}

const marked = new Marked({ gfm: true, breaks: true, async: false });

/** Options of {@link renderMarkdown}. */
export interface RenderMarkdownOptions {
  /**
   * Level the body's shallowest heading becomes (deeper ones keep their distance below it);
   * the page's own headings come before. Default 3, for a body shown under an `<h2>`.
   */
  topHeadingLevel?: number;
}

/**
 * Markdown → sanitised HTML for `set:html`. Returns `''` for empty input.
 *
 * @example renderMarkdown('**Điều 1.** Ban hành…') // '<p><strong>Điều 1.</strong> Ban hành…</p>'
 */
export function renderMarkdown(markdown: string | null | undefined, opts: RenderMarkdownOptions = {}): string {
  if (!markdown || !markdown.trim()) return '';
  const tokens = marked.lexer(markdown.normalize('NFC'));
  const headings: Tokens.Heading[] = [];
  marked.walkTokens(tokens, (t) => {
    if (t.type === 'heading') headings.push(t as Tokens.Heading);
  });
  if (headings.length) {
    // a loop, not Math.min(...): a body may hold more headings than a call's arguments (red-team F22)
    const offset = (opts.topHeadingLevel ?? 3) - headings.reduce((m, h) => Math.min(m, h.depth), 6);
    for (const h of headings) h.depth = Math.min(6, Math.max(1, h.depth + offset));
  }
  const html = marked.parser(tokens);
  return sanitizeHtml(html, SANITIZE).trim();
}

/** True when a Markdown/plain field has visible content. */
export function hasText(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}
