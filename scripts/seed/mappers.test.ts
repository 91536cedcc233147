/**
 * Unit tests of the seed mappers, on the real source files vendored in data/ (override with
 * SEED_DATA_DIR / SEED_DIR; a missing file fails the run, naming it) plus small synthetic
 * records for the skip rules.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  findAgencyName,
  mapAgencies,
  mapDecision,
  mapLegalDocuments,
  mapNews,
  mapProcedures,
  mapProvinceProfile,
  parseDossierComponents,
  parseFeeList,
  parseSteps,
  PROVINCIAL_OFFICE_NAME,
  splitDossierAndFees,
  type AdminUnitsFile,
  type AgenciesFile,
  type LegalDocumentsFile,
  type MapResult,
  type NewsFile,
  type ProceduresFile,
} from './mappers.js';
import { requireSeedSources } from './paths.js';
import { plainTextToMarkdown, sentenceCase } from './text.js';

const { dataDir, seedDir } = requireSeedSources();
const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(dataDir, file), 'utf8')) as T;

const agenciesFile = readJson<AgenciesFile>('agencies-laocai.json');
const unitsFile = readJson<AdminUnitsFile>('vn-admin-units-laocai.json');
const documentsFile = readJson<LegalDocumentsFile>('legal-documents-laocai.json');
const proceduresFile = readJson<ProceduresFile>('procedures-sample.json');
const newsFile = readJson<NewsFile>('news-sample.json');
const decisionText = fs.readFileSync(path.join(seedDir, 'quyet-dinh-07-2006-QD-UBND.txt'), 'utf8');

const TODAY = '2025-11-29';
const agencies = mapAgencies(agenciesFile, unitsFile).items;

/** Every skipped entry names its source and key and gives a one-line reason. */
function expectReasons(result: MapResult<unknown>) {
  for (const s of result.skipped) {
    expect(s.source).toMatch(/\S/);
    expect(s.key).toMatch(/\S/);
    expect(s.reason).toMatch(/\S/);
    expect(s.reason).not.toMatch(/\n/);
  }
}

describe('mapAgencies (agencies-laocai.json + vn-admin-units-laocai.json)', () => {
  const result = mapAgencies(agenciesFile, unitsFile);

  it('maps all 34 agencies, skipping none', () => {
    expect(result.items).toHaveLength(34);
    expect(result.skipped).toEqual([]);
    expect(new Set(result.items.map((a) => a.slug)).size).toBe(34);
  });

  it('keeps kind, maps the update schedule (R-2.5 Mon/Wed/Fri, R-2.6 press daily) and the file order', () => {
    const office = result.items.find((a) => a.name === PROVINCIAL_OFFICE_NAME)!;
    expect(office).toMatchObject({ kind: 'department', updateSchedule: 'monWedFri', sortOrder: 1, slug: 'van-phong-uy-ban-nhan-dan-tinh-lao-cai' });
    const paper = result.items.find((a) => a.name === 'Báo Lào Cai')!;
    expect(paper).toMatchObject({ kind: 'press', updateSchedule: 'daily', adminUnits: null });
    expect(result.items.filter((a) => a.updateSchedule === 'daily').map((a) => a.shortName)).toEqual(['Đài PT-TH', 'Báo Lào Cai']);
    expect(result.items.find((a) => a.name === 'Cục Hải quan tỉnh Lào Cai')).toMatchObject({ kind: 'branchOffice', pilotEService: true });
  });

  it('gives each of the 9 districts its communes, matched by adminUnitCode', () => {
    const districts = result.items.filter((a) => a.kind === 'district');
    expect(districts).toHaveLength(9);
    expect(districts.every((d) => d.adminUnits && d.adminUnits.code === d.adminUnitCode)).toBe(true);
    expect(districts.reduce((n, d) => n + d.adminUnits!.units.length, 0)).toBe(151);
    const batXat = districts.find((d) => d.name === 'Ủy ban nhân dân huyện Bát Xát')!;
    expect(batXat.adminUnits).toMatchObject({ code: '082', name: 'Huyện Bát Xát', type: 'Huyện', dataDate: '2025-03-01' });
    expect(batXat.adminUnits!.counts).toEqual({ total: 21, byType: { 'Thị trấn': 1, Xã: 20 } });
    expect(batXat.adminUnits!.units).toContainEqual({ code: '02737', name: 'Xã Pa Cheo', type: 'Xã' });
    const sapa = districts.find((d) => d.adminUnitCode === '088')!;
    expect(sapa.adminUnits!.units.map((u) => u.name)).toContain('Phường Ô Quý Hồ');
    expect(sapa.adminUnits!.counts.total).toBe(16);
  });

  it('matches a district by name when it has no code', () => {
    const r = mapAgencies(
      { agencies: [{ name: 'Ủy ban nhân dân huyện Văn Bàn', shortName: 'Huyện Văn Bàn', kind: 'district', updateSchedule: 'mon-wed-fri' }] },
      unitsFile,
    );
    expect(r.items[0].adminUnitCode).toBe('089');
    expect(r.items[0].adminUnits!.units).toHaveLength(22);
  });

  it('skips records without a name, with an unknown kind or schedule, and duplicates, with reasons', () => {
    const r = mapAgencies({
      agencies: [
        { name: null, kind: 'department' },
        { name: 'Sở Y tế', kind: 'hospital' },
        { name: 'Sở Y tế', kind: 'department', updateSchedule: 'weekly' },
        { name: 'Sở Y tế', kind: 'department', updateSchedule: 'mon-wed-fri' },
        { name: 'SỞ Y TẾ', kind: 'department', updateSchedule: 'daily' },
      ],
    });
    expect(r.items.map((a) => a.name)).toEqual(['Sở Y tế']);
    expect(r.skipped.map((s) => s.reason)).toEqual([
      'thiếu tên cơ quan (name)',
      'loại cơ quan không hợp lệ: hospital',
      'lịch cập nhật không hợp lệ: weekly',
      'trùng tên với một cơ quan đã có trong tệp',
    ]);
    expectReasons(r);
  });
});

