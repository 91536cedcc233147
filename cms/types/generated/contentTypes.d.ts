import type { Schema, Struct } from '@strapi/strapi';

export interface AdminApiToken extends Struct.CollectionTypeSchema {
  collectionName: 'strapi_api_tokens';
  info: {
    description: '';
    displayName: 'Api Token';
    name: 'Api Token';
    pluralName: 'api-tokens';
    singularName: 'api-token';
  };
  options: {
    draftAndPublish: false;
  };
  pluginOptions: {
    'content-manager': {
      visible: false;
    };
    'content-type-builder': {
      visible: false;
    };
  };
  attributes: {
    accessKey: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        minLength: 1;
      }>;
    adminPermissions: Schema.Attribute.Relation<'oneToMany', 'admin::permission'>;
    adminUserOwner: Schema.Attribute.Relation<'manyToOne', 'admin::user'>;
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    description: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        minLength: 1;
      }> &
      Schema.Attribute.DefaultTo<''>;
    encryptedKey: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        minLength: 1;
      }>;
    expiresAt: Schema.Attribute.DateTime;
    kind: Schema.Attribute.Enumeration<['content-api', 'admin']> & Schema.Attribute.Required & Schema.Attribute.DefaultTo<'content-api'>;
    lastUsedAt: Schema.Attribute.DateTime;
    lifespan: Schema.Attribute.BigInteger;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'admin::api-token'> & Schema.Attribute.Private;
    name: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.Unique &
      Schema.Attribute.SetMinMaxLength<{
        minLength: 1;
      }>;
    permissions: Schema.Attribute.Relation<'oneToMany', 'admin::api-token-permission'>;
    publishedAt: Schema.Attribute.DateTime;
    type: Schema.Attribute.Enumeration<['read-only', 'full-access', 'custom']> & Schema.Attribute.DefaultTo<'read-only'>;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
  };
}

export interface AdminApiTokenPermission extends Struct.CollectionTypeSchema {
  collectionName: 'strapi_api_token_permissions';
  info: {
    description: '';
    displayName: 'API Token Permission';
    name: 'API Token Permission';
    pluralName: 'api-token-permissions';
    singularName: 'api-token-permission';
  };
  options: {
    draftAndPublish: false;
  };
  pluginOptions: {
    'content-manager': {
      visible: false;
    };
    'content-type-builder': {
      visible: false;
    };
  };
  attributes: {
    action: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        minLength: 1;
      }>;
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'admin::api-token-permission'> & Schema.Attribute.Private;
    publishedAt: Schema.Attribute.DateTime;
    token: Schema.Attribute.Relation<'manyToOne', 'admin::api-token'>;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
  };
}

export interface AdminPermission extends Struct.CollectionTypeSchema {
  collectionName: 'admin_permissions';
  info: {
    description: '';
    displayName: 'Permission';
    name: 'Permission';
    pluralName: 'permissions';
    singularName: 'permission';
  };
  options: {
    draftAndPublish: false;
  };
  pluginOptions: {
    'content-manager': {
      visible: false;
    };
    'content-type-builder': {
      visible: false;
    };
  };
  attributes: {
    action: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        minLength: 1;
      }>;
    actionParameters: Schema.Attribute.JSON & Schema.Attribute.DefaultTo<{}>;
    apiToken: Schema.Attribute.Relation<'manyToOne', 'admin::api-token'>;
    conditions: Schema.Attribute.JSON & Schema.Attribute.DefaultTo<[]>;
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'admin::permission'> & Schema.Attribute.Private;
    properties: Schema.Attribute.JSON & Schema.Attribute.DefaultTo<{}>;
    publishedAt: Schema.Attribute.DateTime;
    role: Schema.Attribute.Relation<'manyToOne', 'admin::role'>;
    subject: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        minLength: 1;
      }>;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
  };
}

export interface AdminRole extends Struct.CollectionTypeSchema {
  collectionName: 'admin_roles';
  info: {
    description: '';
    displayName: 'Role';
    name: 'Role';
    pluralName: 'roles';
    singularName: 'role';
  };
  options: {
    draftAndPublish: false;
  };
  pluginOptions: {
    'content-manager': {
      visible: false;
    };
    'content-type-builder': {
      visible: false;
    };
  };
  attributes: {
    code: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.Unique &
      Schema.Attribute.SetMinMaxLength<{
        minLength: 1;
      }>;
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    description: Schema.Attribute.String;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'admin::role'> & Schema.Attribute.Private;
    name: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.Unique &
      Schema.Attribute.SetMinMaxLength<{
        minLength: 1;
      }>;
    permissions: Schema.Attribute.Relation<'oneToMany', 'admin::permission'>;
    publishedAt: Schema.Attribute.DateTime;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    users: Schema.Attribute.Relation<'manyToMany', 'admin::user'>;
  };
}

export interface AdminSession extends Struct.CollectionTypeSchema {
  collectionName: 'strapi_sessions';
  info: {
    description: 'Session Manager storage';
    displayName: 'Session';
    name: 'Session';
    pluralName: 'sessions';
    singularName: 'session';
  };
  options: {
    draftAndPublish: false;
  };
  pluginOptions: {
    'content-manager': {
      visible: false;
    };
    'content-type-builder': {
      visible: false;
    };
    i18n: {
      localized: false;
    };
  };
  attributes: {
    absoluteExpiresAt: Schema.Attribute.DateTime & Schema.Attribute.Private;
    childId: Schema.Attribute.String & Schema.Attribute.Private;
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    deviceId: Schema.Attribute.String & Schema.Attribute.Required & Schema.Attribute.Private;
    expiresAt: Schema.Attribute.DateTime & Schema.Attribute.Required & Schema.Attribute.Private;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'admin::session'> & Schema.Attribute.Private;
    metadata: Schema.Attribute.JSON & Schema.Attribute.Private;
    origin: Schema.Attribute.String & Schema.Attribute.Required & Schema.Attribute.Private;
    publishedAt: Schema.Attribute.DateTime;
    sessionId: Schema.Attribute.String & Schema.Attribute.Required & Schema.Attribute.Private & Schema.Attribute.Unique;
    status: Schema.Attribute.String & Schema.Attribute.Private;
    type: Schema.Attribute.String & Schema.Attribute.Private;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    userId: Schema.Attribute.String & Schema.Attribute.Required & Schema.Attribute.Private;
  };
}

