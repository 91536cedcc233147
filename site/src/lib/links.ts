/**
 * Every link the site builds from CMS data goes through this module (issue 9): a URL field is
 * only ever rendered as an `href`/`src` when it passes the portal's one URL rule
 * (`safeHref` of `@cong/shared`: absolute `http:`/`https:`, plus `mailto:`/`tel:` for contact
 * fields). Content stored before the CMS checked URLs, or written by a path that skipped the
 * check, can therefore never put `javascript:`, `data:`, `vbscript:` or any other scheme into
 * a page: such a value is shown without a link, or not at all.
 *
 * Links the site makes itself (the route map of `@cong/shared`) are site-relative and do not
 * need this.
 */
import { mailtoHref, safeHref, telHref } from '@cong/shared';
import type { GqlContact } from './queries';

/**
 * The `href` for a web address from the CMS (a source link, an e-service's address), or
 * `undefined` when it must not become a link.
 *
 * @example webHref('https://vbpl.vn/laocai/Pages/vbpq-toanvan.aspx?ItemID=1') // the same URL
 * @example webHref('javascript:alert(document.domain)//')                  // undefined
 */
export function webHref(value: string | null | undefined): string | undefined {
  return safeHref(value, 'web') ?? undefined;
}

/**
 * The `href` of a phone number as typed by an editor (`0214 3840 888`, `+84 214…`): a `tel:`
 * link of its digits, or `undefined` when it holds no number.
 */
export function phoneHref(value: string | null | undefined): string | undefined {
  return telHref(value) ?? undefined;
}

/**
 * The `href` of an email address: `mailto:` + the address when it is a plain address (a stored
 * `mailto:` link is accepted too), otherwise `undefined`.
 */
export function emailHref(value: string | null | undefined): string | undefined {
  const v = String(value ?? '').trim();
  if (/^mailto:/i.test(v)) {
    const safe = safeHref(v, 'contact');
    return safe && safe.toLowerCase().startsWith('mailto:') && mailtoHref(decodeURIComponent(safe.slice(7))) ? safe : undefined;
  }
  return mailtoHref(v) ?? undefined;
}

/**
 * The `href` of a contact's website: a web address (a bare domain gets `https://`), or a
 * `mailto:`/`tel:` link when that is what was stored (contact fields allow them); otherwise
 * `undefined`.
 */
export function websiteHref(value: string | null | undefined): string | undefined {
  return safeHref(value, 'contact') ?? undefined;
}

/** One row of a contact block: label, the text as stored, and its link (if it may have one). */
export type ContactRow = { label: string; text: string; href?: string };

/**
 * The rows of a contact block (`shared.contact`): address, phone, fax, email, website, in that
 * order, the empty ones left out. Phone, email and website get a link only when it is safe.
 */
export function contactRows(contact: GqlContact | null | undefined): ContactRow[] {
  if (!contact) return [];
  const rows: ContactRow[] = [];
  const text = (v: string | null | undefined) => (typeof v === 'string' ? v.trim() : '');
  if (text(contact.address)) rows.push({ label: 'Địa chỉ', text: text(contact.address) });
  if (text(contact.phone)) rows.push({ label: 'Điện thoại', text: text(contact.phone), href: phoneHref(contact.phone) });
  if (text(contact.fax)) rows.push({ label: 'Fax', text: text(contact.fax) });
  if (text(contact.email)) rows.push({ label: 'Thư điện tử', text: text(contact.email), href: emailHref(contact.email) });
  if (text(contact.website)) rows.push({ label: 'Trang thông tin', text: text(contact.website), href: websiteHref(contact.website) });
  return rows;
}
