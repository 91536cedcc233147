import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AGENCY_KIND_GROUP_LABELS,
  AGENCY_KIND_LABELS,
  AGENCY_KINDS,
  AGENCY_SECTIONS,
  ARTICLE_KINDS,
  ARTICLE_SCOPE_LABELS,
  ARTICLE_SCOPES,
  computeValidityStatus,
  DOCUMENT_NUMBER_PATTERN,
  DOCUMENT_TYPE_LABELS,
  DOCUMENT_TYPES,
  documentNumberKey,
  documentTypeFromVietnamese,
  E_SERVICE_STATUSES,
  EDITORIAL_STATE_LABELS,
  EDITORIAL_STATES,
  findAgencySection,
  INVESTMENT_PROJECT_STATUSES,
  PROCEDURE_LEVEL_LABELS,
  PROCEDURE_LEVELS,
  procedureLevelFromVietnamese,
  PROCESSING_TIME_UNITS,
  QUESTION_STATUSES,
  SERVICE_LEVELS,
  SUBMISSION_METHODS,
  submissionMethodFromVietnamese,
  UPDATE_SCHEDULE_LABELS,
  UPDATE_SCHEDULES,
  validateDocumentNumber,
  VALIDITY_STATUS_LABELS,
  VALIDITY_STATUSES,
  HOMEPAGE_SECTIONS,
  homepageSectionOrder,
} from './domain.js';

import { WORKFLOW_CHANNELS } from './workflow.js';

const CMS = new URL('../../cms/src/', import.meta.url);
/** The enum of the first of `attributes` (alternatives separated by `|`) present in the schema. */
function schemaEnum(path: string, attributes: string): string[] {
  const json = JSON.parse(readFileSync(new URL(path, CMS), 'utf8'));
  const name = attributes.split('|').find((a) => json.attributes[a]);
  if (!name) throw new Error(`${path}: none of ${attributes}`);
  return json.attributes[name].enum;
}

describe('enums match the Strapi schema', () => {
  it.each([
    ['api/agency/content-types/agency/schema.json', 'kind', AGENCY_KINDS],
    ['api/agency/content-types/agency/schema.json', 'updateSchedule', UPDATE_SCHEDULES],
    ['api/agency/content-types/agency/schema.json', 'editorialState', EDITORIAL_STATES],
    ['api/article/content-types/article/schema.json', 'scope', ARTICLE_SCOPES],
    ['api/article/content-types/article/schema.json', 'kind', ARTICLE_KINDS],
    ['api/legal-document/content-types/legal-document/schema.json', 'documentType', DOCUMENT_TYPES],
    ['api/legal-document/content-types/legal-document/schema.json', 'validityStatus', VALIDITY_STATUSES],
    ['api/administrative-procedure/content-types/administrative-procedure/schema.json', 'level', PROCEDURE_LEVELS],
    ['api/e-service/content-types/e-service/schema.json', 'serviceLevel', SERVICE_LEVELS],
    ['api/e-service/content-types/e-service/schema.json', 'registrationStatus', E_SERVICE_STATUSES],
    ['api/question/content-types/question/schema.json', 'answerStatus|status', QUESTION_STATUSES],
    ['api/investment-project/content-types/investment-project/schema.json', 'projectStatus|status', INVESTMENT_PROJECT_STATUSES],
    ['components/procedure/submission-method.json', 'method', SUBMISSION_METHODS],
    ['components/procedure/processing-time.json', 'unit', PROCESSING_TIME_UNITS],
    ['api/workflow-transition/content-types/workflow-transition/schema.json', 'channel', WORKFLOW_CHANNELS],
  ])('%s %s', (path, attribute, values) => {
    expect([...values]).toEqual(schemaEnum(path, attribute));
  });
});

