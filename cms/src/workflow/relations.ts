/**
 * Relation writes, normalised before anything is checked (issue 9, classes 5 and 6).
 *
 * Strapi 5's document service accepts a relation in many shapes: a documentId string, a numeric
 * id (number or digit string), `{ documentId }`, `{ id }`, an array of those (= set), `{ set }`,
 * `{ connect, disconnect }` with optional positions. It interprets them in ways that are easy to
 * misread: a to-one `{ connect: [A, B] }` stores one of them and may leave two links; a string
 * that starts with a digit is taken as a row id; `{ id, documentId }` uses the documentId. A check
 * that reads a payload differently from Strapi can be walked around. So:
 *
 * 1. {@link parseRelationValue} turns every accepted shape into one form
 *    `{ set | connect/disconnect }` of references, and REFUSES what is ambiguous: more than one
 *    target for a to-one relation, `set` combined with `connect`/`disconnect`, references that
 *    are neither a documentId nor a whole-number id, `{ id, documentId }` naming two documents,
 *    unknown keys and shapes.
 * 2. {@link relationChanges} resolves every reference to the documentId Strapi will link, checks
 *    it exists, and lists for each relation field the documents it connects and disconnects,
 *    including the ones a `set` or a to-one replacement disconnects implicitly. The workflow
 *    middleware then checks ownership of every affected document (middleware.ts).
 */
import { attributesOf, type RelationAttribute, type Strapi } from '../lib/strapi-types';
import { errors } from '@strapi/utils';

/**
 * One reference as Strapi resolves it: by documentId when present (then `checkId`, the row id
 * sent beside it, must name the same document), else by row id.
 */
interface Ref {
  documentId?: string;
  id?: number;
  checkId?: number;
}

interface ParsedRelation {
  /** full replacement (array, shorthand or `{ set }`), or null */
  set: Ref[] | null;
  connect: Ref[];
  disconnect: Ref[];
}

/** What one relation field of a write changes, in documentIds of its target type. */
export interface RelationChange {
  field: string;
  /** uid of the target type */
  target: string;
  /** the field holds one target (manyToOne, oneToOne) */
  toOne: boolean;
  /** the target side shows the link too (`inversedBy` / `mappedBy`): a change edits the target */
  bidirectional: boolean;
  /** documents linked by the write */
  connected: string[];
  /** documents unlinked by the write, explicitly or by `set` / a to-one replacement */
  disconnected: string[];
  /** to-one only: the target after the write (null = empty); undefined when unchanged */
  after?: string | null;
}

const fail = (field: string, message: string): never => {
  const text = `Liên kết "${field}": ${message}`;
  throw new errors.ValidationError(text, { errors: [{ path: [field], message: text, name: 'ValidationError' }] });
};

/** Strapi's own test for "numeric" shorthand (parseInt), which we must mirror to read payloads as it does. */
const strapiNumeric = (v: string) => !Number.isNaN(parseInt(v, 10));

function parseRef(field: string, raw: unknown): Ref {
  if (typeof raw === 'number') {
    if (!Number.isSafeInteger(raw) || raw < 1) fail(field, `mã (id) ${raw} không hợp lệ`);
    return { id: raw };
  }
  if (typeof raw === 'string') {
    if (strapiNumeric(raw)) {
      if (!/^\d{1,15}$/.test(raw)) fail(field, `"${raw.slice(0, 40)}" không phải mã (id) số nguyên hay documentId hợp lệ`);
      return { id: Number(raw) };
    }
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(raw)) fail(field, `documentId "${raw.slice(0, 40)}" không hợp lệ`);
    return { documentId: raw };
  }
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const o = raw as Record<string, unknown>;
    const allowed = new Set(['id', 'documentId', 'position', 'locale', 'status', '__type', 'isTemporary', 'href', 'label', 'apiData']);
    for (const k of Object.keys(o)) if (!allowed.has(k)) fail(field, `khoá "${k}" không được hỗ trợ trong một liên kết`);
    if (o.documentId !== undefined && o.documentId !== null) {
      if (typeof o.documentId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(o.documentId)) fail(field, 'documentId không hợp lệ');
      if (o.id !== undefined && o.id !== null) {
        const id = parseRef(field, o.id);
        if (id.id === undefined) fail(field, 'id không hợp lệ');
        return { documentId: o.documentId as string, checkId: id.id };
      }
      return { documentId: o.documentId as string };
    }
    if (o.id !== undefined && o.id !== null) {
      const r = parseRef(field, o.id);
      if (r.id === undefined) fail(field, 'id phải là số nguyên');
      return r;
    }
    return fail(field, 'mỗi liên kết phải có documentId hoặc id');
  }
  return fail(field, 'giá trị không hợp lệ');
}