export interface AdminTransferToken extends Struct.CollectionTypeSchema {
  collectionName: 'strapi_transfer_tokens';
  info: {
    description: '';
    displayName: 'Transfer Token';
    name: 'Transfer Token';
    pluralName: 'transfer-tokens';
    singularName: 'transfer-token';
  };
  options: {
    draftAndPublish: false;
  };
  pluginOptions: {
    'content-manager': {
      visible: false;
    };
    'content-type-builder': {
      visible: false;
    };
  };
  attributes: {
    accessKey: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        minLength: 1;
      }>;
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    description: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        minLength: 1;
      }> &
      Schema.Attribute.DefaultTo<''>;
    expiresAt: Schema.Attribute.DateTime;
    lastUsedAt: Schema.Attribute.DateTime;
    lifespan: Schema.Attribute.BigInteger;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'admin::transfer-token'> & Schema.Attribute.Private;
    name: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.Unique &
      Schema.Attribute.SetMinMaxLength<{
        minLength: 1;
      }>;
    permissions: Schema.Attribute.Relation<'oneToMany', 'admin::transfer-token-permission'>;
    publishedAt: Schema.Attribute.DateTime;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
  };
}

export interface AdminTransferTokenPermission extends Struct.CollectionTypeSchema {
  collectionName: 'strapi_transfer_token_permissions';
  info: {
    description: '';
    displayName: 'Transfer Token Permission';
    name: 'Transfer Token Permission';
    pluralName: 'transfer-token-permissions';
    singularName: 'transfer-token-permission';
  };
  options: {
    draftAndPublish: false;
  };
  pluginOptions: {
    'content-manager': {
      visible: false;
    };
    'content-type-builder': {
      visible: false;
    };
  };
  attributes: {
    action: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        minLength: 1;
      }>;
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'admin::transfer-token-permission'> & Schema.Attribute.Private;
    publishedAt: Schema.Attribute.DateTime;
    token: Schema.Attribute.Relation<'manyToOne', 'admin::transfer-token'>;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
  };
}

export interface AdminUser extends Struct.CollectionTypeSchema {
  collectionName: 'admin_users';
  info: {
    description: '';
    displayName: 'User';
    name: 'User';
    pluralName: 'users';
    singularName: 'user';
  };
  options: {
    draftAndPublish: false;
  };
  pluginOptions: {
    'content-manager': {
      visible: false;
    };
    'content-type-builder': {
      visible: false;
    };
  };
  attributes: {
    apiTokens: Schema.Attribute.Relation<'oneToMany', 'admin::api-token'> & Schema.Attribute.Private;
    blocked: Schema.Attribute.Boolean & Schema.Attribute.Private & Schema.Attribute.DefaultTo<false>;
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    email: Schema.Attribute.Email &
      Schema.Attribute.Required &
      Schema.Attribute.Private &
      Schema.Attribute.Unique &
      Schema.Attribute.SetMinMaxLength<{
        minLength: 6;
      }>;
    firstname: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        minLength: 1;
      }>;
    isActive: Schema.Attribute.Boolean & Schema.Attribute.Private & Schema.Attribute.DefaultTo<false>;
    lastname: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        minLength: 1;
      }>;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'admin::user'> & Schema.Attribute.Private;
    password: Schema.Attribute.Password &
      Schema.Attribute.Private &
      Schema.Attribute.SetMinMaxLength<{
        minLength: 6;
      }>;
    preferedLanguage: Schema.Attribute.String;
    publishedAt: Schema.Attribute.DateTime;
    registrationToken: Schema.Attribute.String & Schema.Attribute.Private;
    resetPasswordToken: Schema.Attribute.String & Schema.Attribute.Private;
    resetPasswordTokenExpiresAt: Schema.Attribute.DateTime & Schema.Attribute.Private;
    roles: Schema.Attribute.Relation<'manyToMany', 'admin::role'> & Schema.Attribute.Private;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    username: Schema.Attribute.String;
  };
}

export interface ApiAdministrativeProcedureAdministrativeProcedure extends Struct.CollectionTypeSchema {
  collectionName: 'administrative_procedures';
  info: {
    description: 'Th\u1EE7 t\u1EE5c h\u00E0nh ch\u00EDnh v\u1EDBi \u0111\u1EA7y \u0111\u1EE7 c\u00E1c b\u1ED9 ph\u1EADn c\u1EA5u th\u00E0nh theo quy \u0111\u1ECBnh';
    displayName: 'Th\u1EE7 t\u1EE5c h\u00E0nh ch\u00EDnh';
    pluralName: 'administrative-procedures';
    singularName: 'administrative-procedure';
  };
  options: {
    draftAndPublish: true;
  };
  attributes: {
    agency: Schema.Attribute.Relation<'manyToOne', 'api::agency.agency'>;
    applicants: Schema.Attribute.Text;
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    dossierComponents: Schema.Attribute.Component<'procedure.dossier-component', true>;
    dossierQuantity: Schema.Attribute.String;
    editorialState: Schema.Attribute.Enumeration<['draft', 'inReview', 'returned', 'approved', 'scheduled', 'published', 'withdrawn']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'draft'>;
    executingAgency: Schema.Attribute.Text;
    fees: Schema.Attribute.Component<'procedure.fee', true>;
    feesText: Schema.Attribute.Text;
    field: Schema.Attribute.String;
    firstPublishedAt: Schema.Attribute.DateTime;
    legalBasis: Schema.Attribute.Relation<'manyToMany', 'api::legal-document.legal-document'>;
    legalBasisText: Schema.Attribute.Text;
    level: Schema.Attribute.Enumeration<['informationOnly', 'partial', 'full', 'level1', 'level2', 'level3', 'level4']>;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'api::administrative-procedure.administrative-procedure'> & Schema.Attribute.Private;
    name: Schema.Attribute.Text & Schema.Attribute.Required;
    procedureCode: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 50;
      }>;
    processingTime: Schema.Attribute.Component<'procedure.processing-time', false>;
    publishedAt: Schema.Attribute.DateTime;
    requirements: Schema.Attribute.Text;
    result: Schema.Attribute.Text;
    slug: Schema.Attribute.UID<'name'> & Schema.Attribute.Required;
    sourceUrl: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 2048;
      }>;
    steps: Schema.Attribute.Component<'procedure.step', true>;
    stepsText: Schema.Attribute.Text;
    submissionMethods: Schema.Attribute.Component<'procedure.submission-method', true>;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
  };
}

