/**
 * The publishing pipeline's contract between the CMS and the publisher (site/publisher):
 * the webhook the CMS registers, the "published state" endpoint the publisher reconciles
 * against, the diff of two states into changed entries and public URLs, and the signed
 * draft-preview links.
 *
 * Why a state endpoint and not an event log: Strapi webhooks are unsigned and never retried, so
 * the publisher must be able to ask "what changed since my last good build" after any outage.
 * Published entries are visible through the content API, but unpublished and deleted ones are not.
 * The CMS therefore serves the *index of everything published* (ids, slugs, publish times and
 * the fields the route map needs), and the publisher diffs it against the index it stored with
 * its last good release. A diff of states cannot miss an event and also catches changes that
 * never went through the document service (a restored backup, a hand-edited database).
 *
 * On a publish the publisher does not read the whole state: it asks for the changes since the
 * cursor of its last answer ({@link PublishedStateDelta}, `?since=`) and applies them
 * ({@link applyStateDelta}); the CMS keeps a change log and a copy of the state for that
 * (ADR 0023). The full state is still read at start, on reconciliations and rebuilds, and
 * checks the incremental one.
 */
import { affectedRoutes, type AffectedEntry } from './routes.js';
import { CONTENT_TYPES, CONTENT_TYPE_UIDS, previewSegment } from './content-types.js';
import { CONSULTATION_PHASE_EVENT } from './consultation.js';

/** Header carrying the shared webhook secret (CMS → publisher webhooks, publisher → CMS state). */
export const PUBLISHER_SECRET_HEADER = 'x-cong-publisher-secret';

/** The webhook events the publisher subscribes to (Strapi 5 names, and the CMS's own event when a consultation opens or closes). */
export const PUBLISHER_WEBHOOK_EVENTS = ['entry.publish', 'entry.unpublish', 'entry.delete', CONSULTATION_PHASE_EVENT] as const;
export type PublisherWebhookEvent = (typeof PUBLISHER_WEBHOOK_EVENTS)[number];

/** Name of the webhook the CMS bootstrap manages (created/updated/removed from env). */
export const PUBLISHER_WEBHOOK_NAME = 'Cổng publisher (tự động từ PUBLISHER_WEBHOOK_URL)';

/** Path of the CMS's published-state endpoint (relative to the CMS base URL). */
export const PUBLISHED_STATE_PATH = '/api/publisher/published';

/**
 * The scalar fields of each type that decide which pages show an entry besides its slug and
 * relations (the route map's inputs: an agency's kind picks its section set, an article's scope
 * its news page, a legal document's type/year/body/field/validity its facet pages…).
 * From the registry (content-types.ts `routeFields`).
 */
export const ROUTE_FIELDS: Record<string, readonly string[]> = Object.fromEntries(
  CONTENT_TYPES.filter((t) => t.routeFields.length).map((t) => [t.uid, t.routeFields]),
);

/**
 * Relation fields (besides `agency` and `procedure`, which every state entry of a type that has
 * them carries) whose published targets the state lists per entry, by type. The site's data
 * cache compares them with its cached rows: a row can be stale while its own `updatedAt` did not
 * move — a relation edited from the other side (`replacedBy` is written by the replacing
 * document) or a target published after the entry (Strapi re-links published relations without
 * touching the entry). From the registry (content-types.ts `stateRelations`).
 */
export const STATE_RELATIONS: Record<string, readonly string[]> = Object.fromEntries(
  CONTENT_TYPES.filter((t) => t.stateRelations.length).map((t) => [t.uid, t.stateRelations]),
);

/** One published entry as listed by the state endpoint. */
export interface PublishedEntry {
  documentId: string;
  /** the entry's slug (collection types), null for single types */
  slug: string | null;
  /** when this published version was published, ISO 8601 UTC */
  publishedAt: string;
  /** last change of this published version, ISO 8601 UTC */
  updatedAt: string | null;
  /** the type's {@link ROUTE_FIELDS} (dates as ISO `YYYY-MM-DD`) */
  fields?: Record<string, string | number | boolean | null>;
  /** the entry's agency, when the type has one */
  agency?: { documentId: string; slug: string | null; kind: string | null } | null;
  /** e-service entries: the procedure they serve */
  procedure?: { documentId: string; slug: string | null } | null;
  /** the type's {@link STATE_RELATIONS}: documentIds of the published targets, sorted */
  refs?: Record<string, string[]>;
}

/** What `GET /api/publisher/published` answers. */
export interface PublishedState {
  /** when the CMS read the state, ISO 8601 UTC */
  generatedAt: string;
  /** every published entry of every public content type, by Strapi uid */
  entries: Record<string, PublishedEntry[]>;
}