/**
 * Most items one list of a relation payload (`set`, `connect`, `disconnect`, a bare array) may hold:
 * the admin panel sends the changed items only; 130,000 repetitions of one id (a 400 kB body) threw
 * RangeError in the checks below — a 500 per request (red-team F21).
 */
export const MAX_RELATION_ITEMS = 10_000;

const listOf = (field: string, v: unknown): Ref[] => {
  if (v === undefined || v === null) return [];
  const arr = Array.isArray(v) ? v : [v];
  if (arr.length > MAX_RELATION_ITEMS) fail(field, `danh sách có ${arr.length} mục, tối đa ${MAX_RELATION_ITEMS}`);
  return arr.map((x) => {
    if (Array.isArray(x)) fail(field, 'danh sách lồng nhau không được hỗ trợ');
    return parseRef(field, x);
  });
};

/**
 * Normalises one relation value of a write payload.
 * @param field the attribute name (for error paths)
 * @param value the payload's value; `undefined` means "not touched"
 * @param toOne whether the attribute holds one target
 * @returns null when the write does not touch the relation
 * @throws errors.ValidationError naming the field for an ambiguous or malformed value
 */
export function parseRelationValue(field: string, value: unknown, toOne: boolean): ParsedRelation | null {
  if (value === undefined) return null;
  let parsed: ParsedRelation;
  if (value === null) parsed = { set: [], connect: [], disconnect: [] };
  else if (Array.isArray(value)) parsed = { set: listOf(field, value), connect: [], disconnect: [] };
  else if (typeof value === 'string' || typeof value === 'number') parsed = { set: [parseRef(field, value)], connect: [], disconnect: [] };
  else if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('id' in o || 'documentId' in o) parsed = { set: [parseRef(field, o)], connect: [], disconnect: [] };
    else {
      for (const k of Object.keys(o)) if (!['set', 'connect', 'disconnect', 'options'].includes(k)) fail(field, `khoá "${k}" không được hỗ trợ`);
      const hasSet = o.set !== undefined && o.set !== null;
      if (hasSet && (listOf(field, o.connect).length || listOf(field, o.disconnect).length)) {
        fail(field, 'không dùng "set" cùng với "connect"/"disconnect"');
      }
      parsed = hasSet
        ? { set: listOf(field, o.set), connect: [], disconnect: [] }
        : { set: null, connect: listOf(field, o.connect), disconnect: listOf(field, o.disconnect) };
    }
  } else return fail(field, 'giá trị không hợp lệ');
  if (toOne) {
    const distinct = (refs: Ref[]) => new Set(refs.map((r) => r.documentId ?? `#${r.id}`)).size;
    if (parsed.set && parsed.set.length > 1) fail(field, 'trường này chỉ nhận đúng một mục');
    if (parsed.connect.length > 1 || distinct(parsed.connect) > 1) fail(field, 'trường này chỉ nhận đúng một mục (connect có nhiều hơn một mục)');
  }
  return parsed;
}

async function resolveRefs(strapi: Strapi, field: string, target: string, refs: Ref[]): Promise<string[]> {
  const out: string[] = [];
  const byDoc = refs.filter((r) => r.documentId !== undefined).map((r) => r.documentId!);
  const byId = refs.filter((r) => r.documentId === undefined).map((r) => r.id!);
  const checks = refs.map((r) => r.checkId).filter((x): x is number => x !== undefined);
  if (byDoc.length) {
    const rows = await strapi.db.query(target).findMany({ where: { documentId: { $in: [...new Set(byDoc)] } }, select: ['documentId'] });
    const found = new Set(rows.map((r: { documentId: string }) => r.documentId));
    for (const d of byDoc) if (!found.has(d)) fail(field, `không tìm thấy mục có documentId "${d}"`);
    for (const d of byDoc) out.push(d);
  }
  const ids = [...new Set([...byId, ...checks])];
  if (ids.length) {
    const rows = await strapi.db.query(target).findMany({ where: { id: { $in: ids } }, select: ['id', 'documentId'] });
    const docOf = new Map<number, string>(rows.map((r: { id: number; documentId: string }) => [Number(r.id), String(r.documentId)]));
    for (const id of ids) if (!docOf.has(id)) fail(field, `không tìm thấy mục có id ${id}`);
    for (const r of refs) {
      if (r.checkId !== undefined && docOf.get(r.checkId) !== r.documentId) fail(field, 'id và documentId chỉ hai mục khác nhau');
    }
    for (const id of byId) out.push(docOf.get(id)!);
  }
  return out;
}

