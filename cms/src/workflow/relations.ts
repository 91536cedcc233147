/**
 * Reads the target of a to-one relation (e.g. `agency`) from a create/update payload, in every
 * shape Strapi 5's document service accepts: a documentId string, a numeric id, `{ documentId }`,
 * `{ id }`, an array of those, `{ connect, disconnect, set }` (the admin panel sends
 * `{ connect: [{ id, documentId, … }], disconnect: [] }`), or null.
 */

export interface RelationTarget {
  /** false when the payload does not touch the relation */
  specified: boolean;
  /** documentId of the target after the change, or null when the relation is emptied */
  documentId: string | null;
}

const NOT_SPECIFIED: RelationTarget = { specified: false, documentId: null };

async function refToDocumentId(strapi: any, targetUid: string, ref: unknown): Promise<string | null> {
  if (ref === null || ref === undefined) return null;
  if (typeof ref === 'string') {
    if (/^\d+$/.test(ref)) return idToDocumentId(strapi, targetUid, Number(ref));
    return ref;
  }
  if (typeof ref === 'number') return idToDocumentId(strapi, targetUid, ref);
  if (typeof ref === 'object') {
    const o = ref as { documentId?: string; id?: number | string };
    if (typeof o.documentId === 'string' && o.documentId) return o.documentId;
    if (o.id !== undefined && o.id !== null) return refToDocumentId(strapi, targetUid, o.id);
  }
  return null;
}

async function idToDocumentId(strapi: any, targetUid: string, id: number): Promise<string | null> {
  const row = await strapi.db.query(targetUid).findOne({ where: { id }, select: ['documentId'] });
  // an id that matches nothing: keep a marker so ownership cannot be assumed
  return row?.documentId ?? `#missing-${id}`;
}

/**
 * @param targetUid uid of the relation's target (to turn numeric ids into documentIds)
 * @param value the payload's value for the relation attribute
 */
export async function relationTarget(strapi: any, targetUid: string, value: unknown): Promise<RelationTarget> {
  if (value === undefined) return NOT_SPECIFIED;
  if (value === null) return { specified: true, documentId: null };
  if (Array.isArray(value)) {
    if (!value.length) return { specified: true, documentId: null };
    return { specified: true, documentId: await refToDocumentId(strapi, targetUid, value[value.length - 1]) };
  }
  if (typeof value === 'object') {
    const v = value as { set?: unknown; connect?: unknown; disconnect?: unknown; documentId?: unknown; id?: unknown };
    if ('set' in v && v.set !== undefined) {
      const set = Array.isArray(v.set) ? v.set : [v.set];
      return { specified: true, documentId: set.length ? await refToDocumentId(strapi, targetUid, set[set.length - 1]) : null };
    }
    const connect = v.connect === undefined ? [] : Array.isArray(v.connect) ? v.connect : [v.connect];
    const disconnect = v.disconnect === undefined ? [] : Array.isArray(v.disconnect) ? v.disconnect : [v.disconnect];
    if (connect.length) return { specified: true, documentId: await refToDocumentId(strapi, targetUid, connect[connect.length - 1]) };
    if (disconnect.length) return { specified: true, documentId: null };
    if ('connect' in v || 'disconnect' in v) return NOT_SPECIFIED;
    if ('documentId' in v || 'id' in v) return { specified: true, documentId: await refToDocumentId(strapi, targetUid, v) };
    return NOT_SPECIFIED;
  }
  return { specified: true, documentId: await refToDocumentId(strapi, targetUid, value) };
}
