/**
 * Pure mappers from the public source files of the seed (data/seed/*.json and the text of
 * Decision 07/2006/QĐ-UBND in data/decision/, see data/README.md) to the data shapes of the
 * Strapi content types (field names of cms/src/api/*\/content-types/*\/schema.json and
 * cms/src/components).
 *
 * Every mapper returns `{ items, skipped }`: the records it could use, mapped, and one entry per
 * record (or part of a record) it could not use, with a one-line reason. No I/O, no Strapi:
 * relations are expressed by natural keys (agency name, document number) and resolved to
 * documentIds by import.ts.
 *
 * Conventions: calendar dates are ISO 8601 `YYYY-MM-DD` strings (Strapi `date` fields, no time
 * zone); money is whole Vietnamese đồng (VND); texts are NFC.
 */
import {
  addDays,
  AGENCY_KINDS,
  computeValidityStatus,
  documentTypeFromVietnamese,
  isFeeFree,
  normaliseText,
  parseProcessingTime,
  parseVietnameseDate,
  parseVndAmounts,
  procedureLevelFromVietnamese,
  submissionMethodFromVietnamese,
  toSlug,
  validateDocumentNumber,
  type AgencyKind,
  type DocumentType,
  type ProcedureLevel,
  type ProcessingTimeUnit,
  type SubmissionMethod,
  type UpdateSchedule,
  type ValidityStatus,
} from '@cong/shared';
import { fold, matchKey, plainTextToMarkdown, sentenceCase, stripMarkdownEmphasis } from './text.js';

// ---------------------------------------------------------------------------------------------
// Result shapes
// ---------------------------------------------------------------------------------------------

/** A source record (or part of one) the import could not use. */
export interface SkippedRecord {
  /** source file name, e.g. `'news-sample.json'` */
  source: string;
  /** the record's natural key in that file (document number, procedure code or name, URL…) */
  key: string;
  /** why, one line (Vietnamese or English) */
  reason: string;
}

/** A source text the mapper kept (verbatim, in a text field) but could not read into structured data. */
export interface UnparsedText {
  /** source file name */
  source: string;
  /** the record's natural key */
  key: string;
  /** the source field, e.g. `le_phi`, `thanh_phan_ho_so` */
  field: string;
  /** what could not be read, one line */
  reason: string;
}

/** What every mapper returns. */
export interface MapResult<T> {
  items: T[];
  skipped: SkippedRecord[];
  /** texts imported as written but not parsed (reported by the import's summary) */
  unparsed?: UnparsedText[];
}

/** File names of the sources, as used in {@link SkippedRecord.source}. */
export const SOURCES = {
  agencies: 'agencies-laocai.json',
  adminUnits: 'vn-admin-units-laocai.json',
  legalDocuments: 'legal-documents-laocai.json',
  news: 'news-sample.json',
  procedures: 'procedures-sample.json',
  decision: 'quyet-dinh-07-2006-QD-UBND.txt',
} as const;

/**
 * Name of the agency that legal documents of the provincial People's Council and People's
 * Committee (HĐND/UBND tỉnh) are filed under: the Committee's office runs the portal's
 * documents section (Decision 07/2006, Article 3: the Office's head executes the decision).
 */
export const PROVINCIAL_OFFICE_NAME = 'Văn phòng Ủy ban nhân dân tỉnh Lào Cai';

// ---------------------------------------------------------------------------------------------
// Source shapes (only the fields read here)
// ---------------------------------------------------------------------------------------------

export interface AdminUnitLevel3Source {
  level3_id: string;
  name: string;
  type: string;
}
export interface AdminUnitLevel2Source {
  level2_id: string;
  name: string;
  type: string;
  level3s: AdminUnitLevel3Source[];
}
export interface AdminUnitsFile {
  _meta?: { data_date?: string; upstream_origin?: string; source_repository?: string; counts?: Record<string, number>; structure?: string };
  province: { level1_id: string; name: string; type: string; level2s: AdminUnitLevel2Source[] };
}
export interface AgencySource {
  name?: string | null;
  shortName?: string | null;
  kind?: string | null;
  pilotEService?: boolean | null;
  updateSchedule?: string | null;
  adminUnitCode?: string | null;
}
export interface AgenciesFile {
  _meta?: Record<string, unknown>;
  agencies: AgencySource[];
}
export interface LegalDocumentSource {
  so_ky_hieu?: string | null;
  so_ky_hieu_nguon?: string | null;
  loai_van_ban?: string | null;
  co_quan_ban_hanh?: string | null;
  nguoi_ky?: string | null;
  ngay_ban_hanh?: string | null;
  ngay_ban_hanh_ghi_tren_trang?: string | null;
  ngay_hieu_luc?: string | null;
  ngay_hieu_luc_ghi_chu?: string | null;
  ngay_thong_qua?: string | null;
  trich_yeu?: string | null;
  linh_vuc?: string | null;
  url?: string | null;
  ghi_chu?: string | null;
  toan_van?: string | null;
  toan_van_ghi_chu?: string | null;
}
export interface LegalDocumentsFile {
  _meta?: Record<string, unknown>;
  documents: LegalDocumentSource[];
}
export interface NewsSource {
  title?: string | null;
  url_slug?: string | null;
  date?: string | null;
  event_date?: string | null;
  lead?: string | null;
  author?: string | null;
  source_name?: string | null;
  url?: string | null;
  language?: string | null;
}
export interface NewsFile {
  _meta?: Record<string, unknown>;
  news: NewsSource[];
}
type TextOrLines = string | string[] | null | undefined;
export interface ProcedureSource {
  ten_thu_tuc?: string | null;
  ma_thu_tuc?: string | null;
  muc_do_dvc?: string | null;
  linh_vuc?: string | null;
  co_quan_thuc_hien?: string | null;
  trinh_tu_thuc_hien?: TextOrLines;
  cach_thuc_thuc_hien?: TextOrLines;
  so_luong_ho_so?: string | null;
  thanh_phan_ho_so?: TextOrLines;
  thoi_han_giai_quyet?: string | null;
  doi_tuong_thuc_hien?: TextOrLines;
  ket_qua?: TextOrLines;
  phi?: TextOrLines;
  le_phi?: TextOrLines;
  le_phi_tom_tat?: string | null;
  yeu_cau?: TextOrLines;
  yeu_cau_dieu_kien?: TextOrLines;
  can_cu_phap_ly?: TextOrLines;
  dia_phuong?: string | null;
  source?: { url?: string; repository?: string; path?: string; commit?: string } | null;
}
export interface ProceduresFile {
  _meta?: Record<string, unknown>;
  procedures: ProcedureSource[];
}

/** An agency as other mappers need it for name matching. */
export interface AgencyRef {
  name: string;
  shortName?: string | null;
}

// ---------------------------------------------------------------------------------------------
// Mapped shapes (field names of the content types)
// ---------------------------------------------------------------------------------------------

/** One commune-level unit (xã / phường / thị trấn). */
export interface AdminUnitRef {
  code: string;
  name: string;
  type: string;
}

/** `agency.adminUnits` of a district: its commune-level units. */
export interface DistrictAdminUnits {
  code: string;
  name: string;
  type: string;
  /** date of the national list the units come from, ISO `YYYY-MM-DD` */
  dataDate: string | null;
  counts: { total: number; byType: Record<string, number> };
  units: AdminUnitRef[];
}

/** `api::agency.agency` data. */
export interface MappedAgency {
  name: string;
  shortName: string | null;
  slug: string;
  kind: AgencyKind;
  pilotEService: boolean;
  updateSchedule: UpdateSchedule;
  adminUnitCode: string | null;
  /** districts only: their communes (from vn-admin-units-laocai.json) */
  adminUnits: DistrictAdminUnits | null;
  /** position in the source file, 1-based (the file lists agencies in the portal's order) */
  sortOrder: number;
}

