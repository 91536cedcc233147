import { createHmac } from 'node:crypto';
import { isIP } from 'node:net';
import type { Core } from '@strapi/strapi';
import { RateLimiterPostgres, RateLimiterMySQL, RateLimiterSQLite, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { INTAKE_CLIENT_HEADER, INTAKE_TOKEN_HEADER, validateIntake, type IntakeErrors, type IntakeForm, type IntakeValues } from '@cong/shared';
import { secretMatches } from '@cong/shared/secret';
import { secretProblem } from './secrets';

/**
 * The CMS half of the citizen forms (issue 11): the publisher validates and forwards a
 * submission with the server-side token `INTAKE_TOKEN`; a route of the CMS (auth off — the public
 * role still creates nothing) calls these helpers:
 *
 * ```ts
 * async create(ctx) {
 *   if (!intakeAuthorized(ctx)) return;                       // 401 / 503
 *   const v = validateIntakeBody(ctx, MY_FORM); if (!v) return; // 422 with the field errors
 *   if (await refuseOverLimit(ctx, [[limits.perAddress, clientAddress(ctx)]])) return; // 429
 *   …create with strapi.documents(…) …
 * }
 * ```
 *
 * Rate limits are `rate-limiter-flexible` limiters stored in the CMS's own database (table
 * {@link RATE_LIMIT_TABLE}, created by the library), so every CMS instance shares them; SQLite,
 * PostgreSQL and MySQL through Strapi's knex connection.
 */

/** Table the rate limiters keep their counters in (one row per key; expired rows are cleared every 5 minutes). */
export const RATE_LIMIT_TABLE = 'cong_rate_limits';

/**
 * Checks the publisher's intake token (`INTAKE_TOKEN` header, constant-time). Answers the request
 * itself when it fails: 503 while the CMS has no token configured, 401 for a missing or wrong one.
 * @returns true when the caller may go on
 */
export function intakeAuthorized(ctx: any, env: NodeJS.ProcessEnv = process.env): boolean {
  const expected = intakeToken(env);
  if (!expected) {
    ctx.status = 503;
    ctx.body = { error: 'intake is not configured (INTAKE_TOKEN)' };
    return false;
  }
  if (!secretMatches(ctx.get(INTAKE_TOKEN_HEADER), expected)) {
    ctx.status = 401;
    ctx.body = { error: 'bad or missing intake token' };
    return false;
  }
  return true;
}

/**
 * `INTAKE_TOKEN`, or '' when unset. In production a weak value is refused at boot
 * ({@link assertIntakeConfig}).
 */
export function intakeToken(env: NodeJS.ProcessEnv = process.env): string {
  return (env.INTAKE_TOKEN ?? '').trim();
}

/**
 * Boot check: in production `INTAKE_TOKEN`, when set, must be a real secret (≥ 32 characters, no
 * placeholder); unset disables the citizen forms (they answer 503) with a warning.
 * @throws {Error} naming the variable
 */
export function assertIntakeConfig(strapi: Core.Strapi, env: NodeJS.ProcessEnv = process.env): void {
  const token = intakeToken(env);
  if (!token) {
    strapi.log.warn('[intake] INTAKE_TOKEN is not set: the citizen forms (questions, comments, ratings) are off');
    return;
  }
  const problem = env.NODE_ENV === 'production' ? secretProblem(token) : null;
  if (problem) throw new Error(`INTAKE_TOKEN is ${problem}: the CMS refuses to start in production with a weak intake token`);
}

/**
 * The citizen's network address as the publisher saw it (header {@link INTAKE_CLIENT_HEADER},
 * trusted because the request carried the intake token), at most 64 characters.
 */
export function clientAddress(ctx: any): string {
  const v = String(ctx.get(INTAKE_CLIENT_HEADER) || ctx.request.ip || 'unknown');
  return addressKey(v.slice(0, 64));
}

/**
 * The rate-limit key of a network address (red-team F9): an IPv4 address as it is (also when
 * written IPv4-mapped, `::ffff:1.2.3.4`), an IPv6 address as its /64 network — one subscriber's
 * line gets a whole /64, so limiting single IPv6 addresses limits nothing. Anything else as given.
 * @example addressKey('2001:db8:1:2:aaaa::1') → '2001:db8:1:2::/64'
 */
export function addressKey(address: string): string {
  const a = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a);
  if (mapped) return mapped[1]!;
  if (isIP(a) !== 6) return a;
  const [head, tail = ''] = a.split('::');
  const left = head ? head.split(':') : [];
  const right = a.includes('::') && tail ? tail.split(':') : [];
  const groups = a.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * Validates `ctx.request.body.values` against a form (the same rules as the publisher's) and
 * answers 422 `{ errors }` (Vietnamese, by field) when something is wrong.
 * @returns the normalised values, or null when it answered
 */
export function validateIntakeBody(ctx: any, form: IntakeForm): IntakeValues | null {
  const raw = ctx.request.body?.values;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    sendIntakeErrors(ctx, 400, { _form: 'Nội dung gửi không hợp lệ.' });
    return null;
  }
  const { values, errors } = validateIntake(form, raw);
  if (Object.keys(errors).length) {
    sendIntakeErrors(ctx, 422, errors);
    return null;
  }
  return values;
}

/** Answers with Vietnamese errors by field (`_form`: the whole form). */
export function sendIntakeErrors(ctx: any, status: number, errors: IntakeErrors, extra: Record<string, unknown> = {}): void {
  ctx.status = status;
  ctx.body = { errors, ...extra };
}

/** Options of one limit: `points` requests per `durationSeconds`; a key over it is blocked `blockSeconds` (default: the duration). */
export interface LimitOptions {
  /** key prefix, unique per limit (e.g. `question-address`) */
  name: string;
  points: number;
  durationSeconds: number;
  blockSeconds?: number;
}

const limiters = new Map<string, Promise<RateLimiterAbstract>>();

/**
 * A database-backed rate limiter (one per name and process; the counters are shared through the
 * database). Resolves once its table exists.
 * @throws {Error} for a database client the library does not support
 */
export function rateLimiter(strapi: Core.Strapi, opts: LimitOptions): Promise<RateLimiterAbstract> {
  const key = `${opts.name}:${opts.points}:${opts.durationSeconds}:${opts.blockSeconds ?? ''}`;
  let p = limiters.get(key);
  if (p) return p;
  p = new Promise<RateLimiterAbstract>((resolve, reject) => {
    const knex = strapi.db.connection as any;
    const client = String(knex.client.config.client);
    const common = {
      storeClient: knex,
      storeType: 'knex',
      tableName: RATE_LIMIT_TABLE,
      keyPrefix: opts.name,
      points: opts.points,
      duration: opts.durationSeconds,
      blockDuration: opts.blockSeconds ?? 0,
      clearExpiredByTimeout: true,
    };
    const done = (err?: unknown) => (err ? reject(err) : resolve(limiter));
    let limiter: RateLimiterAbstract;
    if (client === 'better-sqlite3' || client === 'sqlite3') limiter = new RateLimiterSQLite(common as any, done);
    else if (client === 'pg' || client === 'postgres') limiter = new RateLimiterPostgres(common as any, done);
    else if (client === 'mysql' || client === 'mysql2') limiter = new RateLimiterMySQL(common as any, done);
    else return reject(new Error(`rate limits: unsupported database client ${client}`));
  });
  p.catch(() => limiters.delete(key));
  limiters.set(key, p);
  return p;
}

/**
 * What a limiter stores for `key`: an HMAC-SHA-256 (hex) of the limiter's name and the key, keyed
 * with `INTAKE_TOKEN` — the counters' table holds no address, mailbox or phone number, and a key
 * cannot be reversed by trying every IPv4 address or a list of numbers (red-team F14, for every
 * limit since session 7: the per-contact keys were stored as written). Same key, same limiter →
 * same hash, so counting is unchanged; another token starts the counters afresh.
 */
export function storedLimitKey(limiterName: string, key: string, env: NodeJS.ProcessEnv = process.env): string {
  return createHmac('sha256', intakeToken(env)).update(`${limiterName}\n${key}`, 'utf8').digest('hex');
}

/**
 * Consumes one point of each limit for its key (stored as {@link storedLimitKey}); answers 429 `{ errors: { _form }, retryAfterSeconds }`
 * with `Retry-After` as soon as one is over. A key that is empty is skipped. Points already taken
 * from earlier limits stay taken (a refused burst still counts).
 * @returns true when it refused (the caller stops)
 */
export async function refuseOverLimit(ctx: any, limits: readonly (readonly [Promise<RateLimiterAbstract> | RateLimiterAbstract, string])[]): Promise<boolean> {
  for (const [l, key] of limits) {
    if (!key) continue;
    const limiter = await l;
    try {
      await limiter.consume(storedLimitKey(limiter.keyPrefix, key), 1);
    } catch (rej) {
      if (!(rej instanceof RateLimiterRes)) throw rej;
      const seconds = Math.max(1, Math.ceil(rej.msBeforeNext / 1000));
      ctx.set('Retry-After', String(seconds));
      sendIntakeErrors(
        ctx,
        429,
        { _form: `Anh/chị đã gửi quá nhiều lần. Vui lòng thử lại sau khoảng ${Math.ceil(seconds / 60)} phút.` },
        { retryAfterSeconds: seconds },
      );
      return true;
    }
  }
  return false;
}

/** A positive integer from the environment, or the default. @throws {Error} naming a malformed variable */
export function envInt(name: string, dflt: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return n;
}

/** Table of the fill-time tokens already used (one row per token id, kept until the token would have expired). */
export const USED_TOKEN_TABLE = 'cong_intake_used_tokens';

let usedTokenTable: Promise<void> | null = null;
let lastPurge = 0;

function ensureUsedTokenTable(strapi: Core.Strapi): Promise<void> {
  usedTokenTable ??= (async () => {
    const knex = strapi.db.connection as any;
    if (await knex.schema.hasTable(USED_TOKEN_TABLE)) return;
    await knex.schema
      .createTable(USED_TOKEN_TABLE, (t: any) => {
        t.string('id', 64).primary();
        t.bigInteger('expires_at').notNullable().index();
      })
      .catch(async (err: unknown) => {
        // another instance created it meanwhile
        if (!(await knex.schema.hasTable(USED_TOKEN_TABLE))) throw err;
      });
  })();
  usedTokenTable.catch(() => (usedTokenTable = null));
  return usedTokenTable;
}

/**
 * Single-use fill-time tokens (red-team: a signed token could be replayed for its whole life,
 * 24 h): records the id of the submission's token (`ctx.request.body.fillToken`, `{ id, expiresAt }`
 * sent by the publisher once it checked the token's signature and age) in the CMS database —
 * shared by every CMS instance — and refuses a second use with 409 and a Vietnamese message. The
 * primary key makes the first of two simultaneous uses win. Rows are forgotten once their token
 * would have expired (purged at most every 5 minutes). Call it last before storing, after the
 * checks that may send the citizen back to the form (the form then comes with a fresh token).
 * @returns true when it refused (the caller stops)
 */
export async function refuseReplayedToken(strapi: Core.Strapi, ctx: any, now = Date.now()): Promise<boolean> {
  const given = ctx.request.body?.fillToken;
  const id = typeof given?.id === 'string' ? given.id : '';
  const expiresAt = Date.parse(typeof given?.expiresAt === 'string' ? given.expiresAt : '');
  if (!/^\d{13}\.[A-Za-z0-9_-]{12}$/.test(id) || !Number.isFinite(expiresAt)) {
    sendIntakeErrors(ctx, 400, { _form: 'Trang biểu mẫu không hợp lệ. Vui lòng tải lại trang rồi gửi lại.' });
    return true;
  }
  await ensureUsedTokenTable(strapi);
  const knex = strapi.db.connection as any;
  if (now - lastPurge > 300_000) {
    lastPurge = now;
    await knex(USED_TOKEN_TABLE).where('expires_at', '<', now).del();
  }
  try {
    await knex(USED_TOKEN_TABLE).insert({ id, expires_at: Math.max(expiresAt, now) });
    return false;
  } catch (err) {
    const used = await knex(USED_TOKEN_TABLE).where({ id }).first();
    if (!used) throw err;
    sendIntakeErrors(ctx, 409, {
      _form: 'Biểu mẫu này đã được gửi một lần. Nội dung được giữ lại bên dưới; nếu muốn gửi thêm, vui lòng kiểm tra rồi bấm gửi lại.',
    });
    return true;
  }
}
