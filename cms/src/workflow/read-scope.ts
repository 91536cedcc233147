/**
 * Keeps an agency account's admin-panel reads inside its agency when they follow relations
 * (red-team finding: a city editor linked its own procedure one-way to another agency's
 * published document, then `populate[legalBasis][populate][agency][populate][articles]` read that
 * agency's drafts in full, and `filters[legalBasis][abstract][$contains]` answered yes/no about
 * their text). Strapi's RBAC checks the fields of the type read, not the types its relations
 * reach, so the rule is applied here, in the document service, to every read the admin API makes
 * for an account whose only roles are agency roles:
 *
 * - `populate`: every populated relation whose target belongs to an agency (or is the agency
 *   record) is narrowed to the account's agency, at every depth (components included);
 * - `filters`: every condition that follows such a relation is narrowed the same way, inside
 *   `$and`/`$or`/`$not` too, so a filter cannot test another agency's rows;
 * - `sort`: sorting by a field of a related row is dropped.
 * The account's own agency's content, portal-wide types and media stay reachable.
 *
 * The narrowing holds at every depth: a `populate` or `filters` nested deeper than
 * {@link MAX_SCOPE_DEPTH} is refused (400 naming the parameter), never passed on unnarrowed
 * (red-team, session 6: past a fixed depth the rest was handed to Strapi as it was, so a filter
 * wrapped in fourteen `$not`s or a dotted populate of a dozen hops read another agency's drafts).
 */
import type { UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Strapi } from '../lib/strapi-types';
import { AGENCY_SCOPED_UIDS, AGENCY_UID } from './constants';

type Obj = Record<string, any>;

/** The condition that keeps rows of `uid` inside `agencyId`, or null when the type is not agency-owned. */
export function agencyCondition(uid: string, agencyId: string): Obj | null {
  if (uid === AGENCY_UID) return { documentId: { $eq: agencyId } };
  if (AGENCY_SCOPED_UIDS.includes(uid)) return { agency: { documentId: { $eq: agencyId } } };
  return null;
}

const LOGICAL = new Set(['$and', '$or']);

/**
 * How deep the read scope follows a `populate` (relation, component and dynamic-zone levels) or
 * a `filters` (those levels and `$and`/`$or`/`$not` nesting); deeper is refused. The admin
 * panel's own reads stay far below it; the query string parser stops at 20 levels anyway.
 */
export const MAX_SCOPE_DEPTH = 32;

/** @throws {errors.ValidationError} (HTTP 400) naming the parameter, in Vietnamese first */
function tooDeep(param: 'populate' | 'filters'): never {
  throw new errors.ValidationError(`Tham số ${param} lồng quá sâu (tối đa ${MAX_SCOPE_DEPTH} cấp). (${param} is nested too deeply.)`, { param });
}

function modelOf(strapi: Strapi, uid: string): Obj | null {
  return strapi.getModel?.(uid as UID.Schema) ?? strapi.components?.[uid as UID.Component] ?? null;
}

/** Turns every accepted `populate` shape into the object form `{ field: true | { … } }`. */
function populateObject(strapi: Strapi, model: Obj, populate: unknown): Obj | null {
  if (populate === undefined || populate === null || populate === false) return null;
  const attrs: Obj = model.attributes ?? {};
  const all = () =>
    Object.fromEntries(
      Object.entries(attrs)
        .filter(([, a]: [string, any]) => ['relation', 'component', 'dynamiczone', 'media'].includes(a.type))
        .map(([k]) => [k, true]),
    );
  if (populate === '*' || populate === true) return all();
  const paths = typeof populate === 'string' ? populate.split(',') : Array.isArray(populate) ? populate.map(String) : null;
  if (paths) {
    const out: Obj = {};
    for (const p of paths) {
      if (p.trim() === '*') Object.assign(out, all());
      const [head, ...rest] = p.trim().split('.');
      if (!head || head === '*') continue;
      out[head] = rest.length ? { populate: rest.join('.') } : (out[head] ?? true);
    }
    return out;
  }
  return typeof populate === 'object' ? (populate as Obj) : null;
}

