/**
 * Query budget benchmark (issue 9, class 8: "one request can stall the CMS").
 *
 *   npx tsx bench/query-budget.ts              # SQLite
 *   BENCH_DB=postgres npx tsx bench/query-budget.ts
 *
 * Boots the real CMS in-process (cms/dist, compiled first) on a fresh database, seeds the
 * corpus of tests/security/query-budget.test.ts (2 agencies × 300 articles with a body) plus
 * realistic administrative procedures (components, fees, legal basis) and legal documents with
 * their relations, then, for each query shape an anonymous client could send, finds the heaviest
 * variant the budget still ADMITS (the most aliases × the largest page size whose estimated cost
 * — the estimator of cms/src/lib/query-budget.ts on the served schema — is within
 * GRAPHQL_MAX_COST), runs it and prints: its estimated cost, the time to answer, the HTTP status
 * and budget named when it was stopped while executing, the answer's size, and `/_health`
 * latency (p50/p95/max) probed every 50 ms meanwhile. The budget is the environment's (the same
 * variables as the CMS), so a different budget can be measured without editing code.
 *
 * Knobs: BENCH_DB (sqlite|postgres), BENCH_PROCEDURES (200), BENCH_RUNS (2 runs of each query,
 * the slower is reported), BENCH_JSON=<file> (raw figures).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { readQueryBudget, type QueryBudget } from '../cms/src/lib/query-budget';
import * as siteDocs from '../site/src/lib/queries';

const repoRoot = path.resolve(import.meta.dirname, '..');
/**
 * graphql, graphql-query-complexity and the estimator as the CMS runs them (CommonJS, the
 * compiled cms/dist): one instance of graphql, whichever way this file is loaded (tsx, vitest).
 */
function cmsModules() {
  const require = createRequire(path.join(repoRoot, 'cms', 'package.json'));
  return {
    graphql: require('graphql') as typeof import('graphql'),
    complexity: require('graphql-query-complexity') as typeof import('graphql-query-complexity'),
    budget: require('./dist/src/lib/query-budget.js') as typeof import('../cms/src/lib/query-budget'),
  };
}

// ---------------------------------------------------------------------------------------------
// Corpus (also used by tests/security/query-budget.test.ts)
// ---------------------------------------------------------------------------------------------

export interface BudgetCorpus {
  agencyIds: string[];
  articleIds: string[];
  legalDocumentIds: string[];
  procedureIds: string[];
}

const pick = <T>(xs: T[], i: number, n: number): T[] => Array.from({ length: Math.min(n, xs.length) }, (_, k) => xs[(i * 7 + k * 13) % xs.length]);

/**
 * Seeds the corpus through the document service (published): `agencies` agencies (the second
 * a child of the first) with `articlesPerAgency` articles each (a ~1.7 kB body), `legalDocuments`
 * legal documents (each replacing / amending earlier ones), and `procedures` procedures shaped
 * like the real records of ../shared/data (after the seed mappers: up to 5 steps, 3 submission
 * methods, 7 dossier components, 41 fees, 6 legal-basis documents): 8 steps, 3 submission
 * methods, 7 dossier components, 12 fees (every tenth 41), 6 legal-basis documents.
 */