describe('mapProvinceProfile (vn-admin-units-laocai.json)', () => {
  const { items, skipped } = mapProvinceProfile(unitsFile);
  const profile = items[0];

  it('summarises the unit tree: 9 district-level and 151 commune-level units', () => {
    expect(items).toHaveLength(1);
    expect(skipped).toEqual([]);
    expect(profile.name).toBe('Tỉnh Lào Cai');
    expect(profile.adminUnitsDate).toBe('2025-03-01');
    expect(profile.adminUnits.counts).toEqual({
      level2: 9,
      level3: 151,
      level2ByType: { 'Thành phố': 1, Huyện: 7, 'Thị xã': 1 },
      level3ByType: { Phường: 16, Xã: 126, 'Thị trấn': 9 },
    });
    const vanBan = profile.adminUnits.level2.find((d) => d.code === '089')!;
    expect(vanBan).toMatchObject({ name: 'Huyện Văn Bàn', level3Count: 22 });
    expect(vanBan.level3[0]).toBe('Thị trấn Khánh Yên');
  });

  it('writes the overview from the numbers only', () => {
    expect(profile.overview).toContain('Tỉnh Lào Cai có 9 đơn vị hành chính cấp huyện (1 thành phố, 1 thị xã và 7 huyện)');
    expect(profile.overview).toContain('151 đơn vị hành chính cấp xã (16 phường, 9 thị trấn và 126 xã)');
    expect(profile.overview).toContain('| Thị xã Sa Pa | 088 | 16 |');
    expect(profile.overview).toContain('cập nhật ngày 01/03/2025');
  });
});