/** `api::legal-document.legal-document` data; `agencyName` is resolved to a relation on import. */
export interface MappedLegalDocument {
  documentNumber: string;
  slug: string;
  documentType: DocumentType;
  issuingBody: string;
  signer: string | null;
  /** ngày ban hành, ISO `YYYY-MM-DD` */
  issuedDate: string;
  /** ngày hiệu lực, ISO `YYYY-MM-DD`, null when the source does not state it */
  effectiveDate: string | null;
  validityStatus: ValidityStatus;
  abstract: string;
  field: string | null;
  /** full text as Markdown, when the source has it */
  body: string | null;
  isPolicy: boolean;
  sourceUrl: string | null;
  note: string | null;
  /** name of the agency the document is filed under ({@link PROVINCIAL_OFFICE_NAME} for HĐND/UBND tỉnh) */
  agencyName: string | null;
}

/** `procedure.step` component. */
export interface MappedStep {
  order: number;
  description: string;
}
/** `procedure.submission-method` component. */
export interface MappedSubmissionMethod {
  method: SubmissionMethod;
  description: string | null;
}
/** `procedure.dossier-component` component. */
export interface MappedDossierComponent {
  name: string;
  originals: number | null;
  copies: number | null;
  note: string | null;
}
/** `procedure.processing-time` component. */
export interface MappedProcessingTime {
  value: number | null;
  unit: ProcessingTimeUnit | null;
  text: string;
}
/** `procedure.fee` component: `amountVnd` in whole đồng. */
export interface MappedFee {
  description: string;
  /** the amount when the text states exactly one; null for a range ("12.000đ - 60.000đ") */
  amountVnd: number | null;
  /** the amount as written ("~60.000đ", "50.000 đồng/GCN", "Từ 150.000đ") */
  note: string | null;
}

/** `api::administrative-procedure.administrative-procedure` data. */
export interface MappedProcedure {
  procedureCode: string | null;
  name: string;
  slug: string;
  field: string | null;
  level: ProcedureLevel | null;
  executingAgency: string | null;
  steps: MappedStep[];
  stepsText: string | null;
  submissionMethods: MappedSubmissionMethod[];
  dossierComponents: MappedDossierComponent[];
  dossierQuantity: string | null;
  processingTime: MappedProcessingTime | null;
  applicants: string | null;
  result: string | null;
  fees: MappedFee[];
  feesText: string | null;
  requirements: string | null;
  legalBasisText: string | null;
  sourceUrl: string | null;
  /** agency that carries out the procedure, when it is one of ours */
  agencyName: string | null;
  /** document numbers cited in the legal basis (linked when the document is in the CMS) */
  legalBasisNumbers: string[];
}

/** `api::article.article` data. */
export interface MappedArticle {
  title: string;
  slug: string;
  kind: 'news';
  scope: 'province';
  summary: string | null;
  author: string | null;
  source: string | null;
  sourceUrl: string | null;
  language: 'vi' | 'en';
  /** date of the event reported, ISO `YYYY-MM-DD` (first day of a range) */
  eventDate: string | null;
  agencyName: string | null;
}

/** `api::province-profile.province-profile` data (R-2.4: the province's shared information). */
export interface MappedProvinceProfile {
  name: string;
  overview: string;
  adminUnits: ProvinceAdminUnits;
  /** date of the national administrative-unit list, ISO `YYYY-MM-DD` */
  adminUnitsDate: string | null;
}

/** `provinceProfile.adminUnits`: the unit tree summary. */
export interface ProvinceAdminUnits {
  code: string;
  name: string;
  type: string;
  dataDate: string | null;
  source: string | null;
  structure: string | null;
  counts: {
    level2: number;
    level3: number;
    level2ByType: Record<string, number>;
    level3ByType: Record<string, number>;
  };
  level2: { code: string; name: string; type: string; level3Count: number; level3: string[] }[];
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

/** One-line text as stored: NFC, control characters dropped (shared `normaliseText`), spaces collapsed. */
function clean(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const s = normaliseText(value).replace(/\s+/g, ' ').trim();
  return s === '' ? null : s;
}

function lines(value: TextOrLines): string[] {
  if (value === null || value === undefined) return [];
  const arr = Array.isArray(value) ? value : String(value).split(/\r?\n/);
  return arr.map((l) => clean(l)).filter((l): l is string => l !== null);
}

function joinLines(value: TextOrLines, sep = '\n'): string | null {
  const ls = lines(value);
  return ls.length ? ls.join(sep) : null;
}

function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/** Strips one trailing parenthetical: `'Đất đai (theo tiêu đề cổng: …)'` → `['Đất đai', 'theo tiêu đề cổng: …']`. */
function splitParenthetical(text: string): [string, string | null] {
  const m = /^(.*?)\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)\s*$/u.exec(text);
  if (!m || !m[1]) return [text, null];
  return [m[1].trim(), m[2].trim()];
}

/** Appends -2, -3 … to slugs already used in `used` (mutated). */
function uniqueSlug(base: string, used: Set<string>): string {
  let slug = base;
  for (let i = 2; used.has(slug); i++) slug = `${base}-${i}`;
  used.add(slug);
  return slug;
}

/**
 * Finds the agency a free-text name refers to: the text is cut at `, ; :` and sentence ends,
 * and a piece must equal an agency's name or short name under {@link matchKey} (case, tone
 * marks, "và"/"&"/"-" and a trailing "tỉnh Lào Cai" ignored). Generic references such as
 * "UBND cấp xã" or "Cấp Quận/huyện" match nothing.
 *
 * @returns the agency's name as in `agencies`, or null.
 */
export function findAgencyName(text: string | null | undefined, agencies: AgencyRef[]): string | null {
  if (!text) return null;
  const keys = new Map<string, string>();
  for (const a of agencies) {
    keys.set(matchKey(a.name), a.name);
    if (a.shortName) keys.set(matchKey(a.shortName), a.name);
  }
  for (const piece of String(text).split(/[,;:]|\.\s/)) {
    const k = matchKey(piece);
    if (k && keys.has(k)) return keys.get(k)!;
  }
  return null;
}

/**
 * The agency a legal document is filed under, from its issuing body: documents of the
 * provincial People's Council or People's Committee (HĐND/UBND tỉnh, in full or abbreviated)
 * go to {@link PROVINCIAL_OFFICE_NAME} when that agency is in `agencies`; otherwise an agency
 * whose name matches the issuing body ({@link findAgencyName}); otherwise null.
 */
export function agencyForIssuingBody(issuingBody: string | null | undefined, agencies: AgencyRef[]): string | null {
  if (!issuingBody) return null;
  const f = fold(issuingBody);
  if (/^(uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd) tinh\b/.test(f)) {
    return findAgencyName(PROVINCIAL_OFFICE_NAME, agencies);
  }
  return findAgencyName(issuingBody, agencies);
}

// ---------------------------------------------------------------------------------------------
// Administrative units and agencies
// ---------------------------------------------------------------------------------------------

function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const it of items) out[key(it)] = (out[key(it)] ?? 0) + 1;
  return out;
}

/** Date of the unit list (`_meta.data_date`, `DD/MM/YYYY`) as ISO, or null. */
function adminUnitsDate(file: AdminUnitsFile): string | null {
  return file._meta?.data_date ? parseVietnameseDate(file._meta.data_date) : null;
}

/**
 * Maps `vn-admin-units-laocai.json` (the national list of administrative units, GSO, via
 * daohoangson/dvhcvn) to the province profile: name "Tỉnh Lào Cai", the unit tree summary in
 * `adminUnits` (counts by level and type, each district-level unit with its commune names),
 * `adminUnitsDate` (the list's date, ISO) and a Markdown `overview` written from those numbers
 * only. The list has the three-level structure in force before 1 July 2025.
 *
 * @returns one item; a level-2 unit without an id or name is skipped with a reason.
 */