export async function seedBudgetCorpus(
  strapi: any,
  opts: { agencies?: number; articlesPerAgency?: number; legalDocuments?: number; procedures?: number; log?: (s: string) => void } = {},
): Promise<BudgetCorpus> {
  const { agencies = 2, articlesPerAgency = 300, legalDocuments = 60, procedures = 200, log = () => {} } = opts;
  const t0 = Date.now();
  const out: BudgetCorpus = { agencyIds: [], articleIds: [], legalDocumentIds: [], procedureIds: [] };
  const body = 'Nội dung bài viết về tình hình kinh tế - xã hội của tỉnh Lào Cai. '.repeat(25);
  const docs = (uid: string) => strapi.documents(uid);
  for (let a = 1; a <= agencies; a++) {
    const agency = await docs('api::agency.agency').create({
      data: {
        name: `Sở thử nghiệm ngân sách truy vấn ${a}`,
        kind: 'department',
        updateSchedule: 'monWedFri',
        editorialState: 'published',
        ...(out.agencyIds[0] ? { parent: out.agencyIds[0] } : {}),
      },
      status: 'published',
    });
    out.agencyIds.push(agency.documentId);
    for (let i = 1; i <= articlesPerAgency; i++) {
      const art = await docs('api::article.article').create({
        data: {
          title: `Tin ${a}-${i} về ngân sách truy vấn`,
          kind: 'news',
          scope: 'province',
          summary: `Tóm tắt ${i}`,
          body,
          agency: agency.documentId,
          editorialState: 'published',
        },
        status: 'published',
      });
      out.articleIds.push(art.documentId);
    }
  }
  for (let i = 1; i <= legalDocuments; i++) {
    const earlier = out.legalDocumentIds;
    const doc = await docs('api::legal-document.legal-document').create({
      data: {
        documentNumber: `${i}/2025/QĐ-UBND`,
        slug: `qd-${i}-2025-ngan-sach`,
        documentType: 'decision',
        issuingBody: 'UBND tỉnh Lào Cai',
        signer: 'Nguyễn Văn A',
        issuedDate: `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
        validityStatus: 'inForce',
        abstract: `Quyết định số ${i} ban hành quy định về thủ tục hành chính trên địa bàn tỉnh Lào Cai`,
        field: 'Hành chính',
        agency: out.agencyIds[i % out.agencyIds.length],
        replaces: earlier.length ? pick(earlier, i, 2) : [],
        amends: earlier.length ? pick(earlier, i + 1, 2) : [],
        editorialState: 'published',
      },
      status: 'published',
    });
    out.legalDocumentIds.push(doc.documentId);
  }
  const text = (s: string, n: number) => `${s} `.repeat(n).trim();
  for (let i = 1; i <= procedures; i++) {
    const fees = i % 10 === 0 ? 41 : 12;
    const p = await docs('api::administrative-procedure.administrative-procedure').create({
      data: {
        procedureCode: `1.0${String(10000 + i)}`,
        name: `Thủ tục thử nghiệm ngân sách truy vấn số ${i}: đăng ký, cấp giấy chứng nhận`,
        slug: `thu-tuc-ngan-sach-${i}`,
        field: 'Đất đai',
        level: 'partial',
        executingAgency: text('Văn phòng đăng ký đất đai, UBND cấp xã.', 4),
        agency: out.agencyIds[i % out.agencyIds.length],
        steps: Array.from({ length: 8 }, (_, k) => ({ order: k + 1, description: text(`Bước ${k + 1}: tiếp nhận, kiểm tra và xử lý hồ sơ.`, 3) })),
        stepsText: text('Tổ chức chuẩn bị và nộp hồ sơ tại Trung tâm Phục vụ hành chính công.', 6),
        submissionMethods: (['inPerson', 'online', 'post'] as const).map((method) => ({ method, description: `Nộp hồ sơ ${method}` })),
        dossierComponents: Array.from({ length: 7 }, (_, k) => ({
          name: `Thành phần hồ sơ ${k + 1}: đơn đăng ký`,
          originals: 1,
          copies: 1,
          formTemplateName: `Mẫu số ${k + 1}`,
          note: 'Bản chính',
        })),
        dossierQuantity: '01 bộ',
        processingTime: { value: 15, unit: 'workingDays', text: 'Không quá 15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ' },
        applicants: 'Tổ chức, cá nhân',
        result: 'Giấy chứng nhận quyền sử dụng đất',
        fees: Array.from({ length: fees }, (_, k) => ({
          description: `Phí thẩm định hồ sơ, mức ${k + 1}`,
          amountVnd: 50_000 * (k + 1),
          note: 'Nộp trực tuyến giảm 5%',
        })),
        feesText: text('Phí thẩm định hồ sơ: 1.260.000 đồng.', 5),
        requirements: text('Không có.', 3),
        legalBasis: pick(out.legalDocumentIds, i, 6),
        legalBasisText: text('Luật Đất đai 2024; Nghị định 101/2024/NĐ-CP.', 3),
        editorialState: 'published',
      },
      status: 'published',
    });
    out.procedureIds.push(p.documentId);
  }
  log(
    `seeded ${out.agencyIds.length} agencies, ${out.articleIds.length} articles, ${out.legalDocumentIds.length} legal documents, ` +
      `${out.procedureIds.length} procedures in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  return out;
}

// ---------------------------------------------------------------------------------------------
// Query shapes an anonymous client can send
// ---------------------------------------------------------------------------------------------

const MEDIA = 'documentId name alternativeText caption url ext mime size width height updatedAt';
const aliased = (aliases: number, field: (i: number) => string) => `{ ${Array.from({ length: aliases }, (_, i) => `a${i}: ${field(i)}`).join(' ')} }`;

/** A query shape: the query for `aliases` aliases, each a list of `limit` rows. */
export interface Shape {
  name: string;
  query(aliases: number, limit: number): string;
}

export const SHAPES: Shape[] = [
  {
    // every scalar of an article, its cover and agency (the test's "last line" query)
    name: 'articles, every field + agency',
    query: (n, l) =>
      aliased(
        n,
        () => `articles(pagination: { limit: ${l} }) { documentId updatedAt publishedAt firstPublishedAt createdAt title slug kind scope summary body coverAlt author source sourceUrl language eventDate
        cover { ${MEDIA} }
        agency { documentId name shortName slug kind leader updateSchedule pilotEService adminUnitCode introduction organisationStructure functionsAndDuties developmentPlanning naturalSocialConditions socioEconomicOrientation adminUnits sortOrder updatedAt publishedAt parent { documentId name } } }`,
      ),
  },
  {
    // few nodes, many database loads: each relation of each row is a query
    name: 'articles, relation chain',
    query: (n, l) =>
      aliased(
        n,
        () => `articles(pagination: { limit: ${l} }) { cover { url } agency { parent { parent { documentId } } orgChart { url } contact { phone } } }`,
      ),
  },
  {
    // every list of a procedure at its largest, relations inside
    name: 'procedures, every list at max',
    query: (n, l) =>
      aliased(
        n,
        () => `administrativeProcedures(pagination: { limit: ${l} }) { documentId name executingAgency stepsText feesText legalBasisText
        steps(pagination: { limit: 200 }) { order description }
        submissionMethods(pagination: { limit: 200 }) { method description }
        dossierComponents(pagination: { limit: 200 }) { name originals copies formTemplate { url } formTemplateName note }
        fees(pagination: { limit: 200 }) { description amountVnd note }
        legalBasis(pagination: { limit: 200 }) { documentId abstract agency { documentId } }
        processingTime { value unit text } agency { documentId parent { documentId } } }`,
      ),
  },
  {
    name: 'legal documents, relations of relations',
    query: (n, l) =>
      aliased(
        n,
        () => `legalDocuments(pagination: { limit: ${l} }) { documentId abstract agency { documentId }
        replaces(pagination: { limit: 200 }) { documentId abstract agency { name } replaces(pagination: { limit: 200 }) { documentId } }
        amends(pagination: { limit: 200 }) { documentId abstract agency { name } amends(pagination: { limit: 200 }) { documentId } }
        replacedBy(pagination: { limit: 200 }) { documentId } amendedBy(pagination: { limit: 200 }) { documentId } attachments(pagination: { limit: 200 }) { url } }`,
      ),
  },
  {
    // the site's own document for procedures, with the largest page size admitted
    name: 'site PROCEDURES_QUERY, largest page',
    query: (_n, l) =>
      siteDocs.PROCEDURES_QUERY.replace(/\(\$page: Int![^)]*\)/, '')
        .replace('filters: $filters, ', '')
        .replace('page: $page', 'page: 1')
        .replace('pageSize: $pageSize', `pageSize: ${l}`),
  },
];

const LIMITS = [200, 150, 100, 75, 50, 40, 30, 25, 20, 15, 10, 5, 2, 1];

/** Estimated cost of a query (the CMS's estimator on its schema). */
export function estimate(schema: GraphQLSchema, budget: QueryBudget, query: string, variables: Record<string, unknown> = {}): number {
  const m = cmsModules();
  return m.complexity.getComplexity({ schema, query: m.graphql.parse(query), variables, estimators: [m.budget.nodeEstimator(budget)] });
}

/** The variant of a shape with the highest estimated cost the budget admits (most aliases, largest page). */
export function heaviestAdmitted(
  schema: GraphQLSchema,
  budget: QueryBudget,
  shape: Shape,
): { query: string; aliases: number; limit: number; cost: number } | null {
  let best: { query: string; aliases: number; limit: number; cost: number } | null = null;
  for (const limit of LIMITS) {
    for (let aliases = budget.maxAliases; aliases >= 1; aliases--) {
      const query = shape.query(aliases, limit);
      const cost = estimate(schema, budget, query, { page: 1, pageSize: budget.maxLimit });
      if (cost <= budget.maxCost) {
        if (!best || cost > best.cost) best = { query, aliases, limit, cost };
        break;
      }
    }
  }
  return best;
}

/** The served schema, by introspection (the test CMS allows it). */
export async function servedSchema(url: string): Promise<GraphQLSchema> {
  const { graphql } = cmsModules();
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: graphql.getIntrospectionQuery() }),
  });
  const json: any = await res.json();
  if (!json.data) throw new Error(`introspection failed: ${JSON.stringify(json).slice(0, 300)}`);
  return graphql.buildClientSchema(json.data);
}