describe('labels', () => {
  it('has a Vietnamese label for every value', () => {
    expect(AGENCY_KIND_LABELS).toEqual({
      department: 'Sở, ban, ngành',
      branchOffice: 'Cơ quan Trung ương đóng trên địa bàn',
      district: 'Huyện, thị xã, thành phố',
      stateEnterprise: 'Doanh nghiệp Nhà nước',
      press: 'Báo, đài',
    });
    expect(Object.keys(AGENCY_KIND_GROUP_LABELS)).toEqual([...AGENCY_KINDS]);
    expect(DOCUMENT_TYPE_LABELS.decision).toBe('Quyết định');
    expect(DOCUMENT_TYPE_LABELS.other).toBe('Văn bản khác');
    expect(VALIDITY_STATUS_LABELS.partiallyExpired).toBe('Hết hiệu lực một phần');
    expect(ARTICLE_SCOPE_LABELS.international).toBe('Quốc tế');
    expect(EDITORIAL_STATE_LABELS.inReview).toBe('Chờ duyệt');
    expect(UPDATE_SCHEDULE_LABELS.monWedFri).toBe('Thứ Hai, Thứ Tư, Thứ Sáu');
    expect(PROCEDURE_LEVEL_LABELS.level4).toBe('Mức độ 4');
  });
});

describe('AGENCY_SECTIONS', () => {
  // plus the consultations on draft documents every unit publishes (Law 104/2016, Art. 17(1)(c))
  const R21 = [
    'gioi-thieu',
    'co-cau-to-chuc',
    'chuc-nang-nhiem-vu',
    'quy-hoach',
    'du-an-dau-tu',
    'van-ban',
    'thu-tuc-hanh-chinh',
    'tin-tuc',
    'hoi-dap',
    'lay-y-kien',
  ];
  const R22 = ['dieu-kien-tu-nhien-xa-hoi', 'co-cau-to-chuc', 'dinh-huong-phat-trien', 'thu-tuc-hanh-chinh', 'hoi-dap', 'lay-y-kien'];

  it('gives departments and the other non-district kinds the R-2.1 set', () => {
    for (const kind of ['department', 'branchOffice', 'stateEnterprise', 'press'] as const) {
      expect(AGENCY_SECTIONS[kind].map((s) => s.path)).toEqual(R21);
    }
    expect(AGENCY_SECTIONS.department.map((s) => s.key)).toEqual([
      'introduction',
      'organisationStructure',
      'functionsAndDuties',
      'developmentPlanning',
      'investmentProjects',
      'legalDocuments',
      'procedures',
      'news',
      'questions',
      'consultations',
    ]);
    expect(AGENCY_SECTIONS.department[1].label).toBe('Cơ cấu tổ chức, sơ đồ bộ máy');
  });

  it('gives districts the R-2.2 set', () => {
    expect(AGENCY_SECTIONS.district.map((s) => s.path)).toEqual(R22);
    expect(AGENCY_SECTIONS.district.map((s) => s.key)).toEqual([
      'naturalSocialConditions',
      'organisationStructure',
      'socioEconomicOrientation',
      'procedures',
      'questions',
      'consultations',
    ]);
    expect(AGENCY_SECTIONS.district[1].label).toBe('Tổ chức bộ máy - các phòng ban, chức năng nhiệm vụ');
  });

  it('finds sections by kind', () => {
    expect(findAgencySection('district', 'news')).toBeUndefined();
    expect(findAgencySection('district', 'questions')?.path).toBe('hoi-dap');
    expect(findAgencySection('press', 'news')?.label).toBe('Tin tức, thông báo');
    expect(() => findAgencySection('ministry' as never, 'news')).toThrow(/ministry/);
  });

  it("keeps each kind's list independent", () => {
    AGENCY_SECTIONS.branchOffice[0].label = 'changed';
    expect(AGENCY_SECTIONS.department[0].label).toBe('Giới thiệu chung');
    AGENCY_SECTIONS.branchOffice[0].label = 'Giới thiệu chung';
  });
});

