/**
 * Regenerates the field tables of docs/content-model.md from the Strapi schemas
 * (cms/src/api/*\/content-types/*\/schema.json, cms/src/components/*\/*.json) and the admin
 * panel's Vietnamese field labels (cms/src/bootstrap/admin-labels.ts). Only the part between the
 * `<!-- generated:start -->` and `<!-- generated:end -->` markers is rewritten; the prose around
 * it is kept.
 *
 *   npx tsx scripts/docs/content-model.ts          # rewrite docs/content-model.md
 *   npx tsx scripts/docs/content-model.ts --check  # exit 1 when the file is out of date
 */
import fs from 'node:fs';
import path from 'node:path';
import { FIELD_LABELS } from '../../cms/src/bootstrap/admin-labels.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const docFile = path.join(root, 'docs', 'content-model.md');
const START = '<!-- generated:start (scripts/docs/content-model.ts) -->';
const END = '<!-- generated:end -->';

interface Attribute {
  type: string;
  required?: boolean;
  unique?: boolean;
  private?: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  default?: unknown;
  enum?: string[];
  relation?: string;
  target?: string;
  inversedBy?: string;
  mappedBy?: string;
  component?: string;
  repeatable?: boolean;
  multiple?: boolean;
  targetField?: string;
}
interface Schema {
  kind?: string;
  info: { singularName?: string; displayName: string; description?: string };
  options?: { draftAndPublish?: boolean };
  attributes: Record<string, Attribute>;
}

const AGENCY_UID = 'api::agency.agency';
const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const label = (name: string) => {
  const l = FIELD_LABELS[name];
  return l === undefined ? '' : Array.isArray(l) ? l[0] : l;
};

function typeOf(a: Attribute): string {
  switch (a.type) {
    case 'relation':
      return `${a.relation} → \`${a.target}\`${a.inversedBy ? ` (inverse: ${a.inversedBy})` : ''}${a.mappedBy ? ` (inverse of ${a.mappedBy})` : ''}`;
    case 'component':
      return `component \`${a.component}\`${a.repeatable ? ' (list)' : ''}`;
    case 'enumeration':
      return `enum: ${a.enum!.map((v) => `\`${v}\``).join(', ')}`;
    case 'media':
      return a.multiple ? 'media (several)' : 'media';
    case 'uid':
      return `uid (from ${a.targetField ?? '—'})`;
    default:
      return a.type;
  }
}

function rules(a: Attribute): string {
  const r: string[] = [];
  if (a.required) r.push('required');
  if (a.unique) r.push('unique');
  if (a.private) r.push('private (never in the API)');
  if (a.maxLength !== undefined) r.push(`≤ ${a.maxLength} chars`);
  if (a.min !== undefined) r.push(`≥ ${a.min}`);
  if (a.max !== undefined) r.push(`≤ ${a.max}`);
  if (a.default !== undefined) r.push(`default \`${String(a.default)}\``);
  return r.join(', ');
}

function table(attrs: Record<string, Attribute>): string[] {
  const out = ['| field | label (vi) | type | rules |', '|---|---|---|---|'];
  for (const [name, a] of Object.entries(attrs)) out.push(`| \`${name}\` | ${esc(label(name))} | ${esc(typeOf(a))} | ${esc(rules(a))} |`);
  return out;
}

function generate(): string {
  const apiDir = path.join(root, 'cms', 'src', 'api');
  const types: { uid: string; schema: Schema }[] = [];
  for (const api of fs.readdirSync(apiDir).sort()) {
    const ctDir = path.join(apiDir, api, 'content-types');
    if (!fs.existsSync(ctDir)) continue;
    for (const ct of fs.readdirSync(ctDir).sort()) {
      const file = path.join(ctDir, ct, 'schema.json');
      if (fs.existsSync(file)) types.push({ uid: `api::${api}.${ct}`, schema: JSON.parse(fs.readFileSync(file, 'utf8')) });
    }
  }
  const lines: string[] = [START, '', '## Summary', ''];
  lines.push('| content type | Vietnamese name | kind | draft & publish | agency-scoped | relations |', '|---|---|---|---|---|---|');
  for (const { uid, schema } of types) {
    const rels = Object.entries(schema.attributes)
      .filter(([, a]) => a.type === 'relation')
      .map(([n, a]) => `${n} → ${a.target!.replace(/^api::([^.]+)\..*$/, '$1')}`);
    const scoped = !schema.options?.draftAndPublish
      ? '— (internal)'
      : uid === AGENCY_UID
        ? 'itself'
        : schema.attributes.agency?.target === AGENCY_UID
          ? 'yes (`agency`)'
          : 'no (portal-wide)';
    lines.push(
      `| \`${uid}\` | ${esc(schema.info.displayName)} | ${schema.kind === 'singleType' ? 'single' : 'collection'} | ${schema.options?.draftAndPublish ? 'yes' : 'no'} | ${scoped} | ${esc(rels.join(', ') || '—')} |`,
    );
  }
  for (const { uid, schema } of types) {
    lines.push('', `## ${schema.info.displayName} — \`${uid}\``, '');
    if (schema.info.description) lines.push(`> ${esc(schema.info.description)}`, '');
    lines.push(...table(schema.attributes));
  }
  lines.push('', '## Components', '');
  const compDir = path.join(root, 'cms', 'src', 'components');
  for (const cat of fs.readdirSync(compDir).sort()) {
    for (const f of fs
      .readdirSync(path.join(compDir, cat))
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const c = JSON.parse(fs.readFileSync(path.join(compDir, cat, f), 'utf8')) as Schema;
      lines.push(`### ${c.info.displayName} — \`${cat}.${f.replace(/\.json$/, '')}\``, '');
      if (c.info.description) lines.push(`> ${esc(c.info.description)}`, '');
      lines.push(...table(c.attributes), '');
    }
  }
  lines.push(END);
  return lines.join('\n');
}

const current = fs.readFileSync(docFile, 'utf8');
const a = current.indexOf(START);
const b = current.indexOf(END);
if (a < 0 || b < a) throw new Error(`${docFile}: markers ${START} … ${END} not found`);
const next = current.slice(0, a) + generate() + current.slice(b + END.length);
if (process.argv.includes('--check')) {
  if (next !== current) {
    console.error('docs/content-model.md is out of date: run npx tsx scripts/docs/content-model.ts');
    process.exit(1);
  }
  console.log('docs/content-model.md is up to date');
} else if (next !== current) {
  fs.writeFileSync(docFile, next);
  console.log('docs/content-model.md regenerated');
} else {
  console.log('docs/content-model.md unchanged');
}
