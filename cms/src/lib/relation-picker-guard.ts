/**
 * The content-manager's relation pickers, guarded (red-team finding:
 * `GET /content-manager/relations/api::homepage.homepage/featuredArticles` answered 500).
 *
 * Strapi's admin API has two read routes behind every relation field of the edit view:
 * `GET /content-manager/relations/:model/:targetField` (`relations.findAvailable`: what may be
 * linked, searched with `_q`) and `GET /content-manager/relations/:model/:id/:targetField`
 * (`relations.findExisting`: what is linked). Their controller answers an account that may not
 * read the field with `ctx.forbidden()`, which returns nothing, then destructures that nothing: a
 * TypeError, a 500 (the finding: an agency editor may not read the homepage). And it passes the
 * rest of the query string — `filters`, `populate`, `fields`, `sort`, and every other key, some of
 * them on into the database query (`where`, `limit`, `offset`) — to
 * `strapi.db.query(target).findPage`, below the document service, where the portal's read scoping
 * (workflow/read-scope.ts) does not run.
 *
 * A route middleware (added to both routes in `register()`, so it runs after Strapi's
 * authentication and the `isAuthenticatedAdmin` policy, before the controller) lets through only
 * the request shapes the admin panel itself sends, for every account, the board included:
 *
 * | part | rule | refused with |
 * |---|---|---|
 * | `:model` | a content type or component | 404 |
 * | `:targetField` | an attribute of it | 404 |
 * |  | a relation with a target type, shown in the edit view (not `createdBy`, …) | 400 |
 * |  | the account may read it (Strapi's own check, made first) | 403 |
 * | `:id`, `id` | a documentId (`[A-Za-z0-9_-]`, ≤ 64), or for a component a row id; `id=` is "none" | 400 |
 * | `_q` | one string of at most {@link MAX_SEARCH_LENGTH} characters | 400 |
 * | `page` / `pageSize` | whole numbers 1–{@link MAX_PAGE} / 1–100 | 400 |
 * | `idsToOmit`, `idsToInclude` | at most {@link MAX_IDS} row ids | 400 |
 * | `locale`, `status` | a locale code / `draft` or `published` | 400 |
 * | `filters`, `populate`, `fields`, `sort`, `where`, … ({@link QUERY_SHAPING}) | not accepted here | 400 |
 * | any other key | removed before Strapi reads the query (the edit view forwards its own URL's parameters) | — |
 *
 * Which rows a picker lists stays Strapi's RBAC: the target type's read permission with its
 * conditions (an agency account sees its own agency's items, roles.ts). Every refusal is a Strapi
 * error with a Vietnamese message naming the parameter.
 */
import { errors } from '@strapi/utils';
import type { Ctx, Strapi } from './strapi-types';

/** Longest `_q` (characters): a picker searches the main field of the target type. */
export const MAX_SEARCH_LENGTH = 200;
/** Highest `page` of a picker (10 items a page in the admin panel). */
export const MAX_PAGE = 10_000;
/** Most row ids in `idsToOmit` / `idsToInclude` (the links changed in the form and not yet saved). */
export const MAX_IDS = 100;

type Route = 'available' | 'existing';

/** The parameters the admin panel sends to each route, each with its check. */
const ACCEPTED: Record<Route, readonly string[]> = {
  available: ['id', '_q', 'idsToOmit', 'idsToInclude', 'page', 'pageSize', 'locale', 'status', 'component'],
  existing: ['page', 'pageSize', 'locale', 'status'],
};

/** Parameters that would shape the database query (Strapi's query params and the database layer's own): refused, not ignored. */
export const QUERY_SHAPING: ReadonlySet<string> = new Set([
  'filters',
  'populate',
  'fields',
  'sort',
  '_filter',
  'where',
  'select',
  'limit',
  'offset',
  'start',
  'orderBy',
  'groupBy',
  'count',
  'lookup',
]);

const HANDLERS: Record<string, Route> = { 'relations.findAvailable': 'available', 'relations.findExisting': 'existing' };

const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const ROW_ID = /^\d{1,15}$/;

const shown = (v: unknown) => JSON.stringify(String(v).slice(0, 60));

function refuse(param: string, message: string): never {
  const text = `Danh sách liên kết: ${message}`;
  throw new errors.ValidationError(text, { errors: [{ path: [param], message: text, name: 'ValidationError' }] });
}