export function mapProvinceProfile(file: AdminUnitsFile): MapResult<MappedProvinceProfile> {
  const skipped: SkippedRecord[] = [];
  const p = file.province;
  const level2 = (p.level2s ?? []).filter((d) => {
    if (!d.level2_id || !d.name) {
      skipped.push({ source: SOURCES.adminUnits, key: d.name ?? d.level2_id ?? '?', reason: 'đơn vị cấp huyện thiếu mã hoặc tên' });
      return false;
    }
    return true;
  });
  const level3 = level2.flatMap((d) => d.level3s ?? []);
  const dataDate = adminUnitsDate(file);
  const adminUnits: ProvinceAdminUnits = {
    code: p.level1_id,
    name: p.name,
    type: p.type,
    dataDate,
    source: file._meta?.upstream_origin ?? file._meta?.source_repository ?? null,
    structure: file._meta?.structure ?? null,
    counts: {
      level2: level2.length,
      level3: level3.length,
      level2ByType: countBy(level2, (d) => d.type),
      level3ByType: countBy(level3, (c) => c.type),
    },
    level2: level2.map((d) => ({
      code: d.level2_id,
      name: d.name,
      type: d.type,
      level3Count: (d.level3s ?? []).length,
      level3: (d.level3s ?? []).map((c) => c.name),
    })),
  };

  const t2 = adminUnits.counts.level2ByType;
  const t3 = adminUnits.counts.level3ByType;
  const list = (counts: Record<string, number>, order: string[]) =>
    order
      .filter((t) => counts[t])
      .map((t) => `${counts[t]} ${t.toLocaleLowerCase('vi')}`)
      .join(', ')
      .replace(/, ([^,]*)$/, ' và $1');
  const dateText = dataDate ? `${dataDate.slice(8, 10)}/${dataDate.slice(5, 7)}/${dataDate.slice(0, 4)}` : null;
  const overview = [
    `${p.name} có ${level2.length} đơn vị hành chính cấp huyện (${list(t2, ['Thành phố', 'Thị xã', 'Huyện'])}) ` +
      `và ${level3.length} đơn vị hành chính cấp xã (${list(t3, ['Phường', 'Thị trấn', 'Xã'])}).`,
    '| Đơn vị hành chính cấp huyện | Mã | Số đơn vị cấp xã |\n|---|---|---|\n' +
      adminUnits.level2.map((d) => `| ${d.name} | ${d.code} | ${d.level3Count} |`).join('\n'),
    `Số liệu theo Danh mục đơn vị hành chính Việt Nam của Tổng cục Thống kê` +
      (dateText ? `, cập nhật ngày ${dateText}` : '') +
      ` (cơ cấu ba cấp tỉnh – huyện – xã, trước ngày 01/7/2025).`,
  ].join('\n\n');

  return { items: [{ name: 'Tỉnh Lào Cai', overview, adminUnits, adminUnitsDate: dataDate }], skipped };
}

const SCHEDULES: Record<string, UpdateSchedule> = { 'mon-wed-fri': 'monWedFri', daily: 'daily', monWedFri: 'monWedFri' };

/**
 * Maps `agencies-laocai.json` to agencies. `kind` is taken as is (it already uses the glossary
 * identifiers); `updateSchedule` `'mon-wed-fri'` → `'monWedFri'` (R-2.5), `'daily'` → `'daily'`
 * (R-2.6); `sortOrder` is the position in the file. A district (`kind: 'district'`) gets in
 * `adminUnits` its commune-level units from `adminUnitsFile`, matched by `adminUnitCode` =
 * `level2_id`, or else by name (short name "Huyện Bát Xát" = unit name).
 *
 * Skipped: a record without a name, a duplicate name (the name is unique in the CMS), an unknown
 * kind or update schedule. A district whose unit is not in the list is kept (`adminUnits: null`)
 * and reported in `skipped` with source vn-admin-units-laocai.json (import.ts logs it as a warning).
 */
export function mapAgencies(file: AgenciesFile, adminUnitsFile?: AdminUnitsFile | null): MapResult<MappedAgency> {
  const items: MappedAgency[] = [];
  const skipped: SkippedRecord[] = [];
  const seen = new Set<string>();
  const slugs = new Set<string>();
  const level2s = adminUnitsFile?.province?.level2s ?? [];
  const dataDate = adminUnitsFile ? adminUnitsDate(adminUnitsFile) : null;

  (file.agencies ?? []).forEach((a, index) => {
    const name = clean(a.name);
    const key = name ?? `#${index + 1}`;
    const skip = (reason: string) => skipped.push({ source: SOURCES.agencies, key, reason });
    if (!name) return skip('thiếu tên cơ quan (name)');
    if (seen.has(matchKey(name))) return skip('trùng tên với một cơ quan đã có trong tệp');
    if (!a.kind || !(AGENCY_KINDS as readonly string[]).includes(a.kind)) return skip(`loại cơ quan không hợp lệ: ${a.kind ?? 'null'}`);
    const schedule = SCHEDULES[String(a.updateSchedule ?? 'mon-wed-fri')];
    if (!schedule) return skip(`lịch cập nhật không hợp lệ: ${a.updateSchedule}`);
    seen.add(matchKey(name));

    const code = clean(a.adminUnitCode);
    let adminUnits: DistrictAdminUnits | null = null;
    if (a.kind === 'district') {
      const unit =
        (code ? level2s.find((d) => d.level2_id === code) : undefined) ??
        level2s.find((d) => matchKey(d.name) === matchKey(a.shortName) || matchKey(name).endsWith(matchKey(d.name)));
      if (unit) {
        const units = (unit.level3s ?? []).map((c) => ({ code: c.level3_id, name: c.name, type: c.type }));
        adminUnits = {
          code: unit.level2_id,
          name: unit.name,
          type: unit.type,
          dataDate,
          counts: { total: units.length, byType: countBy(units, (u) => u.type) },
          units,
        };
      } else {
        skipped.push({
          source: SOURCES.adminUnits,
          key: name,
          reason: `không tìm thấy đơn vị hành chính mã ${code ?? '—'} của huyện (agency vẫn được nhập, không có adminUnits)`,
        });
      }
    }
    items.push({
      name,
      shortName: clean(a.shortName),
      slug: uniqueSlug(toSlug(name), slugs),
      kind: a.kind as AgencyKind,
      pilotEService: a.pilotEService === true,
      updateSchedule: schedule,
      adminUnitCode: code ?? adminUnits?.code ?? null,
      adminUnits,
      sortOrder: index + 1,
    });
  });
  return { items, skipped };
}

// ---------------------------------------------------------------------------------------------
// Legal documents
// ---------------------------------------------------------------------------------------------

/** Slug of a legal document: its number, plus `-<year issued>` when the number has no year. */
export function legalDocumentSlug(documentNumber: string, issuedDate: string): string {
  const base = toSlug(documentNumber);
  return /\/\d{4}\//.test(documentNumber) ? base : `${base}-${issuedDate.slice(0, 4)}`;
}

