import { z } from 'zod';
import { errors } from '@strapi/utils';
import { validateDocumentNumber } from '@cong/shared';

/** One field error, in the shape Strapi's admin panel shows beside the field. */
export interface FieldError {
  path: string[];
  message: string;
  name: 'ValidationError';
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'phải là ngày dạng YYYY-MM-DD');

const feeSchema = z.object({
  amountVnd: z
    .union([z.number(), z.string(), z.bigint(), z.null()])
    .optional()
    .refine(
      (v) => v === undefined || v === null || v === '' || /^\d+$/.test(String(v)),
      'Số tiền phí, lệ phí phải là số nguyên không âm, tính bằng đồng (VND)',
    ),
});

function fail(field: string, message: string): FieldError {
  return { path: field.split('.'), message, name: 'ValidationError' };
}

/**
 * Checks the server-side rules of DESIGN.md ("Validate on the server") on the merged state of a
 * document (existing values overlaid with the incoming change), so a partial update is checked
 * against what is stored.
 *
 * Rules:
 * - legalDocument.documentNumber matches `Số/Năm/Loại-CơQuan` (e.g. 07/2006/QĐ-UBND) where it has a
 *   year, `Số/Loại-CơQuan` otherwise (shared `validateDocumentNumber`);
 * - legalDocument.effectiveDate ≥ issuedDate; expiryDate ≥ effectiveDate (ISO dates);
 * - administrativeProcedure.fees[].amountVnd is a non-negative integer of VND;
 * - investmentProject.capitalVnd is a non-negative integer of VND.
 *
 * @param uid   Strapi content-type uid
 * @param merged the document's fields after the change
 * @returns the list of field errors (empty when valid)
 */
export function validateContent(uid: string, merged: Record<string, unknown>): FieldError[] {
  const out: FieldError[] = [];
  if (uid === 'api::legal-document.legal-document') {
    if (typeof merged.documentNumber === 'string') {
      const msg = validateDocumentNumber(merged.documentNumber);
      if (msg) out.push(fail('documentNumber', `Số ký hiệu: ${msg}`));
    }
    for (const f of ['issuedDate', 'effectiveDate', 'expiryDate'] as const) {
      const v = merged[f];
      if (v !== undefined && v !== null && v !== '' && !isoDate.safeParse(String(v).slice(0, 10)).success) {
        out.push(fail(f, `${f}: phải là ngày dạng YYYY-MM-DD`));
      }
    }
    const issued = merged.issuedDate ? String(merged.issuedDate).slice(0, 10) : null;
    const effective = merged.effectiveDate ? String(merged.effectiveDate).slice(0, 10) : null;
    const expiry = merged.expiryDate ? String(merged.expiryDate).slice(0, 10) : null;
    if (issued && effective && effective < issued) {
      out.push(fail('effectiveDate', `Ngày hiệu lực (effectiveDate ${effective}) không được trước ngày ban hành (issuedDate ${issued})`));
    }
    if (expiry && (effective ?? issued) && expiry < (effective ?? issued)!) {
      out.push(fail('expiryDate', `Ngày hết hiệu lực (expiryDate ${expiry}) không được trước ngày có hiệu lực (${effective ?? issued})`));
    }
  }
  if (uid === 'api::administrative-procedure.administrative-procedure' && Array.isArray(merged.fees)) {
    merged.fees.forEach((fee: unknown, i: number) => {
      const r = feeSchema.safeParse(fee ?? {});
      if (!r.success) out.push(fail(`fees.${i}.amountVnd`, r.error.issues[0].message));
    });
  }
  if (uid === 'api::investment-project.investment-project') {
    const v = merged.capitalVnd;
    if (v !== undefined && v !== null && v !== '' && !/^\d+$/.test(String(v))) {
      out.push(fail('capitalVnd', 'Vốn đầu tư (capitalVnd) phải là số nguyên không âm, tính bằng đồng (VND)'));
    }
  }
  return out;
}

/**
 * Throws Strapi's ValidationError (HTTP 400) carrying every field error — those of
 * {@link validateContent} and any `extra` ones found by the caller (a duplicate document
 * number) — or returns when valid.
 * @throws errors.ValidationError with `details.errors` = FieldError[]
 */
export function assertValid(uid: string, merged: Record<string, unknown>, extra: FieldError[] = []): void {
  const found = [...validateContent(uid, merged), ...extra];
  if (found.length) {
    throw new errors.ValidationError(found.map((e) => e.message).join('; '), { errors: found });
  }
}