describe('mapLegalDocuments (legal-documents-laocai.json)', () => {
  const result = mapLegalDocuments(documentsFile, { today: TODAY, agencies });

  it('maps the 5 documents, skipping none', () => {
    expect(result.items.map((d) => d.documentNumber)).toEqual(['02/NQ-HĐ', '462/QĐ-UB', '297/1998/QĐ-UB', '13/2001/NQ-HĐND', '08/2023/NQ-HĐND']);
    expect(result.skipped).toEqual([]);
  });

  it("maps the Vietnamese fields of a resolution of the first People's Council (1992)", () => {
    const d = result.items[0];
    expect(d).toMatchObject({
      documentNumber: '02/NQ-HĐ',
      slug: '02-nq-hd-1992',
      documentType: 'resolution',
      issuingBody: 'Hội đồng nhân dân tỉnh Lào Cai',
      signer: null,
      issuedDate: '1992-01-21',
      effectiveDate: null,
      validityStatus: 'unknown',
      field: null,
      body: null,
      isPolicy: false,
      sourceUrl: 'https://luatminhkhue.vn/nghi-quyet-02-nq-hd.aspx',
      agencyName: PROVINCIAL_OFFICE_NAME,
    });
    expect(d.note).toContain('khoá I, kỳ họp thứ hai');
  });

  it('reads the issue date from "ngày 21 tháng 1 năm 1992" when ngay_ban_hanh is missing', () => {
    const doc = { ...documentsFile.documents[0], ngay_ban_hanh: null };
    expect(doc.ngay_ban_hanh_ghi_tren_trang).toBe('Hà Nội, ngày 21 tháng 1 năm 1992');
    const r = mapLegalDocuments({ documents: [doc] }, { today: TODAY });
    expect(r.items[0].issuedDate).toBe('1992-01-21');
  });

  it('uses a stated effective date for the validity status and keeps the full text as Markdown', () => {
    const d = result.items.find((x) => x.documentNumber === '297/1998/QĐ-UB')!;
    expect(d).toMatchObject({
      slug: '297-1998-qd-ub',
      documentType: 'decision',
      issuedDate: '1998-11-09',
      effectiveDate: '1998-11-09',
      validityStatus: 'inForce',
      signer: 'Đặng Quốc Lộng (Phó Chủ tịch)',
    });
    expect(d.body).toContain('**Điều 1.** Ban hành kèm theo quyết định này');
    expect(d.body).toContain('*(Đã ký)*');
    expect(result.items.find((x) => x.documentNumber === '462/QĐ-UB')!.slug).toBe('462-qd-ub-1994');
  });

  it('skips documents it cannot use, with reasons', () => {
    const base = {
      so_ky_hieu: '01/2020/QĐ-UBND',
      loai_van_ban: 'Quyết định',
      co_quan_ban_hanh: 'UBND tỉnh Lào Cai',
      ngay_ban_hanh: '2020-01-01',
      trich_yeu: 'Về việc thử',
    };
    const r = mapLegalDocuments(
      {
        documents: [
          { ...base, so_ky_hieu: null },
          { ...base, so_ky_hieu: 'Số: 01/2020/QĐ-UBND' },
          { ...base, ngay_ban_hanh: null, ngay_ban_hanh_ghi_tren_trang: 'Lào Cai, tháng Giêng' },
          { ...base, ngay_hieu_luc: '2019-12-31' },
          { ...base, trich_yeu: '  ' },
          base,
          base,
        ],
      },
      { today: TODAY },
    );
    expect(r.items).toHaveLength(1);
    expect(r.skipped).toHaveLength(6);
    expect(r.skipped[0].reason).toMatch(/thiếu số ký hiệu/);
    expect(r.skipped[1].reason).toMatch(/số ký hiệu không hợp lệ/);
    expect(r.skipped[2].reason).toMatch(/ngày ban hành/);
    expect(r.skipped[3].reason).toMatch(/trước ngày ban hành/);
    expect(r.skipped[4].reason).toMatch(/trích yếu/);
    expect(r.skipped[5].reason).toMatch(/trùng/);
    expectReasons(r);
  });
});