export interface ApiAgencyMembershipAgencyMembership extends Struct.CollectionTypeSchema {
  collectionName: 'agency_memberships';
  info: {
    description: 'G\u1EAFn m\u1ED7i t\u00E0i kho\u1EA3n qu\u1EA3n tr\u1ECB (theo th\u01B0 \u0111i\u1EC7n t\u1EED \u0111\u0103ng nh\u1EADp) v\u1EDBi m\u1ED9t c\u01A1 quan, \u0111\u01A1n v\u1ECB: t\u00E0i kho\u1EA3n c\u1EE7a \u0111\u01A1n v\u1ECB ch\u1EC9 c\u1EADp nh\u1EADt chuy\u00EAn trang c\u1EE7a \u0111\u01A1n v\u1ECB m\u00ECnh (R-3.3). Do Trung t\u00E2m CNTT qu\u1EA3n l\u00FD.';
    displayName: 'T\u00E0i kho\u1EA3n thu\u1ED9c \u0111\u01A1n v\u1ECB';
    pluralName: 'agency-memberships';
    singularName: 'agency-membership';
  };
  options: {
    draftAndPublish: false;
  };
  pluginOptions: {
    'content-type-builder': {
      visible: false;
    };
  };
  attributes: {
    agency: Schema.Attribute.Relation<'manyToOne', 'api::agency.agency'>;
    agencySlug: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 255;
      }>;
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    email: Schema.Attribute.Email & Schema.Attribute.Required & Schema.Attribute.Unique;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'api::agency-membership.agency-membership'> & Schema.Attribute.Private;
    note: Schema.Attribute.String;
    publishedAt: Schema.Attribute.DateTime;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
  };
}

export interface ApiAgencyAgency extends Struct.CollectionTypeSchema {
  collectionName: 'agencies';
  info: {
    description: 'S\u1EDF, ban, ng\u00E0nh; huy\u1EC7n, th\u00E0nh ph\u1ED1; c\u01A1 quan Trung \u01B0\u01A1ng \u0111\u00F3ng tr\u00EAn \u0111\u1ECBa b\u00E0n; doanh nghi\u1EC7p Nh\u00E0 n\u01B0\u1EDBc; b\u00E1o, \u0111\u00E0i \u2014 m\u1ED7i \u0111\u01A1n v\u1ECB m\u1ED9t chuy\u00EAn trang (\u0110i\u1EC1u 2.1 Q\u0110 07/2006/Q\u0110-UBND)';
    displayName: 'C\u01A1 quan, \u0111\u01A1n v\u1ECB';
    pluralName: 'agencies';
    singularName: 'agency';
  };
  options: {
    draftAndPublish: true;
  };
  attributes: {
    adminUnitCode: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 10;
      }>;
    adminUnits: Schema.Attribute.JSON;
    articles: Schema.Attribute.Relation<'oneToMany', 'api::article.article'>;
    contact: Schema.Attribute.Component<'shared.contact', false>;
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    developmentPlanning: Schema.Attribute.RichText;
    editorialState: Schema.Attribute.Enumeration<['draft', 'inReview', 'returned', 'approved', 'scheduled', 'published', 'withdrawn']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'draft'>;
    eServices: Schema.Attribute.Relation<'oneToMany', 'api::e-service.e-service'>;
    firstPublishedAt: Schema.Attribute.DateTime;
    functionsAndDuties: Schema.Attribute.RichText;
    introduction: Schema.Attribute.RichText;
    investmentProjects: Schema.Attribute.Relation<'oneToMany', 'api::investment-project.investment-project'>;
    kind: Schema.Attribute.Enumeration<['department', 'branchOffice', 'district', 'stateEnterprise', 'press']> & Schema.Attribute.Required;
    leader: Schema.Attribute.String;
    legalDocuments: Schema.Attribute.Relation<'oneToMany', 'api::legal-document.legal-document'>;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'api::agency.agency'> & Schema.Attribute.Private;
    name: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.Unique &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 255;
      }>;
    naturalSocialConditions: Schema.Attribute.RichText;
    organisationStructure: Schema.Attribute.RichText;
    orgChart: Schema.Attribute.Media<'images' | 'files'>;
    parent: Schema.Attribute.Relation<'manyToOne', 'api::agency.agency'>;
    pilotEService: Schema.Attribute.Boolean & Schema.Attribute.DefaultTo<false>;
    procedures: Schema.Attribute.Relation<'oneToMany', 'api::administrative-procedure.administrative-procedure'>;
    publishedAt: Schema.Attribute.DateTime;
    questions: Schema.Attribute.Relation<'oneToMany', 'api::question.question'>;
    shortName: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 100;
      }>;
    slug: Schema.Attribute.UID<'name'> & Schema.Attribute.Required;
    socioEconomicOrientation: Schema.Attribute.RichText;
    sortOrder: Schema.Attribute.Integer & Schema.Attribute.DefaultTo<100>;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    updateSchedule: Schema.Attribute.Enumeration<['monWedFri', 'daily']> & Schema.Attribute.Required & Schema.Attribute.DefaultTo<'monWedFri'>;
  };
}

export interface ApiArticleArticle extends Struct.CollectionTypeSchema {
  collectionName: 'articles';
  info: {
    description: 'Tin, b\u00E0i, th\u00F4ng b\u00E1o c\u1EE7a c\u1ED5ng v\u00E0 c\u1EE7a c\u00E1c chuy\u00EAn trang; t\u00E1c gi\u1EA3 \u0111\u01B0\u1EE3c h\u01B0\u1EDFng nhu\u1EADn b\u00FAt (\u0110i\u1EC1u 3.4)';
    displayName: 'Tin t\u1EE9c, th\u00F4ng b\u00E1o';
    pluralName: 'articles';
    singularName: 'article';
  };
  options: {
    draftAndPublish: true;
  };
  attributes: {
    agency: Schema.Attribute.Relation<'manyToOne', 'api::agency.agency'>;
    author: Schema.Attribute.String;
    body: Schema.Attribute.RichText;
    cover: Schema.Attribute.Media<'images'>;
    coverAlt: Schema.Attribute.String;
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    editorialState: Schema.Attribute.Enumeration<['draft', 'inReview', 'returned', 'approved', 'scheduled', 'published', 'withdrawn']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'draft'>;
    eventDate: Schema.Attribute.Date;
    firstPublishedAt: Schema.Attribute.DateTime;
    kind: Schema.Attribute.Enumeration<['news', 'announcement']> & Schema.Attribute.Required & Schema.Attribute.DefaultTo<'news'>;
    language: Schema.Attribute.Enumeration<['vi', 'en']> & Schema.Attribute.DefaultTo<'vi'>;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'api::article.article'> & Schema.Attribute.Private;
    publishedAt: Schema.Attribute.DateTime;
    scope: Schema.Attribute.Enumeration<['province', 'national', 'international']> & Schema.Attribute.Required & Schema.Attribute.DefaultTo<'province'>;
    slug: Schema.Attribute.UID<'title'> & Schema.Attribute.Required;
    source: Schema.Attribute.String;
    sourceUrl: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 2048;
      }>;
    summary: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 2000;
      }>;
    title: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 255;
      }>;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
  };
}

