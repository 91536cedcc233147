/**
 * The content-type registry: one entry per public Strapi content type, holding every fact the
 * CMS, the site, the publisher and the seed import need about it. Everything else — the lists
 * of uids, which types belong to an agency, the workflow kinds, the published state's route
 * fields and relations, the preview's names and pages, the data cache's keys, GraphQL roots, the
 * admin list views — is derived from this table (issue 10, item 1).
 *
 * Adding a content type: one entry here, its Strapi schema (cms/src/api/<name>/…), its pages
 * (site/src/pages/…). `cms/src/registry/content-type-registry.test.ts` proves that every entry
 * matches a schema of cms/src/api and the other way round, field by field.
 *
 * Naming: one name per type. `kind` is the singular camelCase of Strapi's `singularName` (the
 * workflow kind, GraphQL's single-entry field), `plural` the camelCase of Strapi's `pluralName`
 * (GraphQL's collection field, the key of the site's raw data and data cache). The uid and the
 * preview URL's segment (`singularName`) follow from them.
 */

/** Who owns an item of a type (R-3.3: each unit works only in its own sub-site). */
export type ContentOwner =
  /** the agency record itself (its sub-site sections are edited by its own accounts) */
  | 'self'
  /** the agency named by the item's `agency` relation */
  | 'agency'
  /** portal-wide content, edited by the editorial board only */
  | 'portal';

/** How the draft preview finds the page that shows a document (site/publisher/preview). */
export type PreviewPick =
  /** the page whose props show the document */
  | 'shows'
  /** the agency's sub-site home (the page of its sub-site without a section) */
  | 'agencyHome';

/** One registry entry. */
export interface ContentTypeEntry {
  /** Strapi uid, `api::<singularName>.<singularName>` */
  readonly uid: string;
  /** the type's one name: camelCase of Strapi's singularName (workflow kind, GraphQL single field) */
  readonly kind: string;
  /** camelCase of Strapi's pluralName: GraphQL collection field, key of the site's raw data */
  readonly plural: string;
  /** `collectionType` or `singleType` (Strapi's schema `kind`) */
  readonly type: 'collection' | 'single';
  readonly owner: ContentOwner;
  /** the field that names an item (audit log, messages, admin relation pickers) */
  readonly titleField: string;
  /** the field an empty slug is made from (collections) */
  readonly slugFrom?: string;
  /** scalar fields that decide which pages show an entry besides its slug and relations */
  readonly routeFields: readonly string[];
  /**
   * relation fields (besides `agency` and `procedure`) whose published targets the published
   * state lists per entry: a row can be stale while its own updatedAt did not move (a relation
   * written from the other side, a target published after the entry)
   */
  readonly stateRelations: readonly string[];
  /** the site page template that shows a document (file under site/src/pages) and how to find its path */
  readonly page: { readonly file: string; readonly pick: PreviewPick };
  /**
   * server-owned fields: written only by the CMS's own steps acting as the system (the citizen
   * intake, the queue's forward/reject, the publish step), never by an account or an API token,
   * by any path (admin API single and bulk, clone, REST, GraphQL). They are left out of the RBAC
   * create/update field lists (cms/src/workflow/roles.ts) and refused by the document-service
   * middleware (cms/src/workflow/middleware.ts) when a non-system actor tries to change them.
   * `editorialState` (every type) is guarded the same way by the workflow itself.
   */
  readonly serverOwnedFields?: readonly string[];
  /**
   * fields a citizen wrote (a question's name and text): an agency may correct them (spelling,
   * personal data typed into the text), and each correction names the fields in the audit log entry
   */
  readonly citizenFields?: readonly string[];
  /** admin panel list view: main field (relation pickers), columns, default sort */
  readonly adminList?: { readonly main: string; readonly columns: readonly string[]; readonly sort: readonly [string, 'ASC' | 'DESC'] };
}

