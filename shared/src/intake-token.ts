import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Node-only (node:crypto), imported as `@cong/shared/intake-token`: the signed fill-time token
 * of the intake forms (issue 11) and the tracking secrets.
 *
 * The publisher puts a token into the form each time it serves it: `<issuedMs>.<nonce>.<mac>`,
 * mac = HMAC-SHA256(secret, `<formId>.<issuedMs>.<nonce>`), base64url. A submission is refused
 * when its token is missing, forged, for another form, younger than the minimum fill time (a
 * bot posts at once) or older than the maximum (a stale page: the form is shown again with a
 * fresh token and the text kept).
 */

/** Outcome of {@link checkFillToken}. */
export type FillTokenCheck = 'ok' | 'missing' | 'bad' | 'tooFast' | 'expired';

const mac = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest('base64url');

/**
 * A fresh fill-time token.
 * @param secret the publisher's `INTAKE_FORM_SECRET`
 * @param formId the form's id (a token for one form is not accepted by another)
 * @param now epoch milliseconds
 */
export function issueFillToken(secret: string, formId: string, now = Date.now()): string {
  const nonce = randomBytes(9).toString('base64url');
  return `${now}.${nonce}.${mac(secret, `${formId}.${now}.${nonce}`)}`;
}

/**
 * Checks a fill-time token. Never throws; compares the mac in constant time.
 * @param minMs shortest fill time accepted, milliseconds
 * @param maxMs longest age accepted, milliseconds
 */
export function checkFillToken(token: unknown, secret: string, formId: string, opts: { minMs: number; maxMs: number; now?: number }): FillTokenCheck {
  if (typeof token !== 'string' || !token) return 'missing';
  const m = /^(\d{13})\.([A-Za-z0-9_-]{12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m || !secret) return 'bad';
  const expected = Buffer.from(mac(secret, `${formId}.${m[1]}.${m[2]}`));
  const given = Buffer.from(m[3]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'bad';
  const age = (opts.now ?? Date.now()) - Number(m[1]);
  if (age < opts.minMs) return 'tooFast';
  if (age > opts.maxMs) return 'expired';
  return 'ok';
}

/** A new random secret for a citizen (tracking secret): 16 bytes, base64url (22 characters). */
export function newCitizenSecret(): string {
  return randomBytes(16).toString('base64url');
}

/** SHA-256 hex of a value: what is stored of a tracking secret, and the key of duplicate detection. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