/**
 * Maps `legal-documents-laocai.json`: so_ky_hieu → documentNumber; loai_van_ban → documentType
 * (`documentTypeFromVietnamese`, falling back to the type part of the number); co_quan_ban_hanh →
 * issuingBody (a trailing "(khoá I, kỳ họp thứ hai)" goes to `note`); nguoi_ky → signer;
 * ngay_ban_hanh → issuedDate, or when absent parsed from ngay_ban_hanh_ghi_tren_trang
 * ("Hà Nội, ngày 21 tháng 1 năm 1992" → 1992-01-21); ngay_hieu_luc → effectiveDate (only when the
 * document states it); trich_yeu → abstract; linh_vuc → field; url → sourceUrl; toan_van → body
 * (Markdown); the source's notes (ghi_chu, provenance of the number, date of adoption) → note.
 * validityStatus = `computeValidityStatus({ effectiveDate }, today)` — `unknown` when the
 * effective date is not stated. HĐND/UBND tỉnh documents are filed under
 * {@link PROVINCIAL_OFFICE_NAME}.
 *
 * Skipped: no number, a number the CMS would refuse (`validateDocumentNumber`), no issue date,
 * no abstract, an effective date before the issue date, a duplicate number + issue date.
 *
 * @param opts.today ISO `YYYY-MM-DD`, the Vietnam date validity is computed for
 * @param opts.agencies agencies that documents may be filed under
 */
export function mapLegalDocuments(file: LegalDocumentsFile, opts: { today: string; agencies?: AgencyRef[] }): MapResult<MappedLegalDocument> {
  const items: MappedLegalDocument[] = [];
  const skipped: SkippedRecord[] = [];
  const seen = new Set<string>();
  const slugs = new Set<string>();
  (file.documents ?? []).forEach((d, index) => {
    const number = clean(d.so_ky_hieu);
    const key = number ?? `#${index + 1}`;
    const skip = (reason: string) => skipped.push({ source: SOURCES.legalDocuments, key, reason });
    if (!number) return skip('thiếu số ký hiệu (so_ky_hieu)');
    const numberError = validateDocumentNumber(number);
    if (numberError) return skip(`số ký hiệu không hợp lệ: ${numberError}`);
    const issuedDate = isIsoDate(d.ngay_ban_hanh)
      ? d.ngay_ban_hanh
      : d.ngay_ban_hanh_ghi_tren_trang
        ? parseVietnameseDate(d.ngay_ban_hanh_ghi_tren_trang)
        : null;
    if (!issuedDate) return skip('không xác định được ngày ban hành (ngay_ban_hanh, ngay_ban_hanh_ghi_tren_trang)');
    const effectiveDate = isIsoDate(d.ngay_hieu_luc) ? d.ngay_hieu_luc : d.ngay_hieu_luc ? parseVietnameseDate(d.ngay_hieu_luc) : null;
    if (effectiveDate && effectiveDate < issuedDate) return skip(`ngày hiệu lực ${effectiveDate} trước ngày ban hành ${issuedDate}`);
    const abstract = clean(d.trich_yeu);
    if (!abstract) return skip('thiếu trích yếu (trich_yeu)');
    const rawBody = clean(d.co_quan_ban_hanh);
    if (!rawBody) return skip('thiếu cơ quan ban hành (co_quan_ban_hanh)');
    const naturalKey = `${number}|${issuedDate}`;
    if (seen.has(naturalKey)) return skip('trùng số ký hiệu và ngày ban hành với văn bản đã có trong tệp');
    seen.add(naturalKey);

    const [issuingBody, session] = splitParenthetical(rawBody);
    const typeFromLabel = d.loai_van_ban ? documentTypeFromVietnamese(d.loai_van_ban) : 'other';
    const documentType = typeFromLabel !== 'other' ? typeFromLabel : documentTypeFromVietnamese(number);
    const noteLines = [
      session ? `Cơ quan ban hành: ${rawBody}.` : null,
      d.ngay_thong_qua && isIsoDate(d.ngay_thong_qua) ? `Ngày thông qua: ${d.ngay_thong_qua.split('-').reverse().join('/')}.` : null,
      clean(d.ngay_hieu_luc_ghi_chu) ? `Hiệu lực: ${clean(d.ngay_hieu_luc_ghi_chu)}` : null,
      clean(d.so_ky_hieu_nguon) ? `Nguồn số ký hiệu: ${clean(d.so_ky_hieu_nguon)}.` : null,
      clean(d.ghi_chu),
      clean(d.toan_van_ghi_chu),
    ].filter(Boolean);
    const agencyName = agencyForIssuingBody(issuingBody, opts.agencies ?? []);
    items.push({
      documentNumber: number,
      slug: uniqueSlug(legalDocumentSlug(number, issuedDate), slugs),
      documentType,
      issuingBody,
      signer: clean(d.nguoi_ky),
      issuedDate,
      effectiveDate,
      validityStatus: computeValidityStatus({ effectiveDate }, opts.today),
      abstract,
      field: clean(d.linh_vuc),
      body: d.toan_van ? plainTextToMarkdown(d.toan_van) : null,
      isPolicy: false,
      sourceUrl: clean(d.url),
      note: noteLines.length ? noteLines.join('\n') : null,
      agencyName,
    });
  });
  return { items, skipped };
}

/**
 * Maps the text of Decision 07/2006/QĐ-UBND (seed/quyet-dinh-07-2006-QD-UBND.txt) to a legal
 * document, every value read from the text:
 * - documentNumber and issuedDate from "(Kèm theo Quyết định số 07/2006/QĐ-UBND ngày 09/02/2006 …)";
 * - documentType from the heading "QUYẾT ĐỊNH" (decision);
 * - issuingBody from the line "ỦY BAN NHÂN DÂN TỈNH LÀO CAI" → 'Ủy ban nhân dân tỉnh Lào Cai';
 * - effectiveDate = issuedDate + N days, N from Article 2 of the decision ("có hiệu lực sau 15
 *   ngày kể từ ngày ký") → 2006-02-24;
 * - abstract = the title line in sentence case
 *   ('Về việc quy định trách nhiệm cung cấp thông tin cho "Cổng giao tiếp điện tử Lào Cai"');
 * - body = the full text as Markdown ({@link plainTextToMarkdown}); isPolicy = true; filed
 *   under {@link PROVINCIAL_OFFICE_NAME}; validityStatus via `computeValidityStatus(…, today)`.
 *
 * @returns one item, or none and a skipped entry naming what the text lacks.
 */
