/**
 * The benchmarks' CMS and generated corpus (bench/publish-latency/index.ts, bench/full-render.ts):
 * a real Strapi booted in-process on a fresh SQLite file or PostgreSQL database, and a corpus of
 * generated agencies, articles and legal documents on top of the imported real data.
 *
 * Env read by callers: BENCH_AGENCIES (50), BENCH_ARTICLES_PER_AGENCY (200), BENCH_DOCUMENTS
 * (2000), BENCH_DB (sqlite|postgres) — see {@link corpusSizeFromEnv}, {@link benchDbFromEnv}.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '..');
const cmsDir = path.join(repoRoot, 'cms');
const require = createRequire(path.join(cmsDir, 'package.json'));
const log = (s: string) => console.log(`[bench] ${s}`);

/** The database the benchmark's CMS runs on. */
export type BenchDb = 'sqlite' | 'postgres';

/** `BENCH_DB`: postgres, else sqlite. */
export function benchDbFromEnv(): BenchDb {
  return process.env.BENCH_DB === 'postgres' ? 'postgres' : 'sqlite';
}

/** How much is generated on top of the real data. */
export interface CorpusSize {
  agencies: number;
  articlesPerAgency: number;
  documents: number;
}

/** `BENCH_AGENCIES` (50), `BENCH_ARTICLES_PER_AGENCY` (200), `BENCH_DOCUMENTS` (2000). */
export function corpusSizeFromEnv(): CorpusSize {
  return {
    agencies: Number(process.env.BENCH_AGENCIES ?? 50),
    articlesPerAgency: Number(process.env.BENCH_ARTICLES_PER_AGENCY ?? 200),
    documents: Number(process.env.BENCH_DOCUMENTS ?? 2000),
  };
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// CMS
// ---------------------------------------------------------------------------------------------
/**
 * Boots Strapi in this process on `db` (SQLite: `<tmp>/data.db`; PostgreSQL: a new database,
 * dropped by `stop`), in production mode with random secrets unless set, listening on `port`
 * (default: a free one). `env` is merged into `process.env` first.
 */
export async function bootCms(
  tmp: string,
  env: Record<string, string>,
  db: BenchDb,
  port?: number,
): Promise<{ strapi: any; url: string; stop: () => Promise<void> }> {
  port ??= await freePort();
  Object.assign(process.env, {
    HOST: '127.0.0.1',
    PORT: String(port),
    NODE_ENV: 'production',
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
    BROWSER: 'false',
    STRAPI_LOG_LEVEL: 'warn',
    ...env,
  });
  let dropDb: (() => Promise<void>) | null = null;
  if (db === 'postgres') {
    const pg = require('pg');
    const name = `cong_bench_${randomBytes(4).toString('hex')}`;
    const admin = () => new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
    const c = admin();
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    Object.assign(process.env, {
      DATABASE_CLIENT: 'postgres',
      DATABASE_HOST: '127.0.0.1',
      DATABASE_PORT: '5432',
      DATABASE_NAME: name,
      DATABASE_USERNAME: 'postgres',
      DATABASE_PASSWORD: '',
    });
    dropDb = async () => {
      const d = admin();
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    };
  } else {
    Object.assign(process.env, { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(tmp, 'data.db') });
  }
  // production mode refuses to start without its secrets (SECURITY.md): random ones for this run
  for (const k of ['ADMIN_JWT_SECRET', 'API_TOKEN_SALT', 'TRANSFER_TOKEN_SALT', 'ENCRYPTION_KEY', 'JWT_SECRET'])
    process.env[k] ||= randomBytes(48).toString('base64');
  process.env.APP_KEYS ||= [1, 2].map(() => randomBytes(32).toString('base64')).join(','); // each ≥ 32 characters (cms/src/lib/secrets.ts)
  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  const cwd = process.cwd();
  process.chdir(cmsDir);
  const ctx = await compileStrapi({ appDir: cmsDir });
  const strapi = await createStrapi({ ...ctx, serveAdminPanel: false, autoReload: false }).load();
  process.chdir(cwd);
  strapi.log.level = 'warn';
  await strapi.listen();
  return {
    strapi,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      await strapi.destroy();
      await dropDb?.();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Generated corpus: agencies through the document service, articles and legal documents written
// in bulk straight into the tables (draft + published rows and their agency links), which is what
// the document service would write, minus ~20 minutes.
// ---------------------------------------------------------------------------------------------
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
function documentId(): string {
  const b = randomBytes(24);
  let s = '';
  for (const x of b) s += ALPHABET[x % ALPHABET.length];
  return s;
}

export const PARAGRAPH =
  'Ủy ban nhân dân tỉnh Lào Cai chỉ đạo các sở, ban, ngành và Ủy ban nhân dân các huyện, thành phố triển khai ' +
  'thực hiện nghiêm túc các nhiệm vụ được giao, bảo đảm tiến độ và chất lượng; kịp thời báo cáo những khó khăn, vướng mắc.';

async function bulkInsert(strapi: any, uid: string, rows: Record<string, unknown>[], agencyRows: Map<string, { draft: number; published: number }>) {
  const meta = strapi.db.metadata.get(uid);
  const col = (attr: string) => meta.attributes[attr]?.columnName ?? attr;
  const join = meta.attributes.agency.joinTable;
  const now = new Date();
  const batch = 100;
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    await strapi.db.transaction(async ({ trx }: any) => {
      const records: Record<string, unknown>[] = [];
      for (const r of chunk) {
        const base: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(r)) if (k !== '__agency') base[col(k)] = v;
        base[col('createdAt')] = now;
        base[col('updatedAt')] = now;
        base[col('locale')] = null;
        records.push({ ...base, [col('publishedAt')]: null });
        records.push({ ...base, [col('publishedAt')]: now });
      }
      const inserted = await trx(meta.tableName).insert(records, ['id']);
      const ids: number[] = inserted.map((row: any) => (typeof row === 'object' ? row.id : row));
      if (ids.length !== records.length) throw new Error('bulk insert: ids missing');
      const links: Record<string, unknown>[] = [];
      chunk.forEach((r, j) => {
        const ag = agencyRows.get(r.__agency as string)!;
        const pair = [
          [ids[2 * j], ag.draft],
          [ids[2 * j + 1], ag.published],
        ];
        for (const [own, target] of pair) {
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

export async function generateCorpus(strapi: any, size: CorpusSize): Promise<string[]> {
  const { agencies: N_AGENCIES, articlesPerAgency: N_ARTICLES, documents: N_DOCUMENTS } = size;
  const t0 = Date.now();
  const agencyDocs = strapi.documents('api::agency.agency');
  const slugs: string[] = [];
  const agencyRows = new Map<string, { draft: number; published: number }>();
  for (let i = 1; i <= N_AGENCIES; i++) {
    const kind = i % 10 === 0 ? 'district' : 'department';
    const a = await agencyDocs.create({
      data: { name: `Sở thử nghiệm hiệu năng số ${i}`, kind, updateSchedule: 'daily', editorialState: 'published', introduction: PARAGRAPH },
      status: 'published',
    });
    slugs.push(a.documentId);
    const rows = await strapi.db.query('api::agency.agency').findMany({ where: { documentId: a.documentId }, select: ['id', 'publishedAt'] });
    agencyRows.set(a.documentId, { draft: rows.find((r: any) => !r.publishedAt).id, published: rows.find((r: any) => r.publishedAt).id });
  }
  const scopes = ['province', 'national', 'international'];
  const articles: Record<string, unknown>[] = [];
  for (let a = 0; a < N_AGENCIES; a++) {
    for (let k = 0; k < N_ARTICLES; k++) {
      const n = a * N_ARTICLES + k + 1;
      articles.push({
        documentId: documentId(),
        title: `Tin thử nghiệm số ${n}: hội nghị triển khai nhiệm vụ năm 2026`,
        slug: `tin-thu-nghiem-${n}`,
        kind: k % 5 === 0 ? 'announcement' : 'news',
        scope: scopes[n % 3],
        summary: `Tóm tắt tin thử nghiệm số ${n}.`,
        body: Array.from({ length: 6 }, () => PARAGRAPH).join('\n\n'),
        language: 'vi',
        editorialState: 'published',
        __agency: slugs[a],
      });
    }
  }
  await bulkInsert(strapi, 'api::article.article', articles, agencyRows);
  const documents: Record<string, unknown>[] = [];
  for (let n = 1; n <= N_DOCUMENTS; n++) {
    const year = 2010 + (n % 16);
    const day = String(1 + (n % 28)).padStart(2, '0');
    documents.push({
      documentId: documentId(),
      documentNumber: `${n}/${year}/QĐ-UBND`,
      slug: `${n}-${year}-qd-ubnd`,
      documentType: 'decision',
      issuingBody: 'Ủy ban nhân dân tỉnh Lào Cai',
      signer: 'Chủ tịch UBND tỉnh',
      issuedDate: `${year}-03-${day}`,
      effectiveDate: `${year}-04-${day}`,
      validityStatus: 'inForce',
      abstract: `Quyết định thử nghiệm số ${n} về việc ban hành quy định quản lý`,
      field: 'Hành chính',
      body: Array.from({ length: 4 }, () => PARAGRAPH).join('\n\n'),
      isPolicy: n % 50 === 0,
      editorialState: 'published',
      __agency: slugs[n % N_AGENCIES],
    });
  }
  await bulkInsert(strapi, 'api::legal-document.legal-document', documents, agencyRows);
  log(`corpus: ${N_AGENCIES} agencies, ${articles.length} articles, ${documents.length} legal documents in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return slugs;
}