/** The relation attributes of a model: name → attribute. */
export function relationAttributes(strapi: Strapi, uid: string): Record<string, RelationAttribute> {
  const attrs = attributesOf(strapi, uid);
  return Object.fromEntries(Object.entries(attrs).filter(([, a]) => a?.type === 'relation')) as Record<string, RelationAttribute>;
}

const isToOne = (a: RelationAttribute) => ['oneToOne', 'manyToOne', 'oneWay', 'morphToOne'].includes(a.relation);

/**
 * Every relation change a write makes, resolved to documentIds.
 * @param uid the written type
 * @param data the write payload
 * @param documentId the written document (update, clone source), or null for a create
 * @throws errors.ValidationError naming the field for a malformed, ambiguous or dangling reference
 */
export async function relationChanges(strapi: Strapi, uid: string, data: Record<string, unknown>, documentId: string | null): Promise<RelationChange[]> {
  const out: RelationChange[] = [];
  for (const [field, attr] of Object.entries(relationAttributes(strapi, uid))) {
    if (!(field in data)) continue;
    const toOne = isToOne(attr);
    const parsed = parseRelationValue(field, data[field], toOne);
    if (!parsed) continue;
    const target = attr.target as string;
    const bidirectional = Boolean(attr.inversedBy || attr.mappedBy);
    const [set, connect, disconnect] = await Promise.all([
      parsed.set ? resolveRefs(strapi, field, target, parsed.set) : Promise.resolve(null),
      resolveRefs(strapi, field, target, parsed.connect),
      resolveRefs(strapi, field, target, parsed.disconnect),
    ]);
    let current: string[] = [];
    if (documentId && (set || (toOne && connect.length))) {
      const row = await strapi.db.query(uid).findOne({ where: { documentId, publishedAt: null }, populate: { [field]: { select: ['documentId'] } } });
      const v = row?.[field];
      current = (Array.isArray(v) ? v : v ? [v] : []).map((r: { documentId: string }) => r.documentId);
    }
    const connected = [...new Set([...(set ?? []), ...connect])];
    const disconnected = [
      ...new Set([
        ...disconnect,
        ...(set ? current.filter((d) => !set.includes(d)) : []),
        ...(toOne && connect.length ? current.filter((d) => !connect.includes(d)) : []),
      ]),
    ];
    let after: string | null | undefined;
    if (toOne) {
      if (set) after = set[0] ?? null;
      else if (connect.length) after = connect[0];
      else if (disconnect.length) after = null;
    }
    out.push({ field, target, toOne, bidirectional, connected, disconnected, after });
  }
  return out;
}

export interface RelationTarget {
  /** false when the payload does not touch the relation */
  specified: boolean;
  /** documentId of the target after the change, or null when the relation is emptied */
  documentId: string | null;
}

/**
 * The target of a to-one relation (e.g. `agency`) after a write, from its payload value, read
 * exactly as Strapi will store it (see {@link parseRelationValue}).
 * @param targetUid uid of the relation's target
 * @param value the payload's value for the attribute
 * @param field the attribute name (for error paths), default `agency`
 * @throws errors.ValidationError for more than one target or a malformed/dangling reference
 */
export async function relationTarget(strapi: Strapi, targetUid: string, value: unknown, field = 'agency'): Promise<RelationTarget> {
  const parsed = parseRelationValue(field, value, true);
  if (!parsed) return { specified: false, documentId: null };
  if (parsed.set) {
    const [d] = await resolveRefs(strapi, field, targetUid, parsed.set);
    return { specified: true, documentId: d ?? null };
  }
  if (parsed.connect.length) {
    const [d] = await resolveRefs(strapi, field, targetUid, parsed.connect);
    return { specified: true, documentId: d };
  }
  if (parsed.disconnect.length) return { specified: true, documentId: null };
  return { specified: false, documentId: null };
}
