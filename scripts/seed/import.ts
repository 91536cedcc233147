/**
 * Seed import: reads the public source files, maps them (mappers.ts) and writes them into a
 * booted Strapi 5 through the Document Service (`strapi.documents(uid)`), never raw SQL.
 *
 * Every item is written published (`status: 'published'`) with `editorialState: 'published'`.
 * The import is idempotent: each item is looked up by its natural key and updated (only when
 * something differs) instead of created, so a second run creates nothing and changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { contentTypeOfKind, HOMEPAGE_SECTIONS, normaliseText, todayInVietnam } from '@cong/shared';
import {
  mapAgencies,
  mapDecision,
  mapLegalDocuments,
  mapNews,
  mapProcedures,
  mapProvinceProfile,
  SOURCES,
  type AdminUnitsFile,
  type AgenciesFile,
  type LegalDocumentsFile,
  type MappedLegalDocument,
  type NewsFile,
  type ProceduresFile,
  type SkippedRecord,
  type UnparsedText,
} from './mappers.js';
import { matchKey } from './text.js';

/** The content types the seed writes (by their registry name), in the order it writes them. */
const SEED_ORDER = ['agency', 'legalDocument', 'administrativeProcedure', 'article', 'provinceProfile', 'homepage'] as const;
export type SeedType = (typeof SEED_ORDER)[number];
/** Registry name → Strapi uid of the types the seed writes (@cong/shared CONTENT_TYPES). */
export const SEED_TYPES = Object.fromEntries(SEED_ORDER.map((k) => [k, contentTypeOfKind(k)!.uid])) as Record<SeedType, string>;

/** Outcome counts of one content type. */
export interface SeedCounts {
  /** documents created (and published) */
  created: number;
  /** existing documents whose data differed (or that were not published): updated and published */
  updated: number;
  /** existing documents already equal to the source: not written */
  unchanged: number;
  /** source records not imported (see `skipped`) */
  skipped: number;
}

/** What {@link importSeed} returns. */
export interface SeedSummary {
  counts: Record<SeedType, SeedCounts>;
  /** every record not imported, with the content type it was meant for */
  skipped: (SkippedRecord & { type: SeedType })[];
  /** remarks on the sources that do not stop the import (e.g. `_meta.count` ≠ number of records) */
  warnings: string[];
  /** source texts imported as written but not read into structured data (fee texts without an amount, a fee table found in the dossier components …) */
  unparsed: (UnparsedText & { type: SeedType })[];
  /** documentIds written, by natural key (agency name, document number, procedure code or name, article URL or title) */
  documentIds: Record<SeedType, Record<string, string>>;
  /** the Vietnam calendar day validity statuses were computed for, ISO `YYYY-MM-DD` */
  today: string;
  /** wall-clock duration of the import in milliseconds */
  durationMs: number;
}

/** Options of {@link importSeed}. */
export interface ImportSeedOptions {
  /** folder with agencies-laocai.json, legal-documents-laocai.json, news-sample.json, procedures-sample.json, vn-admin-units-laocai.json */
  dataDir: string;
  /** folder with quyet-dinh-07-2006-QD-UBND.txt */
  seedDir: string;
  /** receives the report lines (skipped records, warnings, summary table); default: nothing */
  log?: (line: string) => void;
  /** Vietnam calendar day for validity statuses, ISO `YYYY-MM-DD`; default `todayInVietnam()` */
  today?: string;
  /**
   * Also import procedures of other provinces found in procedures-sample.json (10 land-sector
   * records of Đồng Nai from an unlicensed third-party summary). Off by default: they are not
   * Lào Cai procedures. For test environments that need procedures with steps, dossier and fees.
   */
  includeOtherProvinces?: boolean;
}

/** Welcome text of the homepage: Article 1.1 of the Regulation attached to Decision 07/2006/QĐ-UBND (R-1.1). */
export const HOMEPAGE_WELCOME =
  'Chào mừng bạn đến với Cổng giao tiếp điện tử tỉnh Lào Cai — kênh thông tin chính thức trên Internet của Ủy ban nhân dân tỉnh Lào Cai, ' +
  'nơi giao tiếp giữa cơ quan công quyền các cấp của tỉnh với nhân dân, cơ sở để từng bước xây dựng chính quyền điện tử.';

/** Number of news items featured on the homepage (the first Vietnamese ones of the sample). */
const FEATURED_ARTICLES = 3;

