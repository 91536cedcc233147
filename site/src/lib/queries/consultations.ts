/**
 * The consultations documents (`api::consultation.consultation`: drafts of documents published for
 * comment, Law 104/2016 Art. 17(1)(c)) and their approved comments
 * (`api::consultation-comment.consultation-comment`), one page at a time.
 */
import { MEDIA, MEDIA_FIELDS, PAGE_ARGS, pageVars, type GqlEntry, type GqlMedia, type GqlRef, type PageVariables, type TypedQuery } from './common';

/** One approved comment on a consultation (a comment's published version; the commenter's contact is private). */
export interface GqlConsultationComment {
  documentId: string;
  authorName: string;
  organisation: string | null;
  body: string;
  receivedAt: string | null;
}

/** An approved comment with the consultation it belongs to (the site groups them). */
export interface GqlConsultationCommentRow extends GqlConsultationComment {
  consultation: GqlRef | null;
}

/** `api::consultation.consultation`. */
export interface GqlConsultation extends GqlEntry {
  firstPublishedAt?: string | null;
  title: string;
  slug: string;
  agency: GqlRef | null;
  /** one-paragraph summary of the draft */
  summary: string | null;
  /** Markdown: the full text of the draft */
  body: string | null;
  attachments: GqlMedia[] | null;
  /** ISO 8601 instants (UTC) */
  opensAt: string | null;
  closesAt: string | null;
  /** Markdown: the comments received and how they were taken into account (after closing) */
  resultSummary: string | null;
  /**
   * approved comments, oldest first — attached by the site from {@link CONSULTATION_COMMENTS_QUERY}
   * (the CMS refuses a one-to-many list nested in a list, so not asked here)
   */
  comments?: GqlConsultationComment[];
}

/** Consultations on draft documents, one page. */
export const CONSULTATIONS_QUERY: TypedQuery<{ consultations: GqlConsultation[] }, PageVariables> = /* GraphQL */ `
  query SiteConsultations(${pageVars('ConsultationFiltersInput')}) {
    consultations(${PAGE_ARGS}) {
      documentId updatedAt publishedAt firstPublishedAt
      title slug summary body opensAt closesAt resultSummary
      agency { documentId }
      attachments(${MEDIA}) { ${MEDIA_FIELDS} }
    }
  }
`;

/**
 * Approved comments on consultations, one page (published versions only: approval publishes a
 * comment). Loaded in full at every build — few rows — and attached to their consultations.
 */
export const CONSULTATION_COMMENTS_QUERY: TypedQuery<{ consultationComments: GqlConsultationCommentRow[] }, PageVariables> = /* GraphQL */ `
  query SiteConsultationComments(${pageVars('ConsultationCommentFiltersInput')}) {
    consultationComments(${PAGE_ARGS}) {
      documentId authorName organisation body receivedAt
      consultation { documentId }
    }
  }
`;
