import { secretMatches } from '@cong/shared/secret';
import {
  CONSULTATION_UID,
  CONTENT_TYPE_UIDS,
  PUBLISHER_SECRET_HEADER,
  ROUTE_FIELDS,
  consultationPhase,
  STATE_RELATIONS,
  type PublishedEntry,
  type PublishedState,
} from '@cong/shared';
import { attributesOf, type Ctx, type Strapi } from '../../../lib/strapi-types';

/** A row as the query below selects it: ids, instants, route fields and the populated relations. */
interface StateRow {
  documentId: string;
  slug?: string | null;
  publishedAt: Date | string;
  updatedAt: Date | string | null;
  agency?: { documentId: string; slug?: string | null; kind?: string | null } | null;
  procedure?: { documentId: string; slug?: string | null } | null;
  [field: string]: unknown;
}

/** `db.query` populate of one relation: its published targets' chosen columns. */
interface PublishedPopulate {
  select: string[];
  where: { publishedAt: { $notNull: true } };
}

const iso = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);

/**
 * Reads the index of every published entry of the public content types straight from the
 * database (one query per type plus its relation joins; no document-service middlewares, so no
 * workflow or read guard applies). Shape: `PublishedState` of @cong/shared: per entry its
 * documentId, slug, publish/update instants, route fields, agency/procedure and the published
 * targets of its `STATE_RELATIONS` (what the site's data cache compares); consultations also
 * carry their phase at `generatedAt` (`fields.phase`: upcoming, open, closed).
 */
export async function readPublishedState(strapi: Strapi): Promise<PublishedState> {
  const generatedAt = new Date().toISOString();
  const entries: Record<string, PublishedEntry[]> = {};
  for (const uid of CONTENT_TYPE_UIDS) {
    if (!strapi.getModel(uid)) continue;
    const attrs = attributesOf(strapi, uid);
    const routeFields = (ROUTE_FIELDS[uid] ?? []).filter((f) => attrs[f]);
    const select = ['documentId', 'publishedAt', 'updatedAt', ...(attrs.slug ? ['slug'] : []), ...routeFields];
    const populate: Record<string, PublishedPopulate> = {};
    if (attrs.agency) populate.agency = { select: ['documentId', 'slug', 'kind'], where: { publishedAt: { $notNull: true } } };
    if (attrs.procedure) populate.procedure = { select: ['documentId', 'slug'], where: { publishedAt: { $notNull: true } } };
    const relations = (STATE_RELATIONS[uid] ?? []).filter((f) => attrs[f]?.type === 'relation');
    for (const f of relations) populate[f] = { select: ['documentId'], where: { publishedAt: { $notNull: true } } };
    const rows: StateRow[] = await strapi.db.query(uid).findMany({
      where: { publishedAt: { $notNull: true } },
      select,
      populate,
      orderBy: { documentId: 'asc' },
    });
    entries[uid] = rows.map((r) => {
      const e: PublishedEntry = {
        documentId: r.documentId,
        slug: r.slug ?? null,
        publishedAt: iso(r.publishedAt)!,
        updatedAt: iso(r.updatedAt),
      };
      if (routeFields.length) {
        e.fields = {};
        for (const f of routeFields) {
          const v = r[f];
          e.fields[f] = v instanceof Date ? v.toISOString().slice(0, 10) : ((v ?? null) as string | number | boolean | null);
        }
        // a consultation's pages change when it opens and closes, without an edit: its phase
        // now is part of the state, so the diff at a boundary rebuilds them (consultation/boundaries.ts)
        if (uid === CONSULTATION_UID)
          e.fields.phase = consultationPhase(r.opensAt as string | Date | null, r.closesAt as string | Date | null, new Date(generatedAt));
      }
      if (attrs.agency) e.agency = r.agency ? { documentId: r.agency.documentId, slug: r.agency.slug ?? null, kind: r.agency.kind ?? null } : null;
      if (attrs.procedure) e.procedure = r.procedure ? { documentId: r.procedure.documentId, slug: r.procedure.slug ?? null } : null;
      if (relations.length) {
        e.refs = {};
        for (const f of relations) {
          const v = r[f];
          const targets = (Array.isArray(v) ? v : v ? [v] : []) as { documentId: string }[];
          e.refs[f] = [...new Set(targets.map((t) => t.documentId))].sort();
        }
      }
      return e;
    });
  }
  return { generatedAt, entries };
}

/**
 * `GET /api/publisher/published` — what is published right now, for the publisher to diff with
 * the state of its last good release ("what changed since the last successful build",
 * including unpublished and deleted entries, which the content API cannot show).
 * Auth: the `x-cong-publisher-secret` header must equal `PUBLISHER_WEBHOOK_SECRET`
 * (constant-time); 404 when no secret is configured, 401 otherwise.
 */
export default {
  async published(ctx: Ctx) {
    const expected = process.env.PUBLISHER_WEBHOOK_SECRET;
    if (!expected) return ctx.notFound('publisher is not configured');
    if (!secretMatches(ctx.get(PUBLISHER_SECRET_HEADER), expected)) {
      ctx.status = 401;
      ctx.body = { error: { status: 401, name: 'UnauthorizedError', message: 'bad or missing publisher secret' } };
      return;
    }
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await readPublishedState(strapi);
  },
};