/** Query parameter of the state endpoint naming the cursor of a previous answer (changes since it). */
export const PUBLISHED_STATE_CURSOR_PARAM = 'since';

/**
 * What `GET /api/publisher/published?since=<cursor>` answers when it knows the cursor: the
 * entries that changed since the state the cursor names (ADR 0023). Applied to that state with
 * {@link applyStateDelta}, it gives the full state the CMS would have answered at `generatedAt`.
 */
export interface PublishedStateDelta {
  /** when the CMS read the changes (consultations' phase is at this instant), ISO 8601 UTC */
  generatedAt: string;
  /** the cursor asked with */
  since: string;
  /** the cursor of the state this delta leads to */
  cursor: string;
  /** added or changed entries (the whole entry), by uid, sorted by documentId */
  changed: Record<string, PublishedEntry[]>;
  /** documentIds no longer published (unpublished or deleted), by uid */
  removed: Record<string, string[]>;
}

/** Either answer of the state endpoint: the full state (`full: true`, with its cursor) or a delta. */
export type PublishedStateAnswer = (PublishedState & { full: true; cursor: string }) | (PublishedStateDelta & { full: false });

/**
 * The state `delta` leads to from `previous` (the state of the cursor `delta.since`): changed
 * entries replace or join, removed ones go; each type's list stays sorted by documentId
 * (JavaScript string order, as the CMS sorts); `generatedAt` becomes the delta's. Pure: neither
 * argument is modified.
 */
export function applyStateDelta(previous: PublishedState, delta: PublishedStateDelta): PublishedState {
  const entries: Record<string, PublishedEntry[]> = { ...previous.entries };
  const uids = new Set([...Object.keys(delta.changed), ...Object.keys(delta.removed)]);
  for (const uid of uids) {
    const m = new Map((previous.entries[uid] ?? []).map((e) => [e.documentId, e]));
    for (const id of delta.removed[uid] ?? []) m.delete(id);
    for (const e of delta.changed[uid] ?? []) m.set(e.documentId, e);
    entries[uid] = [...m.values()].sort((a, b) => (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0));
  }
  return { generatedAt: delta.generatedAt, entries };
}

/** How an entry differs between two states. */
export type ChangeKind = 'added' | 'changed' | 'removed';

/** One changed entry. `before`/`after` are the entry in the old/new state. */
export interface EntryChange {
  uid: string;
  documentId: string;
  kind: ChangeKind;
  before: PublishedEntry | null;
  after: PublishedEntry | null;
}

/** Result of {@link diffPublishedStates}. */
export interface StateDiff {
  changes: EntryChange[];
  /** public URLs whose pages show a changed entry (old and new place), sorted, unique */
  routes: string[];
}

function entrySignature(e: PublishedEntry): string {
  const fields = e.fields
    ? Object.keys(e.fields)
        .sort()
        .map((k) => [k, e.fields![k]])
    : [];
  return JSON.stringify([
    e.publishedAt,
    e.updatedAt ?? null,
    e.slug ?? null,
    fields,
    e.agency?.documentId ?? null,
    e.agency?.slug ?? null,
    e.agency?.kind ?? null,
    e.procedure?.slug ?? null,
    e.procedure?.documentId ?? null,
    e.refs
      ? Object.keys(e.refs)
          .sort()
          .map((k) => [k, e.refs![k]])
      : [],
  ]);
}

/** The route-map input of a state entry. */
export function toAffectedEntry(e: PublishedEntry): AffectedEntry {
  return {
    ...e.fields,
    slug: e.slug,
    agency: e.agency?.slug ? { slug: e.agency.slug, kind: (e.agency.kind as never) ?? null } : null,
    procedure: e.procedure?.slug ? { slug: e.procedure.slug } : null,
  };
}

/**
 * The public URLs an entry of `uid` touches (see `affectedRoutes`), never throwing: an unknown
 * uid or unusable value falls back to the homepage plus whatever can be computed without it.
 */
export function routesOfEntry(uid: string, e: PublishedEntry): string[] {
  try {
    return affectedRoutes(uid, toAffectedEntry(e));
  } catch {
    try {
      return affectedRoutes(uid, { slug: null, agency: toAffectedEntry(e).agency });
    } catch {
      return ['/'];
    }
  }
}

/**
 * Compares two published states: entries added, changed (republished, re-slugged, moved to
 * another agency…) or removed (unpublished or deleted), and the public URLs they touch — for a
 * change both the old and the new place. `previous = null` means "nothing was published":
 * every entry is added.
 *
 * Only the uids in `CONTENT_TYPE_UIDS` are compared; others are ignored. Pure.
 */