export interface ApiConsultationCommentConsultationComment extends Struct.CollectionTypeSchema {
  collectionName: 'consultation_comments';
  info: {
    description: '\u00DD ki\u1EBFn c\u1EE7a c\u00F4ng d\u00E2n, t\u1ED5 ch\u1EE9c v\u1EC1 d\u1EF1 th\u1EA3o; ch\u1EC9 hi\u1EC3n th\u1ECB c\u00F4ng khai khi \u0111\u01B0\u1EE3c duy\u1EC7t (b\u1EA3n \u0111\u00E3 \u0111\u0103ng = \u0111\u00E3 duy\u1EC7t)';
    displayName: '\u00DD ki\u1EBFn g\u00F3p \u00FD d\u1EF1 th\u1EA3o';
    pluralName: 'consultation-comments';
    singularName: 'consultation-comment';
  };
  options: {
    draftAndPublish: true;
  };
  attributes: {
    agency: Schema.Attribute.Relation<'manyToOne', 'api::agency.agency'>;
    authorEmail: Schema.Attribute.Email & Schema.Attribute.Private;
    authorName: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    authorPhone: Schema.Attribute.String &
      Schema.Attribute.Private &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 30;
      }>;
    body: Schema.Attribute.Text &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 10000;
      }>;
    consultation: Schema.Attribute.Relation<'manyToOne', 'api::consultation.consultation'>;
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    firstPublishedAt: Schema.Attribute.DateTime;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'api::consultation-comment.consultation-comment'> & Schema.Attribute.Private;
    moderatedAt: Schema.Attribute.DateTime & Schema.Attribute.Private;
    moderatedBy: Schema.Attribute.String & Schema.Attribute.Private;
    moderationNote: Schema.Attribute.Text & Schema.Attribute.Private;
    moderationStatus: Schema.Attribute.Enumeration<['pending', 'approved', 'rejected']> & Schema.Attribute.Required & Schema.Attribute.DefaultTo<'pending'>;
    organisation: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 300;
      }>;
    publishedAt: Schema.Attribute.DateTime;
    receivedAt: Schema.Attribute.DateTime;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
  };
}

export interface ApiConsultationConsultation extends Struct.CollectionTypeSchema {
  collectionName: 'consultations';
  info: {
    description: 'D\u1EF1 th\u1EA3o v\u0103n b\u1EA3n c\u00F4ng b\u1ED1 \u0111\u1EC3 l\u1EA5y \u00FD ki\u1EBFn nh\u00E2n d\u00E2n (Lu\u1EADt Ti\u1EBFp c\u1EADn th\u00F4ng tin 104/2016, \u0110i\u1EC1u 17.1.c)';
    displayName: 'L\u1EA5y \u00FD ki\u1EBFn d\u1EF1 th\u1EA3o v\u0103n b\u1EA3n';
    pluralName: 'consultations';
    singularName: 'consultation';
  };
  options: {
    draftAndPublish: true;
  };
  attributes: {
    agency: Schema.Attribute.Relation<'manyToOne', 'api::agency.agency'>;
    attachments: Schema.Attribute.Media<'files' | 'images', true>;
    body: Schema.Attribute.RichText;
    closesAt: Schema.Attribute.DateTime & Schema.Attribute.Required;
    comments: Schema.Attribute.Relation<'oneToMany', 'api::consultation-comment.consultation-comment'>;
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    editorialState: Schema.Attribute.Enumeration<['draft', 'inReview', 'returned', 'approved', 'scheduled', 'published', 'withdrawn']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'draft'>;
    firstPublishedAt: Schema.Attribute.DateTime;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'api::consultation.consultation'> & Schema.Attribute.Private;
    opensAt: Schema.Attribute.DateTime & Schema.Attribute.Required;
    publishedAt: Schema.Attribute.DateTime;
    resultSummary: Schema.Attribute.RichText;
    slug: Schema.Attribute.UID<'title'> & Schema.Attribute.Required;
    summary: Schema.Attribute.Text;
    title: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 500;
      }>;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
  };
}

export interface ApiEServiceEService extends Struct.CollectionTypeSchema {
  collectionName: 'e_services';
  info: {
    description: 'D\u1ECBch v\u1EE5 c\u00F4ng tr\u1EF1c tuy\u1EBFn th\u00ED \u0111i\u1EC3m do \u0111\u01A1n v\u1ECB \u0111\u0103ng k\u00FD v\u1EDBi H\u1ED9i \u0111\u1ED3ng bi\u00EAn t\u1EADp (\u0110i\u1EC1u 2.1.3)';
    displayName: 'D\u1ECBch v\u1EE5 c\u00F4ng tr\u1EF1c tuy\u1EBFn';
    pluralName: 'e-services';
    singularName: 'e-service';
  };
  options: {
    draftAndPublish: true;
  };
  attributes: {
    agency: Schema.Attribute.Relation<'manyToOne', 'api::agency.agency'>;
    code: Schema.Attribute.String;
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    description: Schema.Attribute.Text;
    editorialState: Schema.Attribute.Enumeration<['draft', 'inReview', 'returned', 'approved', 'scheduled', 'published', 'withdrawn']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'draft'>;
    firstPublishedAt: Schema.Attribute.DateTime;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'api::e-service.e-service'> & Schema.Attribute.Private;
    name: Schema.Attribute.String & Schema.Attribute.Required;
    procedure: Schema.Attribute.Relation<'manyToOne', 'api::administrative-procedure.administrative-procedure'>;
    publishedAt: Schema.Attribute.DateTime;
    registrationStatus: Schema.Attribute.Enumeration<['registered', 'approved', 'piloting', 'live', 'suspended']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'registered'>;
    serviceLevel: Schema.Attribute.Enumeration<['level1', 'level2', 'level3', 'level4', 'partial', 'full']>;
    slug: Schema.Attribute.UID<'name'> & Schema.Attribute.Required;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    url: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 2048;
      }>;
  };
}

export interface ApiHomepageHomepage extends Struct.SingleTypeSchema {
  collectionName: 'homepages';
  info: {
    description: 'Tin n\u1ED5i b\u1EADt v\u00E0 th\u1EE9 t\u1EF1 c\u00E1c kh\u1ED1i tr\u00EAn trang ch\u1EE7 c\u1ED5ng';
    displayName: 'Trang ch\u1EE7';
    pluralName: 'homepages';
    singularName: 'homepage';
  };
  options: {
    draftAndPublish: true;
  };
  attributes: {
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    editorialState: Schema.Attribute.Enumeration<['draft', 'inReview', 'returned', 'approved', 'scheduled', 'published', 'withdrawn']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'draft'>;
    featuredArticles: Schema.Attribute.Relation<'oneToMany', 'api::article.article'>;
    featuredDocuments: Schema.Attribute.Relation<'oneToMany', 'api::legal-document.legal-document'>;
    firstPublishedAt: Schema.Attribute.DateTime;
    hotline: Schema.Attribute.String;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'api::homepage.homepage'> & Schema.Attribute.Private;
    publishedAt: Schema.Attribute.DateTime;
    sectionOrder: Schema.Attribute.JSON;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    welcome: Schema.Attribute.Text;
  };
}

