/** The legal documents document (`api::legal-document.legal-document`), one page at a time. */
import type { DocumentType, ValidityStatus } from '@cong/shared';
import { MEDIA, MEDIA_FIELDS, PAGE_ARGS, pageVars, RELATIONS, type GqlEntry, type GqlMedia, type GqlRef, type PageVariables, type TypedQuery } from './common';

/** `api::legal-document.legal-document`. */
export interface GqlLegalDocument extends GqlEntry {
  documentNumber: string;
  slug: string;
  documentType: DocumentType;
  issuingBody: string;
  signer: string | null;
  /** ISO `YYYY-MM-DD` */
  issuedDate: string;
  effectiveDate: string | null;
  expiryDate: string | null;
  validityStatus: ValidityStatus;
  abstract: string;
  field: string | null;
  /** Markdown */
  body: string | null;
  attachments: GqlMedia[];
  replaces: GqlRef[];
  replacedBy: GqlRef[];
  amends: GqlRef[];
  amendedBy: GqlRef[];
  agency: GqlRef | null;
  isPolicy: boolean | null;
  sourceUrl: string | null;
  note: string | null;
}

/** Legal documents, one page. */
export const LEGAL_DOCUMENTS_QUERY: TypedQuery<{ legalDocuments: GqlLegalDocument[] }, PageVariables> = /* GraphQL */ `
  query SiteLegalDocuments(${pageVars('LegalDocumentFiltersInput')}) {
    legalDocuments(${PAGE_ARGS}) {
      documentId updatedAt publishedAt
      documentNumber slug documentType issuingBody signer
      issuedDate effectiveDate expiryDate validityStatus
      abstract field body
      attachments(${MEDIA}) { ${MEDIA_FIELDS} }
      replaces(${RELATIONS}) { documentId }
      replacedBy(${RELATIONS}) { documentId }
      amends(${RELATIONS}) { documentId }
      amendedBy(${RELATIONS}) { documentId }
      agency { documentId }
      isPolicy sourceUrl note
    }
  }
`;
