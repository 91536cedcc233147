/** The articles document (`api::article.article`: news and announcements), one page at a time. */
import type { ArticleKind, ArticleLanguage, ArticleScope } from '@cong/shared';
import { MEDIA_FIELDS, PAGE_ARGS, pageVars, type GqlEntry, type GqlMedia, type GqlRef, type PageVariables, type TypedQuery } from './common';

/** `api::article.article`. */
export interface GqlArticle extends GqlEntry {
  /**
   * ISO 8601 instant (UTC) of the first publication, kept when the article is edited and
   * republished (Strapi's `firstPublishedAt`, cms/config/features.ts); null for rows written
   * without it (the site then uses `publishedAt`)
   */
  firstPublishedAt?: string | null;
  title: string;
  slug: string;
  kind: ArticleKind;
  scope: ArticleScope;
  summary: string | null;
  body: string | null;
  cover: GqlMedia | null;
  coverAlt: string | null;
  agency: GqlRef | null;
  author: string | null;
  source: string | null;
  sourceUrl: string | null;
  language: ArticleLanguage | null;
  /** ISO `YYYY-MM-DD` */
  eventDate: string | null;
}

/** Articles (news and announcements), one page. */
export const ARTICLES_QUERY: TypedQuery<{ articles: GqlArticle[] }, PageVariables> = /* GraphQL */ `
  query SiteArticles(${pageVars('ArticleFiltersInput')}) {
    articles(${PAGE_ARGS}) {
      documentId updatedAt publishedAt firstPublishedAt
      title slug kind scope summary body
      cover { ${MEDIA_FIELDS} }
      coverAlt
      agency { documentId }
      author source sourceUrl language eventDate
    }
  }
`;