/** The registry. Order: agencies first (everything else points at them), then as the site lists them. */
export const CONTENT_TYPES = [
  {
    uid: 'api::agency.agency',
    kind: 'agency',
    plural: 'agencies',
    type: 'collection',
    owner: 'self',
    titleField: 'name',
    slugFrom: 'name',
    routeFields: ['kind'],
    stateRelations: ['parent'],
    page: { file: 'co-quan/[agency]/[...section].astro', pick: 'agencyHome' },
    adminList: { main: 'name', columns: ['name', 'kind', 'updateSchedule', 'editorialState', 'updatedAt'], sort: ['name', 'ASC'] },
  },
  {
    uid: 'api::article.article',
    kind: 'article',
    plural: 'articles',
    type: 'collection',
    owner: 'agency',
    titleField: 'title',
    slugFrom: 'title',
    routeFields: ['scope'],
    stateRelations: [],
    page: { file: 'tin-tuc/[slug].astro', pick: 'shows' },
    adminList: { main: 'title', columns: ['title', 'agency', 'scope', 'editorialState', 'updatedAt'], sort: ['updatedAt', 'DESC'] },
  },
  {
    uid: 'api::legal-document.legal-document',
    kind: 'legalDocument',
    plural: 'legalDocuments',
    type: 'collection',
    owner: 'agency',
    titleField: 'documentNumber',
    slugFrom: 'documentNumber',
    routeFields: ['documentType', 'issuedDate', 'issuingBody', 'field', 'validityStatus', 'isPolicy'],
    stateRelations: ['replaces', 'replacedBy', 'amends', 'amendedBy'],
    page: { file: 'van-ban/[slug].astro', pick: 'shows' },
    adminList: {
      main: 'documentNumber',
      columns: ['documentNumber', 'documentType', 'issuedDate', 'validityStatus', 'editorialState'],
      sort: ['issuedDate', 'DESC'],
    },
  },
  {
    uid: 'api::administrative-procedure.administrative-procedure',
    kind: 'administrativeProcedure',
    plural: 'administrativeProcedures',
    type: 'collection',
    owner: 'agency',
    titleField: 'name',
    slugFrom: 'name',
    routeFields: ['field'],
    stateRelations: ['legalBasis'],
    page: { file: 'thu-tuc-hanh-chinh/[slug].astro', pick: 'shows' },
    adminList: { main: 'name', columns: ['procedureCode', 'name', 'field', 'agency', 'editorialState'], sort: ['updatedAt', 'DESC'] },
  },
  {
    uid: 'api::e-service.e-service',
    kind: 'eService',
    plural: 'eServices',
    type: 'collection',
    owner: 'agency',
    titleField: 'name',
    slugFrom: 'name',
    routeFields: [],
    stateRelations: [],
    page: { file: 'dich-vu-cong/[...index].astro', pick: 'shows' },
    adminList: { main: 'name', columns: ['name', 'agency', 'registrationStatus', 'editorialState'], sort: ['updatedAt', 'DESC'] },
  },
  {
    uid: 'api::investment-project.investment-project',
    kind: 'investmentProject',
    plural: 'investmentProjects',
    type: 'collection',
    owner: 'agency',
    titleField: 'name',
    slugFrom: 'name',
    routeFields: [],
    stateRelations: [],
    page: { file: 'du-an-dau-tu/[slug].astro', pick: 'shows' },
    adminList: { main: 'name', columns: ['name', 'agency', 'projectStatus', 'editorialState'], sort: ['updatedAt', 'DESC'] },
  },
  {
    uid: 'api::question.question',
    kind: 'question',
    plural: 'questions',
    type: 'collection',
    owner: 'agency',
    titleField: 'subject',
    slugFrom: 'subject',
    routeFields: [],
    stateRelations: [],
    page: { file: 'hoi-dap/[slug].astro', pick: 'shows' },
    // the intake writes the asker's identity, contact, consent and tracking secrets (the citizen's
    // data: issue 11, ADR 0009); the queue steps write the status and its reason; only the board's
    // publish step marks a question answered
    serverOwnedFields: [
      'askerFullName',
      'askerEmail',
      'askerPhone',
      'consentToPublish',
      'answerStatus',
      'statusReason',
      'receivedAt',
      'dueAt',
      'answeredAt',
      'trackingCode',
      'trackingSecretHash',
      'dedupKey',
    ],
    citizenFields: ['askerName', 'subject', 'body'],
    adminList: { main: 'subject', columns: ['subject', 'agency', 'answerStatus', 'dueAt', 'editorialState', 'createdAt'], sort: ['createdAt', 'DESC'] },
  },
  {
    uid: 'api::consultation.consultation',
    kind: 'consultation',
    plural: 'consultations',
    type: 'collection',
    owner: 'agency',
    titleField: 'title',
    slugFrom: 'title',
    // the phase (upcoming / open / closed) follows from these and the clock: the published
    // state adds it (cms/src/api/publisher), so a boundary changes the state and the pages
    routeFields: ['opensAt', 'closesAt'],
    // approved comments are the published versions of consultation-comment
    stateRelations: ['comments'],
    // a comment belongs to the consultation the citizen commented on (the intake sets it): an
    // account does not move comments between consultations from this side of the relation
    serverOwnedFields: ['comments'],
    page: { file: 'lay-y-kien/[slug].astro', pick: 'shows' },
    adminList: { main: 'title', columns: ['title', 'agency', 'opensAt', 'closesAt', 'editorialState'], sort: ['opensAt', 'DESC'] },
  },
  {
    uid: 'api::province-profile.province-profile',
    kind: 'provinceProfile',
    plural: 'provinceProfiles',
    type: 'single',
    owner: 'portal',
    titleField: 'name',
    routeFields: [],
    stateRelations: [],
    page: { file: 'gioi-thieu/[...index].astro', pick: 'shows' },
  },
  {
    uid: 'api::homepage.homepage',
    kind: 'homepage',
    plural: 'homepages',
    type: 'single',
    owner: 'portal',
    titleField: 'welcome',
    routeFields: [],
    stateRelations: [],
    page: { file: '[...home].astro', pick: 'shows' },
  },
] as const satisfies readonly ContentTypeEntry[];