export function mapDecision(text: string, opts: { today: string; agencies?: AgencyRef[] }): MapResult<MappedLegalDocument> {
  const src = String(text ?? '').normalize('NFC');
  const skip = (reason: string): MapResult<MappedLegalDocument> => ({
    items: [],
    skipped: [{ source: SOURCES.decision, key: '07/2006/QĐ-UBND', reason }],
  });
  const ref = /Quyết định số\s+(\d+\/\d{4}\/[^\s,)]+)\s+ngày\s+(\d{1,2}\/\d{1,2}\/\d{4})/u.exec(src);
  if (!ref) return skip('không tìm thấy dòng "Quyết định số … ngày …" trong văn bản');
  const documentNumber = ref[1];
  const issuedDate = parseVietnameseDate(ref[2]);
  if (!issuedDate) return skip(`ngày ban hành không đọc được: ${ref[2]}`);
  const effective = /có hiệu lực sau\s+(\d+)\s+ngày\s+kể từ ngày ký/u.exec(src);
  const effectiveFromSigning = /có hiệu lực (?:thi hành )?(?:kể )?từ ngày ký/u.test(src);
  const effectiveDate = effective ? addDays(issuedDate, Number(effective[1])) : effectiveFromSigning ? issuedDate : null;

  const textLines = src
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const headingIndex = textLines.findIndex((l) => /^QUYẾT ĐỊNH$/u.test(l));
  const titleLine = headingIndex >= 0 ? textLines[headingIndex + 1] : undefined;
  if (!titleLine || !/^VỀ VIỆC/u.test(titleLine)) return skip('không tìm thấy dòng tiêu đề "VỀ VIỆC …" sau "QUYẾT ĐỊNH"');
  const issuerLine = textLines.find((l) => /^(ỦY|UỶ) BAN NHÂN DÂN TỈNH/u.test(l));
  const issuingBody = issuerLine ? sentenceCase(issuerLine).replace(/^Uỷ/u, 'Ủy') : 'Ủy ban nhân dân tỉnh Lào Cai';

  return {
    items: [
      {
        documentNumber,
        slug: legalDocumentSlug(documentNumber, issuedDate),
        documentType: documentTypeFromVietnamese(textLines[headingIndex]),
        issuingBody,
        signer: null,
        issuedDate,
        effectiveDate,
        validityStatus: computeValidityStatus({ effectiveDate }, opts.today),
        abstract: sentenceCase(titleLine),
        field: null,
        body: plainTextToMarkdown(src),
        isPolicy: true,
        sourceUrl: null,
        note:
          'Toàn văn theo bản lưu trong tài liệu nguồn của dự án (seed/quyet-dinh-07-2006-QD-UBND.txt); giữ nguyên chính tả của bản gốc ' +
          '(ví dụ “thứ 2.4. 6” là thứ Hai, thứ Tư, thứ Sáu). Hiệu lực: sau 15 ngày kể từ ngày ký (Điều 2).',
        agencyName: agencyForIssuingBody(issuingBody, opts.agencies ?? []),
      },
    ],
    skipped: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Administrative procedures
// ---------------------------------------------------------------------------------------------

/**
 * Splits "trình tự thực hiện" into `procedure.step` components and a plain-text rendering:
 * - a list in the form `['1', 'Nộp Hồ Sơ', 'Tổ chức chuẩn bị …', '2', …]` (number, title, text):
 *   one step per number, description "Nộp hồ sơ: Tổ chức chuẩn bị …" (title in sentence case);
 * - text with "Bước 1 …", "Bước 2 …" (any case; `:`, `.`, `-` or `)` after the number): one step each;
 * - text or lines numbered "1. …", "2. …": one step each;
 * - otherwise no steps (the text stays in `stepsText`).
 *
 * @returns `steps` (order from 1) and `stepsText` (the source text, or for a list the steps
 *   one per line as "1. description"); both empty/null for no input.
 */
export function parseSteps(raw: TextOrLines): { steps: MappedStep[]; stepsText: string | null } {
  if (raw === null || raw === undefined) return { steps: [], stepsText: null };
  const ls = lines(raw);
  if (!ls.length) return { steps: [], stepsText: null };
  let steps: MappedStep[] = [];
  if (Array.isArray(raw) && /^\d+$/.test(ls[0])) {
    let current: { order: number; parts: string[] } | null = null;
    const done: { order: number; parts: string[] }[] = [];
    for (const l of ls) {
      if (/^\d+$/.test(l)) {
        if (current) done.push(current);
        current = { order: Number(l), parts: [] };
      } else if (current) {
        current.parts.push(l);
      }
    }
    if (current) done.push(current);
    steps = done
      .filter((s) => s.parts.length)
      .map((s) => {
        const [title, ...rest] = s.parts;
        const t = sentenceCase(title).replace(/[.:]$/, '');
        return { order: s.order, description: rest.length ? `${t}: ${rest.join(' ')}` : t };
      });
    return { steps, stepsText: steps.map((s) => `${s.order}. ${s.description}`).join('\n') };
  }
  const text = Array.isArray(raw) ? ls.join('\n') : String(raw).normalize('NFC').trim();
  const byBuoc = text
    .split(/(?=\bBước\s+\d+\s*[:.\-–)]?)/iu)
    .map((p) => p.trim())
    .filter(Boolean);
  const buocParts = byBuoc.filter((p) => /^Bước\s+\d+/iu.test(p));
  if (buocParts.length) {
    steps = buocParts.map((p) => {
      const m = /^Bước\s+(\d+)\s*[:.\-–)]?\s*([\s\S]*)$/iu.exec(p)!;
      return { order: Number(m[1]), description: m[2].replace(/\s+/g, ' ').trim() || `Bước ${m[1]}` };
    });
  } else {
    const numbered = text
      .split(/\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    if (numbered.length > 1 && numbered.every((l) => /^\d+[.)]\s+/.test(l))) {
      steps = numbered.map((l) => {
        const m = /^(\d+)[.)]\s+(.*)$/.exec(l)!;
        return { order: Number(m[1]), description: m[2] };
      });
    }
  }
  return { steps, stepsText: text };
}

/**
 * Splits "cách thức thực hiện" into `procedure.submission-method` components. Lines are
 * stripped of their numbering ("1. ") and mapped with `submissionMethodFromVietnamese`
 * (in person / online / post); the line is kept as the description. Lines after the heading
 * "Yêu cầu & Điều kiện thực hiện" (which one source puts in this field) are returned as
 * `requirements`; lines naming no method go to `unrecognised`.
 */
export function parseSubmissionMethods(raw: TextOrLines): {
  methods: MappedSubmissionMethod[];
  requirements: string[];
  unrecognised: string[];
} {
  const methods: MappedSubmissionMethod[] = [];
  const requirements: string[] = [];
  const unrecognised: string[] = [];
  let inRequirements = false;
  for (const l of lines(raw)) {
    if (/^yeu cau (va|&)?\s*dieu kien/.test(fold(l))) {
      inRequirements = true;
      continue;
    }
    if (inRequirements) {
      requirements.push(stripMarkdownEmphasis(l));
      continue;
    }
    const description = l.replace(/^\d+[.)]\s*/, '');
    const method = submissionMethodFromVietnamese(description);
    if (method) methods.push({ method, description });
    else unrecognised.push(l);
  }
  return { methods, requirements, unrecognised };
}

/**
 * Splits "thành phần hồ sơ" into `procedure.dossier-component` components, reading the number
 * of originals and copies where stated: "Đơn đăng ký … (01 bản chính)" → `{ name: 'Đơn đăng ký …',
 * originals: 1, copies: null }`. A general note line ("*Lưu ý: Mỗi loại giấy tờ cần 1 bản chính và
 * 1 bản sao.") is not a component: its counts apply to every component that states none.
 * Counts not stated stay null ("Bản gốc Giấy chứng nhận đã cấp" states no number).
 */
export function parseDossierComponents(raw: TextOrLines): MappedDossierComponent[] {
  const count = (s: string, what: 'chính' | 'sao'): number | null => {
    const m = new RegExp(`(\\d+)\\s*bản\\s*${what}`, 'iu').exec(s);
    return m ? Number(m[1]) : null;
  };
  const components: MappedDossierComponent[] = [];
  let defaults: { originals: number | null; copies: number | null } | null = null;
  for (const l of lines(raw)) {
    if (/^\*?\s*lưu ý/iu.test(l)) {
      defaults = { originals: count(l, 'chính'), copies: count(l, 'sao') };
      continue;
    }
    const originals = count(l, 'chính');
    const copies = count(l, 'sao');
    const name = l
      .replace(/\s*\(([^()]*\d+\s*bản\s*(chính|sao)[^()]*)\)\s*/giu, ' ')
      .replace(/^[-•*]\s*/, '')
      .replace(/\s+/g, ' ')
      .trim();
    components.push({ name, originals, copies, note: null });
  }
  if (defaults) {
    for (const c of components) {
      if (c.originals === null && c.copies === null) {
        c.originals = defaults.originals;
        c.copies = defaults.copies;
      }
    }
  }
  return components;
}

/** A line that is only part of an amount spread over several lines ("Từ", "đến", "-", "~"). */
const AMOUNT_CONNECTOR = /^(từ|đến|tới|-|–|~|khoảng)$/iu;

function lowerFirst(s: string): string {
  return s.replace(/^(\p{Lu})(?!\p{Lu})/u, (c) => c.toLocaleLowerCase('vi'));
}

