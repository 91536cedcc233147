/**
 * `npx tsx bench/published-state.ts` — the publisher's state step on a big corpus: the full
 * published state (`GET /api/publisher/published`) against the changes since a cursor
 * (`?since=`, ADR 0023) after one article edit + publish, on a booted CMS.
 *
 * Corpus: BENCH_AGENCIES agencies (default 50, document service) × BENCH_ARTICLES articles
 * (default 200) + BENCH_DOCUMENTS legal documents (default 2,000), the rows written in bulk
 * straight into the tables (draft + published rows and their agency links), as
 * bench/publish-latency does. BENCH_DB=postgres uses the local PostgreSQL (default SQLite).
 * Prints the medians and p95 of BENCH_ROUNDS (default 15) rounds, with the load average.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PUBLISHER_SECRET_HEADER, applyStateDelta, type PublishedState, type PublishedStateAnswer } from '@cong/shared';

const repoRoot = path.resolve(import.meta.dirname, '..');
const cmsDir = path.join(repoRoot, 'cms');
const N_AGENCIES = Number(process.env.BENCH_AGENCIES ?? 50);
const N_ARTICLES = Number(process.env.BENCH_ARTICLES ?? 200);
const N_DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 2_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const SECRET = randomBytes(24).toString('hex');
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const docId = () => [...randomBytes(24)].map((x) => ALPHABET[x % ALPHABET.length]).join('');

/** Writes `rows` (draft + published each, linked to their agency's draft/published rows) in batches. */
async function bulkInsert(strapi: any, uid: string, rows: Record<string, unknown>[], agencyRows: Map<string, { draft: number; published: number }>) {
  const meta = strapi.db.metadata.get(uid);
  const col = (attr: string) => meta.attributes[attr]?.columnName ?? attr;
  const join = meta.attributes.agency.joinTable;
  const now = new Date();
  for (let i = 0; i < rows.length; i += 100) {
    const chunk = rows.slice(i, i + 100);
    await strapi.db.transaction(async ({ trx }: any) => {
      const records: Record<string, unknown>[] = [];
      for (const r of chunk) {
        const base: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(r)) if (k !== '__agency') base[col(k)] = v;
        Object.assign(base, { [col('createdAt')]: now, [col('updatedAt')]: now, [col('locale')]: null });
        records.push({ ...base, [col('publishedAt')]: null }, { ...base, [col('publishedAt')]: now });
      }
      const ids: number[] = (await trx(meta.tableName).insert(records, ['id'])).map((row: any) => (typeof row === 'object' ? row.id : row));
      const links: Record<string, unknown>[] = [];
      chunk.forEach((r, j) => {
        const ag = agencyRows.get(r.__agency as string)!;
        for (const [own, target] of [
          [ids[2 * j], ag.draft],
          [ids[2 * j + 1], ag.published],
        ]) {
          const link: Record<string, unknown> = { [join.joinColumn.name]: own, [join.inverseJoinColumn.name]: target };
          if (join.inverseOrderColumnName) link[join.inverseOrderColumnName] = i + j + 1;
          if (join.orderColumnName) link[join.orderColumnName] = 1;
          links.push(link);
        }
      });
      await trx(join.name).insert(links);
    });
  }
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