function notFound(param: string, message: string): never {
  const text = `Danh sách liên kết: ${message}`;
  throw new errors.NotFoundError(text, { errors: [{ path: [param], message: text, name: 'NotFoundError' }] });
}

function wholeNumber(param: string, value: unknown, max: number): void {
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value) || Number(value) < 1 || Number(value) > max) {
    refuse(param, `tham số "${param}" phải là một số nguyên từ 1 đến ${max.toLocaleString('vi-VN')} (nhận được ${shown(value)}).`);
  }
}

function rowIds(param: string, value: unknown): void {
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : null;
  if (!list) refuse(param, `tham số "${param}" phải là danh sách mã (id), tối đa ${MAX_IDS} mục.`);
  if (list.length > MAX_IDS) refuse(param, `tham số "${param}" có ${list.length} mục, tối đa ${MAX_IDS}.`);
  for (const v of list) if (typeof v !== 'string' || !ROW_ID.test(v)) refuse(param, `tham số "${param}": ${shown(v)} không phải mã (id) số nguyên.`);
}

interface PickerModel {
  modelType?: string;
  attributes?: Record<string, { type?: string; target?: string; visible?: boolean } | undefined>;
}

/**
 * Checks one relation-picker request and removes the query keys the admin panel's own page
 * parameters may add (see the table above).
 * @param route which of the two routes
 * @param params the route parameters (`model`, `targetField`, and `id` for `existing`)
 * @param query the parsed query string (mutated: unknown keys removed)
 * @param userAbility the account's RBAC ability (`ctx.state.userAbility`)
 * @throws errors.NotFoundError (404) for an unknown model or field; errors.PolicyError (403)
 *   when the account may not read the field; errors.ValidationError (400) naming the parameter
 *   for anything else out of shape
 */
export function checkRelationPickerRequest(
  strapi: Strapi,
  route: Route,
  params: Record<string, unknown>,
  query: Record<string, unknown>,
  userAbility: unknown,
): void {
  const uid = String(params.model ?? '');
  const field = String(params.targetField ?? '');
  const model = (strapi.contentTypes[uid as keyof typeof strapi.contentTypes] ?? strapi.components[uid as keyof typeof strapi.components]) as
    PickerModel | undefined;
  if (!model) notFound('model', `không có kiểu nội dung hay thành phần ${shown(uid)}.`);
  const attr = Object.prototype.hasOwnProperty.call(model.attributes ?? {}, field) ? model.attributes![field] : undefined;
  if (!attr) notFound('targetField', `kiểu ${shown(uid)} không có trường ${shown(field)}.`);
  if (attr.type !== 'relation' || !attr.target || !strapi.contentTypes[attr.target as keyof typeof strapi.contentTypes]) {
    refuse('targetField', `trường ${shown(field)} của ${shown(uid)} không phải trường liên kết.`);
  }
  if (attr.visible === false) refuse('targetField', `trường ${shown(field)} của ${shown(uid)} không có ô chọn liên kết trong trang soạn thảo.`);

  const isComponent = model.modelType === 'component';
  if (!isComponent) {
    const checker = strapi.plugin('content-manager').service('permission-checker').create({ userAbility, model: uid });
    if (checker.cannot.read(null, field)) {
      const text = `Danh sách liên kết: tài khoản không có quyền xem trường ${shown(field)} của ${shown(uid)}.`;
      throw new errors.PolicyError(text, { errors: [{ path: ['targetField'], message: text, name: 'PolicyError' }] });
    }
  }
  const checkId = (param: string, value: unknown) => {
    if (typeof value !== 'string' || !(isComponent ? ROW_ID : DOCUMENT_ID).test(value)) {
      refuse(param, `${shown(value)} không phải ${isComponent ? 'mã (id) số nguyên của thành phần' : 'documentId hợp lệ'}.`);
    }
  };
  if (route === 'existing') checkId('id', params.id);

  for (const key of Object.keys(query)) {
    const value = query[key];
    if (QUERY_SHAPING.has(key)) {
      refuse(key, `tham số "${key}" không được dùng ở đây: danh sách liên kết chỉ nhận ${ACCEPTED[route].join(', ')}.`);
    }
    if (!ACCEPTED[route].includes(key)) {
      delete query[key];
      continue;
    }
    switch (key) {
      case 'id':
        if (value !== '' && value !== null) checkId('id', value);
        break;
      case '_q':
        if (typeof value !== 'string') refuse('_q', 'từ khoá tìm kiếm (_q) phải là một chuỗi.');
        if ([...value].length > MAX_SEARCH_LENGTH) refuse('_q', `từ khoá tìm kiếm (_q) dài quá ${MAX_SEARCH_LENGTH} ký tự (hiện có ${[...value].length}).`);
        break;
      case 'idsToOmit':
      case 'idsToInclude':
        rowIds(key, value);
        break;
      case 'page':
        wholeNumber('page', value, MAX_PAGE);
        break;
      case 'pageSize':
        wholeNumber('pageSize', value, 100);
        break;
      case 'locale':
        if (value !== null && (typeof value !== 'string' || !/^[A-Za-z0-9-]{0,35}$/.test(value))) refuse('locale', `${shown(value)} không phải mã ngôn ngữ.`);
        break;
      case 'status':
        if (value !== null && value !== 'draft' && value !== 'published') {
          refuse('status', `tham số "status" chỉ nhận draft hoặc published (nhận được ${shown(value)}).`);
        }
        break;
      case 'component':
        if (typeof value !== 'string' || value.length > 200) refuse('component', 'tham số "component" không hợp lệ.');
        break;
    }
  }
}

