/**
 * The content-type registry (@cong/shared CONTENT_TYPES) matches the Strapi schemas of
 * cms/src/api, both ways and field by field, and every page it names exists.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_TYPES, ROUTE_FIELDS, STATE_RELATIONS, PREVIEW_TYPES, AGENCY_SCOPED_UIDS, WORKFLOW_CONTENT_KINDS } from '@cong/shared';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const apiDir = path.join(root, 'cms', 'src', 'api');
const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

interface Schema {
  kind: 'collectionType' | 'singleType';
  info: { singularName: string; pluralName: string };
  options?: { draftAndPublish?: boolean };
  attributes: Record<string, { type: string; target?: string; targetField?: string; relation?: string }>;
}

const schemas = new Map<string, Schema>();
for (const dir of fs.readdirSync(apiDir)) {
  const ctDir = path.join(apiDir, dir, 'content-types');
  if (!fs.existsSync(ctDir)) continue;
  for (const name of fs.readdirSync(ctDir)) {
    const schema = JSON.parse(fs.readFileSync(path.join(ctDir, name, 'schema.json'), 'utf8')) as Schema;
    schemas.set(`api::${dir}.${name}`, schema);
  }
}

/**
 * The workflow's own types, and citizens' comments on consultations (Draft & Publish means
 * approved there, not published by the editorial workflow: consultation/moderation.ts): not
 * editorial content.
 */
const INTERNAL = ['api::workflow-transition.workflow-transition', 'api::agency-membership.agency-membership', 'api::consultation-comment.consultation-comment'];

describe('content-type registry ↔ cms/src/api schemas', () => {
  it('finds the schemas it checks (a missing folder fails here)', () => {
    expect(schemas.size).toBeGreaterThanOrEqual(CONTENT_TYPES.length);
  });

  it('has one entry per public (draft & publish) schema, and no entry without a schema', () => {
    const publicSchemas = [...schemas].filter(([uid, s]) => !INTERNAL.includes(uid) && s.options?.draftAndPublish).map(([uid]) => uid);
    expect(CONTENT_TYPES.map((t) => t.uid).sort()).toEqual(publicSchemas.sort());
  });

  for (const t of CONTENT_TYPES) {
    describe(t.uid, () => {
      const s = () => schemas.get(t.uid)!;
      const attrs = () => s().attributes;

      it("names: kind and plural are Strapi's singular and plural names in camelCase; type matches", () => {
        expect(t.kind).toBe(camel(s().info.singularName));
        expect(t.plural).toBe(camel(s().info.pluralName));
        expect(t.type).toBe(s().kind === 'collectionType' ? 'collection' : 'single');
      });

      it('owner matches the agency relation', () => {
        const agency = attrs().agency;
        if (t.owner === 'agency') expect(agency).toMatchObject({ type: 'relation', relation: 'manyToOne', target: 'api::agency.agency' });
        else expect(agency?.target === 'api::agency.agency' && agency.relation === 'manyToOne').toBe(false);
        if (t.owner === 'self') expect(t.uid).toBe('api::agency.agency');
      });

      it('title, slug source, route fields, state relations and admin columns are fields of the schema', () => {
        expect(attrs()[t.titleField], 'titleField').toBeDefined();
        if ('slugFrom' in t) {
          expect(attrs()[t.slugFrom], 'slugFrom').toBeDefined();
          expect(attrs().slug).toMatchObject({ type: 'uid', targetField: t.slugFrom });
        } else {
          expect(attrs().slug).toBeUndefined();
        }
        for (const f of t.routeFields) expect(attrs()[f]?.type, f).not.toBe('relation');
        for (const f of t.routeFields) expect(attrs()[f], f).toBeDefined();
        for (const f of t.stateRelations) expect(attrs()[f]?.type, f).toBe('relation');
        if ('adminList' in t) {
          for (const f of [t.adminList.main, ...t.adminList.columns, t.adminList.sort[0]]) {
            expect(attrs()[f] ?? (['createdAt', 'updatedAt', 'publishedAt'].includes(f) ? {} : undefined), f).toBeDefined();
          }
        }
        expect(attrs().editorialState?.type).toBe('enumeration');
      });

      it('its page template exists', () => {
        expect(fs.existsSync(path.join(root, 'site', 'src', 'pages', t.page.file)), t.page.file).toBe(true);
      });
    });
  }

  it('derives the lists the rest of the code reads', () => {
    expect(WORKFLOW_CONTENT_KINDS).toEqual(CONTENT_TYPES.map((t) => t.kind));
    expect([...AGENCY_SCOPED_UIDS].sort()).toEqual(
      [...schemas]
        .filter(([, s]) => s.attributes.agency?.relation === 'manyToOne' && s.options?.draftAndPublish)
        .map(([uid]) => uid)
        .filter((u) => !INTERNAL.includes(u))
        .sort(),
    );
    expect(Object.keys(PREVIEW_TYPES).sort()).toEqual(CONTENT_TYPES.map((t) => t.uid).sort());
    expect(STATE_RELATIONS['api::legal-document.legal-document']).toEqual(['replaces', 'replacedBy', 'amends', 'amendedBy']);
    expect(ROUTE_FIELDS['api::article.article']).toEqual(['scope']);
  });
});