export const percentile = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};

export interface Measured {
  status: number;
  /** wall time to the answer */
  ms: number;
  /**
   * CPU time this process spent meanwhile (the CMS runs in-process: its work, whatever else the
   * machine runs)
   */
  cpuMs: number;
  bytes: number;
  cost: number;
  /** the budget named when the answer is a budget error */
  budget: string | null;
  errors: number;
  /** the first error's message */
  error: string | null;
  health: { n: number; p50: number; p95: number; max: number };
}

const PROBE_SCRIPT = `
const [url, every] = [process.argv[1], Number(process.argv[2])];
const out = [];
let stop = false;
process.stdin.on('data', () => { stop = true; });
process.stdin.on('end', () => { stop = true; });
(async () => {
  while (!stop) {
    const t0 = performance.now();
    try { await (await fetch(url + '/_health')).arrayBuffer(); out.push(performance.now() - t0); } catch { out.push(-1); }
    if (out.length === 1) process.stdout.write('ready\\n');
    if (!stop) await new Promise((r) => setTimeout(r, every));
  }
  process.stdout.write(JSON.stringify(out) + '\\n');
  process.exit(0);
})();
`;

/**
 * Probes `${url}/_health` from a process of its own (a probe in the CMS's process would wait for
 * the same blocked event loop and not see the wait): one request at a time, `everyMs` between
 * them. `stop()` ends it once the probe in flight is answered and resolves the latencies (ms).
 */