export interface ApiInvestmentProjectInvestmentProject extends Struct.CollectionTypeSchema {
  collectionName: 'investment_projects';
  info: {
    description: 'D\u1EF1 \u00E1n k\u00EAu g\u1ECDi \u0111\u1EA7u t\u01B0 c\u1EE7a \u0111\u01A1n v\u1ECB (\u0110i\u1EC1u 2.1.1.a)';
    displayName: 'D\u1EF1 \u00E1n k\u00EAu g\u1ECDi \u0111\u1EA7u t\u01B0';
    pluralName: 'investment-projects';
    singularName: 'investment-project';
  };
  options: {
    draftAndPublish: true;
  };
  attributes: {
    agency: Schema.Attribute.Relation<'manyToOne', 'api::agency.agency'>;
    capitalVnd: Schema.Attribute.BigInteger;
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    description: Schema.Attribute.RichText;
    editorialState: Schema.Attribute.Enumeration<['draft', 'inReview', 'returned', 'approved', 'scheduled', 'published', 'withdrawn']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'draft'>;
    firstPublishedAt: Schema.Attribute.DateTime;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'api::investment-project.investment-project'> & Schema.Attribute.Private;
    location: Schema.Attribute.String;
    name: Schema.Attribute.String & Schema.Attribute.Required;
    projectStatus: Schema.Attribute.Enumeration<['calling', 'negotiating', 'awarded', 'closed']> & Schema.Attribute.DefaultTo<'calling'>;
    publishedAt: Schema.Attribute.DateTime;
    sector: Schema.Attribute.String;
    slug: Schema.Attribute.UID<'name'> & Schema.Attribute.Required;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
  };
}

export interface ApiLegalDocumentLegalDocument extends Struct.CollectionTypeSchema {
  collectionName: 'legal_documents';
  info: {
    description: 'V\u0103n b\u1EA3n quy ph\u1EA1m ph\u00E1p lu\u1EADt v\u00E0 v\u0103n b\u1EA3n ch\u1EC9 \u0111\u1EA1o, \u0111i\u1EC1u h\u00E0nh';
    displayName: 'V\u0103n b\u1EA3n ph\u00E1p quy';
    pluralName: 'legal-documents';
    singularName: 'legal-document';
  };
  options: {
    draftAndPublish: true;
  };
  attributes: {
    abstract: Schema.Attribute.Text & Schema.Attribute.Required;
    agency: Schema.Attribute.Relation<'manyToOne', 'api::agency.agency'>;
    amendedBy: Schema.Attribute.Relation<'manyToMany', 'api::legal-document.legal-document'>;
    amends: Schema.Attribute.Relation<'manyToMany', 'api::legal-document.legal-document'>;
    attachments: Schema.Attribute.Media<'files' | 'images', true>;
    body: Schema.Attribute.RichText;
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    documentNumber: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 100;
      }>;
    documentNumberKey: Schema.Attribute.String &
      Schema.Attribute.Private &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 255;
      }>;
    documentType: Schema.Attribute.Enumeration<
      ['decision', 'directive', 'resolution', 'plan', 'notice', 'officialLetter', 'circular', 'decree', 'law', 'other']
    > &
      Schema.Attribute.Required;
    editorialState: Schema.Attribute.Enumeration<['draft', 'inReview', 'returned', 'approved', 'scheduled', 'published', 'withdrawn']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'draft'>;
    effectiveDate: Schema.Attribute.Date;
    expiryDate: Schema.Attribute.Date;
    field: Schema.Attribute.String;
    firstPublishedAt: Schema.Attribute.DateTime;
    isPolicy: Schema.Attribute.Boolean & Schema.Attribute.DefaultTo<false>;
    issuedDate: Schema.Attribute.Date & Schema.Attribute.Required;
    issuingBody: Schema.Attribute.String & Schema.Attribute.Required;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'api::legal-document.legal-document'> & Schema.Attribute.Private;
    note: Schema.Attribute.Text;
    publishedAt: Schema.Attribute.DateTime;
    replacedBy: Schema.Attribute.Relation<'manyToMany', 'api::legal-document.legal-document'>;
    replaces: Schema.Attribute.Relation<'manyToMany', 'api::legal-document.legal-document'>;
    signer: Schema.Attribute.String;
    slug: Schema.Attribute.UID<'documentNumber'> & Schema.Attribute.Required;
    sourceUrl: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 2048;
      }>;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    validityStatus: Schema.Attribute.Enumeration<['notYetEffective', 'inForce', 'partiallyExpired', 'expired', 'unknown']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'unknown'>;
  };
}

export interface ApiPageRatingPageRating extends Struct.CollectionTypeSchema {
  collectionName: 'page_ratings';
  info: {
    description: '"Th\u00F4ng tin n\u00E0y c\u00F3 h\u1EEFu \u00EDch kh\u00F4ng?" \u2014 kh\u00F4ng l\u01B0u \u0111\u1ECBa ch\u1EC9 IP, cookie hay th\u00F4ng tin c\u00E1 nh\u00E2n (Ngh\u1ECB \u0111\u1ECBnh 224/2026/N\u0110-CP, \u0110i\u1EC1u 10.3.b)';
    displayName: '\u0110\u00E1nh gi\u00E1 trang th\u00F4ng tin';
    pluralName: 'page-ratings';
    singularName: 'page-rating';
  };
  options: {
    draftAndPublish: false;
  };
  pluginOptions: {
    'content-manager': {
      visible: false;
    };
    'content-type-builder': {
      visible: false;
    };
  };
  attributes: {
    agencyDocumentId: Schema.Attribute.String &
      Schema.Attribute.Private &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 64;
      }>;
    comment: Schema.Attribute.Text &
      Schema.Attribute.Private &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 1000;
      }>;
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'api::page-rating.page-rating'> & Schema.Attribute.Private;
    path: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.Private &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 300;
      }>;
    publishedAt: Schema.Attribute.DateTime;
    score: Schema.Attribute.Enumeration<['useful', 'partly', 'notUseful']> & Schema.Attribute.Required & Schema.Attribute.Private;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
  };
}

