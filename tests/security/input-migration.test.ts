/**
 * Issue 9 on a database written before the fix (SQLite, and PostgreSQL with TEST_DB=postgres):
 * - the URL fields were `string` (varchar(255) on PostgreSQL) and are now `text` (2,048
 *   characters): Strapi's schema sync changes the column type in place and every stored URL
 *   survives;
 * - legal documents stored before the document-number key existed get their key at boot, and the
 *   partial unique index is created, so a second spelling of a stored number is refused at once;
 * - when the stored data already holds two spellings of one number, the CMS still boots (the
 *   index is left out and a warning names both), and the middleware refuses a third.
 *
 * "Before the fix" is reproduced on the database itself: the URL columns are turned back into
 * varchar(255) (PostgreSQL; SQLite has no column types to go back to), the keys are emptied and
 * the index dropped, and Strapi's stored copy of the schema is edited to say those columns were
 * strings — exactly the state a database built by the previous version is in.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { bootCms, testDb, type BootedCms } from '../helpers/strapi';
import { UID } from '../helpers/uids';

const DOC = UID.legalDocument;
const URL_COLUMNS: [table: string, column: string][] = [
  ['articles', 'source_url'],
  ['legal_documents', 'source_url'],
  ['administrative_procedures', 'source_url'],
  ['e_services', 'url'],
  ['components_shared_contact', 'website'],
];
const url = (n: number) => `https://laocai.gov.vn/tin-tuc/${'chuyen-doi-so-'.repeat(20)}${n}`.slice(0, 250) + `?n=${n}`;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-migrate-'));
const database = testDb === 'postgres' ? `cong_migrate_${randomBytes(4).toString('hex')}` : path.join(tmp, 'data.db');
let cms: BootedCms | null = null;

afterAll(async () => {
  if (cms) await cms.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Puts the database back in the state the previous version left it in. */
async function makeItOld(s: any, o: { urls: boolean }) {
  const knex = s.db.connection;
  await knex.raw('DROP INDEX IF EXISTS legal_documents_number_key_draft_uq');
  await knex('legal_documents').update({ document_number_key: null });
  if (!o.urls) return;
  if (testDb === 'postgres') {
    for (const [t, c] of URL_COLUMNS) await knex.raw(`ALTER TABLE ?? ALTER COLUMN ?? TYPE varchar(255)`, [t, c]);
  }
  const row = await knex('strapi_database_schema').orderBy('time', 'desc').first();
  const stored = typeof row.schema === 'string' ? JSON.parse(row.schema) : row.schema;
  for (const [t, c] of URL_COLUMNS) {
    const table = stored.tables.find((x: any) => x.name === t);
    const i = table.columns.findIndex((x: any) => x.name === c);
    const stringColumn = table.columns.find((x: any) => x.type === 'string' && x.name !== c) ?? {
      type: 'string',
      args: [],
      defaultTo: null,
      notNullable: false,
      unsigned: false,
    };
    table.columns[i] = { ...stringColumn, name: c };
  }
  await knex('strapi_database_schema')
    .where({ id: row.id })
    .update({ schema: JSON.stringify(stored), hash: 'schema-of-the-previous-version' });
}

async function columnType(s: any, table: string, column: string): Promise<string> {
  if (testDb === 'postgres') {
    const r = await s.db.connection.raw(`SELECT data_type FROM information_schema.columns WHERE table_name = ? AND column_name = ?`, [table, column]);
    return r.rows[0].data_type;
  }
  const r = await s.db.connection.raw(`SELECT type FROM pragma_table_info(?) WHERE name = ?`, [table, column]);
  return String(r[0].type).toLowerCase();
}

