/**
 * Red-team F21: a relation payload of an agency editor is checked item by item
 * (cms/src/workflow/relations.ts), and the items were spread into one array
 * (`out.push(...ids)`): ~130,000 repetitions of one id (a 400 kB body, under the 1 MB limit)
 * threw RangeError — a 500 with a stack trace in the log for one request. A list of relation
 * items is bounded and refused with a 400 naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootCms, type BootedCms } from '../helpers/strapi';
import { call, createAccount, errorMessage, login } from '../helpers/workflow';
import { UID } from '../helpers/uids';

const DOC = UID.legalDocument;
const PROC = UID.administrativeProcedure;
const AGENCY = UID.agency;

let cms: BootedCms;
let s: any;
let token = '';
let lawId = 0;
let lawDoc = '';

beforeAll(async () => {
  cms = await bootCms();
  s = cms.strapi;
  const agency = (
    await s
      .documents(AGENCY)
      .create({ data: { name: 'Sở Tư pháp', kind: 'department', updateSchedule: 'monWedFri', editorialState: 'published' }, status: 'published' })
  ).documentId as string;
  const law = await s.documents(DOC).create({
    data: {
      documentType: 'decision',
      issuingBody: 'UBND tỉnh Lào Cai',
      issuedDate: '2026-01-05',
      abstract: 'Trích yếu',
      documentNumber: '09/2026/QĐ-UBND',
      agency,
      editorialState: 'published',
    },
    status: 'published',
  });
  lawDoc = law.documentId;
  lawId = Number((await s.db.query(DOC).findOne({ where: { documentId: lawDoc, publishedAt: { $notNull: true } } })).id);
  await createAccount(s, { email: 'editor@f21.test', role: 'agencyEditor', agencyDocumentId: agency });
  token = await login(cms.url, 'editor@f21.test');
}, 600_000);

afterAll(async () => {
  await cms?.stop();
});

describe('relation payloads of any size', () => {
  it('a list of 130,000 relation items is a 400 naming the field, not a 500', async () => {
    for (const legalBasis of [
      Array.from({ length: 130_000 }, () => lawId),
      { connect: Array.from({ length: 130_000 }, () => lawId) },
      { disconnect: Array.from({ length: 130_000 }, () => lawId) },
    ]) {
      const r = await call(cms.url, token, 'POST', `/content-manager/collection-types/${PROC}`, { name: 'Thủ tục thử', legalBasis });
      expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(400);
      expect(errorMessage(r)).toContain('legalBasis');
    }
    // an ordinary list still works
    const ok = await call(cms.url, token, 'POST', `/content-manager/collection-types/${PROC}`, {
      name: 'Thủ tục thử 2',
      legalBasis: { connect: [{ documentId: lawDoc }] },
    });
    expect(ok.status, JSON.stringify(ok.body).slice(0, 300)).toBe(201);
  }, 120_000);
});