describe('mapDecision (quyet-dinh-07-2006-QD-UBND.txt)', () => {
  const { items, skipped } = mapDecision(decisionText, { today: TODAY, agencies });
  const d = items[0];

  it('reads number, dates, issuer and title from the text', () => {
    expect(skipped).toEqual([]);
    expect(d).toMatchObject({
      documentNumber: '07/2006/QĐ-UBND',
      slug: '07-2006-qd-ubnd',
      documentType: 'decision',
      issuingBody: 'Ủy ban nhân dân tỉnh Lào Cai',
      issuedDate: '2006-02-09',
      abstract: 'Về việc quy định trách nhiệm cung cấp thông tin cho "Cổng giao tiếp điện tử Lào Cai"',
      isPolicy: true,
      agencyName: PROVINCIAL_OFFICE_NAME,
    });
  });

  it('takes effect 15 days after signing (Article 2): 2006-02-24', () => {
    expect(d.effectiveDate).toBe('2006-02-24');
    expect(d.validityStatus).toBe('inForce');
    expect(mapDecision(decisionText, { today: '2006-02-23' }).items[0].validityStatus).toBe('notYetEffective');
    expect(mapDecision(decisionText, { today: '2006-02-24' }).items[0].validityStatus).toBe('inForce');
  });

  it('keeps the full text as Markdown with the articles marked', () => {
    expect(d.body).toMatch(/^## QUYẾT ĐỊNH\n\n\*\*VỀ VIỆC QUY ĐỊNH/);
    expect(d.body).toContain('**Điều 2.** Quyết định này có hiệu lực sau 15 ngày kể từ ngày ký');
    expect(d.body).toContain('## QUY ĐỊNH');
    expect(d.body).toContain('### Điều 1. Mục đích, yêu cầu');
    expect(d.body).toContain('### Điều 3. Tổ chức thực hiện');
    expect(d.body).toContain('- Cơ cấu tổ chức, sơ đồ bộ máy\n- Chức năng, nhiệm vụ');
    expect(d.body).toContain('1\\. cổng GTĐT Lào Cai là kênh thông tin chính thức');
    // every sentence of the source is kept
    expect(d.body).toContain('vào các ngày thứ 2.4. 6 hàng tuần');
  });

  it('reports a text it cannot read instead of guessing', () => {
    const r = mapDecision('Một văn bản khác', { today: TODAY });
    expect(r.items).toEqual([]);
    expect(r.skipped[0]).toMatchObject({ source: 'quyet-dinh-07-2006-QD-UBND.txt', key: '07/2006/QĐ-UBND' });
    expectReasons(r);
  });
});

describe('mapProcedures (procedures-sample.json)', () => {
  const laoCai = mapProcedures(proceduresFile, { agencies });
  const all = mapProcedures(proceduresFile, { agencies, includeOtherProvinces: true });
  const byCode = (code: string) => all.items.find((p) => p.procedureCode === code)!;

  it('imports the 3 Lào Cai records and skips the 10 Đồng Nai ones with a reason', () => {
    expect(laoCai.items).toHaveLength(3);
    expect(laoCai.skipped).toHaveLength(10);
    expect(laoCai.skipped.every((s) => /Đồng Nai/.test(s.reason))).toBe(true);
    expect(laoCai.skipped[0].key).toBe('1.012753');
    expectReasons(laoCai);
    expect(all.items).toHaveLength(13);
    expect(all.skipped).toEqual([]);
  });

  it('maps a Lào Cai record: level, processing time (first stage), free fee', () => {
    const p = laoCai.items[0];
    expect(p).toMatchObject({
      procedureCode: '1.014869',
      level: 'partial',
      field: 'Nông nghiệp',
      executingAgency: 'UBND cấp xã',
      agencyName: null,
      dossierQuantity: '01 bộ',
      applicants: 'Tổ chức',
      submissionMethods: [{ method: 'inPerson', description: 'Trực tiếp tại cơ quan hành chính nhà nước' }],
      fees: [],
      feesText: 'Lệ phí: Không',
      steps: [],
      stepsText: null,
    });
    expect(p.slug).toMatch(/^1-014869-tham-dinh-phe-duyet/);
    expect(p.processingTime).toMatchObject({ value: 7, unit: 'workingDays' });
    expect(p.processingTime!.text).toContain('03 ngày làm việc');
  });

  it('maps fees in VND and "Toàn trình" (full), without linking generic agencies', () => {
    const permit = laoCai.items.find((p) => p.name.startsWith('Cấp giấy phép xây dựng'))!;
    expect(permit).toMatchObject({ procedureCode: null, level: 'full', executingAgency: 'Cấp Quận/huyện', agencyName: null });
    expect(permit.processingTime).toEqual({ value: 10, unit: 'workingDays', text: 'Được giải quyết trong 10 ngày làm việc kể từ khi nhận đủ hồ sơ hợp lệ.' });
    expect(permit.fees).toEqual([{ description: 'Lệ phí', amountVnd: 70000, note: '70.000 đ/lần cấp' }]);
    expect(permit.feesText).toBe('Phí: Theo QĐ\nLệ phí: 70.000 đ/lần cấp');
    const renewal = laoCai.items.find((p) => p.name.startsWith('Gia hạn giấy phép'))!;
    expect(renewal.processingTime).toMatchObject({ value: 5, unit: 'days' });
    expect(renewal.submissionMethods.map((m) => m.method)).toEqual(['inPerson', 'online', 'post']);
    expect(renewal.fees).toEqual([]); // "Không" and "Theo quy định của Bộ Tài chính…" state no amount
    expect(renewal.agencyName).toBeNull(); // Ban Quản lý Khu kinh tế is not one of the 34 agencies
  });

  it('splits numbered steps into step components and keeps the text', () => {
    const p = byCode('1.012753');
    expect(p.steps).toHaveLength(4);
    expect(p.steps[0]).toEqual({
      order: 1,
      description: 'Nộp hồ sơ: Tổ chức chuẩn bị và nộp hồ sơ tại Trung tâm Phục vụ HCC, qua bưu chính hoặc trực tuyến trên Cổng Dịch vụ công Quốc gia.',
    });
    expect(p.steps[1].description).toMatch(/^Tiếp nhận & chuyển giao: /);
    expect(p.stepsText!.split('\n')).toHaveLength(4);
    expect(p.field).toBe('Đất đai');
    expect(p.sourceUrl).toBe('https://github.com/phamhungVpdklk/TTHC-2228/blob/6a6bf4ffd83853dec463ae64f5967443a58c501f/1.012753.H19.html');
  });

  it('reads original/copy counts of dossier components, and a general note', () => {
    expect(byCode('1.012753').dossierComponents.every((c) => c.originals === 1 && c.copies === 1)).toBe(true);
    expect(byCode('1.012784').dossierComponents).toEqual([
      { name: 'Đơn đề nghị tách thửa hoặc hợp thửa đất', originals: 1, copies: null, note: null },
      { name: 'Bản vẽ tách thửa hoặc hợp thửa đất', originals: null, copies: 1, note: null },
      { name: 'Bản gốc Giấy chứng nhận đã cấp', originals: null, copies: null, note: null },
      { name: 'Văn bản của cơ quan có thẩm quyền về việc tách/hợp thửa (nếu có)', originals: null, copies: null, note: null },
    ]);
  });

  it('reads fee amounts in VND from a fee list', () => {
    const fees = byCode('1.012753').fees;
    expect(fees[0]).toEqual({ description: 'Phí thẩm định hồ sơ – Chỉ có QSDĐ (nộp trực tiếp / bưu chính)', amountVnd: 1260000, note: '1.260.000đ' });
    expect(fees.find((f) => f.note === 'Từ 120.000đ đến 600.000đ')).toMatchObject({ amountVnd: null });
    expect(fees.find((f) => f.amountVnd === 1985500)!.description).toBe('Phí thẩm định hồ sơ – Cả đất và tài sản (nộp trực tuyến)');
    expect(fees.find((f) => f.amountVnd === 0)!.note).toBe('0đ Miễn 100% theo Nghị quyết 21/2024/NQ-HĐND');
    expect(fees[fees.length - 1]).toMatchObject({ amountVnd: 50000, note: '50.000 đồng/GCN/thửa' });
    expect(fees.every((f) => f.amountVnd === null || (Number.isInteger(f.amountVnd) && f.amountVnd >= 0))).toBe(true);
    const data = byCode('1.012789').fees;
    expect(data.find((f) => f.amountVnd === 900)!.description).toBe(
      'Phí khai thác tài liệu – Trang tài liệu khác – từ trang thứ 6 (nộp trực tiếp / bưu chính)',
    );
    expect(byCode('1.012766').fees.find((f) => f.note === '~60.000đ')).toMatchObject({
      amountVnd: 60000,
      description: 'Lệ phí (tổ chức; nộp trực tiếp / bưu chính)',
    });
  });

  it('moves the requirements out of the submission methods and lists cited documents', () => {
    const p = byCode('1.012784');
    expect(p.submissionMethods.map((m) => m.method)).toEqual(['inPerson', 'post', 'online']);
    expect(p.requirements).toMatch(/^Phải đảm bảo các nguyên tắc, điều kiện về tách thửa/);
    expect(byCode('1.012785').requirements).toContain('trước ngày 01/8/2024.'); // Markdown ** removed
    expect(byCode('1.012753').legalBasisNumbers).toEqual(['31/2024/QH15', '43/2024/QH15', '101/2024/NĐ-CP', '118/2025/NĐ-CP', '151/2025/NĐ-CP']);
  });

  it('parses "Bước 1 …" text into steps', () => {
    expect(parseSteps('Bước 1: Nộp hồ sơ tại Bộ phận một cửa. Bước 2: Cơ quan giải quyết. Bước 3 - Trả kết quả.')).toEqual({
      steps: [
        { order: 1, description: 'Nộp hồ sơ tại Bộ phận một cửa.' },
        { order: 2, description: 'Cơ quan giải quyết.' },
        { order: 3, description: 'Trả kết quả.' },
      ],
      stepsText: 'Bước 1: Nộp hồ sơ tại Bộ phận một cửa. Bước 2: Cơ quan giải quyết. Bước 3 - Trả kết quả.',
    });
    expect(parseSteps('Không có trình tự cụ thể')).toEqual({ steps: [], stepsText: 'Không có trình tự cụ thể' });
    expect(parseSteps(null)).toEqual({ steps: [], stepsText: null });
  });

  it('parses single fee lines and counts in free text', () => {
    expect(parseFeeList(['Lệ phí: 100.000 đồng/hồ sơ'])).toEqual([{ description: 'Lệ phí', amountVnd: 100000, note: '100.000 đồng/hồ sơ' }]);
    expect(parseDossierComponents('Tờ khai (02 bản chính, 01 bản sao)')).toEqual([{ name: 'Tờ khai', originals: 2, copies: 1, note: null }]);
  });

  it('skips records without a name and duplicates', () => {
    const r = mapProcedures({
      procedures: [
        { ten_thu_tuc: null, ma_thu_tuc: '1.1' },
        { ten_thu_tuc: 'A', ma_thu_tuc: '1.2' },
        { ten_thu_tuc: 'B', ma_thu_tuc: '1.2' },
      ],
    });
    expect(r.items.map((p) => p.name)).toEqual(['A']);
    expect(r.skipped.map((s) => [s.key, s.reason])).toEqual([
      ['1.1', 'thiếu tên thủ tục (ten_thu_tuc)'],
      ['1.2', 'trùng mã thủ tục với thủ tục đã có trong tệp'],
    ]);
  });
});

describe('fee tables inside the dossier components (issue 9)', () => {
  // Two real records (1.013992, 1.013978 of phamhungVpdklk/TTHC-2228 @6a6bf4f) as the source's
  // scraper emits them when the page heads its fee table "Chi Tiết Phí và Lệ Phí": the whole
  // table is in thanh_phan_ho_so and le_phi is null. The fixture must be there: a missing file fails.
  const fixture = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'procedures-fees-in-dossier.json'), 'utf8')) as ProceduresFile;
  const r = mapProcedures(fixture, { includeOtherProvinces: true });
  const [p1, p2] = r.items;

  it('reads the fixture: two procedures, fee lines among the dossier lines, no fee field', () => {
    expect(fixture.procedures.map((p) => p.ma_thu_tuc)).toEqual(['1.013992', '1.013978']);
    expect(fixture.procedures[0].le_phi).toBeNull();
    expect(fixture.procedures[0].thanh_phan_ho_so).toContain('1.130.000đ');
    expect(r.items).toHaveLength(2);
  });

  it('keeps only the documents as dossier components', () => {
    expect(p1.dossierComponents.map((c) => c.name)).toEqual([
      'Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 18)',
      'Bản gốc Giấy chứng nhận đã cấp',
      'Mảnh trích đo bản đồ địa chính (nếu có nhu cầu đo đạc lại)',
      'Văn bản ủy quyền (nếu có)',
    ]);
    expect(p2.dossierComponents).toHaveLength(4);
    for (const c of [...p1.dossierComponents, ...p2.dossierComponents]) expect(c.name).not.toMatch(/đ$|Phí|Nộp Trực/u);
  });

  it('imports every fee line of the table as a fee, with its section, audience and channel', () => {
    expect(p1.fees).toHaveLength(34);
    expect(p1.fees[0]).toEqual({
      description: 'Phí thẩm định hồ sơ – Trường hợp cấp mới GCN – Về QSDĐ (tổ chức; nộp trực tiếp / bưu chính)',
      amountVnd: 1130000,
      note: '1.130.000đ',
    });
    expect(p1.fees.find((f) => f.amountVnd === 503500)!.description).toBe(
      'Phí thẩm định hồ sơ – Trường hợp cấp mới GCN – Về QSDĐ (hộ gia đình, Cá nhân; nộp trực tuyến)',
    );
    expect(p1.fees.find((f) => f.amountVnd === 12000)!.description).toBe(
      'Lệ phí cấp giấy chứng nhận – Tại xã, thị trấn – GCN quyền sử dụng đất (hộ gia đình, cá nhân; nộp trực tiếp / bưu chính)',
    );
    expect(p1.fees[p1.fees.length - 1]).toMatchObject({ description: 'Lệ phí cấp giấy chứng nhận (nộp trực tuyến)', amountVnd: 0 });
    expect(p1.fees.filter((f) => f.description.startsWith('Phí thẩm định hồ sơ'))).toHaveLength(28);
    expect(p1.feesText).toContain('II. Lệ Phí Cấp Giấy Chứng Nhận');
    // amounts stated one after the other with their place ("30.000đ/giấy:", "Tại phường …") are separate rows
    expect(p2.fees.filter((f) => f.description.startsWith('Lệ phí cấp giấy chứng nhận – GCN quyền sử dụng đất (')).map((f) => [f.amountVnd, f.note])).toEqual([
      [30000, '30.000đ/giấy: Tại phường (TP. Long Khánh, Biên Hòa).'],
      [15000, '15.000đ/giấy: Tại xã, thị trấn.'],
    ]);
    expect(p2.fees[0].description).toBe('Phí thẩm định hồ sơ – Cấp GCN về QSDĐ (hộ gia đình, cá nhân; nộp trực tiếp / bưu chính)');
    expect(p2.fees).toHaveLength(13);
    for (const f of [...p1.fees, ...p2.fees]) expect(Number.isSafeInteger(f.amountVnd) && f.amountVnd! >= 0).toBe(true);
  });

  it('reports what it moved and what it could not read', () => {
    expect(r.unparsed!.map((u) => [u.key, u.field])).toEqual([
      ['1.013992', 'thanh_phan_ho_so'],
      ['1.013978', 'thanh_phan_ho_so'],
    ]);
    expect(r.unparsed![0].reason).toMatch(/bảng phí, lệ phí nằm trong thành phần hồ sơ.*34 khoản phí/);
    const odd = mapProcedures({
      procedures: [
        {
          ten_thu_tuc: 'Thủ tục X',
          ma_thu_tuc: '9.1',
          phi: 'Theo QĐ',
          thanh_phan_ho_so: ['Tờ khai', 'Lệ phí:', 'Theo quy định'],
          thoi_han_giai_quyet: 'Theo quy định',
        },
      ],
    });
    expect(odd.items[0].dossierComponents.map((c) => c.name)).toEqual(['Tờ khai']);
    expect(odd.items[0].feesText).toBe('Phí: Theo QĐ\nLệ phí:\nTheo quy định');
    expect(odd.unparsed!.map((u) => u.field)).toEqual(['phi', 'thanh_phan_ho_so', 'thoi_han_giai_quyet']);
    expect(odd.unparsed![1].reason).toMatch(/không đọc được số tiền nào/);
  });

  it('leaves dossiers without a fee table alone, in the real sample too', () => {
    expect(
      splitDossierAndFees(['Đơn đề nghị (01 bản chính)', 'Hợp đồng chuyển nhượng QSDĐ', 'Chứng từ hoàn thành nghĩa vụ tài chính (nếu có)', 'Phiếu yêu cầu']),
    ).toEqual({
      dossier: ['Đơn đề nghị (01 bản chính)', 'Hợp đồng chuyển nhượng QSDĐ', 'Chứng từ hoàn thành nghĩa vụ tài chính (nếu có)', 'Phiếu yêu cầu'],
      fees: [],
    });
    const sample = mapProcedures(proceduresFile, { agencies, includeOtherProvinces: true });
    expect((sample.unparsed ?? []).filter((u) => u.field === 'thanh_phan_ho_so')).toEqual([]);
  });

  it('normalises source text: NFC, control characters dropped', () => {
    const m = mapProcedures({
      procedures: [
        { ten_thu_tuc: 'Cấp\u0000 giấy phép xây dựng'.normalize('NFD'), ma_thu_tuc: '9.2', thanh_phan_ho_so: ['Đơn\u0007 đề nghị'.normalize('NFD')] },
      ],
    });
    expect(m.items[0].name).toBe('Cấp giấy phép xây dựng');
    expect(m.items[0].dossierComponents[0].name).toBe('Đơn đề nghị');
  });
});

