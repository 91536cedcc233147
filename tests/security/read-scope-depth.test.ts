/**
 * Red-team (session 6): the admin API's relation read scope (cms/src/workflow/read-scope.ts)
 * must hold however deep a filter or populate is nested. It stopped narrowing past a fixed
 * depth and handed the rest to Strapi as it was, so an agency editor wrapped a filter through a
 * relation in enough `$not`s to test another agency's unpublished text again (a yes/no oracle:
 * `$contains` letter by letter reads it). Booted CMS, real admin API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootCms, type BootedCms } from '../helpers/strapi';
import { call, createAccount, login } from '../helpers/workflow';
import { UID } from '../helpers/uids';

const DOC = UID.legalDocument;
const PROC = UID.administrativeProcedure;
const AGENCY = UID.agency;
const DB = process.env.TEST_DB ?? 'sqlite';
const SECRET = 'TRICHYEUMAT';

let cms: BootedCms;
let s: any;
const tok: Record<string, string> = {};
const agency: Record<'A' | 'B', string> = { A: '', B: '' };
let lawA = '';

beforeAll(async () => {
  cms = await bootCms();
  s = cms.strapi;
  const mk = async (uid: string, data: Record<string, unknown>, publish: boolean) =>
    (await s.documents(uid).create({ data: { ...data, editorialState: publish ? 'published' : 'draft' }, status: publish ? 'published' : undefined }))
      .documentId as string;
  agency.A = await mk(AGENCY, { name: 'Sở Tài nguyên và Môi trường', kind: 'department', updateSchedule: 'monWedFri' }, true);
  agency.B = await mk(AGENCY, { name: 'UBND thành phố Lào Cai', kind: 'district', updateSchedule: 'monWedFri' }, true);
  const law = { documentType: 'decision', issuingBody: 'UBND tỉnh Lào Cai', issuedDate: '2026-01-05', abstract: 'Trích yếu công khai' };
  lawA = await mk(DOC, { ...law, documentNumber: '01/2026/QĐ-UBND', agency: agency.A }, true);
  // agency A's unpublished edit of its published document, and an unpublished document of A
  await s.documents(DOC).update({ documentId: lawA, data: { abstract: `Trích yếu ${SECRET} sửa chưa đăng` } });
  await mk(DOC, { ...law, documentNumber: '02/2026/QĐ-UBND', abstract: `Nháp ${SECRET}`, agency: agency.A }, false);
  for (const [key, a] of [
    ['editorB', 'B'],
    ['editorA', 'A'],
  ] as const) {
    await createAccount(s, { email: `${key.toLowerCase()}@depth.test`, role: 'agencyEditor', agencyDocumentId: agency[a] });
    tok[key] = await login(cms.url, `${key.toLowerCase()}@depth.test`);
  }
  const created = await call(cms.url, tok.editorB, 'POST', `/content-manager/collection-types/${PROC}`, {
    name: 'Thủ tục dò tìm',
    legalBasis: { connect: [{ documentId: lawA }] },
  });
  expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(201);
}, 600_000);

afterAll(async () => {
  await cms?.stop();
});

const CMP = `/content-manager/collection-types/${PROC}`;
const total = (r: { body: any }) => r.body?.pagination?.total ?? r.body?.results?.length;
/** `filters[$not][$not]…[rest]` with `n` `$not`s */
const nots = (n: number, rest: string) => `filters${'[$not]'.repeat(n)}${rest}`;

describe(`admin API read scope at any depth (${DB})`, () => {
  it("a filter through a relation wrapped in many $not cannot test another agency's unpublished text", async () => {
    for (const n of [0, 2, 12, 14, 16]) {
      for (const rest of [`[legalBasis][abstract][$contains]=${SECRET}`, `[legalBasis][agency][legalDocuments][abstract][$contains]=${SECRET}`]) {
        const q = nots(n, rest);
        const r = await call(cms.url, tok.editorB, 'GET', `${CMP}?${q}`);
        // refused as too deep, or answered as if the other agency's rows were not there
        if (r.status === 200) expect(total(r), q).toBe(0);
        else expect(r.status, `${q} → ${JSON.stringify(r.body).slice(0, 300)}`).toBe(400);
      }
    }
    // as deep, a filter on the editor's own rows is still answered (not dropped)
    const deepOwn = await call(cms.url, tok.editorB, 'GET', `${CMP}?${nots(14, `[name][$eq]=${encodeURIComponent('Thủ tục dò tìm')}`)}`);
    expect(deepOwn.status).toBe(200);
    expect(total(deepOwn)).toBe(1);
    // the owner of the text can still filter by it
    const own = await call(cms.url, tok.editorA, 'GET', `/content-manager/collection-types/${DOC}?filters[abstract][$contains]=${SECRET}`);
    expect(own.status).toBe(200);
    expect(total(own)).toBeGreaterThanOrEqual(1);
  });
});