describe('documentTypeFromVietnamese', () => {
  it.each([
    ['Quyết định', 'decision'],
    ['QUYẾT ĐỊNH', 'decision'],
    ['quyet dinh', 'decision'],
    ['Chỉ thị', 'directive'],
    ['Nghị quyết', 'resolution'],
    ['Kế hoạch', 'plan'],
    ['Thông báo', 'notice'],
    ['Công văn', 'officialLetter'],
    ['Thông tư liên tịch', 'circular'],
    ['Nghị định', 'decree'],
    ['Luật Đất đai', 'law'],
    ['Quyết định ban hành Kế hoạch', 'decision'],
    ['Văn bản quy phạm pháp luật', 'other'],
    ['QĐ', 'decision'],
    ['CT', 'directive'],
    ['NQ', 'resolution'],
    ['KH', 'plan'],
    ['TB', 'notice'],
    ['CV', 'officialLetter'],
    ['TT', 'circular'],
    ['NĐ', 'decree'],
    ['07/2006/QĐ-UBND', 'decision'],
    ['24/2014/TT-BTC', 'circular'],
    ['43/2011/NĐ-CP', 'decree'],
    ['02/NQ-HĐ', 'resolution'],
    ['15/CT-UBND', 'directive'],
    ['1234/UBND-VX', 'other'],
    ['', 'other'],
  ])('%s → %s', (label, type) => {
    expect(documentTypeFromVietnamese(label)).toBe(type);
  });
});

describe('computeValidityStatus', () => {
  const today = '2026-03-02';
  it('derives the status from the dates', () => {
    expect(computeValidityStatus({ effectiveDate: '2006-02-24' }, today)).toBe('inForce');
    expect(computeValidityStatus({ effectiveDate: '2026-03-02' }, today)).toBe('inForce');
    expect(computeValidityStatus({ effectiveDate: '2026-03-03' }, today)).toBe('notYetEffective');
    expect(computeValidityStatus({ effectiveDate: '2006-02-24', expiryDate: '2026-03-02' }, today)).toBe('expired');
    expect(computeValidityStatus({ effectiveDate: '2006-02-24', expiryDate: '2026-03-03' }, today)).toBe('inForce');
    expect(computeValidityStatus({}, today)).toBe('unknown');
    expect(computeValidityStatus({ effectiveDate: null, expiryDate: null }, today)).toBe('unknown');
  });

  it('keeps what dates cannot show', () => {
    expect(computeValidityStatus({ effectiveDate: '2006-02-24', validityStatus: 'partiallyExpired' }, today)).toBe('partiallyExpired');
    expect(computeValidityStatus({ effectiveDate: '2006-02-24', validityStatus: 'expired' }, today)).toBe('expired');
    expect(computeValidityStatus({ validityStatus: 'inForce' }, today)).toBe('inForce');
    // dates win over a stale recorded status
    expect(computeValidityStatus({ effectiveDate: '2006-02-24', validityStatus: 'notYetEffective' }, today)).toBe('inForce');
  });

  it('rejects malformed dates', () => {
    expect(() => computeValidityStatus({ effectiveDate: '24/02/2006' }, today)).toThrow(RangeError);
    expect(() => computeValidityStatus({}, '')).toThrow(RangeError);
  });
});

describe('documentNumberKey', () => {
  it('gives one key for one number however it is typed: Đ or D, case, spaces, NFD, leading zeros', () => {
    const variants = [
      '07/2006/QĐ-UBND',
      '07/2006/QD-UBND',
      '07/2006/qđ-ubnd',
      '07/2006/Qđ-Ubnd',
      ' 07 / 2006 / QĐ-UBND',
      '07/2006/QĐ - UBND ',
      '07/2006/QĐ-UBND'.normalize('NFD'),
      '07/2006/QĐ\u00a0-UBND',
      '07/2006/QĐ–UBND',
      '7/2006/QĐ-UBND',
      '007/2006/QĐ-UBND',
    ];
    for (const v of variants) expect(documentNumberKey(v), JSON.stringify(v)).toBe('7/2006/QD-UBND');
  });

  it('keeps numbers that differ in number, year, type or body apart', () => {
    const keys = ['07/2006/QĐ-UBND', '70/2006/QĐ-UBND', '07/2007/QĐ-UBND', '07/2006/NQ-UBND', '07/2006/QĐ-HĐND', '07/QĐ-UBND', '45/2013/QH13'].map(
      documentNumberKey,
    );
    expect(new Set(keys).size).toBe(keys.length);
    expect(documentNumberKey('02/NQ-HĐ')).toBe('2/NQ-HD');
    expect(documentNumberKey('10/2026/QĐ-STNMT')).toBe(documentNumberKey('010/2026/QĐ-STNMT'));
    expect(documentNumberKey('100/2026/QĐ-UBND')).toBe('100/2026/QD-UBND');
    expect(documentNumberKey(null)).toBe('');
  });
});

