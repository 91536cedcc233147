import { errors } from '@strapi/utils';
import { documentNumberKey } from '@cong/shared';
import type { FieldError } from './validation';

/**
 * One legal document per document number ("số ký hiệu"), however the number is typed: shared
 * `documentNumberKey` makes `07/2006/QĐ-UBND`, `07/2006/QD-UBND`, `07/2006/qđ-ubnd` and
 * ` 07 / 2006 / QĐ-UBND` one key (issue 9, class 7).
 *
 * How:
 * - the hidden, private attribute `documentNumberKey` of the legal document (not shown in the
 *   admin panel, not in REST/GraphQL, not writable by editors) holds the key; this middleware
 *   fills it on every create/update that carries `documentNumber` (and removes any key a caller
 *   sent);
 * - before the write, a create or update whose key is already held by ANOTHER document (any
 *   documentId but its own, draft or published row) is refused with a ValidationError naming
 *   `documentNumber` and the other document;
 * - two writes of one key in this process run one after the other (a per-key lock around the
 *   check and the write), so two simultaneous creates cannot both pass the check;
 * - across processes (several CMS instances on one database) a partial unique index on the draft
 *   rows — `UNIQUE (document_number_key) WHERE published_at IS NULL`, PostgreSQL and SQLite both
 *   support it — is the last guard: Strapi keeps a draft AND a published row per document with
 *   the same values, so a plain unique index would refuse every publish; every document has
 *   exactly one draft row, so uniqueness among drafts is uniqueness among documents. Strapi's
 *   schema cannot declare a partial index, so it is created after each schema sync
 *   ({@link registerDocumentNumberIndex}), after filling the key of rows written before the rule
 *   existed. When stored data already holds duplicates, the index is not created and a warning
 *   lists them (the middleware check still refuses new ones); a violation of the index (another
 *   process won the race) becomes the same ValidationError.
 */

export const LEGAL_DOCUMENT_UID = 'api::legal-document.legal-document';
export const INDEX_NAME = 'legal_documents_number_key_draft_uq';

const locks = new Map<string, Promise<unknown>>();

/** Runs `fn` after every earlier call with the same key has finished. */
async function withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const before = locks.get(key) ?? Promise.resolve();
  const run = before.then(fn, fn);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  locks.set(key, settled);
  try {
    return await run;
  } finally {
    if (locks.get(key) === settled) locks.delete(key);
  }
}

function duplicateError(number: string, other: { documentId: string; documentNumber?: string; publishedAt?: unknown } | null): FieldError {
  // a published document is public: name it; an unpublished one may belong to another agency,
  // whose drafts an editor must not learn about (number, documentId): say only that it exists
  const what = other?.publishedAt
    ? `văn bản "${other.documentNumber}" đã đăng (mã tài liệu ${other.documentId})`
    : 'một văn bản khác chưa đăng (đề nghị Ban biên tập kiểm tra nếu cần)';
  const message = `Số ký hiệu (documentNumber): "${number}" trùng với ${what} — số ký hiệu được so sánh không phân biệt hoa thường, Đ/D và khoảng trắng`;
  return { path: ['documentNumber'], message, name: 'ValidationError' };
}

function isUniqueViolation(e: any): boolean {
  const text = `${e?.code ?? ''} ${e?.message ?? ''}`;
  return e?.code === '23505' || /SQLITE_CONSTRAINT_UNIQUE|UNIQUE constraint failed|duplicate key value/i.test(text);
}

/** Another document holding the key: its published version when it has one, else its draft. */
const findOther = async (strapi: any, key: string, documentId: string | undefined) => {
  const where = { documentNumberKey: key, ...(documentId ? { documentId: { $ne: documentId } } : {}) };
  const select = ['documentId', 'documentNumber', 'publishedAt'];
  return (
    (await strapi.db.query(LEGAL_DOCUMENT_UID).findOne({ select, where: { ...where, publishedAt: { $notNull: true } } })) ??
    (await strapi.db.query(LEGAL_DOCUMENT_UID).findOne({ select, where }))
  );
};

/**
 * Middleware step for legal documents: fills `documentNumberKey` and, under the key's lock,
 * looks for another document holding the key, then calls `write(errors)` with the duplicate's
 * field error (empty when none) — the caller reports it with its other field errors, or writes.
 * A unique-index violation during the write (another process won) becomes the same error.
 *
 * @param documentId the document updated (excluded from the check), undefined on create
 * @throws errors.ValidationError naming `documentNumber` and the other document
 */
export async function guardDocumentNumber<T>(
  strapi: any,
  data: Record<string, any>,
  documentId: string | undefined,
  write: (duplicate: FieldError[]) => Promise<T>,
): Promise<T> {
  delete data.documentNumberKey;
  const key = typeof data.documentNumber === 'string' ? documentNumberKey(data.documentNumber) : '';
  if (!key) return write([]);
  data.documentNumberKey = key;
  return withLock(key, async () => {
    const other = await findOther(strapi, key, documentId);
    try {
      return await write(other ? [duplicateError(data.documentNumber, other)] : []);
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      const found = duplicateError(data.documentNumber, await findOther(strapi, key, documentId));
      throw new errors.ValidationError(found.message, { errors: [found] });
    }
  });
}

/**
 * After each schema sync: fills `documentNumberKey` where it is missing or stale (rows written
 * before the rule, or by raw queries), then creates the partial unique index on draft rows.
 * Registered from `register` (Strapi's `strapi::content-types.afterSync` hook).
 */
export function registerDocumentNumberIndex(strapi: any): void {
  strapi.hook('strapi::content-types.afterSync').register(async () => {
    const meta = strapi.db.metadata.get(LEGAL_DOCUMENT_UID);
    const table: string = meta.tableName;
    const col = (attr: string) => meta.attributes[attr].columnName ?? attr;
    const [numberCol, keyCol, publishedCol, docCol] = [col('documentNumber'), col('documentNumberKey'), col('publishedAt'), col('documentId')];
    const knex = strapi.db.connection;
    const rows: any[] = await knex(table).select('id', numberCol, keyCol, publishedCol, docCol);
    for (const r of rows) {
      const key = documentNumberKey(r[numberCol]) || null;
      if (r[keyCol] !== key)
        await knex(table)
          .where({ id: r.id })
          .update({ [keyCol]: key });
    }
    const drafts = new Map<string, string[]>();
    for (const r of rows) {
      if (r[publishedCol] !== null && r[publishedCol] !== undefined) continue;
      const key = documentNumberKey(r[numberCol]);
      if (!key) continue;
      drafts.set(key, [...(drafts.get(key) ?? []), `${r[numberCol]} (${r[docCol]})`]);
    }
    const dupes = [...drafts.values()].filter((v) => v.length > 1);
    if (dupes.length) {
      strapi.log.warn(
        `[cong] Văn bản pháp quy trùng số ký hiệu đã có trong cơ sở dữ liệu, chưa tạo chỉ mục duy nhất ${INDEX_NAME}: ${dupes.map((d) => d.join(' = ')).join('; ')}. Hãy sửa hoặc xoá bản trùng rồi khởi động lại.`,
      );
      return;
    }
    await knex.raw(`CREATE UNIQUE INDEX IF NOT EXISTS ?? ON ?? (??) WHERE ?? IS NULL`, [INDEX_NAME, table, keyCol, publishedCol]);
  });
}
