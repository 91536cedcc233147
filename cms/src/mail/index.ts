/**
 * Notification mails (issue 11, item 5; ADR 0011). `bootstrapMail` (called from the CMS's
 * bootstrap) creates the outgoing queue on Strapi's email plugin and subscribes to the events
 * (notifications.ts). Without SMTP_HOST nothing is queued: the boot log says mails are off.
 */
import { mailEnabled } from './config';
import { MAIL_RETRY_DELAYS_MS, MailQueue } from './queue';
import { subscribeNotifications } from './notifications';

/**
 * Retry delays from MAIL_RETRY_DELAYS_MS (comma-separated ms, e.g. `2000,10000,60000`), else
 * the defaults of queue.ts.
 * @throws Error naming MAIL_RETRY_DELAYS_MS when a value is not a non-negative integer
 */
function retryDelays(env: NodeJS.ProcessEnv): number[] {
  const raw = (env.MAIL_RETRY_DELAYS_MS ?? '').trim();
  if (!raw) return MAIL_RETRY_DELAYS_MS;
  const delays = raw.split(',').map((s) => Number(s.trim()));
  if (delays.some((d) => !Number.isInteger(d) || d < 0))
    throw new Error(`MAIL_RETRY_DELAYS_MS: các số nguyên không âm, cách nhau bằng dấu phẩy (nhận được "${raw}")`);
  return delays;
}

/**
 * Starts the notification mails. The queue is kept on `strapi.congMail` (tests wait on it with
 * `strapi.congMail.whenIdle()`).
 */
export function bootstrapMail(strapi: any): void {
  if (!mailEnabled()) {
    const level = process.env.NODE_ENV === 'production' ? 'warn' : 'info';
    strapi.log[level]('[mail] chưa cấu hình SMTP_HOST: không gửi thư thông báo (README, "Configuration")');
    return;
  }
  const email = strapi.plugin('email').service('email');
  const queue = new MailQueue((m) => email.send({ to: m.to, subject: m.subject, text: m.text, html: m.html }), strapi.log, retryDelays(process.env));
  strapi.congMail = queue;
  subscribeNotifications(strapi, queue);
  strapi.log.info('[mail] thư thông báo gửi qua SMTP (cấu hình SMTP_HOST)');
}

/** Stops the queue's pending retries (CMS shutdown). */
export function destroyMail(strapi: any): void {
  strapi.congMail?.stop();
}