export interface ApiProvinceProfileProvinceProfile extends Struct.SingleTypeSchema {
  collectionName: 'province_profiles';
  info: {
    description: 'C\u01A1 s\u1EDF d\u1EEF li\u1EC7u d\u00F9ng chung: th\u00F4ng tin chung c\u1EE7a t\u1EC9nh do Ban bi\u00EAn t\u1EADp c\u1EADp nh\u1EADt (\u0110i\u1EC1u 2.2)';
    displayName: 'Th\u00F4ng tin chung c\u1EE7a t\u1EC9nh';
    pluralName: 'province-profiles';
    singularName: 'province-profile';
  };
  options: {
    draftAndPublish: true;
  };
  attributes: {
    adminUnits: Schema.Attribute.JSON;
    adminUnitsDate: Schema.Attribute.String;
    areaKm2: Schema.Attribute.Decimal;
    contact: Schema.Attribute.Component<'shared.contact', false>;
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    economy: Schema.Attribute.RichText;
    editorialState: Schema.Attribute.Enumeration<['draft', 'inReview', 'returned', 'approved', 'scheduled', 'published', 'withdrawn']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'draft'>;
    firstPublishedAt: Schema.Attribute.DateTime;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'api::province-profile.province-profile'> & Schema.Attribute.Private;
    name: Schema.Attribute.String & Schema.Attribute.Required;
    naturalConditions: Schema.Attribute.RichText;
    overview: Schema.Attribute.RichText;
    population: Schema.Attribute.Integer;
    publishedAt: Schema.Attribute.DateTime;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
  };
}

export interface ApiQuestionQuestion extends Struct.CollectionTypeSchema {
  collectionName: 'questions';
  info: {
    description: 'C\u00E2u h\u1ECFi c\u1EE7a c\u00F4ng d\u00E2n, t\u1ED5 ch\u1EE9c v\u00E0 tr\u1EA3 l\u1EDDi c\u1EE7a c\u01A1 quan (giao ti\u1EBFp tr\u1EF1c tuy\u1EBFn)';
    displayName: 'H\u1ECFi \u0111\u00E1p tr\u1EF1c tuy\u1EBFn';
    pluralName: 'questions';
    singularName: 'question';
  };
  options: {
    draftAndPublish: true;
  };
  attributes: {
    agency: Schema.Attribute.Relation<'manyToOne', 'api::agency.agency'>;
    answer: Schema.Attribute.RichText;
    answeredAt: Schema.Attribute.DateTime;
    answeredBy: Schema.Attribute.String;
    answerStatus: Schema.Attribute.Enumeration<['received', 'forwarded', 'answered', 'rejected']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'received'>;
    askerContact: Schema.Attribute.String & Schema.Attribute.Private;
    askerEmail: Schema.Attribute.Email & Schema.Attribute.Private;
    askerFullName: Schema.Attribute.String &
      Schema.Attribute.Private &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 100;
      }>;
    askerName: Schema.Attribute.String & Schema.Attribute.Required;
    askerPhone: Schema.Attribute.String &
      Schema.Attribute.Private &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 20;
      }>;
    body: Schema.Attribute.Text & Schema.Attribute.Required;
    consentToPublish: Schema.Attribute.Boolean & Schema.Attribute.Required & Schema.Attribute.DefaultTo<true>;
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    dedupKey: Schema.Attribute.String &
      Schema.Attribute.Private &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 64;
      }>;
    dueAt: Schema.Attribute.DateTime;
    editorialState: Schema.Attribute.Enumeration<['draft', 'inReview', 'returned', 'approved', 'scheduled', 'published', 'withdrawn']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'draft'>;
    firstPublishedAt: Schema.Attribute.DateTime;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'api::question.question'> & Schema.Attribute.Private;
    publishedAt: Schema.Attribute.DateTime;
    receivedAt: Schema.Attribute.DateTime;
    slug: Schema.Attribute.UID<'subject'> & Schema.Attribute.Required;
    statusReason: Schema.Attribute.Text & Schema.Attribute.Private;
    subject: Schema.Attribute.String & Schema.Attribute.Required;
    trackingCode: Schema.Attribute.String &
      Schema.Attribute.Private &
      Schema.Attribute.Unique &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 20;
      }>;
    trackingSecretHash: Schema.Attribute.String &
      Schema.Attribute.Private &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 64;
      }>;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
  };
}

export interface ApiWorkflowTransitionWorkflowTransition extends Struct.CollectionTypeSchema {
  collectionName: 'workflow_transitions';
  info: {
    description: 'B\u1EA3n ghi ch\u1EC9 \u0111\u01B0\u1EE3c th\u00EAm, kh\u00F4ng s\u1EEDa, kh\u00F4ng xo\u00E1: m\u1ECDi b\u01B0\u1EDBc c\u1EE7a quy tr\u00ECnh bi\u00EAn t\u1EADp \u2014 n\u1ED9i dung n\u00E0o, ai, t\u1EEB tr\u1EA1ng th\u00E1i n\u00E0o sang tr\u1EA1ng th\u00E1i n\u00E0o, l\u00FD do, khi n\u00E0o (R-1.3, R-3.5). Ngu\u1ED3n cho b\u00E1o c\u00E1o th\u00E1ng v\u00E0 s\u1ED5 nhu\u1EADn b\u00FAt.';
    displayName: 'Nh\u1EADt k\u00FD bi\u00EAn t\u1EADp';
    pluralName: 'workflow-transitions';
    singularName: 'workflow-transition';
  };
  options: {
    draftAndPublish: false;
  };
  pluginOptions: {
    'content-type-builder': {
      visible: false;
    };
  };
  attributes: {
    action: Schema.Attribute.Enumeration<
      [
        'create',
        'edit',
        'delete',
        'discard',
        'submit',
        'revise',
        'return',
        'approve',
        'publish',
        'schedule',
        'unschedule',
        'withdraw',
        'decideRegistration',
        'forward',
        'reject',
        'moderate',
      ]
    > &
      Schema.Attribute.Required;
    actorEmail: Schema.Attribute.String;
    actorId: Schema.Attribute.String & Schema.Attribute.Required;
    actorName: Schema.Attribute.String;
    actorRoles: Schema.Attribute.String;
    agencyDocumentId: Schema.Attribute.String;
    agencyName: Schema.Attribute.String;
    channel: Schema.Attribute.Enumeration<['adminPanel', 'contentApi', 'graphql', 'system', 'scheduler']> & Schema.Attribute.Required;
    contentType: Schema.Attribute.String & Schema.Attribute.Required;
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    detail: Schema.Attribute.JSON;
    fromState: Schema.Attribute.Enumeration<['draft', 'inReview', 'returned', 'approved', 'scheduled', 'published', 'withdrawn']>;
    itemDocumentId: Schema.Attribute.String & Schema.Attribute.Required;
    itemTitle: Schema.Attribute.Text;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'api::workflow-transition.workflow-transition'> & Schema.Attribute.Private;
    publishedAt: Schema.Attribute.DateTime;
    reason: Schema.Attribute.Text;
    scheduledFor: Schema.Attribute.DateTime;
    toState: Schema.Attribute.Enumeration<['draft', 'inReview', 'returned', 'approved', 'scheduled', 'published', 'withdrawn']>;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
  };
}