/**
 * Reads fee rows from a fee list as published by the land-procedure portal, where headings,
 * labels and amounts come on separate lines:
 * `['Đối tượng: Hộ gia đình, cá nhân', 'Nộp Trực Tiếp / Bưu Chính', 'Phí thẩm định:', 'Về QSDĐ:',
 *   '810.000đ', …, 'Lệ phí:', '12.000đ - 60.000đ', 'Lưu ý chung:', 'Phí cấp thêm GCN … là',
 *   '50.000 đồng/GCN', '.']`.
 * Context lines ("Đối tượng: …", "Nộp trực tiếp / trực tuyến …") qualify the rows that follow;
 * a line ending in ":" that starts with "Phí"/"Lệ phí" is a category, other such lines are
 * labels (a label directly followed by another label groups it); value lines are joined until
 * the next heading (a remark right after an amount, "Miễn 100% theo Nghị quyết …", joins it)
 * and read with `parseVndAmounts`. Each value gives one row: description
 * "Phí thẩm định – Về QSDĐ (hộ gia đình, cá nhân; nộp trực tiếp / bưu chính)", `amountVnd` the
 * amount when exactly one is stated (0 for "0đ (Miễn 100%)"), null for a range, `note` the value
 * as written. Lines without an amount add no row.
 */
export function parseFeeList(raw: string[]): MappedFee[] {
  const ls = lines(raw);
  const rows: MappedFee[] = [];
  let audience: string | null = null;
  let sectionAudience: string | null = null;
  let subAudience: string | null = null;
  let channel: string | null = null;
  let section: string | null = null;
  let category: string | null = null;
  let group: string | null = null;
  let label: string | null = null;
  let pending: string | null = null;
  let values: string[] = [];
  let afterConnector = false;

  const isLabelLine = (l: string | undefined) => !!l && /:$/.test(l) && parseVndAmounts(l).length === 0;
  const describe = (extra?: string) => {
    const parts = [section, category, group, label, extra].filter((p): p is string => !!p);
    const main = parts.length ? parts.join(' – ') : (pending ?? 'Phí, lệ phí');
    const ctx = [audience, sectionAudience, subAudience, channel].filter((p): p is string => !!p).map(lowerFirst);
    return ctx.length ? `${main} (${ctx.join('; ')})` : main;
  };
  const push = (text: string, extra?: string) => {
    const amounts = parseVndAmounts(text);
    if (!amounts.length) return;
    rows.push({ description: describe(extra), amountVnd: amounts.length === 1 ? amounts[0] : null, note: text });
  };
  const flush = () => {
    if (values.length) push(values.join(' ').replace(/\s+/g, ' ').trim());
    values = [];
    afterConnector = false;
  };

  ls.forEach((l, i) => {
    if (l === '.' || l === ',') return;
    const f = fold(l);
    const section_ = FEE_SECTION.exec(l);
    if (FEE_TABLE_HEADING.test(f)) {
      // "Chi Tiết Phí và Lệ Phí (Đối với Hộ gia đình, cá nhân)": the table's audience, if any
      flush();
      audience = audienceOf(splitParenthetical(l)[1]);
      sectionAudience = subAudience = channel = section = category = group = label = pending = null;
    } else if (/^doi tuong:/.test(f)) {
      flush();
      audience = l.replace(/^[^:]*:\s*/, '').trim();
      sectionAudience = subAudience = channel = section = category = group = label = pending = null;
    } else if (section_) {
      // "I. Phí Thẩm Định Hồ Sơ", "II. Lệ Phí Cấp Giấy Chứng Nhận (Đối với …)"
      flush();
      const [name, paren] = splitParenthetical(section_[1]);
      section = sentenceCase(name);
      sectionAudience = audienceOf(paren);
      subAudience = channel = category = group = label = pending = null;
    } else if (/^nop truc (tiep|tuyen)/.test(f)) {
      flush();
      channel = sentenceCase(splitParenthetical(l)[0]);
      subAudience = category = group = label = pending = null;
    } else if (/^luu y/.test(f)) {
      flush();
      audience = sectionAudience = subAudience = channel = section = category = group = label = pending = null;
    } else if (/^doi voi\s/.test(f) && isLabelLine(l)) {
      // "Đối với Tổ chức:", "Đối với Hộ gia đình, Cá nhân:" — who the rows that follow apply to
      flush();
      subAudience = audienceOf(l.slice(0, -1));
      group = label = pending = null;
    } else if (/^\(.*\)$/.test(l)) {
      flush();
      const inner = l.slice(1, -1);
      const colon = inner.indexOf(':');
      if (colon > 0) push(inner.slice(colon + 1).trim(), lowerFirst(inner.slice(0, colon).trim()));
      else push(inner);
    } else if (parseVndAmounts(l).length > 0 || AMOUNT_CONNECTOR.test(l)) {
      const colon = l.indexOf(':');
      if (colon > 0 && parseVndAmounts(l.slice(0, colon)).length === 0) {
        // "Lệ phí: 100.000 đồng/hồ sơ" — label and amount on one line
        flush();
        const name = l.slice(0, colon).trim();
        if (/^(phí|lệ phí)/iu.test(name)) {
          category = name;
          group = label = null;
        } else {
          label = name;
        }
        values = [l.slice(colon + 1).trim()];
        flush();
      } else {
        const connector = AMOUNT_CONNECTOR.test(l);
        // a second amount starts a new row ("30.000đ/giấy:" … "15.000đ/giấy:"), unless a
        // connector joins it to the first ("Từ", "120.000đ", "đến", "600.000đ")
        if (!connector && !afterConnector && parseVndAmounts(values.join(' ')).length > 0) flush();
        values.push(l);
        afterConnector = connector;
      }
    } else if (isLabelLine(l)) {
      flush();
      const name = l.slice(0, -1).trim();
      pending = null;
      if (/^(phí|lệ phí)/iu.test(name)) {
        category = name;
        group = label = null;
      } else if (isLabelLine(ls[i + 1])) {
        group = name;
        label = null;
      } else {
        label = name;
      }
    } else if (values.length) {
      // a remark right after an amount ("0đ" then "Miễn 100% theo Nghị quyết …") belongs to it
      values.push(l);
    } else {
      // free text: "Phí cấp thêm GCN … là" introduces the amount on the next line
      flush();
      category = group = label = null;
      pending = l.replace(/\s+(là|:)$/u, '').trim();
    }
  });
  flush();
  return rows;
}

/** Heading of a whole fee table: "Chi Tiết Chi Phí", "Chi Tiết Phí và Lệ Phí (Đối với …)" (folded). */
const FEE_TABLE_HEADING = /^chi tiet (chi phi|phi|le phi)\b/;
/** A roman-numbered part of a fee table: "I. Phí Thẩm Định Hồ Sơ", "II. Lệ Phí Cấp Giấy Chứng Nhận". */
const FEE_SECTION = /^[IVX]+\.\s+((?:phí|lệ phí|chi phí)(?![\p{L}]).*)$/iu;

/** "Đối với Hộ gia đình, cá nhân" / "Đối tượng: Tổ chức" → "Hộ gia đình, cá nhân" / "Tổ chức"; null for anything else. */
function audienceOf(text: string | null | undefined): string | null {
  if (!text) return null;
  const m = /^(?:đối với|đối tượng:?)\s+(.+)$/iu.exec(text.trim());
  return m ? m[1].trim() : null;
}

/** True when a line of "thành phần hồ sơ" is where a fee table starts (see {@link splitDossierAndFees}). */
function startsFeeTable(line: string): boolean {
  const f = fold(line);
  if (FEE_TABLE_HEADING.test(f) || FEE_SECTION.test(line)) return true;
  if (/^(phi|le phi|chi phi|phi va le phi|phi, le phi)(\s*\(.*\))?:?$/.test(f)) return true;
  if (/^(phi|le phi)\b[^:]*:/.test(f)) return true;
  return parseVndAmounts(line).length > 0;
}