describe('findAgencyName', () => {
  it('matches names written differently, and nothing for generic references', () => {
    expect(findAgencyName('Sở Tài nguyên - Môi trường', agencies)).toBe('Sở Tài nguyên và Môi trường');
    expect(findAgencyName('SỞ KẾ HOẠCH & ĐẦU TƯ TỈNH LÀO CAI', agencies)).toBe('Sở Kế hoạch và Đầu tư');
    expect(findAgencyName('Cơ quan thực hiện: Sở Y tế', agencies)).toBe('Sở Y tế');
    expect(findAgencyName('Sở TN&MT', agencies)).toBe('Sở Tài nguyên và Môi trường');
    expect(findAgencyName('Cơ sở y tế', agencies)).toBeNull();
    expect(findAgencyName('UBND cấp huyện', agencies)).toBeNull();
    expect(findAgencyName('UBND cấp xã', agencies)).toBeNull();
  });
});

describe('mapNews (news-sample.json)', () => {
  const result = mapNews(newsFile, { agencies });

  it('maps the 10 items, all provincial news, skipping none', () => {
    expect(result.items).toHaveLength(10);
    expect(result.skipped).toEqual([]);
    expect(result.items.every((a) => a.kind === 'news' && a.scope === 'province')).toBe(true);
    expect(new Set(result.items.map((a) => a.slug)).size).toBe(10);
  });

  it('maps title, summary, author, source, language and the event date', () => {
    expect(result.items[0]).toEqual({
      title: 'Lào Cai kỷ niệm 30 năm tái lập tỉnh',
      slug: 'lao-cai-ky-niem-30-nam-tai-lap-tinh',
      kind: 'news',
      scope: 'province',
      summary: newsFile.news[0].lead,
      author: 'Đỗ Biên - Khánh Linh',
      source: 'Báo Pháp luật Việt Nam',
      sourceUrl: 'https://baophapluat.vn/lao-cai-ky-niem-30-nam-tai-lap-tinh-post6424.html',
      language: 'vi',
      eventDate: '2021-09-30',
      agencyName: null,
    });
    expect(result.items[1]).toMatchObject({ language: 'en', eventDate: '2025-07-08' });
  });

  it('restores missing titles from the URL slug, takes the first day of a date range, links Báo Lào Cai', () => {
    const traffic = result.items[2];
    expect(traffic).toMatchObject({
      title: 'Phân luồng giao thông tạm thời phục vụ Lễ hội Đền Thượng năm 2025',
      slug: 'phan-luong-giao-thong-tam-thoi-phuc-vu-le-hoi-den-thuong-nam-2025',
      eventDate: '2025-02-11',
      agencyName: 'Báo Lào Cai',
    });
    expect(result.items.filter((a) => a.agencyName === 'Báo Lào Cai')).toHaveLength(4);
    expect(result.items.map((a) => a.title)).toContain('Hàng cứu trợ đã về xã nghèo nhất tỉnh');
  });

  it('puts a headline written in capitals into sentence case', () => {
    expect(result.items[6].title).toBe('Khai mạc kỳ họp thứ 10 HĐND tỉnh Lào Cai khóa XV');
  });

  it('falls back to the lead for a title, and skips what it cannot name', () => {
    const r = mapNews({
      news: [
        { title: null, url_slug: 'khong-co-trong-bang', lead: '(LC) - Sáng nay, tỉnh tổ chức hội nghị. Nội dung khác.', url: 'https://example.vn/a' },
        { title: null, lead: null, url: 'https://example.vn/b' },
        { title: 'Bài tiếng Pháp', language: 'fr', url: 'https://example.vn/c' },
        { title: 'Trùng', url: 'https://example.vn/a' },
      ],
    });
    expect(r.items.map((a) => a.title)).toEqual(['Sáng nay, tỉnh tổ chức hội nghị']);
    expect(r.skipped.map((s) => s.key)).toEqual(['https://example.vn/b', 'https://example.vn/c', 'https://example.vn/a']);
    expectReasons(r);
  });
});