/** One registry entry, typed precisely. */
export type ContentType = (typeof CONTENT_TYPES)[number];
/** Every public content type's uid. */
export type ContentTypeUid = ContentType['uid'];
/** Every public content type's one name (the workflow kind). */
export type ContentKind = ContentType['kind'];
/** The collection types' entries. */
export type CollectionType = Extract<ContentType, { type: 'collection' }>;
/** The single types' entries. */
export type SingleType = Extract<ContentType, { type: 'single' }>;
/** The collection types' plural names (GraphQL collection fields, keys of the site's raw data). */
export type CollectionPlural = CollectionType['plural'];

/** Every public content type's uid, in registry order. */
export const CONTENT_TYPE_UIDS = CONTENT_TYPES.map((t) => t.uid) as readonly ContentTypeUid[];

/** The collection types. */
export const COLLECTION_TYPES = CONTENT_TYPES.filter((t): t is CollectionType => t.type === 'collection');
/** The single types. */
export const SINGLE_TYPES = CONTENT_TYPES.filter((t): t is SingleType => t.type === 'single');

const BY_UID = new Map<string, ContentType>(CONTENT_TYPES.map((t) => [t.uid, t]));
const BY_KIND = new Map<string, ContentType>(CONTENT_TYPES.map((t) => [t.kind, t]));

/** The entry of a uid, or undefined for a type outside the registry. */
export function contentType(uid: string): ContentType | undefined {
  return BY_UID.get(uid);
}

/** The entry of a kind (the type's one name), or undefined. */
export function contentTypeOfKind(kind: string): ContentType | undefined {
  return BY_KIND.get(kind);
}

/** True for a public content type's uid. */
export function isContentTypeUid(uid: string): uid is ContentTypeUid {
  return BY_UID.has(uid);
}

/** Uids whose items belong to an agency through their `agency` relation. */
export const AGENCY_SCOPED_UIDS = CONTENT_TYPES.filter((t) => t.owner === 'agency').map((t) => t.uid) as readonly ContentTypeUid[];

/** The server-owned fields of a type (see `ContentTypeEntry.serverOwnedFields`); empty for none or an unknown uid. */
export function serverOwnedFields(uid: string): readonly string[] {
  const t = contentType(uid);
  return t && 'serverOwnedFields' in t ? t.serverOwnedFields : [];
}

/** The fields a citizen wrote in items of a type (see `ContentTypeEntry.citizenFields`); empty for none. */
export function citizenFields(uid: string): readonly string[] {
  const t = contentType(uid);
  return t && 'citizenFields' in t ? t.citizenFields : [];
}

/** The agency record's uid (the type whose owner is itself). */
export const AGENCY_UID = CONTENT_TYPES.find((t) => t.owner === 'self')!.uid;

/** The segment of a type in preview URLs (`/xem-truoc/<segment>/<documentId>/`): Strapi's singularName. */
export function previewSegment(uid: string): string | null {
  return contentType(uid) ? uid.split('.').pop()! : null;
}

/** The uid of a preview URL segment, or null. */
export function uidOfPreviewSegment(segment: string): ContentTypeUid | null {
  return CONTENT_TYPES.find((t) => t.uid.split('.').pop() === segment)?.uid ?? null;
}
