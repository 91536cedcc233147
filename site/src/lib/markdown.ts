/**
 * Renders the CMS's rich-text fields (Strapi `richtext` = Markdown) to safe HTML: `marked`
 * (GitHub-flavoured Markdown, single line breaks kept as in the CMS editor's preview — official
 * texts are written line by line) then `sanitize-html` with an allow-list, so an editor's
 * Markdown cannot inject scripts, styles or event handlers into the public site.
 * Headings are shifted down so a body never competes with the page's own `<h1>`/`<h2>`.
 */
import { Marked, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { mediaUrl } from './cms';

const ALLOWED_TAGS = [
  ...sanitizeHtml.defaults.allowedTags.filter((t) => t !== 'h1'),
  'img',
  'del',
  'ins',
  'sup',
  'sub',
];

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
      const href = attribs.href ?? '';
      const external = /^https?:\/\//i.test(href);
      return {
        tagName,
        attribs: external ? { ...attribs, rel: 'noopener noreferrer external' } : attribs,
      };
    },
    img: (tagName, attribs) => ({
      tagName,
      attribs: {
        ...attribs,
        src: attribs.src?.startsWith('/uploads/') ? mediaUrl(attribs.src) : (attribs.src ?? ''),
        alt: attribs.alt ?? '',
        loading: 'lazy',
      },
    }),
  },
};

function makeMarked(headingOffset: number): Marked {
  return new Marked({
    gfm: true,
    breaks: true,
    async: false,
    walkTokens(token) {
      if (token.type === 'heading') {
        const h = token as Tokens.Heading;
        h.depth = Math.min(6, Math.max(1, h.depth + headingOffset));
      }
    },
  });
}

const renderers = new Map<number, Marked>();

/** Options of {@link renderMarkdown}. */
export interface RenderMarkdownOptions {
  /**
   * Level the body's top headings (`#`) become; the page's own headings come before.
   * Default 3 (`#` → `<h3>`), for a body shown under the page's `<h2>` sections.
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
  const offset = (opts.topHeadingLevel ?? 3) - 1;
  let m = renderers.get(offset);
  if (!m) {
    m = makeMarked(offset);
    renderers.set(offset, m);
  }
  const html = m.parse(markdown.normalize('NFC')) as string;
  return sanitizeHtml(html, SANITIZE).trim();
}

/** True when a Markdown/plain field has visible content. */
export function hasText(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}