/**
 * The `populate` of a read on `uid`, narrowed for `agencyId` at every depth.
 * @returns the same shapes Strapi accepts (object form)
 */
export function scopePopulate(strapi: Strapi, uid: string, populate: unknown, agencyId: string, depth = 0): unknown {
  if (depth > MAX_SCOPE_DEPTH) tooDeep('populate');
  const model = modelOf(strapi, uid);
  if (!model) return populate;
  const obj = populateObject(strapi, model, populate);
  if (!obj) return populate;
  const out: Obj = {};
  for (const [field, value] of Object.entries(obj)) {
    const attr = model.attributes?.[field];
    if (!attr) {
      out[field] = value;
      continue;
    }
    const spec: Obj = value === true || value === '*' ? {} : typeof value === 'object' && value ? { ...(value as Obj) } : {};
    if (value === '*') spec.populate = '*';
    if (attr.type === 'relation' && attr.target) {
      const cond = agencyCondition(attr.target, agencyId);
      if (cond) spec.filters = spec.filters ? { $and: [scopeFilters(strapi, attr.target, spec.filters, agencyId, depth + 1), cond] } : cond;
      else if (spec.filters) spec.filters = scopeFilters(strapi, attr.target, spec.filters, agencyId, depth + 1);
      if (spec.populate !== undefined) spec.populate = scopePopulate(strapi, attr.target, spec.populate, agencyId, depth + 1);
      if (spec.sort !== undefined) spec.sort = scopeSort(spec.sort);
      out[field] = spec;
    } else if (attr.type === 'component' && attr.component) {
      if (spec.populate !== undefined) spec.populate = scopePopulate(strapi, attr.component, spec.populate, agencyId, depth + 1);
      out[field] = Object.keys(spec).length ? spec : value;
    } else if (attr.type === 'dynamiczone') {
      // dynamic zones: narrow each component's populate via `on`
      if (spec.on && typeof spec.on === 'object') {
        spec.on = Object.fromEntries(
          Object.entries(spec.on as Obj).map(([c, v]) => [c, { ...(v as Obj), populate: scopePopulate(strapi, c, (v as Obj)?.populate, agencyId, depth + 1) }]),
        );
      }
      out[field] = Object.keys(spec).length ? spec : value;
    } else {
      out[field] = value;
    }
  }
  return out;
}

/**
 * `filters` of a read on `uid`, with every condition that crosses a relation to an agency-owned
 * type narrowed to `agencyId` (the related rows tested must be the agency's own).
 */
