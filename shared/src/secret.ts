import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Node-only (node:crypto): imported as `@cong/shared/secret`, never from the package index, so
 * the admin panel's browser bundle can import the index without pulling Node modules in.
 *
 * Constant-time check of a presented secret against the expected one. Both are hashed
 * (SHA-256) first so `crypto.timingSafeEqual` compares equal-length buffers and the expected
 * secret's length does not leak either. False for a missing/non-string value or an empty
 * expected secret; never throws.
 */
export function secretMatches(given: unknown, expected: string | undefined): boolean {
  if (typeof given !== 'string' || !expected) return false;
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
