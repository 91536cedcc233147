/**
 * The seed import on a real CMS: the real data of data/seed and the decision text
 * (data/decision) go in through the document service, the result reads back over public
 * GraphQL, and a second run creates no duplicates.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootCms, gql, repoRoot, type BootedCms } from '../helpers/strapi';
import { requireSeedSources } from '../../scripts/seed/paths';
import { importSeed, type SeedSummary } from '../../scripts/seed/import';

const { dataDir, seedDir } = requireSeedSources();

let cms: BootedCms;
let first: SeedSummary;
let second: SeedSummary;
const lines: string[] = [];

beforeAll(async () => {
  cms = await bootCms();
  first = await importSeed(cms.strapi, { dataDir, seedDir, log: (l) => lines.push(l) });
  second = await importSeed(cms.strapi, { dataDir, seedDir });
});

afterAll(async () => {
  await cms?.stop();
});

describe(`seed import (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  it('imports the 34 agencies, the decision, legal documents, procedures and news', () => {
    expect(first.counts.agency.created).toBe(34);
    expect(first.counts.legalDocument.created).toBeGreaterThanOrEqual(6);
    expect(first.counts.administrativeProcedure.created).toBeGreaterThanOrEqual(3);
    expect(first.counts.article.created).toBe(10);
  });

  it('says why each skipped record was skipped', () => {
    for (const s of first.skipped) expect(s.reason.length).toBeGreaterThan(10);
    const skipLines = lines.filter((l) => l.startsWith('bỏ qua '));
    expect(skipLines.length).toBe(first.skipped.length);
    // the real data passes the CMS's input rules (issue 9): nothing is refused by the CMS itself
    expect(first.skipped.filter((s) => s.reason.startsWith('CMS từ chối'))).toEqual([]);
  });

  it('is idempotent: a second run creates nothing', async () => {
    for (const c of Object.values(second.counts)) expect(c.created).toBe(0);
    const agencies = await cms.strapi.documents('api::agency.agency').count({ status: 'published' });
    expect(agencies).toBe(34);
    const drafts = await cms.strapi.documents('api::agency.agency').count({ status: 'draft' });
    expect(drafts).toBe(34);
  });

  it('serves the decision with its number, dates and full text over public GraphQL', async () => {
    const res = await gql(
      cms.url,
      `query($n: String!) { legalDocuments(filters: { documentNumber: { eq: $n } }) {
         documentNumber documentType issuingBody issuedDate effectiveDate validityStatus abstract body isPolicy agency { name } } }`,
      { n: '07/2006/QĐ-UBND' },
    );
    expect(res.errors).toBeUndefined();
    const [doc] = res.data.legalDocuments;
    expect(doc).toMatchObject({
      documentNumber: '07/2006/QĐ-UBND',
      documentType: 'decision',
      issuingBody: 'Ủy ban nhân dân tỉnh Lào Cai',
      issuedDate: '2006-02-09',
      effectiveDate: '2006-02-24',
      isPolicy: true,
      agency: { name: 'Văn phòng Ủy ban nhân dân tỉnh Lào Cai' },
    });
    expect(doc.body).toContain('Điều 3. Tổ chức thực hiện');
    expect(doc.body).toContain('Hội đồng biên tập cổng GTĐT');
    expect(doc.body).toContain('vào các ngày thứ 2.4. 6 hàng tuần');
  });

  it('keeps districts with their communes and the R-2.5 schedule, press daily', async () => {
    const res = await gql(cms.url, `{ agencies(pagination: { pageSize: 100 }) { name kind updateSchedule adminUnits } }`);
    const byName = Object.fromEntries(res.data.agencies.map((a: any) => [a.name, a]));
    const districts = res.data.agencies.filter((a: any) => a.kind === 'district');
    expect(districts.length).toBe(9);
    for (const d of districts) expect(JSON.stringify(d.adminUnits)).toMatch(/Xã|Phường|Thị trấn/);
    const press = res.data.agencies.filter((a: any) => a.kind === 'press');
    expect(press.length).toBeGreaterThanOrEqual(2);
    for (const p of press) expect(p.updateSchedule).toBe('daily');
    expect(byName['Cục Hải quan tỉnh Lào Cai'].kind).toBe('branchOffice');
  });

  it('imports a fee table found inside the dossier components as fees, cleans control characters and NFD text, and reports it (issue 9)', async () => {
    // the real data, with the procedures of scripts/seed/fixtures (1.013992, 1.013978: the fee
    // table arrived in thanh_phan_ho_so) and a news title carrying a NUL byte in NFD form
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-seed-'));
    try {
      for (const f of fs.readdirSync(dataDir)) fs.copyFileSync(path.join(dataDir, f), path.join(dir, f));
      fs.copyFileSync(path.join(repoRoot, 'scripts', 'seed', 'fixtures', 'procedures-fees-in-dossier.json'), path.join(dir, 'procedures-sample.json'));
      const news = JSON.parse(fs.readFileSync(path.join(dir, 'news-sample.json'), 'utf8'));
      news.news.push({ title: 'Lào Cai\u0000 đón khách du lịch dịp Tết'.normalize('NFD'), url: 'https://baolaocai.vn/lao-cai-don-khach-tet', language: 'vi' });
      fs.writeFileSync(path.join(dir, 'news-sample.json'), JSON.stringify(news));
      const log: string[] = [];
      const r = await importSeed(cms.strapi, { dataDir: dir, seedDir, includeOtherProvinces: true, log: (l) => log.push(l) });
      expect(r.counts.administrativeProcedure.created).toBe(2);
      const proc = await cms.strapi.documents('api::administrative-procedure.administrative-procedure').findFirst({
        filters: { procedureCode: '1.013992' },
        status: 'published',
        populate: { fees: true, dossierComponents: true },
      });
      expect(proc.dossierComponents.map((c: any) => c.name)).toEqual([
        'Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 18)',
        'Bản gốc Giấy chứng nhận đã cấp',
        'Mảnh trích đo bản đồ địa chính (nếu có nhu cầu đo đạc lại)',
        'Văn bản ủy quyền (nếu có)',
      ]);
      expect(proc.fees).toHaveLength(34);
      expect(proc.fees[0]).toMatchObject({ description: 'Phí thẩm định hồ sơ – Trường hợp cấp mới GCN – Về QSDĐ (tổ chức; nộp trực tiếp / bưu chính)' });
      expect(Number(proc.fees[0].amountVnd)).toBe(1130000);
      expect(r.unparsed.map((u) => [u.key, u.field])).toEqual([
        ['1.013992', 'thanh_phan_ho_so'],
        ['1.013978', 'thanh_phan_ho_so'],
      ]);
      expect(log.filter((l) => l.startsWith('chưa đọc được procedures-sample.json 1.013992 (thanh_phan_ho_so)'))).toHaveLength(1);
      const article = await cms.strapi
        .documents('api::article.article')
        .findFirst({ filters: { sourceUrl: 'https://baolaocai.vn/lao-cai-don-khach-tet' }, status: 'published' });
      expect(article.title).toBe('Lào Cai đón khách du lịch dịp Tết'.normalize('NFC'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