export function scopeFilters(strapi: Strapi, uid: string, filters: unknown, agencyId: string, depth = 0): unknown {
  if (depth > MAX_SCOPE_DEPTH) tooDeep('filters');
  const model = modelOf(strapi, uid);
  if (!model || !filters || typeof filters !== 'object') return filters;
  if (Array.isArray(filters)) return filters.map((f) => scopeFilters(strapi, uid, f, agencyId, depth + 1));
  const out: Obj = {};
  for (const [key, value] of Object.entries(filters as Obj)) {
    if (LOGICAL.has(key)) {
      out[key] = Array.isArray(value)
        ? value.map((v) => scopeFilters(strapi, uid, v, agencyId, depth + 1))
        : scopeFilters(strapi, uid, value, agencyId, depth + 1);
      continue;
    }
    if (key === '$not') {
      out[key] = scopeFilters(strapi, uid, value, agencyId, depth + 1);
      continue;
    }
    const attr = model.attributes?.[key];
    if (attr?.type === 'relation' && attr.target) {
      const inner = scopeFilters(strapi, attr.target, value, agencyId, depth + 1);
      const cond = agencyCondition(attr.target, agencyId);
      out[key] = cond ? { $and: [inner, cond] } : inner;
    } else if (attr?.type === 'component' && attr.component) {
      out[key] = scopeFilters(strapi, attr.component, value, agencyId, depth + 1);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** `sort` without keys that reach into related rows (`legalBasis.abstract`, `{ legalBasis: { abstract: 'asc' } }`). */
export function scopeSort(sort: unknown): unknown {
  const keep = (s: unknown): boolean => {
    if (typeof s === 'string') return !s.split(':')[0].includes('.');
    if (s && typeof s === 'object') return Object.values(s as Obj).every((v) => typeof v === 'string');
    return true;
  };
  if (Array.isArray(sort)) return sort.filter(keep);
  if (typeof sort === 'string') return sort.split(',').filter(keep).join(',');
  return keep(sort) ? sort : undefined;
}

/**
 * Narrows the params of one document-service read in place (populate, filters, sort).
 * @param uid the type read
 * @param params the read's params (mutated)
 * @param agencyId the account's agency (documentId)
 */
export function scopeReadParams(strapi: Strapi, uid: string, params: Obj, agencyId: string): void {
  if (params.populate !== undefined) params.populate = scopePopulate(strapi, uid, params.populate, agencyId);
  if (params.filters !== undefined) params.filters = scopeFilters(strapi, uid, params.filters, agencyId);
  if (params.sort !== undefined) params.sort = scopeSort(params.sort);
}

/**
 * The ids of every media file a write payload links, through media attributes of the type and of
 * its components and dynamic zones, at any depth. Accepts Strapi's shapes: an id, `{ id }`, an
 * array of those, `{ set | connect: [...] }`.
 */
export function mediaIdsOf(strapi: Strapi, uid: string, data: unknown, depth = 0): number[] {
  const model = modelOf(strapi, uid);
  if (!model || !data || typeof data !== 'object' || depth > 10) return [];
  const out: number[] = [];
  const refIds = (v: unknown): void => {
    if (v === null || v === undefined) return;
    if (Array.isArray(v)) return v.forEach(refIds);
    if (typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v))) return void out.push(Number(v));
    if (typeof v === 'object') {
      const o = v as Obj;
      if (o.id !== undefined) return refIds(o.id);
      for (const k of ['set', 'connect']) if (o[k] !== undefined) refIds(o[k]);
    }
  };
  for (const [field, value] of Object.entries(data as Obj)) {
    const attr = model.attributes?.[field];
    if (!attr) continue;
    if (attr.type === 'media') refIds(value);
    else if (attr.type === 'component' && attr.component) {
      // no spread of ids from a request (red-team F21/F22: past ~125,000 arguments it throws)
      for (const item of Array.isArray(value) ? value : [value]) for (const id of mediaIdsOf(strapi, attr.component, item, depth + 1)) out.push(id);
    } else if (attr.type === 'dynamiczone' && Array.isArray(value)) {
      for (const item of value)
        if (item && typeof item === 'object' && (item as Obj).__component)
          for (const id of mediaIdsOf(strapi, (item as Obj).__component, item, depth + 1)) out.push(id);
    }
  }
  return [...new Set(out)];
}

/** A populate that loads every media field of a type and of its components (ids only). */
export function mediaPopulate(strapi: Strapi, uid: string, depth = 0): Obj | undefined {
  const model = modelOf(strapi, uid);
  if (!model || depth > 5) return undefined;
  const out: Obj = {};
  for (const [field, attr] of Object.entries<any>(model.attributes ?? {})) {
    if (attr.type === 'media') out[field] = { select: ['id', 'mime'] };
    else if (attr.type === 'component' && attr.component) {
      const inner = mediaPopulate(strapi, attr.component, depth + 1);
      if (inner && Object.keys(inner).length) out[field] = { populate: inner };
    }
  }
  return Object.keys(out).length ? out : undefined;
}

/** Every media id found in a loaded row (as loaded with {@link mediaPopulate}). */
export function mediaIdsInRow(row: unknown): number[] {
  const out: number[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (!v || typeof v !== 'object' || depth > 8) return;
    if (Array.isArray(v)) return v.forEach((x) => walk(x, depth + 1));
    const o = v as Obj;
    if (typeof o.id === 'number' && o.mime !== undefined) out.push(o.id);
    for (const x of Object.values(o)) if (x && typeof x === 'object') walk(x, depth + 1);
  };
  walk(row, 0);
  return out;
}