describe('validateDocumentNumber', () => {
  it.each(['07/2006/QĐ-UBND', '462/QĐ-UB', '02/NQ-HĐ', '24/2014/TT-BTC', '05/2015/TTLT-BTC-BNV', '1234/UBND-VX', '45/2013/QH13'])('accepts %s', (n) => {
    expect(validateDocumentNumber(n)).toBeNull();
    expect(DOCUMENT_NUMBER_PATTERN.test(n)).toBe(true);
  });

  it('accepts NFD input', () => {
    expect(validateDocumentNumber('07/2006/QĐ-UBND'.normalize('NFD'))).toBeNull();
  });

  it.each(['abc', '07/2006', '07/2006/QĐ', '/QĐ-UBND', 'QĐ-UBND', '07/2006/QĐ-', '07-2006-QĐ-UBND'])('rejects %s', (n) => {
    expect(validateDocumentNumber(n)).toMatch(/Số ký hiệu không đúng dạng/);
  });

  it('explains the common mistakes in Vietnamese', () => {
    expect(validateDocumentNumber('')).toBe('Chưa nhập số ký hiệu văn bản.');
    expect(validateDocumentNumber('07/2006/qđ-ubnd')).toMatch(/viết hoa/);
    expect(validateDocumentNumber('Số: 07/2006/QĐ-UBND')).toMatch(/Bỏ chữ "Số"/);
    expect(validateDocumentNumber('07/2006/QĐ - UBND')).toMatch(/dấu cách/);
    expect(validateDocumentNumber('07/0006/QĐ-UBND')).toMatch(/Năm ban hành 0006/);
  });
});

describe('reading the sample data vocabulary', () => {
  it('maps service levels', () => {
    expect(procedureLevelFromVietnamese('Một phần')).toBe('partial');
    expect(procedureLevelFromVietnamese('Toàn trình')).toBe('full');
    expect(procedureLevelFromVietnamese('Cung cấp thông tin')).toBe('informationOnly');
    expect(procedureLevelFromVietnamese('Mức độ 3')).toBe('level3');
    expect(procedureLevelFromVietnamese('DVC mức độ 4')).toBe('level4');
    expect(procedureLevelFromVietnamese('?')).toBeNull();
  });

  it('maps submission methods', () => {
    expect(submissionMethodFromVietnamese('Trực tiếp tại cơ quan hành chính nhà nước')).toBe('inPerson');
    expect(submissionMethodFromVietnamese('1. Trung tâm Phục vụ HCC tỉnh')).toBe('inPerson');
    expect(submissionMethodFromVietnamese('2. Bộ phận Một cửa cấp huyện')).toBe('inPerson');
    expect(submissionMethodFromVietnamese('3. Cổng Dịch vụ công Quốc gia')).toBe('online');
    expect(submissionMethodFromVietnamese('Trực tuyến: 05 Ngày – 05 ngày kể từ ngày nhận đủ hồ sơ hợp lệ')).toBe('online');
    expect(submissionMethodFromVietnamese('2. Dịch vụ bưu chính')).toBe('post');
    expect(submissionMethodFromVietnamese('Yêu cầu & Điều kiện thực hiện')).toBeNull();
  });
});

describe('homepageSectionOrder', () => {
  it('always shows the five homepage groups, in the order asked', () => {
    expect(homepageSectionOrder(null)).toEqual([...HOMEPAGE_SECTIONS]);
    expect(homepageSectionOrder(['questions', 'news'])).toEqual(['questions', 'news', 'legalDocuments', 'procedures', 'agencies']);
    expect(homepageSectionOrder(['documents', 'bogus', 'news', 'news'])).toEqual(['legalDocuments', 'news', 'procedures', 'agencies', 'questions']);
  });
});