export function diffPublishedStates(previous: PublishedState | null, next: PublishedState): StateDiff {
  const changes: EntryChange[] = [];
  const routes = new Set<string>();
  for (const uid of CONTENT_TYPE_UIDS) {
    const before = new Map((previous?.entries[uid] ?? []).map((e) => [e.documentId, e]));
    const after = new Map((next.entries[uid] ?? []).map((e) => [e.documentId, e]));
    for (const [id, a] of after) {
      const b = before.get(id);
      if (!b) changes.push({ uid, documentId: id, kind: 'added', before: null, after: a });
      else if (entrySignature(a) !== entrySignature(b)) changes.push({ uid, documentId: id, kind: 'changed', before: b, after: a });
    }
    for (const [id, b] of before) {
      if (!after.has(id)) changes.push({ uid, documentId: id, kind: 'removed', before: b, after: null });
    }
  }
  for (const c of changes) {
    if (c.before) for (const r of routesOfEntry(c.uid, c.before)) routes.add(r);
    if (c.after) for (const r of routesOfEntry(c.uid, c.after)) routes.add(r);
  }
  return { changes, routes: [...routes].sort() };
}

// ---------------------------------------------------------------------------------------------
// Signed draft-preview links
// ---------------------------------------------------------------------------------------------

/** What a preview link grants: one document of one type, in one status, until `exp`. */
export interface PreviewGrant {
  /** Strapi content-type uid, e.g. `api::article.article` */
  uid: string;
  documentId: string;
  /** which version to show */
  status: 'draft' | 'published';
  /** expiry, seconds since the Unix epoch (UTC) */
  exp: number;
}

const enc = new TextEncoder();

function grantPayload(g: PreviewGrant): string {
  return `${g.uid}\n${g.documentId}\n${g.status}\n${g.exp}`;
}

function toBase64Url(bytes: ArrayBuffer): string {
  let s = '';
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]+$/.test(s)) return null;
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function hmacKey(secret: string): Promise<CryptoKey> {
  if (!secret) throw new Error('preview secret is empty');
  return globalThis.crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

/**
 * The signature (HMAC-SHA-256 with `secret`, base64url) of a preview grant. Web Crypto, so it
 * runs in Node and in the CMS alike.
 * @throws {Error} when `secret` is empty
 */
export async function signPreviewGrant(grant: PreviewGrant, secret: string): Promise<string> {
  const sig = await globalThis.crypto.subtle.sign('HMAC', await hmacKey(secret), enc.encode(grantPayload(grant)));
  return toBase64Url(sig);
}

/**
 * True when `signature` is the valid signature of `grant` under `secret` and the grant has not
 * expired at `nowSeconds` (default: now). Constant-time comparison (`crypto.subtle.verify`).
 * Never throws (an empty secret or a malformed signature gives false).
 */
export async function verifyPreviewGrant(
  grant: PreviewGrant,
  signature: string,
  secret: string,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): Promise<boolean> {
  try {
    if (!secret || !Number.isFinite(grant.exp) || grant.exp < nowSeconds) return false;
    const sig = fromBase64Url(signature);
    if (!sig) return false;
    return await globalThis.crypto.subtle.verify('HMAC', await hmacKey(secret), sig as Uint8Array<ArrayBuffer>, enc.encode(grantPayload(grant)));
  } catch {
    return false;
  }
}

/** The segment of each type in preview URLs, by uid (Strapi's singularName; content-types.ts). */
export const PREVIEW_TYPES: Record<string, string> = Object.fromEntries(CONTENT_TYPES.map((t) => [t.uid, previewSegment(t.uid)!]));

/** Path of the site's on-demand preview route. */
export const PREVIEW_PATH = '/xem-truoc/';

/**
 * The site URL that previews a document: `<siteUrl>/xem-truoc/<type>/<documentId>/?status=…&exp=…&sig=…`.
 * `ttlSeconds` (default 3600) bounds how long the link works.
 * @throws {Error} for an uid without a preview page or an empty secret
 */
export async function previewUrl(siteUrl: string, grant: Omit<PreviewGrant, 'exp'> & { exp?: number }, secret: string, ttlSeconds = 3600): Promise<string> {
  const type = PREVIEW_TYPES[grant.uid];
  if (!type) throw new Error(`no preview for content type ${grant.uid}`);
  const full: PreviewGrant = { ...grant, exp: grant.exp ?? Math.floor(Date.now() / 1000) + ttlSeconds };
  const sig = await signPreviewGrant(full, secret);
  const q = new URLSearchParams({ status: full.status, exp: String(full.exp), sig });
  return `${siteUrl.replace(/\/+$/, '')}${PREVIEW_PATH}${type}/${encodeURIComponent(full.documentId)}/?${q}`;
}