// ---------------------------------------------------------------------------------------------
// Comparing stored documents with source data
// ---------------------------------------------------------------------------------------------

/** JSON with object keys sorted (PostgreSQL `jsonb` does not keep key order). */
function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((value as any)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Brings a stored or source value of attribute `attr` to a comparable form. */
function normalise(strapi: any, attr: any, value: unknown): unknown {
  if (value === undefined || value === null || value === '') return null;
  switch (attr?.type) {
    case 'component': {
      const model = strapi.getModel(attr.component);
      const one = (v: any) => {
        const out: Record<string, unknown> = {};
        for (const [k, a] of Object.entries<any>(model.attributes)) {
          if (a.type === 'media') continue;
          out[k] = normalise(strapi, a, v?.[k]);
        }
        return out;
      };
      return attr.repeatable ? (value as any[]).map(one) : one(value);
    }
    case 'relation': {
      const id = (v: any) => (typeof v === 'string' ? v : (v?.documentId ?? null));
      if (/ToMany$/.test(attr.relation)) return ((Array.isArray(value) ? value : [value]) as any[]).map(id);
      return id(Array.isArray(value) ? value[0] : value);
    }
    case 'date':
      return String(value).slice(0, 10);
    case 'biginteger':
      return String(value);
    case 'decimal':
    case 'float':
    case 'integer':
      return Number(value);
    case 'boolean':
      return Boolean(value);
    case 'json':
      return stableStringify(typeof value === 'string' ? JSON.parse(value) : value);
    default:
      return typeof value === 'string' ? value.normalize('NFC') : value;
  }
}

/** Names of the fields of `data` that differ from the stored document. */
function changedFields(strapi: any, uid: string, stored: Record<string, any>, data: Record<string, any>): string[] {
  const attributes = strapi.getModel(uid).attributes;
  return Object.keys(data).filter((k) => {
    const attr = attributes[k];
    return stableStringify(normalise(strapi, attr, stored[k])) !== stableStringify(normalise(strapi, attr, data[k]));
  });
}

/** Populate parameter covering the components and relations present in `data`. */
function populateFor(strapi: any, uid: string, data: Record<string, any>): Record<string, true> {
  const attributes = strapi.getModel(uid).attributes;
  const populate: Record<string, true> = {};
  for (const k of Object.keys(data)) {
    if (attributes[k]?.type === 'component' || attributes[k]?.type === 'relation') populate[k] = true;
  }
  return populate;
}

type Outcome = 'created' | 'updated' | 'unchanged';

/**
 * Creates or updates one document, published. Looks it up (draft version) with `filters`; when
 * absent creates it with `status: 'published'` (the slug in `data` made unique with -2, -3…);
 * when present compares every field of `data` (except `createOnly` ones, e.g. the slug, which an
 * editor may have changed) with both the draft and the published version, and updates +
 * publishes only when one differs or no published version exists.
 *
 * @returns the documentId and what was done
 * @throws whatever the Document Service throws (e.g. a Strapi ValidationError)
 */
async function upsert(
  strapi: any,
  uid: string,
  filters: Record<string, unknown>,
  data: Record<string, any>,
  createOnly: string[] = ['slug'],
): Promise<{ documentId: string; outcome: Outcome }> {
  const docs = strapi.documents(uid);
  const existing = await docs.findFirst({ filters, status: 'draft', populate: populateFor(strapi, uid, data) });
  if (!existing) {
    const createData = { ...data };
    if (typeof createData.slug === 'string') {
      const base = createData.slug;
      let slug = base;
      for (let i = 2; await docs.findFirst({ filters: { slug }, status: 'draft', fields: ['id'] }); i++) slug = `${base}-${i}`;
      createData.slug = slug;
    }
    const created = await docs.create({ data: createData, status: 'published' });
    return { documentId: created.documentId, outcome: 'created' };
  }
  const updateData = Object.fromEntries(Object.entries(data).filter(([k]) => !createOnly.includes(k)));
  const published = await docs.findOne({ documentId: existing.documentId, status: 'published', populate: populateFor(strapi, uid, data) });
  const changed = changedFields(strapi, uid, existing, updateData).length > 0 || !published || changedFields(strapi, uid, published, updateData).length > 0;
  if (!changed) return { documentId: existing.documentId, outcome: 'unchanged' };
  await docs.update({ documentId: existing.documentId, data: updateData, status: 'published' });
  return { documentId: existing.documentId, outcome: 'updated' };
}

/**
 * Waits until no database connection of Strapi's pool is in use or awaited, at most `timeoutMs`.
 * Strapi finishes some work after a publish in the background (event listeners); destroying
 * Strapi under it rejects those queries with "aborted" (seen on PostgreSQL). Called at the end of
 * {@link importSeed}, so a caller may `strapi.destroy()` right after it.
 *
 * @returns true when the pool became idle, false on timeout (or when the pool is not reachable)
 */
export async function waitForIdleDatabase(strapi: any, timeoutMs = 10_000): Promise<boolean> {
  const pool = strapi?.db?.connection?.client?.pool;
  if (!pool || typeof pool.numUsed !== 'function') return false;
  const busy = () => pool.numUsed() + (pool.numPendingAcquires?.() ?? 0) + (pool.numPendingCreates?.() ?? 0);
  const deadline = Date.now() + timeoutMs;
  while (busy() > 0) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// The import
// ---------------------------------------------------------------------------------------------

function readJson<T>(dir: string, file: string): T {
  const p = path.join(dir, file);
  if (!fs.existsSync(p)) throw new Error(`Seed: không tìm thấy tệp nguồn ${p} (source file missing)`);
  try {
    return JSON.parse(fs.readFileSync(p, 'utf8')) as T;
  } catch (e) {
    throw new Error(`Seed: tệp ${p} không phải JSON hợp lệ: ${(e as Error).message}`, { cause: e });
  }
}

/** `_meta.count` (or `_meta.counts`) of a source that differs from what the file holds. */
function metaCountWarnings(file: string, meta: any, actual: number): string[] {
  const declared = meta?.count;
  return typeof declared === 'number' && declared !== actual ? [`${file}: _meta.count = ${declared} nhưng tệp có ${actual} bản ghi`] : [];
}

/**
 * Every string of `value` (objects and arrays walked) as the CMS stores text: NFC, control
 * characters dropped (shared `normaliseText`). The CMS refuses a control character in an
 * editor's input; source files are not typed by hand, so the import cleans them instead.
 */
export function normaliseDeep<T>(value: T): T {
  if (typeof value === 'string') return normaliseText(value) as T;
  if (Array.isArray(value)) return value.map(normaliseDeep) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normaliseDeep(v)])) as T;
  }
  return value;
}