async function main() {
  process.env.TEST_DB = process.env.BENCH_DB === 'postgres' ? 'postgres' : 'sqlite';
  const require = createRequire(path.join(cmsDir, 'package.json'));
  const cwd = process.cwd();
  process.chdir(cmsDir);
  await require('@strapi/strapi').compileStrapi({ appDir: cmsDir });
  process.chdir(cwd);
  const { bootCms } = await import('../tests/helpers/strapi.js');
  const cms = await bootCms({ env: { PUBLISHER_WEBHOOK_SECRET: SECRET, STRAPI_LOG_LEVEL: 'warn' } });
  const s = cms.strapi as any;
  try {
    const t0 = Date.now();
    const agencyRows = new Map<string, { draft: number; published: number }>();
    const agencyIds: string[] = [];
    for (let i = 1; i <= N_AGENCIES; i++) {
      const a = await s.documents('api::agency.agency').create({
        data: { name: `Sở thử nghiệm số ${i}`, kind: 'department', editorialState: 'published' },
        status: 'published',
      });
      const rows = await s.db.query('api::agency.agency').findMany({ where: { documentId: a.documentId }, select: ['id', 'publishedAt'] });
      agencyRows.set(a.documentId, { draft: rows.find((r: any) => !r.publishedAt).id, published: rows.find((r: any) => r.publishedAt).id });
      agencyIds.push(a.documentId);
    }
    const articles = agencyIds.flatMap((ag, a) =>
      Array.from({ length: N_ARTICLES }, (_, k) => {
        const n = a * N_ARTICLES + k + 1;
        return { documentId: docId(), title: `Tin thử ${n}`, slug: `tin-thu-${n}`, kind: 'news', scope: 'province', editorialState: 'published', __agency: ag };
      }),
    );
    await bulkInsert(s, 'api::article.article', articles, agencyRows);
    const docs = Array.from({ length: N_DOCUMENTS }, (_, i) => ({
      documentId: docId(),
      documentNumber: `${i + 1}/2026/QĐ-UBND`,
      documentNumberKey: `${i + 1}/2026/qđ-ubnd`,
      slug: `quyet-dinh-${i + 1}`,
      documentType: 'decision',
      issuingBody: 'UBND tỉnh',
      issuedDate: '2026-01-15',
      abstract: `Quyết định thử ${i + 1}`,
      validityStatus: 'inForce',
      editorialState: 'published',
      __agency: agencyIds[i % agencyIds.length],
    }));
    if (agencyIds.length) await bulkInsert(s, 'api::legal-document.legal-document', docs, agencyRows);
    console.log(
      `corpus: ${agencyIds.length} agencies, ${articles.length} articles, ${docs.length} legal documents in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );

    const get = async (since?: string) => {
      const t = performance.now();
      const res = await fetch(`${cms.url}/api/publisher/published${since ? `?since=${since}` : ''}`, { headers: { [PUBLISHER_SECRET_HEADER]: SECRET } });
      const body = (await res.json()) as PublishedStateAnswer;
      return { ms: performance.now() - t, body };
    };
    const first = await get();
    if (!first.body.full) throw new Error('no full state');
    let held: { state: PublishedState; cursor: string } = { state: first.body, cursor: first.body.cursor };
    const entries = Object.values(held.state.entries).reduce((n, l) => n + l.length, 0);
    const fullMs: number[] = [];
    const deltaMs: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const id = articles[(r * 7919) % articles.length].documentId;
      await s.documents('api::article.article').update({ documentId: id, data: { title: `Tin sửa ${r}`, editorialState: 'approved' } });
      await s.documents('api::article.article').publish({ documentId: id });
      const d = await get(held.cursor);
      if (d.body.full) throw new Error('the delta came back full');
      deltaMs.push(d.ms);
      held = { state: applyStateDelta(held.state, d.body), cursor: d.body.cursor };
      const f = await get();
      fullMs.push(f.ms);
      if (!f.body.full || JSON.stringify(f.body.entries) !== JSON.stringify(held.state.entries)) throw new Error(`round ${r}: held + delta ≠ full state`);
    }
    const ms = (x: number) => `${x.toFixed(0)} ms`;
    console.log(
      `published state, ${entries} entries (${process.env.TEST_DB}), ${ROUNDS} rounds of one article edit + publish, load ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}:\n` +
        `  full state:  median ${ms(quantile(fullMs, 0.5))}, p95 ${ms(quantile(fullMs, 0.95))}\n` +
        `  delta:       median ${ms(quantile(deltaMs, 0.5))}, p95 ${ms(quantile(deltaMs, 0.95))} (held + delta = full state every round)`,
    );
  } finally {
    await cms.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