export async function startHealthProbe(url: string, everyMs = 50): Promise<{ stop(): Promise<number[]> }> {
  const child = spawn(process.execPath, ['-e', PROBE_SCRIPT, url, String(everyMs)], { stdio: ['pipe', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout!.setEncoding('utf8');
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.startsWith('ready')) resolve();
    });
    child.on('exit', () => reject(new Error(`health probe exited early: ${stdout}`)));
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await ready;
  return {
    async stop() {
      child.stdin!.end('stop');
      await exited;
      const line = stdout.split('\n').find((l) => l.startsWith('['));
      return line ? (JSON.parse(line) as number[]) : [];
    },
  };
}

/** p50/p95/max of latencies. */
export const summary = (xs: number[]) => ({ n: xs.length, p50: percentile(xs, 50), p95: percentile(xs, 95), max: xs.length ? Math.max(...xs) : NaN });

/** Runs one GraphQL request while `/_health` is probed every 50 ms from another process. */
export async function measureWithHealth(url: string, query: string, variables: Record<string, unknown> = {}): Promise<Measured> {
  const probe = await startHealthProbe(url);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const text = await res.text();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const health = await probe.stop();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return {
    status: res.status,
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    bytes: text.length,
    cost: Number(res.headers.get('x-query-cost') ?? NaN),
    budget: json?.errors?.[0]?.extensions?.budget ?? null,
    errors: json?.errors?.length ?? 0,
    error: json?.errors?.[0]?.message ?? null,
    health: summary(health),
  };
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

async function main() {
  const db = process.env.BENCH_DB === 'postgres' ? 'postgres' : 'sqlite';
  const runs = Number(process.env.BENCH_RUNS ?? 2);
  const log = (s: string) => console.log(`[bench:query-budget] ${s}`);
  const cmsDir = path.join(repoRoot, 'cms');
  {
    const require = createRequire(path.join(cmsDir, 'package.json'));
    const cwd = process.cwd();
    process.chdir(cmsDir);
    try {
      await require('@strapi/strapi').compileStrapi({ appDir: cmsDir });
    } finally {
      process.chdir(cwd);
    }
  }
  const { bootCms } = await import('../tests/helpers/strapi');
  const cms = await bootCms({ db });
  const budget = readQueryBudget(process.env, { defaultLimit: 25, maxLimit: Number(process.env.GRAPHQL_MAX_LIMIT ?? 200) || 200 });
  const rows: Record<string, unknown>[] = [];
  try {
    await seedBudgetCorpus(cms.strapi, { procedures: Number(process.env.BENCH_PROCEDURES ?? 200), log });
    const schema = await servedSchema(cms.url);
    log(
      `database ${db}; budget: maxCost ${budget.maxCost}, maxResultNodes ${budget.maxResultNodes}, ` +
        `deadline ${(budget as any).maxExecutionMs ?? '(none)'} ms, loadCost ${(budget as any).loadCost ?? '(none)'}, ` +
        `maxAliases ${budget.maxAliases}, maxLimit ${budget.maxLimit}`,
    );
    // the site's own documents, with their page size (what a build sends)
    for (const [name, doc] of Object.entries(siteDocs).filter(([k, v]) => k.endsWith('_QUERY') && typeof v === 'string') as [string, string][]) {
      const pageSize = siteDocs.pageSizeOf(Object.entries(siteDocs.COLLECTION_QUERIES).find(([, d]) => d === doc)?.[0] ?? '');
      const vars = { page: 1, pageSize };
      const m = await measureWithHealth(cms.url, doc, vars);
      log(
        `site ${name} (pageSize ${pageSize}): ${m.status} in ${m.ms.toFixed(0)} ms (CPU ${m.cpuMs.toFixed(0)} ms), cost ${m.cost}, ${(m.bytes / 1024).toFixed(0)} KiB${m.budget ? `, stopped: ${m.budget}` : ''}`,
      );
      rows.push({ kind: 'site', name, pageSize, ...m });
    }
    for (const shape of SHAPES) {
      const h = heaviestAdmitted(schema, budget, shape);
      if (!h) {
        log(`${shape.name}: no variant admitted`);
        continue;
      }
      let worst: Measured | null = null;
      for (let r = 0; r < runs; r++) {
        const m = await measureWithHealth(cms.url, h.query);
        if (!worst || m.ms > worst.ms) worst = m;
      }
      const m = worst!;
      log(
        `${shape.name} (${h.aliases} alias(es) × ${h.limit}, est. cost ${h.cost}, served ${m.cost}): ` +
          `${m.status} in ${m.ms.toFixed(0)} ms (CPU ${m.cpuMs.toFixed(0)} ms), ${(m.bytes / 1024).toFixed(0)} KiB${m.budget ? `, stopped: ${m.budget}` : m.error ? `, error: ${m.error}` : ''}; ` +
          `/_health ${m.health.n} probes p50 ${m.health.p50.toFixed(1)} / p95 ${m.health.p95.toFixed(1)} / max ${m.health.max.toFixed(1)} ms`,
      );
      rows.push({ kind: 'attack', name: shape.name, aliases: h.aliases, limit: h.limit, estimated: h.cost, ...m });
    }
    const attacks = rows.filter((r) => r.kind === 'attack') as unknown as (Measured & { name: string })[];
    const slowest = attacks.reduce((a, b) => (b.ms > a.ms ? b : a));
    const worstHealth = attacks.reduce((a, b) => (b.health.p95 > a.health.p95 ? b : a));
    const load = fs.existsSync('/proc/loadavg') ? fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0] : '?';
    log(
      `SUMMARY ${db}: heaviest admitted query ${slowest.ms.toFixed(0)} ms, CPU ${slowest.cpuMs.toFixed(0)} ms (${slowest.name}, ${slowest.status}${slowest.budget ? ` ${slowest.budget}` : ''}); ` +
        `worst /_health p95 during one ${worstHealth.health.p95.toFixed(1)} ms (${worstHealth.name}); machine load average ${load}`,
    );
    if (process.env.BENCH_JSON) fs.writeFileSync(process.env.BENCH_JSON, JSON.stringify({ db, budget, rows }, null, 2));
  } finally {
    await cms.stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