function isValidationError(e: unknown): boolean {
  const name = (e as any)?.name;
  return name === 'ValidationError' || name === 'YupValidationError';
}

function pad(s: string | number, n: number, left = false): string {
  const t = String(s);
  return left ? t.padStart(n) : t.padEnd(n);
}

/**
 * Imports the seed into a booted Strapi 5 (`createStrapi(…).load()`), through
 * `strapi.documents(uid).findFirst/findOne/create/update`:
 * 1. agencies (natural key: name), districts with their communes;
 * 2. legal documents of legal-documents-laocai.json and Decision 07/2006/QĐ-UBND from the seed
 *    text (key: documentNumber + issuedDate), filed under an agency by documentId;
 * 3. administrative procedures (key: procedureCode, or name when there is none), linked to the
 *    executing agency and to cited legal documents present in the CMS;
 * 4. news articles (key: sourceUrl, or title when there is none);
 * 5. the province profile single type ("Tỉnh Lào Cai", overview and unit tree);
 * 6. the homepage single type (welcome text, the decision and the first Vietnamese news featured).
 * Collection items are written published with `editorialState: 'published'`; single types
 * (which have no editorialState) are written published.
 *
 * Every text is normalised before it is written (NFC, control characters dropped: {@link normaliseDeep}).
 * Logs one line per skipped record (`bỏ qua <source> <key>: <reason>`), one per warning
 * (`cảnh báo …`), one per source text imported verbatim but not read (`chưa đọc được <source>
 * <key> (<field>): <reason>` — fee texts without an amount, a fee table found inside the dossier
 * components) and a summary table per content type. A record the CMS refuses with a
 * ValidationError is counted as skipped (reason "CMS từ chối: …"); any other error stops the import.
 *
 * @returns counts per content type, skipped records, warnings, the documentIds written and the duration
 * @throws Error when a source file is missing or not JSON; RangeError when `today` is not an ISO
 *   date; errors of the Document Service other than validation errors
 */
