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

describe('subpath exports (@cong/shared/<module>)', () => {
  it("every module is importable by its own path, also under the CMS's node10 type resolution (typesVersions)", async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const dir = new URL('.', import.meta.url);
    const modules = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts')
      .map((f) => f.slice(0, -3))
      .sort();
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(Object.keys(pkg.typesVersions['*']).sort()).toEqual(modules);
    expect(pkg.exports['./*']).toEqual({ types: './dist/*.d.ts', default: './dist/*.js' });
  });
});