export interface PluginContentReleasesRelease extends Struct.CollectionTypeSchema {
  collectionName: 'strapi_releases';
  info: {
    displayName: 'Release';
    pluralName: 'releases';
    singularName: 'release';
  };
  options: {
    draftAndPublish: false;
  };
  pluginOptions: {
    'content-manager': {
      visible: false;
    };
    'content-type-builder': {
      visible: false;
    };
  };
  attributes: {
    actions: Schema.Attribute.Relation<'oneToMany', 'plugin::content-releases.release-action'>;
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'plugin::content-releases.release'> & Schema.Attribute.Private;
    name: Schema.Attribute.String & Schema.Attribute.Required;
    publishedAt: Schema.Attribute.DateTime;
    releasedAt: Schema.Attribute.DateTime;
    scheduledAt: Schema.Attribute.DateTime;
    status: Schema.Attribute.Enumeration<['ready', 'blocked', 'failed', 'done', 'empty']> & Schema.Attribute.Required;
    timezone: Schema.Attribute.String;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
  };
}

export interface PluginContentReleasesReleaseAction extends Struct.CollectionTypeSchema {
  collectionName: 'strapi_release_actions';
  info: {
    displayName: 'Release Action';
    pluralName: 'release-actions';
    singularName: 'release-action';
  };
  options: {
    draftAndPublish: false;
  };
  pluginOptions: {
    'content-manager': {
      visible: false;
    };
    'content-type-builder': {
      visible: false;
    };
  };
  attributes: {
    contentType: Schema.Attribute.String & Schema.Attribute.Required;
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    entryDocumentId: Schema.Attribute.String;
    isEntryValid: Schema.Attribute.Boolean;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'plugin::content-releases.release-action'> & Schema.Attribute.Private;
    publishedAt: Schema.Attribute.DateTime;
    release: Schema.Attribute.Relation<'manyToOne', 'plugin::content-releases.release'>;
    type: Schema.Attribute.Enumeration<['publish', 'unpublish']> & Schema.Attribute.Required;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
  };
}

export interface PluginI18NLocale extends Struct.CollectionTypeSchema {
  collectionName: 'i18n_locale';
  info: {
    collectionName: 'locales';
    description: '';
    displayName: 'Locale';
    pluralName: 'locales';
    singularName: 'locale';
  };
  options: {
    draftAndPublish: false;
  };
  pluginOptions: {
    'content-manager': {
      visible: false;
    };
    'content-type-builder': {
      visible: false;
    };
  };
  attributes: {
    code: Schema.Attribute.String & Schema.Attribute.Unique;
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'plugin::i18n.locale'> & Schema.Attribute.Private;
    name: Schema.Attribute.String &
      Schema.Attribute.SetMinMax<
        {
          max: 50;
          min: 1;
        },
        number
      >;
    publishedAt: Schema.Attribute.DateTime;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
  };
}

export interface PluginReviewWorkflowsWorkflow extends Struct.CollectionTypeSchema {
  collectionName: 'strapi_workflows';
  info: {
    description: '';
    displayName: 'Workflow';
    name: 'Workflow';
    pluralName: 'workflows';
    singularName: 'workflow';
  };
  options: {
    draftAndPublish: false;
  };
  pluginOptions: {
    'content-manager': {
      visible: false;
    };
    'content-type-builder': {
      visible: false;
    };
  };
  attributes: {
    contentTypes: Schema.Attribute.JSON & Schema.Attribute.Required & Schema.Attribute.DefaultTo<'[]'>;
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'plugin::review-workflows.workflow'> & Schema.Attribute.Private;
    name: Schema.Attribute.String & Schema.Attribute.Required & Schema.Attribute.Unique;
    publishedAt: Schema.Attribute.DateTime;
    stageRequiredToPublish: Schema.Attribute.Relation<'oneToOne', 'plugin::review-workflows.workflow-stage'>;
    stages: Schema.Attribute.Relation<'oneToMany', 'plugin::review-workflows.workflow-stage'>;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
  };
}

export interface PluginReviewWorkflowsWorkflowStage extends Struct.CollectionTypeSchema {
  collectionName: 'strapi_workflows_stages';
  info: {
    description: '';
    displayName: 'Stages';
    name: 'Workflow Stage';
    pluralName: 'workflow-stages';
    singularName: 'workflow-stage';
  };
  options: {
    draftAndPublish: false;
    version: '1.1.0';
  };
  pluginOptions: {
    'content-manager': {
      visible: false;
    };
    'content-type-builder': {
      visible: false;
    };
  };
  attributes: {
    color: Schema.Attribute.String & Schema.Attribute.DefaultTo<'#4945FF'>;
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'plugin::review-workflows.workflow-stage'> & Schema.Attribute.Private;
    name: Schema.Attribute.String;
    permissions: Schema.Attribute.Relation<'manyToMany', 'admin::permission'>;
    publishedAt: Schema.Attribute.DateTime;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    workflow: Schema.Attribute.Relation<'manyToOne', 'plugin::review-workflows.workflow'>;
  };
}

export interface PluginUploadFile extends Struct.CollectionTypeSchema {
  collectionName: 'files';
  info: {
    description: '';
    displayName: 'File';
    pluralName: 'files';
    singularName: 'file';
  };
  options: {
    draftAndPublish: false;
  };
  pluginOptions: {
    'content-manager': {
      visible: false;
    };
    'content-type-builder': {
      visible: false;
    };
  };
  attributes: {
    alternativeText: Schema.Attribute.Text;
    caption: Schema.Attribute.Text;
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    ext: Schema.Attribute.String;
    focalPoint: Schema.Attribute.JSON;
    folder: Schema.Attribute.Relation<'manyToOne', 'plugin::upload.folder'> & Schema.Attribute.Private;
    folderPath: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.Private &
      Schema.Attribute.SetMinMaxLength<{
        minLength: 1;
      }>;
    formats: Schema.Attribute.JSON;
    hash: Schema.Attribute.String & Schema.Attribute.Required;
    height: Schema.Attribute.Integer;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'plugin::upload.file'> & Schema.Attribute.Private;
    mime: Schema.Attribute.String & Schema.Attribute.Required;
    name: Schema.Attribute.String & Schema.Attribute.Required;
    previewUrl: Schema.Attribute.Text;
    provider: Schema.Attribute.String & Schema.Attribute.Required;
    provider_metadata: Schema.Attribute.JSON;
    publishedAt: Schema.Attribute.DateTime;
    related: Schema.Attribute.Relation<'morphToMany'>;
    size: Schema.Attribute.Decimal & Schema.Attribute.Required;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    url: Schema.Attribute.Text & Schema.Attribute.Required;
    width: Schema.Attribute.Integer;
  };
}

