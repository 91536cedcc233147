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
    const offset = (opts.topHeadingLevel ?? 3) - Math.min(...headings.map((h) => h.depth));
    for (const h of headings) h.depth = Math.min(6, Math.max(1, h.depth + offset));
  }
  const html = marked.parser(tokens);
  return sanitizeHtml(html, SANITIZE).trim();
}

/** True when a Markdown/plain field has visible content. */
export function hasText(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}
