/**
 * Strapi's own types, named once for the CMS code: the Strapi instance (`Core.Strapi`, which knows
 * the content types through the generated `cms/types/generated`), the Koa context its controllers
 * and routes receive, and a stored row of a content type (`Modules.Documents.Document<uid>`, the
 * generated attributes plus `id` and `documentId`).
 */
import type { Core, Modules, Schema, UID } from '@strapi/strapi';
import type { ContentTypeUid as RegistryUid } from '@cong/shared';

/** The Strapi instance (`strapi`). */
export type Strapi = Core.Strapi;

/** The Koa context of a Strapi controller or route handler (`ctx`). */
export type Ctx = Parameters<Core.ControllerHandler>[0];

/** The Koa context of the request being served, as Strapi's request context keeps it (`strapi.requestContext.get()`). */
export type RequestCtx = NonNullable<ReturnType<Core.Strapi['requestContext']['get']>>;

/**
 * An admin account as Strapi hands it over — `ctx.state.user` of an admin request, the user an
 * RBAC condition's handler receives, a row of `admin::user` — with the fields the CMS reads.
 */
export interface AdminAccount {
  id?: number;
  email?: string | null;
  firstname?: string | null;
  lastname?: string | null;
  username?: string | null;
  /** its admin roles (loaded with the user, or not: then looked up by id) */
  roles?: readonly { code?: string | null }[] | null;
}

/** A content type's uid known to the generated types. */
export type ContentTypeUid = UID.ContentType;

/**
 * The uid of a public content type (the registry's, @cong/shared `ContentTypeUid`): each has
 * Draft & Publish, so its document service has `publish`, `unpublish` and `discardDraft`.
 */
export type PublicUid = RegistryUid & UID.ContentType;

/**
 * A relation attribute as the workflow reads it from a model looked up at run time: its kind,
 * its target and the attribute on the other side (if any).
 */
export interface RelationAttribute {
  type: 'relation';
  relation: string;
  target?: string;
  inversedBy?: string;
  mappedBy?: string;
}

/** A stored document of content type `T`, as the document service and `db.query` return it. */
export type StoredDocument<T extends UID.ContentType> = Modules.Documents.Document<T>;

/**
 * The attributes of some model looked up by a uid known only at run time (`strapi.getModel(uid)`),
 * by name: any of Strapi's attribute kinds, or nothing for a name the model does not have.
 */
export type AttributeMap = Readonly<Record<string, Schema.Attribute.AnyAttribute | undefined>>;

/** The attributes of the model `uid`, or an empty map when Strapi has no such model. */
export function attributesOf(strapi: Strapi, uid: string): AttributeMap {
  return (strapi.getModel(uid as UID.Schema)?.attributes ?? {}) as AttributeMap;
}

/**
 * The columns a query selects from a stored document of `T`: the `Present` ones non-null (required
 * in the schema, or Strapi's own like `createdAt`), the `Nullable` ones as the schema types them.
 * The generated types make every attribute optional, as a partial write may; a row read back has
 * its required columns.
 */
export type SelectedRow<T extends UID.ContentType, Present extends keyof StoredDocument<T>, Nullable extends keyof StoredDocument<T> = never> = {
  [K in Present]-?: NonNullable<StoredDocument<T>[K]>;
} & { [K in Nullable]?: StoredDocument<T>[K] | null };

/**
 * Adds an admin-API router (`type: 'admin'`, under its `prefix`) to `strapi.admin.routes`, in
 * `register` (before routing is initialised). Strapi's `Module.routes` is typed with routes that
 * carry their `info`, which Strapi itself sets on every admin route when it registers them
 * (@strapi/core services/server/register-routes), so a router is written as a `RouterInput`.
 */
export function addAdminRouter(strapi: Strapi, name: string, router: Core.RouterInput): void {
  strapi.admin.routes[name] = router as Core.Router;
}