export interface PluginUploadFolder extends Struct.CollectionTypeSchema {
  collectionName: 'upload_folders';
  info: {
    displayName: 'Folder';
    pluralName: 'folders';
    singularName: 'folder';
  };
  options: {
    draftAndPublish: false;
  };
  pluginOptions: {
    'content-manager': {
      visible: false;
    };
    'content-type-builder': {
      visible: false;
    };
  };
  attributes: {
    children: Schema.Attribute.Relation<'oneToMany', 'plugin::upload.folder'>;
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    files: Schema.Attribute.Relation<'oneToMany', 'plugin::upload.file'>;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'plugin::upload.folder'> & Schema.Attribute.Private;
    name: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        minLength: 1;
      }>;
    parent: Schema.Attribute.Relation<'manyToOne', 'plugin::upload.folder'>;
    path: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        minLength: 1;
      }>;
    pathId: Schema.Attribute.Integer & Schema.Attribute.Required & Schema.Attribute.Unique;
    publishedAt: Schema.Attribute.DateTime;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
  };
}

export interface PluginUsersPermissionsPermission extends Struct.CollectionTypeSchema {
  collectionName: 'up_permissions';
  info: {
    description: '';
    displayName: 'Permission';
    name: 'permission';
    pluralName: 'permissions';
    singularName: 'permission';
  };
  options: {
    draftAndPublish: false;
  };
  pluginOptions: {
    'content-manager': {
      visible: false;
    };
    'content-type-builder': {
      visible: false;
    };
  };
  attributes: {
    action: Schema.Attribute.String & Schema.Attribute.Required;
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'plugin::users-permissions.permission'> & Schema.Attribute.Private;
    publishedAt: Schema.Attribute.DateTime;
    role: Schema.Attribute.Relation<'manyToOne', 'plugin::users-permissions.role'>;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
  };
}

export interface PluginUsersPermissionsRole extends Struct.CollectionTypeSchema {
  collectionName: 'up_roles';
  info: {
    description: '';
    displayName: 'Role';
    name: 'role';
    pluralName: 'roles';
    singularName: 'role';
  };
  options: {
    draftAndPublish: false;
  };
  pluginOptions: {
    'content-manager': {
      visible: false;
    };
    'content-type-builder': {
      visible: false;
    };
  };
  attributes: {
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    description: Schema.Attribute.String;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'plugin::users-permissions.role'> & Schema.Attribute.Private;
    name: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        minLength: 3;
      }>;
    permissions: Schema.Attribute.Relation<'oneToMany', 'plugin::users-permissions.permission'>;
    publishedAt: Schema.Attribute.DateTime;
    type: Schema.Attribute.String & Schema.Attribute.Unique;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    users: Schema.Attribute.Relation<'oneToMany', 'plugin::users-permissions.user'>;
  };
}

export interface PluginUsersPermissionsUser extends Struct.CollectionTypeSchema {
  collectionName: 'up_users';
  info: {
    description: '';
    displayName: 'User';
    name: 'user';
    pluralName: 'users';
    singularName: 'user';
  };
  options: {
    draftAndPublish: false;
    timestamps: true;
  };
  attributes: {
    blocked: Schema.Attribute.Boolean & Schema.Attribute.DefaultTo<false>;
    confirmationToken: Schema.Attribute.String & Schema.Attribute.Private;
    confirmed: Schema.Attribute.Boolean & Schema.Attribute.DefaultTo<false>;
    createdAt: Schema.Attribute.DateTime;
    createdBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    email: Schema.Attribute.Email &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        minLength: 6;
      }>;
    locale: Schema.Attribute.String & Schema.Attribute.Private;
    localizations: Schema.Attribute.Relation<'oneToMany', 'plugin::users-permissions.user'> & Schema.Attribute.Private;
    password: Schema.Attribute.Password &
      Schema.Attribute.Private &
      Schema.Attribute.SetMinMaxLength<{
        minLength: 6;
      }>;
    provider: Schema.Attribute.String;
    publishedAt: Schema.Attribute.DateTime;
    resetPasswordToken: Schema.Attribute.String & Schema.Attribute.Private;
    role: Schema.Attribute.Relation<'manyToOne', 'plugin::users-permissions.role'>;
    updatedAt: Schema.Attribute.DateTime;
    updatedBy: Schema.Attribute.Relation<'oneToOne', 'admin::user'> & Schema.Attribute.Private;
    username: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.Unique &
      Schema.Attribute.SetMinMaxLength<{
        minLength: 3;
      }>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ContentTypeSchemas {
      'admin::api-token': AdminApiToken;
      'admin::api-token-permission': AdminApiTokenPermission;
      'admin::permission': AdminPermission;
      'admin::role': AdminRole;
      'admin::session': AdminSession;
      'admin::transfer-token': AdminTransferToken;
      'admin::transfer-token-permission': AdminTransferTokenPermission;
      'admin::user': AdminUser;
      'api::administrative-procedure.administrative-procedure': ApiAdministrativeProcedureAdministrativeProcedure;
      'api::agency-membership.agency-membership': ApiAgencyMembershipAgencyMembership;
      'api::agency.agency': ApiAgencyAgency;
      'api::article.article': ApiArticleArticle;
      'api::consultation-comment.consultation-comment': ApiConsultationCommentConsultationComment;
      'api::consultation.consultation': ApiConsultationConsultation;
      'api::e-service.e-service': ApiEServiceEService;
      'api::homepage.homepage': ApiHomepageHomepage;
      'api::investment-project.investment-project': ApiInvestmentProjectInvestmentProject;
      'api::legal-document.legal-document': ApiLegalDocumentLegalDocument;
      'api::page-rating.page-rating': ApiPageRatingPageRating;
      'api::province-profile.province-profile': ApiProvinceProfileProvinceProfile;
      'api::question.question': ApiQuestionQuestion;
      'api::workflow-transition.workflow-transition': ApiWorkflowTransitionWorkflowTransition;
      'plugin::content-releases.release': PluginContentReleasesRelease;
      'plugin::content-releases.release-action': PluginContentReleasesReleaseAction;
      'plugin::i18n.locale': PluginI18NLocale;
      'plugin::review-workflows.workflow': PluginReviewWorkflowsWorkflow;
      'plugin::review-workflows.workflow-stage': PluginReviewWorkflowsWorkflowStage;
      'plugin::upload.file': PluginUploadFile;
      'plugin::upload.folder': PluginUploadFolder;
      'plugin::users-permissions.permission': PluginUsersPermissionsPermission;
      'plugin::users-permissions.role': PluginUsersPermissionsRole;
      'plugin::users-permissions.user': PluginUsersPermissionsUser;
    }
  }
}
