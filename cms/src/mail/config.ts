/**
 * Configuration of Strapi's email plugin (provider `@strapi/provider-email-nodemailer`) from the
 * environment (issue 11, item 5). Production sends through the province's SMTP server; `npm start`
 * points it at a local catcher (maildev). No secret is written in the code: the SMTP password
 * comes from `SMTP_PASSWORD` only.
 *
 * | variable | meaning | default |
 * |---|---|---|
 * | `SMTP_HOST` | SMTP server; unset = notification mails are off (logged once at boot) | — |
 * | `SMTP_PORT` | port, 1–65535 | 465 when `SMTP_SECURE=true`, else 587 |
 * | `SMTP_SECURE` | `true`: TLS from the first byte (port 465); `false`: STARTTLS when offered | `false` |
 * | `SMTP_REQUIRE_TLS` | `true`: refuse to send unless STARTTLS succeeds | `false` |
 * | `SMTP_USER`, `SMTP_PASSWORD` | login, when the server asks for one | — |
 * | `MAIL_FROM` | sender address (`Tên <dia-chi@...>`) | `Cổng TTĐT tỉnh Lào Cai <no-reply@laocai.gov.vn>` |
 * | `MAIL_REPLY_TO` | where replies go (the portal's contact desk) | — |
 * | `SITE_URL` | public site's origin, for links in mails | `PREVIEW_URL` |
 */

/** Sender used when MAIL_FROM is unset. */
export const DEFAULT_MAIL_FROM = 'Cổng TTĐT tỉnh Lào Cai <no-reply@laocai.gov.vn>';

/** Seconds nodemailer waits for a connection, the greeting and any socket activity. */
const TIMEOUT_MS = 15_000;

function bool(env: NodeJS.ProcessEnv, name: string): boolean {
  const v = (env[name] ?? '').trim().toLowerCase();
  if (v === '' || v === 'false' || v === '0') return false;
  if (v === 'true' || v === '1') return true;
  throw new Error(`${name}: chỉ nhận true hoặc false (nhận được "${env[name]}")`);
}

/** Whether notification mails are sent (an SMTP server is configured). */
export function mailEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean((env.SMTP_HOST ?? '').trim());
}

/**
 * The `email` entry of config/plugins.ts.
 * @returns `{ provider: 'nodemailer', providerOptions, settings }`; without SMTP_HOST the
 *   transport is nodemailer's JSON transport (nothing leaves the machine; the notification
 *   module does not queue anything then, see notifications.ts)
 * @throws Error naming the variable when SMTP_PORT, SMTP_SECURE or SMTP_REQUIRE_TLS is malformed,
 *   or when SMTP_USER is set without SMTP_PASSWORD
 */
export function emailPluginConfig(env: NodeJS.ProcessEnv = process.env) {
  const host = (env.SMTP_HOST ?? '').trim();
  const secure = bool(env, 'SMTP_SECURE');
  const requireTLS = bool(env, 'SMTP_REQUIRE_TLS');
  const rawPort = (env.SMTP_PORT ?? '').trim();
  const port = rawPort ? Number(rawPort) : secure ? 465 : 587;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`SMTP_PORT: phải là số nguyên 1–65535 (nhận được "${rawPort}")`);
  const user = (env.SMTP_USER ?? '').trim();
  const pass = env.SMTP_PASSWORD ?? '';
  if (user && !pass) throw new Error('SMTP_PASSWORD: phải có khi đã đặt SMTP_USER');
  const settings = {
    defaultFrom: (env.MAIL_FROM ?? '').trim() || DEFAULT_MAIL_FROM,
    ...((env.MAIL_REPLY_TO ?? '').trim() ? { defaultReplyTo: env.MAIL_REPLY_TO!.trim() } : {}),
  };
  if (!host) return { provider: 'nodemailer', providerOptions: { jsonTransport: true }, settings };
  return {
    provider: 'nodemailer',
    providerOptions: {
      host,
      port,
      secure,
      requireTLS,
      ...(user ? { auth: { user, pass } } : {}),
      connectionTimeout: TIMEOUT_MS,
      greetingTimeout: TIMEOUT_MS,
      socketTimeout: TIMEOUT_MS,
    },
    settings,
  };
}

/** The public site's origin for links in mails (SITE_URL, else PREVIEW_URL), without a trailing slash. */
export function siteUrl(env: NodeJS.ProcessEnv = process.env): string {
  return ((env.SITE_URL ?? '').trim() || (env.PREVIEW_URL ?? '').trim() || 'http://127.0.0.1:4321').replace(/\/+$/, '');
}