/**
 * Separates the dossier components of a "thành phần hồ sơ" text from a fee table the source put
 * after them (one publisher's pages head their fee table "Chi Tiết Phí và Lệ Phí", which the
 * source's scraper did not recognise, so the whole table — "I. Phí Thẩm Định Hồ Sơ", "Nộp Trực
 * Tiếp / Bưu Chính", "Về QSDĐ:", "1.130.000đ", … — arrived as dossier lines). The table starts at
 * the first line that is a fee heading ("Chi tiết phí…", "I. Phí …", "Lệ phí:", "Phí, lệ phí")
 * or states an amount in đồng; everything from there on is fee lines (for {@link parseFeeList}).
 *
 * @returns `dossier` lines (for {@link parseDossierComponents}) and `fees` lines (empty when none)
 */
export function splitDossierAndFees(raw: TextOrLines): { dossier: string[]; fees: string[] } {
  const ls = lines(raw);
  const start = ls.findIndex(startsFeeTable);
  return start < 0 ? { dossier: ls, fees: [] } : { dossier: ls.slice(0, start), fees: ls.slice(start) };
}

/**
 * Fee rows and fee text of a procedure from its `phi` and `le_phi` fields (and `le_phi_tom_tat`):
 * - a text that is free (`isFeeFree`: "Không", "Miễn phí", "0đ") gives no row;
 * - a text with amounts gives one row (description "Phí" / "Lệ phí", `amountVnd` when exactly
 *   one amount is stated, the text in `note`); a reference such as "Theo quy định của Bộ Tài
 *   chính" gives no row;
 * - a list is read with {@link parseFeeList}.
 * `feesText` keeps every source line ("Phí: Không", "Lệ phí: 70.000 đ/lần cấp", the list lines);
 * `unread` lists the texts that are neither free nor state an amount ("Phí: Theo QĐ"), for the
 * import's report.
 */
export function parseFees(p: Pick<ProcedureSource, 'phi' | 'le_phi' | 'le_phi_tom_tat'>): { fees: MappedFee[]; feesText: string | null; unread: string[] } {
  const fees: MappedFee[] = [];
  const text: string[] = [];
  const unread: string[] = [];
  const summary = clean(p.le_phi_tom_tat);
  if (summary) text.push(summary);
  for (const [label, value] of [
    ['Phí', p.phi],
    ['Lệ phí', p.le_phi],
  ] as const) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      fees.push(...parseFeeList(value));
      text.push(...lines(value).filter((l) => l !== '.'));
      continue;
    }
    const s = clean(value);
    if (!s) continue;
    text.push(`${label}: ${s}`);
    if (isFeeFree(s)) continue;
    const amounts = parseVndAmounts(s);
    if (amounts.length) fees.push({ description: label, amountVnd: amounts.length === 1 ? amounts[0] : null, note: s });
    else unread.push(`${label}: ${s}`);
  }
  return { fees, feesText: text.length ? text.join('\n') : null, unread };
}

/** Document numbers cited in a text ("Nghị định 101/2024/NĐ-CP", "Luật số 43/2024/QH15"). */
export function citedDocumentNumbers(text: string | null | undefined): string[] {
  if (!text) return [];
  const re = /(?<![\d/])\d{1,6}(?:\/\d{4})?\/[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ0-9]+)*/gu;
  return [...new Set(String(text).normalize('NFC').match(re) ?? [])];
}

/** True when the record's locality (`dia_phuong`) is the province of Lào Cai (or not stated). */
function isLaoCaiRecord(p: ProcedureSource): boolean {
  return !p.dia_phuong || /\blao cai\b/.test(fold(p.dia_phuong));
}

/**
 * Maps `procedures-sample.json`: ten_thu_tuc → name; ma_thu_tuc → procedureCode; muc_do_dvc →
 * level (Một phần → partial, Toàn trình → full); linh_vuc → field (without the source's bracketed
 * remark); co_quan_thuc_hien → executingAgency (and the agency relation when it names one of
 * ours — "UBND cấp xã", "Cấp Quận/huyện" name none); trinh_tu_thuc_hien → steps + stepsText
 * ({@link parseSteps}); cach_thuc_thuc_hien → submissionMethods, its "Yêu cầu & Điều kiện" part →
 * requirements ({@link parseSubmissionMethods}); so_luong_ho_so → dossierQuantity;
 * thanh_phan_ho_so → dossierComponents ({@link parseDossierComponents}) — a fee table found inside it
 * ({@link splitDossierAndFees}) goes to fees and feesText instead; thoi_han_giai_quyet →
 * processingTime `{ value, unit, text }` (`parseProcessingTime`; the first stage when several are
 * listed, full text kept); doi_tuong_thuc_hien → applicants; ket_qua → result; phi/le_phi →
 * fees + feesText ({@link parseFees}); yeu_cau → requirements; can_cu_phap_ly → legalBasisText
 * (cited numbers in legalBasisNumbers); source → sourceUrl.
 *
 * Skipped: no name; a duplicate code (or name when there is no code); unless
 * `includeOtherProvinces`, a record whose `dia_phuong` is another province (the sample's land
 * procedures are Đồng Nai's, from an unlicensed third-party summary: publishing them as Lào Cai
 * procedures would mislead); and, as separate entries, submission-method lines naming no method.
 * `unparsed` reports texts imported verbatim but not read: fee texts stating no amount, a fee
 * table found in the dossier components (and how many fee rows it gave), a processing time
 * with no duration.
 */