/**
 * Strapi's own refusals of a picker, whose messages say only "Forbidden" / "Entity not found",
 * said in Vietnamese (the item asked for: another agency's, or none): a new Strapi error with the
 * same status — a 403 as a `PolicyError`, the one ForbiddenError whose message Strapi's authorize
 * step (around every route's middlewares and controller) lets through; any other it answers with a
 * bare "Forbidden". Anything else is given back unchanged.
 */
function inVietnamese(err: unknown, params: Record<string, unknown>, query: Record<string, unknown>): unknown {
  const id = shown(params.id ?? query.id ?? '');
  const field = shown(params.targetField ?? '');
  // by name: the content-manager throws the errors of its own copy of @strapi/utils
  const { name, message } = (err ?? {}) as { name?: string; message?: string };
  if (name === 'ForbiddenError' && ['Forbidden', 'Forbidden access'].includes(String(message))) {
    return new errors.PolicyError(
      `Danh sách liên kết: tài khoản không có quyền xem trường ${field} của mục ${id} (mục của cơ quan, đơn vị khác hoặc ngoài phạm vi của vai trò, R-3.3).`,
    );
  }
  if (name === 'NotFoundError' && message === 'Entity not found') {
    return new errors.NotFoundError(`Danh sách liên kết: không có mục ${id}.`);
  }
  return err;
}

/**
 * Adds the guard in front of the content-manager's two relation routes. Call from `register()`
 * (before Strapi registers the routes).
 * @throws {Error} when the content-manager's routes are not where Strapi 5.54 keeps them (the
 *   guard must not silently go missing after an upgrade)
 */
export function guardRelationPickers(strapi: Strapi): void {
  const routers = strapi.plugin('content-manager')?.routes as Record<string, { routes?: unknown[] }> | undefined;
  const routes = (routers?.admin?.routes ?? []) as { handler?: unknown; config?: { middlewares?: unknown[] } }[];
  let guarded = 0;
  for (const r of routes) {
    const route = typeof r.handler === 'string' ? HANDLERS[r.handler] : undefined;
    if (!route) continue;
    r.config ??= {};
    r.config.middlewares = [
      async (ctx: Ctx, next: () => Promise<unknown>) => {
        checkRelationPickerRequest(strapi, route, ctx.params ?? {}, ctx.request.query as Record<string, unknown>, ctx.state.userAbility);
        const query = ctx.request.query as Record<string, unknown>;
        try {
          await next();
        } catch (err) {
          throw inVietnamese(err, ctx.params ?? {}, query);
        }
        // a refusal Strapi answered without throwing (`ctx.forbidden()`, `ctx.notFound()`)
        const body = ctx.body as { error?: { name?: string; message?: string } } | null | undefined;
        if ((ctx.status === 403 || ctx.status === 404) && body?.error) {
          const said = inVietnamese(body.error, ctx.params ?? {}, query) as { message?: string };
          if (said !== body.error) ctx.body = { ...body, error: { ...body.error, message: said.message } };
        }
      },
      ...(r.config.middlewares ?? []),
    ];
    guarded++;
  }
  if (guarded !== Object.keys(HANDLERS).length) {
    throw new Error(`relation picker guard: found ${guarded} of the content-manager's ${Object.keys(HANDLERS).length} relation routes`);
  }
}
