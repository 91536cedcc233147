/**
 * Domain vocabulary of the portal: the enumerations of the Strapi content model
 * (cms/src/api/*\/content-types/*\/schema.json, cms/src/components) with their Vietnamese labels,
 * the agency sub-site section sets (R-2.1, R-2.2 of Decision 07/2006/QĐ-UBND, see
 * data/decision/REQUIREMENTS.md) and rules on legal documents.
 * Identifiers are English (used in code and GraphQL); labels are what users see
 * (see docs/glossary.md).
 */
import { foldVietnamese } from './slug.js';

// ---------------------------------------------------------------------------------------------
// Agencies
// ---------------------------------------------------------------------------------------------

/** `agency.kind` enum (Điều 2.1 QĐ 07/2006/QĐ-UBND). */
export const AGENCY_KINDS = ['department', 'branchOffice', 'district', 'stateEnterprise', 'press'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** Label of one agency kind (singular / category name). */
export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = {
  department: 'Sở, ban, ngành',
  branchOffice: 'Cơ quan Trung ương đóng trên địa bàn',
  district: 'Huyện, thị xã, thành phố',
  stateEnterprise: 'Doanh nghiệp Nhà nước',
  press: 'Báo, đài',
};

/** Plural heading of a group of agencies of one kind, e.g. on the agency list page. */
export const AGENCY_KIND_GROUP_LABELS: Record<AgencyKind, string> = {
  department: 'Các sở, ban, ngành',
  branchOffice: 'Các cơ quan Trung ương đóng trên địa bàn',
  district: 'Các huyện, thị xã, thành phố',
  stateEnterprise: 'Các doanh nghiệp Nhà nước',
  press: 'Các cơ quan báo, đài',
};

/** Identifier of a section of an agency sub-site ("chuyên trang"). */
export type AgencySectionKey =
  | 'introduction'
  | 'organisationStructure'
  | 'functionsAndDuties'
  | 'developmentPlanning'
  | 'investmentProjects'
  | 'legalDocuments'
  | 'procedures'
  | 'news'
  | 'questions'
  | 'consultations'
  | 'naturalSocialConditions'
  | 'socioEconomicOrientation';

/** One section of an agency sub-site: identifier, Vietnamese label, URL segment. */
export interface AgencySection {
  key: AgencySectionKey;
  label: string;
  /** URL segment under `/co-quan/<agency-slug>/` */
  path: string;
}

/** R-2.1: the sub-site of a department / board / sector (also used for the other non-district kinds). */
const DEPARTMENT_SECTIONS: readonly AgencySection[] = [
  { key: 'introduction', label: 'Giới thiệu chung', path: 'gioi-thieu' },
  { key: 'organisationStructure', label: 'Cơ cấu tổ chức, sơ đồ bộ máy', path: 'co-cau-to-chuc' },
  { key: 'functionsAndDuties', label: 'Chức năng, nhiệm vụ', path: 'chuc-nang-nhiem-vu' },
  { key: 'developmentPlanning', label: 'Quy hoạch phát triển', path: 'quy-hoach' },
  { key: 'investmentProjects', label: 'Dự án kêu gọi đầu tư', path: 'du-an-dau-tu' },
  { key: 'legalDocuments', label: 'Văn bản pháp quy', path: 'van-ban' },
  { key: 'procedures', label: 'Thủ tục hành chính', path: 'thu-tuc-hanh-chinh' },
  { key: 'news', label: 'Tin tức, thông báo', path: 'tin-tuc' },
  { key: 'questions', label: 'Hỏi đáp trực tuyến', path: 'hoi-dap' },
  { key: 'consultations', label: 'Lấy ý kiến dự thảo văn bản', path: 'lay-y-kien' },
];

/** R-2.2: the sub-site of a district or the city. */
const DISTRICT_SECTIONS: readonly AgencySection[] = [
  { key: 'naturalSocialConditions', label: 'Điều kiện tự nhiên - xã hội', path: 'dieu-kien-tu-nhien-xa-hoi' },
  {
    key: 'organisationStructure',
    label: 'Tổ chức bộ máy - các phòng ban, chức năng nhiệm vụ',
    path: 'co-cau-to-chuc',
  },
  {
    key: 'socioEconomicOrientation',
    label: 'Định hướng phát triển kinh tế - xã hội',
    path: 'dinh-huong-phat-trien',
  },
  { key: 'procedures', label: 'Thủ tục hành chính', path: 'thu-tuc-hanh-chinh' },
  { key: 'questions', label: 'Hỏi đáp trực tuyến', path: 'hoi-dap' },
  { key: 'consultations', label: 'Lấy ý kiến dự thảo văn bản', path: 'lay-y-kien' },
];

/**
 * Sections of an agency sub-site per agency kind, in display order.
 * Source: R-2.1 (departments, boards, sectors — applied also to branch offices of central
 * agencies, state enterprises and the press) and R-2.2 (districts and the city) of
 * Decision 07/2006/QĐ-UBND, data/decision/REQUIREMENTS.md.
 */
export const AGENCY_SECTIONS: Record<AgencyKind, AgencySection[]> = {
  department: DEPARTMENT_SECTIONS.map((s) => ({ ...s })),
  branchOffice: DEPARTMENT_SECTIONS.map((s) => ({ ...s })),
  district: DISTRICT_SECTIONS.map((s) => ({ ...s })),
  stateEnterprise: DEPARTMENT_SECTIONS.map((s) => ({ ...s })),
  press: DEPARTMENT_SECTIONS.map((s) => ({ ...s })),
};

/**
 * True when `value` is one of {@link AGENCY_KINDS}.
 */
export function isAgencyKind(value: unknown): value is AgencyKind {
  return typeof value === 'string' && (AGENCY_KINDS as readonly string[]).includes(value);
}

/**
 * The section with identifier `key` in the sub-site of an agency of `kind`
 * ({@link AGENCY_SECTIONS}, R-2.1/R-2.2), or `undefined` when that kind has no such section
 * (e.g. a district has no `news` section).
 *
 * @throws {Error} when `kind` is not an agency kind.
 */
export function findAgencySection(kind: AgencyKind, key: AgencySectionKey): AgencySection | undefined {
  if (!isAgencyKind(kind)) throw new Error(`Unknown agency kind: ${String(kind)}`);
  return AGENCY_SECTIONS[kind].find((s) => s.key === key);
}

/**
 * Keys of the homepage's five content groups (R-1.2: policy and legal documents, administrative
 * procedures, news, the agencies' sub-sites, online interaction), in the default order. They are
 * the values `homepage.sectionOrder` holds: the seed import writes this list, the site's homepage
 * reads it through {@link homepageSectionOrder}.
 */
export const HOMEPAGE_SECTIONS = ['legalDocuments', 'procedures', 'news', 'agencies', 'questions'] as const;
export type HomepageSection = (typeof HOMEPAGE_SECTIONS)[number];

/** Other spellings editors may use in `sectionOrder`. */
const SECTION_ALIASES: Record<string, HomepageSection> = {
  documents: 'legalDocuments',
  policy: 'legalDocuments',
  policies: 'legalDocuments',
  administrativeProcedures: 'procedures',
  articles: 'news',
  agency: 'agencies',
  subSites: 'agencies',
  qa: 'questions',
  interaction: 'questions',
};

/**
 * The order of the homepage groups from `homepage.sectionOrder` (a JSON array of the keys of
 * {@link HOMEPAGE_SECTIONS}, a few aliases accepted); unknown keys are ignored and missing
 * groups are appended, so all five groups of R-1.2 are always shown.
 */
export function homepageSectionOrder(sectionOrder: unknown): HomepageSection[] {
  const out: HomepageSection[] = [];
  if (Array.isArray(sectionOrder)) {
    for (const raw of sectionOrder) {
      if (typeof raw !== 'string') continue;
      const k = (HOMEPAGE_SECTIONS as readonly string[]).includes(raw) ? (raw as HomepageSection) : SECTION_ALIASES[raw];
      if (k && !out.includes(k)) out.push(k);
    }
  }
  for (const k of HOMEPAGE_SECTIONS) if (!out.includes(k)) out.push(k);
  return out;
}

/** `agency.updateSchedule` enum — R-2.5 (agencies: Mon/Wed/Fri), R-2.6 (press: daily). */
export const UPDATE_SCHEDULES = ['monWedFri', 'daily'] as const;
export type UpdateSchedule = (typeof UPDATE_SCHEDULES)[number];
export const UPDATE_SCHEDULE_LABELS: Record<UpdateSchedule, string> = {
  monWedFri: 'Thứ Hai, Thứ Tư, Thứ Sáu',
  daily: 'Hằng ngày',
};

// ---------------------------------------------------------------------------------------------
// Articles and workflow
// ---------------------------------------------------------------------------------------------

/** `article.scope` enum (R-1.2 (3): provincial, national and international news). */
export const ARTICLE_SCOPES = ['province', 'national', 'international'] as const;
export type ArticleScope = (typeof ARTICLE_SCOPES)[number];
export const ARTICLE_SCOPE_LABELS: Record<ArticleScope, string> = {
  province: 'Trong tỉnh',
  national: 'Trong nước',
  international: 'Quốc tế',
};

/** `article.kind` enum. */
export const ARTICLE_KINDS = ['news', 'announcement'] as const;
export type ArticleKind = (typeof ARTICLE_KINDS)[number];
export const ARTICLE_KIND_LABELS: Record<ArticleKind, string> = {
  news: 'Tin tức',
  announcement: 'Thông báo',
};

/** `article.language` enum. */
export const ARTICLE_LANGUAGES = ['vi', 'en'] as const;
export type ArticleLanguage = (typeof ARTICLE_LANGUAGES)[number];
export const ARTICLE_LANGUAGE_LABELS: Record<ArticleLanguage, string> = {
  vi: 'Tiếng Việt',
  en: 'Tiếng Anh',
};

/** `editorialState` enum shared by all editable content types (R-1.3, R-3.5, R-3.6). */
export const EDITORIAL_STATES = ['draft', 'inReview', 'returned', 'approved', 'scheduled', 'published', 'withdrawn'] as const;
export type EditorialState = (typeof EDITORIAL_STATES)[number];
export const EDITORIAL_STATE_LABELS: Record<EditorialState, string> = {
  draft: 'Bản nháp',
  inReview: 'Chờ duyệt',
  returned: 'Trả lại',
  approved: 'Đã duyệt',
  scheduled: 'Hẹn giờ đăng',
  published: 'Đã đăng',
  withdrawn: 'Gỡ bài',
};

// ---------------------------------------------------------------------------------------------
// Legal documents
// ---------------------------------------------------------------------------------------------

/** `legal-document.documentType` enum. */
export const DOCUMENT_TYPES = ['decision', 'directive', 'resolution', 'plan', 'notice', 'officialLetter', 'circular', 'decree', 'law', 'other'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export const DOCUMENT_TYPE_LABELS: Record<DocumentType, string> = {
  decision: 'Quyết định',
  directive: 'Chỉ thị',
  resolution: 'Nghị quyết',
  plan: 'Kế hoạch',
  notice: 'Thông báo',
  officialLetter: 'Công văn',
  circular: 'Thông tư',
  decree: 'Nghị định',
  law: 'Luật',
  other: 'Văn bản khác',
};

/** Lower-case, no tone marks, đ→d, single spaces: for matching Vietnamese words. */
const fold = foldVietnamese;

/** Full Vietnamese names (folded) → type. "luật" not preceded by "pháp" ("pháp luật" = law in general). */
const DOCUMENT_TYPE_WORDS: [RegExp, DocumentType][] = [
  [/\bquyet dinh\b/, 'decision'],
  [/\bchi thi\b/, 'directive'],
  [/\bnghi quyet\b/, 'resolution'],
  [/\bke hoach\b/, 'plan'],
  [/\bthong bao\b/, 'notice'],
  [/\bcong van\b/, 'officialLetter'],
  [/\bthong tu\b/, 'circular'],
  [/\bnghi dinh\b/, 'decree'],
  [/(?<!\bphap )\b(?:bo )?luat\b/, 'law'],
];

/** Abbreviations (folded to upper case, Đ→D) used as the type part of a document number. */
const DOCUMENT_TYPE_ABBREVIATIONS: Record<string, DocumentType> = {
  QD: 'decision',
  CT: 'directive',
  NQ: 'resolution',
  KH: 'plan',
  TB: 'notice',
  CV: 'officialLetter',
  TT: 'circular',
  TTLT: 'circular',
  ND: 'decree',
};

/**
 * Maps a Vietnamese document type to {@link DocumentType}. Accepts
 * - a full name, any case, with or without tone marks: `'Quyết định'`, `'QUYẾT ĐỊNH'`,
 *   `'quyet dinh'`, `'Thông tư liên tịch'`, `'Luật Đất đai'` (the first name in the text wins;
 *   "pháp luật" alone is not a law);
 * - an abbreviation, alone or as the type part of a document number: `'QĐ'`, `'CT'`, `'NQ'`,
 *   `'KH'`, `'TB'`, `'CV'`, `'TT'`/`'TTLT'`, `'NĐ'`, `'07/2006/QĐ-UBND'`, `'24/2014/TT-BTC'`.
 *
 * @returns the type, or `'other'` when nothing is recognised (including numbers such as
 *   `'1234/UBND-VX'` whose shape does not name a type, and `'45/2013/QH13'`, which may be a
 *   law or a resolution of the National Assembly).
 */
export function documentTypeFromVietnamese(label: string): DocumentType {
  if (typeof label !== 'string' || !label.trim()) return 'other';
  const folded = fold(label);
  let best: { index: number; type: DocumentType } | null = null;
  for (const [re, type] of DOCUMENT_TYPE_WORDS) {
    const m = re.exec(folded);
    if (m && (!best || m.index < best.index)) best = { index: m.index, type };
  }
  if (best) return best.type;

  const upper = folded.toUpperCase();
  if (DOCUMENT_TYPE_ABBREVIATIONS[upper]) return DOCUMENT_TYPE_ABBREVIATIONS[upper];
  // type part of a number: after a "/" (or at the start), followed by "-" : ".../QĐ-UBND"
  for (const m of upper.matchAll(/(?:^|[/\s])([A-Z]{2,4})(?=-)/g)) {
    const type = DOCUMENT_TYPE_ABBREVIATIONS[m[1]];
    if (type) return type;
  }
  return 'other';
}

/** `legal-document.validityStatus` enum. */
export const VALIDITY_STATUSES = ['notYetEffective', 'inForce', 'partiallyExpired', 'expired', 'unknown'] as const;
export type ValidityStatus = (typeof VALIDITY_STATUSES)[number];
export const VALIDITY_STATUS_LABELS: Record<ValidityStatus, string> = {
  notYetEffective: 'Chưa có hiệu lực',
  inForce: 'Còn hiệu lực',
  partiallyExpired: 'Hết hiệu lực một phần',
  expired: 'Hết hiệu lực',
  unknown: 'Chưa xác định',
};

/** Dates of a legal document that decide its validity, plus the status recorded by an editor. */
export interface ValidityInput {
  /** ngày hiệu lực, ISO `YYYY-MM-DD` */
  effectiveDate?: string | null;
  /** ngày hết hiệu lực (first day no longer in force), ISO `YYYY-MM-DD` */
  expiryDate?: string | null;
  /** the status currently recorded (keeps facts dates cannot express, e.g. partial repeal) */
  validityStatus?: ValidityStatus | null;
}

function isoDay(value: string | null | undefined, name: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  const m = /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(value);
  if (!m) throw new RangeError(`computeValidityStatus: ${name} must be an ISO date YYYY-MM-DD, got "${value}"`);
  return m[1];
}

/**
 * Computes a legal document's validity status ("tình trạng hiệu lực") on the calendar day
 * `today` (ISO `YYYY-MM-DD`, a Vietnam date — use `todayInVietnam()`). Rules, in order:
 * 1. `expiryDate` ≤ today → `expired` (the document is no longer in force from its expiry date);
 * 2. `effectiveDate` > today → `notYetEffective` (e.g. Decision 07/2006/QĐ-UBND took effect
 *    15 days after signing);
 * 3. a recorded `validityStatus` of `expired` or `partiallyExpired` is kept (repeal or partial
 *    amendment by another document, which dates alone do not show);
 * 4. `effectiveDate` ≤ today → `inForce`;
 * 5. otherwise (no effective date) the recorded status, or `unknown`.
 *
 * Dates are compared as calendar dates; a full ISO date-time is cut to its date part.
 *
 * @throws {RangeError} when `today` or a date is not in ISO `YYYY-MM-DD` form.
 */
export function computeValidityStatus(doc: ValidityInput, today: string): ValidityStatus {
  const day = isoDay(today, 'today');
  if (!day) throw new RangeError('computeValidityStatus: today is required (ISO YYYY-MM-DD)');
  const effective = isoDay(doc.effectiveDate, 'effectiveDate');
  const expiry = isoDay(doc.expiryDate, 'expiryDate');
  const recorded = doc.validityStatus ?? null;
  if (expiry && expiry <= day) return 'expired';
  if (effective && effective > day) return 'notYetEffective';
  if (recorded === 'expired' || recorded === 'partiallyExpired') return recorded;
  if (effective) return 'inForce';
  return recorded ?? 'unknown';
}

/** Vietnamese capital letters (NFC), for document number symbols such as QĐ, HĐND. */
const VN_UPPER = 'A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ';

/**
 * Shape of a document number ("số ký hiệu"), Decree 30/2020/NĐ-CP style:
 * - `Số/Năm/Loại-CơQuan`: `07/2006/QĐ-UBND`, `24/2014/TT-BTC`, `05/2015/TTLT-BTC-BNV`;
 * - `Số/Loại-CơQuan` without a year, found in older and non-normative documents:
 *   `462/QĐ-UB`, `02/NQ-HĐ`, `1234/UBND-VX`;
 * - laws and resolutions of the National Assembly: `Số/Năm/QHkhóa`, e.g. `45/2013/QH13`.
 * Symbols are Vietnamese capital letters (Đ included) and digits, joined by `-`.
 * Groups: 1 number, 2 year (optional), 3 symbol.
 */
export const DOCUMENT_NUMBER_PATTERN = new RegExp(`^(\\d{1,6}[a-z]?)(?:/(\\d{4}))?/((?:[${VN_UPPER}]+\\d*(?:-[${VN_UPPER}\\d]+)+)|(?:QH\\d{1,2}))$`, 'u');

/**
 * Checks a document number ("số ký hiệu") against {@link DOCUMENT_NUMBER_PATTERN}:
 * `'07/2006/QĐ-UBND'` (number/year/type-body), or without a year `'462/QĐ-UB'`, `'02/NQ-HĐ'`,
 * or a law `'45/2013/QH13'`. The input is trimmed and normalised to NFC first.
 *
 * @returns `null` when valid, otherwise a Vietnamese error message for the editor
 *   (e.g. for `'abc'`, `'07/2006'`, `'07/2006/qđ-ubnd'`, `'Số: 07/2006/QĐ-UBND'`).
 */
export function validateDocumentNumber(n: string): string | null {
  const s = typeof n === 'string' ? n.normalize('NFC').trim() : '';
  if (!s) return 'Chưa nhập số ký hiệu văn bản.';
  if (/^số(?!\p{L})/iu.test(s)) return 'Bỏ chữ "Số" ở đầu, chỉ nhập số ký hiệu, ví dụ 07/2006/QĐ-UBND.';
  if (/\s/.test(s)) return 'Số ký hiệu không được chứa dấu cách, ví dụ 07/2006/QĐ-UBND.';
  const m = DOCUMENT_NUMBER_PATTERN.exec(s);
  if (!m) {
    if (DOCUMENT_NUMBER_PATTERN.test(s.toUpperCase())) {
      return 'Ký hiệu văn bản phải viết hoa, ví dụ 07/2006/QĐ-UBND.';
    }
    return 'Số ký hiệu không đúng dạng Số/Năm/Loại-Cơ quan ban hành (ví dụ 07/2006/QĐ-UBND) hoặc Số/Loại-Cơ quan ban hành (ví dụ 462/QĐ-UB).';
  }
  if (m[2]) {
    const year = Number(m[2]);
    if (year < 1945 || year > 2100) return `Năm ban hành ${m[2]} trong số ký hiệu không hợp lệ.`;
  }
  return null;
}

/**
 * The key two document numbers are compared by for uniqueness: one number written differently —
 * `07/2006/QĐ-UBND`, `07/2006/QD-UBND` (Đ typed as D), `07/2006/qđ-ubnd` (case), ` 07 / 2006 / QĐ-UBND`
 * (spaces), NFD-decomposed input — gives one key. Unicode NFC, then tone marks dropped and đ/Đ → D
 * (shared `foldVietnamese`), every whitespace removed, upper case; the `-`, `/` separators kept
 * (`07/2006/QĐ-UBND` ≠ `07/2006/QĐUBND`… is decided by the format rule, not here).
 *
 * @example documentNumberKey('07/2006/QĐ-UBND') // '07/2006/QD-UBND'
 * @example documentNumberKey(' 07 / 2006 / qđ-ubnd ') // '07/2006/QD-UBND'
 */
export function documentNumberKey(n: string | null | undefined): string {
  return (
    foldVietnamese(String(n ?? '').normalize('NFC'))
      .replace(/[\s\u00a0\u200b\ufeff]+/gu, '')
      .replace(/[‐‑‒–—−]/gu, '-')
      // 010/2026 is 10/2026: leading zeros of a number do not make another document
      .replace(/(^|\D)0+(?=\d)/gu, '$1')
      .toUpperCase()
  );
}

// ---------------------------------------------------------------------------------------------
// Administrative procedures and e-services
// ---------------------------------------------------------------------------------------------

/**
 * `administrative-procedure.level` enum: Decree 42/2022/NĐ-CP (information only / partial /
 * full online) and the older levels 1–4 of Decree 43/2011/NĐ-CP.
 */
export const PROCEDURE_LEVELS = ['informationOnly', 'partial', 'full', 'level1', 'level2', 'level3', 'level4'] as const;
export type ProcedureLevel = (typeof PROCEDURE_LEVELS)[number];
export const PROCEDURE_LEVEL_LABELS: Record<ProcedureLevel, string> = {
  informationOnly: 'Cung cấp thông tin',
  partial: 'Một phần',
  full: 'Toàn trình',
  level1: 'Mức độ 1',
  level2: 'Mức độ 2',
  level3: 'Mức độ 3',
  level4: 'Mức độ 4',
};

/** `e-service.serviceLevel` enum (the procedure levels without "information only"). */
export const SERVICE_LEVELS = ['level1', 'level2', 'level3', 'level4', 'partial', 'full'] as const;
export type ServiceLevel = (typeof SERVICE_LEVELS)[number];
export const SERVICE_LEVEL_LABELS: Record<ServiceLevel, string> = {
  level1: PROCEDURE_LEVEL_LABELS.level1,
  level2: PROCEDURE_LEVEL_LABELS.level2,
  level3: PROCEDURE_LEVEL_LABELS.level3,
  level4: PROCEDURE_LEVEL_LABELS.level4,
  partial: PROCEDURE_LEVEL_LABELS.partial,
  full: PROCEDURE_LEVEL_LABELS.full,
};

/**
 * Maps a Vietnamese service level as written on the public-service portals
 * (`'Một phần'`, `'Toàn trình'`, `'Cung cấp thông tin'`, `'Mức độ 3'`, `'DVC mức độ 4'`, any case,
 * with or without tone marks) to {@link ProcedureLevel}.
 *
 * @returns the level, or `null` when not recognised.
 */
export function procedureLevelFromVietnamese(label: string): ProcedureLevel | null {
  if (typeof label !== 'string') return null;
  const f = fold(label);
  const level = /\bmuc(?: do)? ([1-4])\b/.exec(f);
  if (level) return `level${level[1]}` as ProcedureLevel;
  if (/\btoan trinh\b/.test(f)) return 'full';
  if (/\bmot phan\b/.test(f)) return 'partial';
  if (/\bcung cap thong tin\b/.test(f)) return 'informationOnly';
  return null;
}

/** `procedure.submission-method.method` enum ("cách thức thực hiện"). */
export const SUBMISSION_METHODS = ['inPerson', 'online', 'post'] as const;
export type SubmissionMethod = (typeof SUBMISSION_METHODS)[number];
export const SUBMISSION_METHOD_LABELS: Record<SubmissionMethod, string> = {
  inPerson: 'Trực tiếp',
  online: 'Trực tuyến',
  post: 'Qua bưu chính công ích',
};

/**
 * Maps one Vietnamese submission-method line to {@link SubmissionMethod}:
 * `'Trực tiếp tại cơ quan hành chính nhà nước'`, `'Trung tâm Phục vụ HCC tỉnh'`,
 * `'Bộ phận Một cửa cấp huyện'` → `inPerson`; `'Trực tuyến'`, `'Cổng Dịch vụ công Quốc gia'` →
 * `online`; `'Dịch vụ bưu chính'`, `'Qua bưu chính công ích'` → `post`.
 *
 * @returns the method, or `null` when not recognised (e.g. a heading such as
 *   `'Yêu cầu & Điều kiện thực hiện'`).
 */
export function submissionMethodFromVietnamese(label: string): SubmissionMethod | null {
  if (typeof label !== 'string') return null;
  const f = fold(label);
  if (/\bbuu chinh\b/.test(f)) return 'post';
  if (/\btruc tuyen\b|\bdich vu cong\b|\bonline\b|\bqua mang\b/.test(f)) return 'online';
  if (/\btruc tiep\b|\bmot cua\b|\bphuc vu hanh chinh cong\b|\bphuc vu hcc\b|\bbo phan tiep nhan\b/.test(f)) {
    return 'inPerson';
  }
  return null;
}

/** `procedure.processing-time.unit` enum. */
export const PROCESSING_TIME_UNITS = ['workingDays', 'days', 'hours', 'months'] as const;
export type ProcessingTimeUnit = (typeof PROCESSING_TIME_UNITS)[number];
export const PROCESSING_TIME_UNIT_LABELS: Record<ProcessingTimeUnit, string> = {
  workingDays: 'ngày làm việc',
  days: 'ngày',
  hours: 'giờ',
  months: 'tháng',
};

/** `e-service.registrationStatus` enum (R-2.3: the Editorial Council decides registrations). */
export const E_SERVICE_STATUSES = ['registered', 'approved', 'piloting', 'live', 'suspended'] as const;
export type EServiceStatus = (typeof E_SERVICE_STATUSES)[number];
export const E_SERVICE_STATUS_LABELS: Record<EServiceStatus, string> = {
  registered: 'Đã đăng ký',
  approved: 'Hội đồng biên tập đã duyệt',
  piloting: 'Đang thí điểm',
  live: 'Đang cung cấp',
  suspended: 'Tạm dừng',
};

// ---------------------------------------------------------------------------------------------
// Questions and investment projects
// ---------------------------------------------------------------------------------------------

/** `question.answerStatus` enum (R-1.2 (5): online interaction). */
export const QUESTION_STATUSES = ['received', 'forwarded', 'answered', 'rejected'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];
export const QUESTION_STATUS_LABELS: Record<QuestionStatus, string> = {
  received: 'Đã tiếp nhận',
  forwarded: 'Đã chuyển cơ quan khác',
  answered: 'Đã trả lời',
  rejected: 'Không tiếp nhận',
};

/** `investment-project.projectStatus` enum (R-2.1 (a): projects calling for investment). */
export const INVESTMENT_PROJECT_STATUSES = ['calling', 'negotiating', 'awarded', 'closed'] as const;
export type InvestmentProjectStatus = (typeof INVESTMENT_PROJECT_STATUSES)[number];
export const INVESTMENT_PROJECT_STATUS_LABELS: Record<InvestmentProjectStatus, string> = {
  calling: 'Đang kêu gọi đầu tư',
  negotiating: 'Đang đàm phán',
  awarded: 'Đã có nhà đầu tư',
  closed: 'Đã đóng',
};