export async function importSeed(strapi: any, opts: ImportSeedOptions): Promise<SeedSummary> {
  const started = Date.now();
  const log = opts.log ?? (() => {});
  const today = opts.today ?? todayInVietnam();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new RangeError(`Seed: today phải là ngày ISO YYYY-MM-DD, nhận được "${today}"`);

  const agenciesFile = readJson<AgenciesFile>(opts.dataDir, SOURCES.agencies);
  const unitsFile = readJson<AdminUnitsFile>(opts.dataDir, SOURCES.adminUnits);
  const documentsFile = readJson<LegalDocumentsFile>(opts.dataDir, SOURCES.legalDocuments);
  const proceduresFile = readJson<ProceduresFile>(opts.dataDir, SOURCES.procedures);
  const newsFile = readJson<NewsFile>(opts.dataDir, SOURCES.news);
  const decisionPath = path.join(opts.seedDir, SOURCES.decision);
  if (!fs.existsSync(decisionPath)) throw new Error(`Seed: không tìm thấy văn bản quyết định ${decisionPath} (source file missing)`);
  const decisionText = fs.readFileSync(decisionPath, 'utf8');

  const warnings = [
    ...metaCountWarnings(SOURCES.agencies, agenciesFile._meta, agenciesFile.agencies?.length ?? 0),
    ...metaCountWarnings(SOURCES.legalDocuments, documentsFile._meta, documentsFile.documents?.length ?? 0),
    ...metaCountWarnings(SOURCES.procedures, proceduresFile._meta, proceduresFile.procedures?.length ?? 0),
    ...metaCountWarnings(SOURCES.news, newsFile._meta, newsFile.news?.length ?? 0),
  ];
  const declaredUnits = unitsFile._meta?.counts;
  const level2 = unitsFile.province?.level2s ?? [];
  const level3 = level2.reduce((n, d) => n + (d.level3s?.length ?? 0), 0);
  if (declaredUnits && (declaredUnits.level2 !== level2.length || declaredUnits.level3 !== level3)) {
    warnings.push(`${SOURCES.adminUnits}: _meta.counts ${JSON.stringify(declaredUnits)} nhưng tệp có ${level2.length} cấp huyện, ${level3} cấp xã`);
  }

  const counts = Object.fromEntries(Object.keys(SEED_TYPES).map((t) => [t, { created: 0, updated: 0, unchanged: 0, skipped: 0 }])) as Record<
    SeedType,
    SeedCounts
  >;
  const documentIds = Object.fromEntries(Object.keys(SEED_TYPES).map((t) => [t, {}])) as Record<SeedType, Record<string, string>>;
  const skipped: SeedSummary['skipped'] = [];
  const unparsed: SeedSummary['unparsed'] = [];
  const skip = (type: SeedType, records: SkippedRecord[]) => {
    for (const r of records) {
      skipped.push({ ...r, type });
      counts[type].skipped++;
    }
  };
  /** Runs one upsert; a validation error of the CMS becomes a skipped record. */
  const write = async (type: SeedType, source: string, key: string, filters: Record<string, unknown>, data: Record<string, any>): Promise<string | null> => {
    try {
      const { documentId, outcome } = await upsert(strapi, SEED_TYPES[type], normaliseDeep(filters), normaliseDeep(data));
      counts[type][outcome]++;
      documentIds[type][key] = documentId;
      return documentId;
    } catch (e) {
      if (!isValidationError(e)) throw e;
      skip(type, [{ source, key, reason: `CMS từ chối: ${(e as Error).message}` }]);
      return null;
    }
  };

  // 1. Agencies
  const agencies = mapAgencies(agenciesFile, unitsFile);
  // a district whose communes were not found is still imported: a warning, not a skipped record
  skip(
    'agency',
    agencies.skipped.filter((s) => s.source !== SOURCES.adminUnits),
  );
  for (const s of agencies.skipped.filter((s) => s.source === SOURCES.adminUnits)) warnings.push(`${s.source} ${s.key}: ${s.reason}`);
  const agencyIdByKey = new Map<string, string>();
  for (const a of agencies.items) {
    const id = await write('agency', SOURCES.agencies, a.name, { name: a.name }, { ...a, editorialState: 'published' });
    if (id) agencyIdByKey.set(matchKey(a.name), id);
  }
  const agencyId = (name: string | null): string | null => (name ? (agencyIdByKey.get(matchKey(name)) ?? null) : null);
  const agencyRefs = agencies.items;

  // 2. Legal documents (the decision first: it is the portal's own founding document)
  const decision = mapDecision(decisionText, { today, agencies: agencyRefs });
  const documents = mapLegalDocuments(documentsFile, { today, agencies: agencyRefs });
  skip('legalDocument', [...decision.skipped, ...documents.skipped]);
  const documentIdByNumber = new Map<string, string>();
  const writeDocument = async (d: MappedLegalDocument, source: string) => {
    const { agencyName, ...fields } = d;
    const agency = agencyId(agencyName);
    const id = await write(
      'legalDocument',
      source,
      d.documentNumber,
      { documentNumber: d.documentNumber, issuedDate: d.issuedDate },
      {
        ...fields,
        ...(agency ? { agency } : {}),
        editorialState: 'published',
      },
    );
    if (id) documentIdByNumber.set(d.documentNumber, id);
    return id;
  };
  let decisionId: string | null = null;
  for (const d of decision.items) decisionId = await writeDocument(d, SOURCES.decision);
  for (const d of documents.items) await writeDocument(d, SOURCES.legalDocuments);

  // 3. Administrative procedures
  const procedures = mapProcedures(proceduresFile, { agencies: agencyRefs, includeOtherProvinces: opts.includeOtherProvinces });
  skip('administrativeProcedure', procedures.skipped);
  unparsed.push(...(procedures.unparsed ?? []).map((u) => ({ ...u, type: 'administrativeProcedure' as const })));
  for (const p of procedures.items) {
    const { agencyName, legalBasisNumbers, ...fields } = p;
    const agency = agencyId(agencyName);
    const legalBasis = legalBasisNumbers.map((n) => documentIdByNumber.get(n)).filter((id): id is string => !!id);
    const key = p.procedureCode ?? p.name;
    await write('administrativeProcedure', SOURCES.procedures, key, p.procedureCode ? { procedureCode: p.procedureCode } : { name: p.name }, {
      ...fields,
      ...(agency ? { agency } : {}),
      ...(legalBasis.length ? { legalBasis } : {}),
      editorialState: 'published',
    });
  }

  // 4. News
  const news = mapNews(newsFile, { agencies: agencyRefs });
  skip('article', news.skipped);
  const featuredArticles: string[] = [];
  for (const n of news.items) {
    const { agencyName, ...fields } = n;
    const agency = agencyId(agencyName);
    const key = n.sourceUrl ?? n.title;
    const id = await write('article', SOURCES.news, key, n.sourceUrl ? { sourceUrl: n.sourceUrl } : { title: n.title }, {
      ...fields,
      ...(agency ? { agency } : {}),
      editorialState: 'published',
    });
    if (id && n.language === 'vi' && featuredArticles.length < FEATURED_ARTICLES) featuredArticles.push(id);
  }

  // 5. Province profile (single type)
  const profile = mapProvinceProfile(unitsFile);
  skip('provinceProfile', profile.skipped);
  for (const p of profile.items) await write('provinceProfile', SOURCES.adminUnits, p.name, {}, { ...p });

  // 6. Homepage (single type)
  await write(
    'homepage',
    'homepage',
    'homepage',
    {},
    {
      welcome: HOMEPAGE_WELCOME,
      featuredDocuments: decisionId ? [decisionId] : [],
      featuredArticles,
      sectionOrder: [...HOMEPAGE_SECTIONS],
    },
  );

  await waitForIdleDatabase(strapi);

  // Report
  for (const w of warnings) log(`cảnh báo ${w}`);
  for (const s of skipped) log(`bỏ qua ${s.source} ${s.key}: ${s.reason}`);
  for (const u of unparsed) log(`chưa đọc được ${u.source} ${u.key} (${u.field}): ${u.reason}`);
  const header = `${pad('loại nội dung', 26)}${pad('tạo mới', 9, true)}${pad('cập nhật', 10, true)}${pad('không đổi', 11, true)}${pad('bỏ qua', 8, true)}`;
  log(header);
  log('-'.repeat(header.length));
  for (const [type, c] of Object.entries(counts)) {
    log(`${pad(type, 26)}${pad(c.created, 9, true)}${pad(c.updated, 10, true)}${pad(c.unchanged, 11, true)}${pad(c.skipped, 8, true)}`);
  }
  const durationMs = Date.now() - started;
  if (unparsed.length) log(`${unparsed.length} đoạn văn bản nguồn được nhập nguyên văn nhưng chưa đọc được (các dòng "chưa đọc được" ở trên)`);
  log(`xong trong ${(durationMs / 1000).toFixed(1)} s (ngày tính hiệu lực: ${today})`);

  return { counts, skipped, warnings, unparsed, documentIds, today, durationMs };
}