export function mapProcedures(file: ProceduresFile, opts: { agencies?: AgencyRef[]; includeOtherProvinces?: boolean } = {}): MapResult<MappedProcedure> {
  const items: MappedProcedure[] = [];
  const skipped: SkippedRecord[] = [];
  const unparsed: UnparsedText[] = [];
  const seen = new Set<string>();
  const slugs = new Set<string>();
  (file.procedures ?? []).forEach((p, index) => {
    const name = clean(p.ten_thu_tuc);
    const code = clean(p.ma_thu_tuc);
    const key = code ?? (name ? (name.length > 70 ? `${name.slice(0, 70)}…` : name) : `#${index + 1}`);
    const skip = (reason: string) => skipped.push({ source: SOURCES.procedures, key, reason });
    if (!name) return skip('thiếu tên thủ tục (ten_thu_tuc)');
    if (!opts.includeOtherProvinces && !isLaoCaiRecord(p)) {
      const place = lowerFirst(splitParenthetical(clean(p.dia_phuong) ?? '')[0]);
      return skip(`thủ tục của ${place}, không phải tỉnh Lào Cai (bản tóm tắt của bên thứ ba, không có giấy phép; chỉ dùng để thử nghiệm)`);
    }
    const naturalKey = code ? `code:${code}` : `name:${matchKey(name)}`;
    if (seen.has(naturalKey)) return skip(code ? 'trùng mã thủ tục với thủ tục đã có trong tệp' : 'trùng tên thủ tục với thủ tục đã có trong tệp');
    seen.add(naturalKey);

    const { steps, stepsText } = parseSteps(p.trinh_tu_thuc_hien);
    const submission = parseSubmissionMethods(p.cach_thuc_thuc_hien);
    for (const l of submission.unrecognised) {
      skipped.push({ source: SOURCES.procedures, key: `${key} (cach_thuc_thuc_hien)`, reason: `không nhận ra cách thức nộp hồ sơ: "${l}"` });
    }
    const timeText = clean(p.thoi_han_giai_quyet);
    const parsedTime = timeText ? parseProcessingTime(timeText) : null;
    const { fees, feesText, unread } = parseFees(p);
    const note = (field: string, reason: string) => unparsed.push({ source: SOURCES.procedures, key, field, reason });
    for (const u of unread) note(/^Phí:/.test(u) ? 'phi' : 'le_phi', `không đọc được số tiền, giữ nguyên văn trong feesText: "${u}"`);
    // a fee table the source put inside the dossier components: its rows are fees, not documents
    const dossier = splitDossierAndFees(p.thanh_phan_ho_so);
    let allFees = fees;
    let allFeesText = feesText;
    if (dossier.fees.length) {
      const tableFees = parseFeeList(dossier.fees);
      allFees = [...fees, ...tableFees];
      allFeesText = [feesText, ...dossier.fees].filter((t): t is string => !!t).join('\n');
      note(
        'thanh_phan_ho_so',
        tableFees.length
          ? `bảng phí, lệ phí nằm trong thành phần hồ sơ (${dossier.fees.length} dòng từ "${dossier.fees[0]}"): đã đọc thành ${tableFees.length} khoản phí, không nhập thành giấy tờ`
          : `${dossier.fees.length} dòng phí, lệ phí nằm trong thành phần hồ sơ (từ "${dossier.fees[0]}") nhưng không đọc được số tiền nào; giữ nguyên văn trong feesText`,
      );
    }
    if (timeText && !parsedTime)
      note('thoi_han_giai_quyet', `không đọc được thời hạn giải quyết, giữ nguyên văn: "${timeText.length > 80 ? `${timeText.slice(0, 80)}…` : timeText}"`);
    const requirements = [...lines(p.yeu_cau), ...lines(p.yeu_cau_dieu_kien), ...submission.requirements].map(stripMarkdownEmphasis);
    const legalBasisText = joinLines(p.can_cu_phap_ly);
    const field = clean(p.linh_vuc);
    const executingAgency = clean(p.co_quan_thuc_hien);
    const src = p.source ?? null;
    const sourceUrl = src?.url ?? (src?.repository && src.path ? `${src.repository}/blob/${src.commit ?? 'HEAD'}/${src.path}` : null);

    items.push({
      procedureCode: code,
      name,
      slug: uniqueSlug(toSlug(code ? `${code} ${name}` : name), slugs),
      field: field ? splitParenthetical(field)[0] : null,
      level: p.muc_do_dvc ? procedureLevelFromVietnamese(p.muc_do_dvc) : null,
      executingAgency,
      steps,
      stepsText,
      submissionMethods: submission.methods,
      dossierComponents: parseDossierComponents(dossier.dossier),
      dossierQuantity: clean(p.so_luong_ho_so),
      processingTime: timeText ? { value: parsedTime?.value ?? null, unit: parsedTime?.unit ?? null, text: timeText } : null,
      applicants: joinLines(p.doi_tuong_thuc_hien, '; '),
      result: joinLines(p.ket_qua),
      fees: allFees,
      feesText: allFeesText,
      requirements: requirements.length ? requirements.join('\n') : null,
      legalBasisText,
      sourceUrl,
      agencyName: findAgencyName(executingAgency, opts.agencies ?? []),
      legalBasisNumbers: citedDocumentNumbers(legalBasisText),
    });
  });
  return { items, skipped, unparsed };
}

// ---------------------------------------------------------------------------------------------
// News
// ---------------------------------------------------------------------------------------------

/**
 * Titles of news items published without a title in the sample, restored by hand from the
 * publisher's URL slug (the slug is the title without tone marks); the mapper uses an entry only
 * when `toSlug(title)` gives back exactly the `url_slug`, so only tone marks, capitals and
 * punctuation were added.
 */
export const TITLES_RESTORED_FROM_SLUG: Record<string, string> = {
  'phan-luong-giao-thong-tam-thoi-phuc-vu-le-hoi-den-thuong-nam-2025': 'Phân luồng giao thông tạm thời phục vụ Lễ hội Đền Thượng năm 2025',
  'nhung-hinh-anh-tu-vung-lu-nghia-do-va-viet-tien-bao-yen': 'Những hình ảnh từ vùng lũ Nghĩa Đô và Việt Tiến (Bảo Yên)',
  'hang-cuu-tro-da-ve-xa-ngheo-nhat-tinh': 'Hàng cứu trợ đã về xã nghèo nhất tỉnh',
  'an-tuong-nhung-cong-dep-rao-xanh-vuon-rau-tot-o-bao-yen': 'Ấn tượng những cổng đẹp, rào xanh, vườn rau tốt ở Bảo Yên',
};

/** A title from a lead: its first sentence, cut at a word boundary to at most 120 characters. */
function titleFromLead(lead: string): string {
  const s = lead.replace(/^\([^)]{1,20}\)\s*[-–]\s*/, '').trim();
  const sentence = (/^(.+?[.!?])(\s|$)/u.exec(s)?.[1] ?? s).replace(/[.]$/, '');
  if (sentence.length <= 120) return sentence;
  const cut = sentence.slice(0, 120);
  return `${cut.slice(0, cut.lastIndexOf(' '))}…`;
}

/**
 * Maps `news-sample.json` to articles: title (a title in capitals → sentence case; a missing
 * title is restored from `url_slug` via {@link TITLES_RESTORED_FROM_SLUG}, else taken from the
 * lead's first sentence); summary = lead; author; source = source_name; sourceUrl = url;
 * language (vi/en); eventDate = the first date of event_date ("2025-02-11/2025-02-12" →
 * 2025-02-11); kind news; scope province (every item is about Lào Cai); slug = url_slug or
 * `toSlug(title)`. An item whose source is one of our agencies ("Báo Lào Cai") is linked to it.
 *
 * Skipped: no title and nothing to make one from; no URL and no title (no natural key); a
 * language other than vi/en; a duplicate URL.
 */
export function mapNews(file: NewsFile, opts: { agencies?: AgencyRef[] } = {}): MapResult<MappedArticle> {
  const items: MappedArticle[] = [];
  const skipped: SkippedRecord[] = [];
  const seenUrls = new Set<string>();
  const slugs = new Set<string>();
  (file.news ?? []).forEach((n, index) => {
    const url = clean(n.url);
    const urlSlug = clean(n.url_slug);
    const lead = clean(n.lead);
    const key = url ?? clean(n.title) ?? `#${index + 1}`;
    const skip = (reason: string) => skipped.push({ source: SOURCES.news, key, reason });
    let title = clean(n.title);
    if (title) {
      const letters = title.replace(/[^\p{L}]/gu, '');
      if (letters === letters.toLocaleUpperCase('vi')) title = sentenceCase(title);
    } else if (urlSlug && TITLES_RESTORED_FROM_SLUG[urlSlug] && toSlug(TITLES_RESTORED_FROM_SLUG[urlSlug], 200) === urlSlug) {
      title = TITLES_RESTORED_FROM_SLUG[urlSlug];
    } else if (lead) {
      title = titleFromLead(lead);
    }
    if (!title) return skip('không có tiêu đề, url_slug hay đoạn mở đầu để đặt tiêu đề');
    const language = n.language ?? 'vi';
    if (language !== 'vi' && language !== 'en') return skip(`ngôn ngữ không hỗ trợ: ${language}`);
    if (url) {
      if (seenUrls.has(url)) return skip('trùng URL nguồn với bài đã có trong tệp');
      seenUrls.add(url);
    }
    const eventDate = n.event_date ? (/^(\d{4}-\d{2}-\d{2})/.exec(n.event_date)?.[1] ?? parseVietnameseDate(n.event_date)) : null;
    const source = clean(n.source_name);
    items.push({
      title,
      slug: uniqueSlug(urlSlug && /^[a-z0-9-]+$/.test(urlSlug) && urlSlug.length <= 80 ? urlSlug : toSlug(title), slugs),
      kind: 'news',
      scope: 'province',
      summary: lead,
      author: clean(n.author),
      source,
      sourceUrl: url,
      language,
      eventDate,
      agencyName: findAgencyName(source, opts.agencies ?? []),
    });
  });
  return { items, skipped };
}
