import { randomBytes } from 'node:crypto';

/**
 * The CMS's secrets come from the environment only; none is written in the code (issue 9,
 * class 2: a fallback secret in the code let any editor re-sign its admin token as another user).
 *
 * - Production (`NODE_ENV=production`): every secret of {@link CMS_SECRETS} must be set, at
 *   least {@link MIN_SECRET_LENGTH} characters, and not a known placeholder; otherwise the CMS
 *   refuses to boot, naming the variable.
 * - Development and tests: an unset secret gets a random value for the life of the process (a
 *   warning says so: admin sessions and API-token keys do not survive a restart). `npm start`
 *   never relies on this: scripts/secrets.sh generates every secret once per installation into
 *   the ignored file `.secrets.env` and reuses it.
 */

/** Every secret the CMS needs, by environment variable. */
export const CMS_SECRETS = ['ADMIN_JWT_SECRET', 'APP_KEYS', 'API_TOKEN_SALT', 'TRANSFER_TOKEN_SALT', 'ENCRYPTION_KEY', 'JWT_SECRET'] as const;
export type CmsSecret = (typeof CMS_SECRETS)[number];

/** Shortest secret accepted in production (characters). */
export const MIN_SECRET_LENGTH = 32;

const PLACEHOLDERS = [/^key\d*$/i, /^change.?me/i, /^cong-local/i, /^secret$/i, /^tobemodified/i, /^x+$/i];

const generated = new Map<string, string>();

function isProduction(env: NodeJS.ProcessEnv): boolean {
  return env.NODE_ENV === 'production';
}

/**
 * Why a secret value is unacceptable in production, or null.
 * @param value one secret (for APP_KEYS: one of its comma-separated keys)
 */
export function secretProblem(value: string): string | null {
  if (value.length < MIN_SECRET_LENGTH) return `shorter than ${MIN_SECRET_LENGTH} characters`;
  if (PLACEHOLDERS.some((re) => re.test(value))) return 'a placeholder value';
  return null;
}

/**
 * The value of one secret.
 * @param name the environment variable
 * @param env the environment (defaults to process.env)
 * @returns the configured value; in development/tests a per-process random one when unset
 * @throws {Error} in production when the variable is unset, short or a placeholder
 */
export function secret(name: CmsSecret | string, env: NodeJS.ProcessEnv = process.env): string {
  const value = (env[name] ?? '').trim();
  if (isProduction(env)) {
    if (!value) throw new Error(`${name} is not set: the CMS refuses to start in production without its secrets (see .env.example, SECURITY.md)`);
    const parts = name === 'APP_KEYS' ? value.split(',').map((s) => s.trim()) : [value];
    for (const p of parts) {
      const problem = secretProblem(p);
      if (problem)
        throw new Error(`${name} is ${problem}: the CMS refuses to start in production with a weak secret (generate one with: openssl rand -base64 48)`);
    }
    return value;
  }
  if (value) return value;
  let v = generated.get(name);
  if (!v) {
    v = name === 'APP_KEYS' ? [1, 2, 3, 4].map(() => randomBytes(32).toString('base64')).join(',') : randomBytes(48).toString('base64');
    generated.set(name, v);

    console.warn(`[secrets] ${name} is not set: using a random value for this process only (run the portal with npm start, or set it; see SECURITY.md)`);
  }
  return v;
}

/** APP_KEYS as the list Strapi's session middleware wants. */
export function appKeys(env: NodeJS.ProcessEnv = process.env): string[] {
  return secret('APP_KEYS', env)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
