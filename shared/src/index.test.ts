import { describe, expect, it } from 'vitest';
import * as shared from './index.js';

describe('index', () => {
  it('re-exports the public API', () => {
    for (const name of [
      'toSlug',
      'TIMEZONE',
      'formatDate',
      'formatDateTime',
      'formatLongDate',
      'parseVietnameseDate',
      'addDays',
      'todayInVietnam',
      'toIsoUtc',
      'formatVnd',
      'parseVndAmounts',
      'isFeeFree',
      'parseProcessingTime',
      'AGENCY_KINDS',
      'AGENCY_KIND_LABELS',
      'AGENCY_SECTIONS',
      'DOCUMENT_TYPES',
      'DOCUMENT_TYPE_LABELS',
      'documentTypeFromVietnamese',
      'VALIDITY_STATUSES',
      'VALIDITY_STATUS_LABELS',
      'computeValidityStatus',
      'ARTICLE_SCOPES',
      'ARTICLE_KINDS',
      'EDITORIAL_STATES',
      'UPDATE_SCHEDULES',
      'PROCEDURE_LEVELS',
      'SUBMISSION_METHODS',
      'PROCESSING_TIME_UNITS',
      'E_SERVICE_STATUSES',
      'QUESTION_STATUSES',
      'INVESTMENT_PROJECT_STATUSES',
      'DOCUMENT_NUMBER_PATTERN',
      'validateDocumentNumber',
      'routes',
      'affectedRoutes',
      'LEGAL_DOCUMENT_FACETS',
      'LEGAL_DOCUMENT_FACET_PATHS',
      'LEGAL_DOCUMENT_FACET_LABELS',
      'legalDocumentFacetValue',
      'procedureFieldValue',
      'paginateList',
      'archivePageOf',
      'LIST_PAGE_SIZE',
    ]) {
      expect(shared, name).toHaveProperty(name);
    }
  });
});
