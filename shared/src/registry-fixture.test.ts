/**
 * Adding a content type touches the registry, its schema and its pages only (issue 10, "done
 * when"; docs/contributing.md). This test adds a fixture type — `api::bulletin.bulletin`, an
 * agency's notice board — as one registry entry to a copy of @cong/shared's sources, loads the
 * copy, and checks that every list derived from the registry picks the type up with no other
 * edit: uids, collections, agency scoping, the workflow's kinds and its rules, the published
 * state's route fields and relations, the preview's segment and page.
 * (Its Strapi schema is checked field by field by cms/src/registry/content-type-registry.test.ts
 * once it exists; its GraphQL document is one file in site/src/lib/queries/.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '..', '..');
const FIXTURE_ENTRY = `
  {
    uid: 'api::bulletin.bulletin',
    kind: 'bulletin',
    plural: 'bulletins',
    type: 'collection',
    owner: 'agency',
    titleField: 'title',
    slugFrom: 'title',
    routeFields: ['topic'],
    stateRelations: ['relatedDocuments'],
    page: { file: 'bang-tin/[slug].astro', pick: 'shows' },
    adminList: { main: 'title', columns: ['title', 'agency', 'editorialState'], sort: ['updatedAt', 'DESC'] },
  },
`;

let dir: string;
// the copy's modules, loaded at run time (their types are those of the real ones)
let registry: typeof import('./content-types.js');
let workflow: typeof import('./workflow.js');
let publishing: typeof import('./publishing.js');

beforeAll(async () => {
  // inside the repository (test-artifacts/ is ignored by git) so the copy resolves the packages
  fs.mkdirSync(path.join(repo, 'test-artifacts'), { recursive: true });
  dir = fs.mkdtempSync(path.join(repo, 'test-artifacts', 'registry-fixture-'));
  for (const f of fs.readdirSync(import.meta.dirname)) {
    if (f.endsWith('.ts') && !f.endsWith('.test.ts')) fs.copyFileSync(path.join(import.meta.dirname, f), path.join(dir, f));
  }
  const file = path.join(dir, 'content-types.ts');
  const source = fs.readFileSync(file, 'utf8');
  const end = '] as const satisfies readonly ContentTypeEntry[];';
  expect(source).toContain(end);
  fs.writeFileSync(file, source.replace(end, `${FIXTURE_ENTRY}${end}`));
  registry = await import(path.join(dir, 'content-types.ts'));
  workflow = await import(path.join(dir, 'workflow.ts'));
  publishing = await import(path.join(dir, 'publishing.ts'));
}, 120_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('a content type added by one registry entry', () => {
  const uid = 'api::bulletin.bulletin';

  it('is in every uid list the registry derives', () => {
    expect(registry.CONTENT_TYPE_UIDS).toContain(uid);
    expect(registry.COLLECTION_TYPES.map((t) => t.plural)).toContain('bulletins');
    expect(registry.AGENCY_SCOPED_UIDS).toContain(uid);
    expect(registry.isContentTypeUid(uid)).toBe(true);
    expect(registry.contentTypeOfKind('bulletin')?.uid).toBe(uid);
    expect(registry.SINGLE_TYPES.map((t) => t.uid)).not.toContain(uid);
  });

  it("is under the workflow: its kind, agency scoping and the rules' ownership check", () => {
    expect(workflow.WORKFLOW_CONTENT_KINDS).toContain('bulletin');
    expect(workflow.AGENCY_SCOPED_KINDS).toContain('bulletin');
    const editor = { id: 'admin:1', roles: ['agencyEditor'] as const, agencyId: 'agency-a' };
    const item = (agencyId: string) => ({ kind: 'bulletin' as never, agencyId, state: 'draft' as const, hasPublishedVersion: false, submittedBy: null });
    expect(workflow.can(editor, 'edit', item('agency-a'))).toBe(true);
    expect(workflow.can(editor, 'edit', item('agency-b'))).toBe(false);
    expect(workflow.availableTransitions({ ...editor, roles: ['agencyTeamLead'] }, item('agency-a'))).toContain('submit');
  });

  it('is in the published state the publisher diffs, and in the preview', () => {
    expect(publishing.ROUTE_FIELDS[uid]).toEqual(['topic']);
    expect(publishing.STATE_RELATIONS[uid]).toEqual(['relatedDocuments']);
    expect(publishing.PREVIEW_TYPES[uid]).toBe('bulletin');
    expect(registry.previewSegment(uid)).toBe('bulletin');
    expect(registry.uidOfPreviewSegment('bulletin')).toBe(uid);
  });

  it('leaves the real registry as it is', async () => {
    const real = await import('./content-types.js');
    expect(real.CONTENT_TYPE_UIDS).not.toContain(uid);
    expect(registry.CONTENT_TYPE_UIDS).toEqual([...real.CONTENT_TYPE_UIDS, uid]);
  });
});
