import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTICLE_KIND_LABELS, E_SERVICE_STATUS_LABELS, EDITORIAL_STATE_LABELS, SUBMISSION_METHOD_LABELS } from '@cong/shared';
import { ENUM_LABELS, attributeName, enumLabel, labelsFor } from './tables';

const src = path.resolve(import.meta.dirname, '..', '..');

/** Every enumeration attribute of the content model: [model uid, attribute, values]. */
function enumerations(): Array<[string, string, string[]]> {
  const out: Array<[string, string, string[]]> = [];
  const walk = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.json') ? [path.join(dir, e.name)] : []));
  const add = (uid: string, file: string) => {
    const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const [name, attr] of Object.entries<any>(schema.attributes ?? {})) if (attr.type === 'enumeration') out.push([uid, name, attr.enum]);
  };
  for (const file of walk(path.join(src, 'api')).filter((f) => f.endsWith('schema.json'))) {
    const [api, , ct] = path.relative(path.join(src, 'api'), file).split(path.sep);
    add(`api::${api}.${ct}`, file);
  }
  for (const file of walk(path.join(src, 'components'))) {
    const [category, name] = path.relative(path.join(src, 'components'), file).split(path.sep);
    add(`${category}.${name.replace(/\.json$/, '')}`, file);
  }
  return out;
}

describe('enumeration labels of the admin panel', () => {
  const all = enumerations();

  it('finds the enumerations of the content model', () => {
    expect(all.length).toBeGreaterThanOrEqual(20);
    expect(all).toContainEqual(['api::article.article', 'kind', ['news', 'announcement']]);
    expect(all).toContainEqual(['procedure.submission-method', 'method', ['inPerson', 'online', 'post']]);
  });

  it.each(all)('%s.%s has a Vietnamese label for each of its values', (uid, field, values) => {
    const table = ENUM_LABELS[uid]?.[field];
    expect(table, `no labels for ${uid}.${field}`).toBeDefined();
    for (const v of values) expect(table![v], v).toMatch(/\S/);
    // the look-up without the model (edit view, filters) gives the same labels, whichever table it finds
    const found = labelsFor(undefined, field, values)!;
    expect(Object.fromEntries(values.map((v) => [v, found[v]]))).toEqual(Object.fromEntries(values.map((v) => [v, table![v]])));
    for (const [, fields] of Object.entries(ENUM_LABELS)) {
      const other = fields[field];
      if (other && values.every((v) => Object.hasOwn(other, v))) for (const v of values) expect(other[v]).toBe(table![v]);
    }
  });

  it('has no table for a field that does not exist', () => {
    for (const [uid, fields] of Object.entries(ENUM_LABELS)) {
      for (const field of Object.keys(fields))
        expect(
          all.some(([u, f]) => u === uid && f === field),
          `${uid}.${field}`,
        ).toBe(true);
    }
  });

  it('uses the shared vocabulary, not a copy', () => {
    expect(ENUM_LABELS['api::article.article'].kind).toBe(ARTICLE_KIND_LABELS);
    expect(ENUM_LABELS['api::article.article'].editorialState).toBe(EDITORIAL_STATE_LABELS);
    expect(ENUM_LABELS['procedure.submission-method'].method).toBe(SUBMISSION_METHOD_LABELS);
  });

  it('tells one value apart by its field: approved', () => {
    expect(enumLabel(labelsFor('api::e-service.e-service', 'registrationStatus'), 'approved')).toBe(E_SERVICE_STATUS_LABELS.approved);
    expect(enumLabel(labelsFor(undefined, 'editorialState', Object.keys(EDITORIAL_STATE_LABELS)), 'approved')).toBe('Đã duyệt');
    expect(enumLabel(labelsFor(undefined, 'registrationStatus', Object.keys(E_SERVICE_STATUS_LABELS)), 'approved')).toBe('Hội đồng biên tập đã duyệt');
  });

  it('falls back to the value, and to nothing for an empty value', () => {
    expect(labelsFor(undefined, 'kind', ['a', 'b'])).toBeUndefined();
    expect(labelsFor('api::article.article', 'kind', ['news', 'announcement', 'extra'])).toBeUndefined();
    expect(enumLabel(undefined, 'news')).toBe('news');
    expect(enumLabel(ARTICLE_KIND_LABELS, 'gone')).toBe('gone');
    expect(enumLabel(ARTICLE_KIND_LABELS, null)).toBe('');
  });

  it('names the attribute of a component field path', () => {
    expect(attributeName('submissionMethods.0.method')).toBe('method');
    expect(attributeName('kind')).toBe('kind');
  });
});
