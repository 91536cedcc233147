/**
 * One key per person's mailbox or phone, for the citizen forms' per-contact limits and duplicate
 * checks (red-team: `nguyen.van.a@gmail.com`, `NguyenVanA@Gmail.com`, `nguyenvana+x@gmail.com`
 * and `+84 912 345 678`, `0912.345.678`, `0912345678` each counted as a new contact, so one person
 * went around the limit). Keys only: what the citizen typed is stored as typed (after the form's
 * own normalisation, intake.ts); these keys are never shown. Browser-safe.
 */

/** Mail domains whose mailboxes ignore dots in the local part and are one service (Gmail). */
const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/**
 * The mailbox an email address reaches, as a key: lower-cased and trimmed; the `+tag` of the
 * local part removed (`a+tag@x.vn` reaches `a@x.vn` at most providers); for Gmail
 * (`gmail.com`, `googlemail.com` — one service) also every dot of the local part removed and the
 * domain written `gmail.com` (Gmail ignores dots: `nguyen.van.a@` and `nguyenvana@` are one
 * mailbox). Other domains keep their dots: at many providers `a.b@` and `ab@` are two people.
 * @param email an address as typed; anything without exactly one `@` and a non-empty local part and domain is not one
 * @returns the key, or null when `email` is not an address
 * @example emailContactKey('Nguyen.Van.A+hoi@GoogleMail.com') → 'nguyenvana@gmail.com'
 * @example emailContactKey('tran.b+1@laocai.gov.vn') → 'tran.b@laocai.gov.vn'
 */
export function emailContactKey(email: string): string | null {
  const e = email.trim().toLowerCase();
  const at = e.lastIndexOf('@');
  if (at <= 0 || at === e.length - 1 || e.indexOf('@') !== at) return null;
  let local = e.slice(0, at);
  let domain = e.slice(at + 1);
  const plus = local.indexOf('+');
  // a local part that starts with '+' is kept whole: there is no mailbox name before the tag
  if (plus > 0) local = local.slice(0, plus);
  if (GMAIL_DOMAINS.has(domain)) {
    local = local.replace(/\./g, '');
    domain = 'gmail.com';
    if (!local) return null;
  }
  return `${local}@${domain}`;
}

/**
 * A Vietnamese phone number as a key: its digits only, the country code written the national
 * way — `+84 912 345 678`, `84912345678`, `0084912345678`, `0912.345.678` and `0912345678` all
 * give `0912345678`.
 * @param phone a number as typed (spaces, dots, dashes, brackets allowed)
 * @returns the key, or null when there are fewer than 9 digits
 */
export function phoneContactKey(phone: string): string | null {
  let d = phone.replace(/\D/g, '');
  if (d.startsWith('0084')) d = `0${d.slice(4)}`;
  else if (d.startsWith('84') && (d.length === 11 || d.length === 12)) d = `0${d.slice(2)}`;
  return d.length >= 9 ? d : null;
}

/**
 * Every contact key of one submission: `e:<mailbox>` ({@link emailContactKey}) and
 * `p:<number>` ({@link phoneContactKey}), for each that is given and well-formed. A per-contact
 * limit counts the submission against each of them, so a new address with the same phone (or the
 * other way round) is still the same person.
 * @example contactKeys('NguyenVanA@Gmail.com', '+84 912 345 678') → ['e:nguyenvana@gmail.com', 'p:0912345678']
 */
export function contactKeys(email: unknown, phone: unknown): string[] {
  const out: string[] = [];
  const e = typeof email === 'string' ? emailContactKey(email) : null;
  if (e) out.push(`e:${e}`);
  const p = typeof phone === 'string' ? phoneContactKey(phone) : null;
  if (p) out.push(`p:${p}`);
  return out;
}