describe(`a database written before issue 9's fix (${testDb})`, () => {
  it('keeps every stored URL when the URL columns become text, and then stores 2,048-character URLs', async () => {
    cms = await bootCms({ database, keepDatabase: true });
    let s = cms.strapi;
    const agency = await s.documents('api::agency.agency').create({ data: { name: 'Sở Xây dựng', kind: 'department', contact: { website: url(1) } } });
    const article = await s
      .documents('api::article.article')
      .create({ data: { title: 'Tin cũ', kind: 'news', scope: 'province', sourceUrl: url(2) }, status: 'published' });
    const doc = await s.documents(DOC).create({
      data: {
        documentNumber: '07/2006/QĐ-UBND',
        documentType: 'decision',
        issuingBody: 'UBND tỉnh Lào Cai',
        issuedDate: '2006-02-09',
        abstract: 'Quyết định cũ',
        validityStatus: 'inForce',
        sourceUrl: url(3),
      },
    });
    const proc = await s.documents('api::administrative-procedure.administrative-procedure').create({ data: { name: 'Thủ tục cũ', sourceUrl: url(4) } });
    const esv = await s.documents('api::e-service.e-service').create({ data: { name: 'Dịch vụ cũ', url: url(5), registrationStatus: 'registered' } });
    await makeItOld(s, { urls: true });
    if (testDb === 'postgres') expect(await columnType(s, 'articles', 'source_url')).toBe('character varying');
    await cms.stop();

    cms = await bootCms({ database, keepDatabase: true });
    s = cms.strapi;
    for (const [t, c] of URL_COLUMNS) expect(await columnType(s, t, c), `${t}.${c}`).toBe('text');
    expect((await s.documents('api::agency.agency').findOne({ documentId: agency.documentId, populate: { contact: true } })).contact.website).toBe(url(1));
    expect((await s.documents('api::article.article').findOne({ documentId: article.documentId, status: 'published' })).sourceUrl).toBe(url(2));
    expect((await s.documents(DOC).findOne({ documentId: doc.documentId })).sourceUrl).toBe(url(3));
    expect((await s.documents('api::administrative-procedure.administrative-procedure').findOne({ documentId: proc.documentId })).sourceUrl).toBe(url(4));
    expect((await s.documents('api::e-service.e-service').findOne({ documentId: esv.documentId })).url).toBe(url(5));
    const base = 'https://vbpl.vn/laocai/Pages/vbpq-toanvan.aspx?ItemID=1&q=';
    const long = `${base}${'a'.repeat(2048 - base.length)}`;
    expect(long.length).toBe(2048);
    const updated = await s.documents('api::article.article').update({ documentId: article.documentId, data: { sourceUrl: long } });
    expect(updated.sourceUrl).toBe(long);

    // the document-number keys were filled at boot and the partial unique index is back
    const row = await s.db.query(DOC).findOne({ where: { documentId: doc.documentId, publishedAt: null } });
    expect(row.documentNumberKey).toBe('7/2006/QD-UBND');
    const before = await s.db.query(DOC).count();
    await expect(
      s.documents(DOC).create({
        data: {
          documentNumber: '07/2006/QD-UBND',
          documentType: 'decision',
          issuingBody: 'UBND tỉnh',
          issuedDate: '2006-02-09',
          abstract: 'Trùng',
          validityStatus: 'inForce',
        },
      }),
    ).rejects.toMatchObject({ details: { errors: [expect.objectContaining({ path: ['documentNumber'] })] } });
    await expect(
      s.db.query(DOC).create({
        data: {
          documentNumber: '07/2006/QD-UBND',
          documentNumberKey: '7/2006/QD-UBND',
          documentType: 'decision',
          issuingBody: 'x',
          issuedDate: '2006-02-09',
          abstract: 'x',
          validityStatus: 'inForce',
          publishedAt: null,
        },
      }),
    ).rejects.toThrow();
    expect(await s.db.query(DOC).count()).toBe(before);
  });

  it('boots with duplicates already stored, names them in a warning, and refuses a third spelling', async () => {
    const s = cms!.strapi;
    // a second spelling written by the previous version (no key, no rule, no index)
    await s.db.connection.raw('DROP INDEX IF EXISTS legal_documents_number_key_draft_uq');
    const twin = await s.db.query(DOC).create({
      data: {
        documentNumber: '07/2006/QD-UBND',
        documentType: 'decision',
        issuingBody: 'UBND tỉnh',
        issuedDate: '2006-02-09',
        abstract: 'Bản trùng cũ',
        validityStatus: 'inForce',
        publishedAt: null,
      },
    });
    await makeItOld(s, { urls: false });
    await cms!.stop();
    // the warning is logged during boot: capture the process's output while it boots
    // (Strapi's logger writes to console._stdout when there is one — the test runner's — else stdout)
    const output: string[] = [];
    const streams = [process.stdout, (console as any)._stdout].filter(Boolean);
    const originals = streams.map((st) => st.write);
    streams.forEach((st, i) => {
      st.write = (chunk: any, ...rest: any[]) => {
        output.push(String(chunk));
        return originals[i].call(st, chunk, ...rest);
      };
    });
    try {
      cms = await bootCms({ database, keepDatabase: false });
    } finally {
      streams.forEach((st, i) => (st.write = originals[i]));
    }
    const s2 = cms.strapi;
    const warning = output
      .join('')
      .split('\n')
      .find((l) => l.includes('trùng số ký hiệu'));
    expect(warning).toMatch(/07\/2006\/QĐ-UBND.*=.*07\/2006\/QD-UBND|07\/2006\/QD-UBND.*=.*07\/2006\/QĐ-UBND/);
    const keys = (await s2.db.query(DOC).findMany({ where: { publishedAt: null }, select: ['documentNumber', 'documentNumberKey'] })).map(
      (r: any) => r.documentNumberKey,
    );
    expect(keys.filter((k: string) => k === '7/2006/QD-UBND')).toHaveLength(2);
    const index =
      testDb === 'postgres'
        ? (await s2.db.connection.raw(`SELECT 1 FROM pg_indexes WHERE indexname = 'legal_documents_number_key_draft_uq'`)).rows
        : await s2.db.connection.raw(`SELECT 1 FROM sqlite_master WHERE name = 'legal_documents_number_key_draft_uq'`);
    expect(index).toHaveLength(0);
    const before = await s2.db.query(DOC).count();
    await expect(
      s2.documents(DOC).create({
        data: {
          documentNumber: '07/2006/QĐ-UBND',
          documentType: 'decision',
          issuingBody: 'UBND tỉnh',
          issuedDate: '2006-02-09',
          abstract: 'Lần ba',
          validityStatus: 'inForce',
        },
      }),
    ).rejects.toMatchObject({ details: { errors: [expect.objectContaining({ path: ['documentNumber'] })] } });
    expect(await s2.db.query(DOC).count()).toBe(before);
    expect(twin.documentNumber).toBe('07/2006/QD-UBND');
  });
});