describe('text helpers', () => {
  it('sentenceCase keeps proper nouns, acronyms and the quoted name', () => {
    expect(sentenceCase('VỀ VIỆC QUY ĐỊNH TRÁCH NHIỆM CUNG CẤP THÔNG TIN CHO "CỔNG GIAO TIẾP ĐIỆN TỬ LÀO CAI"')).toBe(
      'Về việc quy định trách nhiệm cung cấp thông tin cho "Cổng giao tiếp điện tử Lào Cai"',
    );
    expect(sentenceCase('Phê Duyệt & Cấp Giấy')).toBe('Phê duyệt & cấp giấy');
    expect(sentenceCase('Xử Lý & Cấp Đổi GCN')).toBe('Xử lý & cấp đổi GCN');
  });

  it('plainTextToMarkdown makes headings, bold articles and tight lists', () => {
    expect(
      plainTextToMarkdown(
        ' QUY ĐỊNH\nĐiều 1. Phạm vi\n- a\n- b\n\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký, các quy định trước đây trái với Quyết định này đều bãi bỏ.\n______',
      ),
    ).toBe(
      '## QUY ĐỊNH\n\n### Điều 1. Phạm vi\n\n- a\n- b\n\n**Điều 2.** Quyết định này có hiệu lực kể từ ngày ký, các quy định trước đây trái với Quyết định này đều bãi bỏ.',
    );
  });
});
