/** The questions document (`api::question.question`: citizens' questions and answers), one page at a time. */
import type { QuestionStatus } from '@cong/shared';
import { PAGE_ARGS, pageVars, type GqlEntry, type GqlRef, type PageVariables, type TypedQuery } from './common';

/** `api::question.question` (public fields; the asker's contact is private). */
export interface GqlQuestion extends GqlEntry {
  /** first publication, as `GqlArticle.firstPublishedAt` */
  firstPublishedAt?: string | null;
  askerName: string;
  agency: GqlRef | null;
  subject: string;
  slug: string;
  body: string;
  answerStatus: QuestionStatus;
  /** Markdown */
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  createdAt: string | null;
}

/** Questions and answers, one page. */
export const QUESTIONS_QUERY: TypedQuery<{ questions: GqlQuestion[] }, PageVariables> = /* GraphQL */ `
  query SiteQuestions(${pageVars('QuestionFiltersInput')}) {
    questions(${PAGE_ARGS}) {
      documentId updatedAt publishedAt firstPublishedAt createdAt
      askerName
      agency { documentId }
      subject slug body answerStatus answer answeredBy answeredAt
    }
  }
`;
