/**
 * Issue 9, class 8: one request must not stall the CMS. A booted CMS on a real database with a
 * realistic amount of content (2 agencies × 300 published articles with a body): the amplifying
 * GraphQL query of the report and its variants are refused quickly with an error naming the
 * budget, `/_health` stays fast while attacks run in a loop, REST's unbounded populates/filters/
 * page sizes are refused naming the parameter, every document the site builds from
 * (shared/src/graphql.ts) stays under budget — and, booted with NODE_ENV=production, GraphQL
 * introspection is off and errors carry no stack trace.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootCms, gql, type BootedCms } from '../helpers/strapi';
import * as siteDocs from '../../shared/src/graphql';
import { DEFAULT_QUERY_BUDGET as BUDGET } from '../../cms/src/lib/query-budget';

const ARTICLES_PER_AGENCY = 300;

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const t0 = performance.now();
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await res.text();
  const ms = performance.now() - t0;
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, json, text, ms, bytes: text.length, headers: res.headers };
}
const postQuery = (url: string, query: string, variables: Record<string, unknown> = {}) => post(url, JSON.stringify({ query, variables }));

/** The refusal's first error names the budget (Vietnamese and English) and says which one. */
function expectBudgetRefusal(r: Awaited<ReturnType<typeof post>>, budget: string, status = 400) {
  expect(r.status, r.text.slice(0, 500)).toBe(status);
  expect(r.json?.data ?? null).toBeNull();
  const err = r.json.errors[0];
  // refusals in Apollo's validation phase keep its code; the budget is named either way
  expect(['QUERY_BUDGET_EXCEEDED', 'GRAPHQL_VALIDATION_FAILED']).toContain(err.extensions.code);
  expect(err.extensions.budget).toBe(budget);
  expect(err.message).toMatch(/ngân sách|không được/);
  expect(err.message).toMatch(/query budget exceeded/);
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

const NESTED = (limit: number, inner: string) => `articles(pagination: { limit: ${limit} }) { documentId agency { name articles(pagination: { limit: ${limit} }) { ${inner} } } }`;
/** The report's query: 200 aliases of articles(200) { agency { articles(200) } }. */
const AMPLIFIER = `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: ${NESTED(200, 'documentId title body')}`).join(' ')} }`;

describe(`query budget (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let cms: BootedCms;
  const articleIds: string[] = [];
  const agencyIds: string[] = [];

  beforeAll(async () => {
    cms = await bootCms();
    const t0 = Date.now();
    const body = 'Nội dung bài viết về tình hình kinh tế - xã hội của tỉnh Lào Cai. '.repeat(25);
    for (const a of [1, 2]) {
      const agency = await cms.strapi.documents('api::agency.agency').create({
        data: { name: `Sở thử nghiệm ngân sách truy vấn ${a}`, kind: 'department', updateSchedule: 'monWedFri', editorialState: 'published' },
        status: 'published',
      });
      agencyIds.push(agency.documentId);
      for (let i = 1; i <= ARTICLES_PER_AGENCY; i++) {
        const art = await cms.strapi.documents('api::article.article').create({
          data: { title: `Tin ${a}-${i} về ngân sách truy vấn`, kind: 'news', scope: 'province', summary: `Tóm tắt ${i}`, body, agency: agency.documentId, editorialState: 'published' },
          status: 'published',
        });
        articleIds.push(art.documentId);
      }
    }
    console.log(`[query-budget] seeded ${articleIds.length} published articles in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  });

  afterAll(async () => {
    await cms?.stop();
  });

  it('keeps every document the site builds from under budget (shared/src/graphql.ts, pages of 200)', async () => {
    const documents = Object.entries(siteDocs).filter(([name, v]) => name.endsWith('_QUERY') && typeof v === 'string') as [string, string][];
    expect(documents.length).toBeGreaterThanOrEqual(8);
    const ids = articleIds.slice(0, siteDocs.GRAPHQL_PAGE_SIZE);
    for (const [name, doc] of documents) {
      const paged = /\$page: Int!/.test(doc);
      const variableSets = paged
        ? [
            { page: 1, pageSize: siteDocs.GRAPHQL_PAGE_SIZE },
            { page: 2, pageSize: siteDocs.GRAPHQL_PAGE_SIZE, filters: null },
            // the incremental build refetches changed entries, GRAPHQL_PAGE_SIZE ids a query
            { page: 1, pageSize: siteDocs.GRAPHQL_PAGE_SIZE, filters: { documentId: { in: ids } } },
          ]
        : [{}];
      for (const variables of variableSets) {
        const r = await postQuery(cms.url, doc, variables);
        expect(r.status, `${name}: ${r.text.slice(0, 400)}`).toBe(200);
        expect(r.json.errors, `${name}: ${r.text.slice(0, 400)}`).toBeUndefined();
        const cost = Number(r.headers.get('x-query-cost'));
        console.log(`[query-budget] ${name} ${JSON.stringify(variables).slice(0, 40)} cost ${cost} (budget ${BUDGET.maxCost}), ${r.bytes} bytes, ${r.ms.toFixed(0)} ms`);
        expect(cost).toBeGreaterThan(0);
        expect(cost).toBeLessThanOrEqual(BUDGET.maxCost);
      }
    }
    const first = await postQuery(cms.url, siteDocs.ARTICLES_QUERY, { page: 1, pageSize: 200 });
    expect(first.json.data.articles).toHaveLength(200);
  });

  it('refuses the reported amplifying query (200 aliases of nested lists) in well under a second', async () => {
    const r = await post(cms.url, JSON.stringify({ query: AMPLIFIER }));
    console.log(`[query-budget] 200-alias amplifier refused in ${r.ms.toFixed(0)} ms (${r.json?.errors?.[0]?.extensions?.budget}), ${r.bytes} bytes`);
    // its 6,000+ tokens are refused first; the budget is named
    expectBudgetRefusal(r, 'tokens');
    expect(r.json.errors[0].message).toContain(`${BUDGET.maxTokens}`);
    expect(r.ms).toBeLessThan(1000);
    // a compact query with more aliases than allowed
    const aliases = await postQuery(cms.url, `{ ${Array.from({ length: BUDGET.maxAliases + 1 }, (_, i) => `a${i}: articles { documentId }`).join(' ')} }`);
    expectBudgetRefusal(aliases, 'aliases');
    expect(aliases.json.errors[0].message).toContain(`${BUDGET.maxAliases}`);
  });

  it('refuses one-to-many lists nested in a list (the amplifying shape), however it is written', async () => {
    const variants = [
      // 15 aliases (at the alias limit), each 200 × 200 nested rows with their body
      `{ ${Array.from({ length: BUDGET.maxAliases }, (_, i) => `a${i}: ${NESTED(200, 'documentId title body summary slug')}`).join(' ')} }`,
      `{ ${NESTED(200, 'documentId')} }`,
      `{ articles_connection(pagination: { pageSize: 200 }) { nodes { agency { articles_connection(pagination: { pageSize: 200 }) { nodes { title } } } } } }`,
      `fragment A on Agency { legalDocuments { documentId } } { articles { agency { ...A } } }`,
      `{ agencies { parent { questions { subject } } } }`,
    ];
    for (const q of variants) {
      const r = await postQuery(cms.url, q);
      expectBudgetRefusal(r, 'nesting');
      expect(r.json.errors[0].message).toMatch(/Agency\.\w+/);
      expect(r.ms).toBeLessThan(1000);
    }
    // one agency's articles (not inside a list) stay allowed, paginated
    const one = await gql(cms.url, `{ agency(documentId: "${agencyIds[0]}") { name articles(pagination: { limit: 5 }) { title } } }`);
    expect(one.errors).toBeUndefined();
    expect(one.data.agency.articles).toHaveLength(5);
  });

  it('refuses nested lists that multiply past the estimated-cost budget', async () => {
    const three = `{ legalDocuments(pagination: { limit: 200 }) { replaces(pagination: { limit: 200 }) { replacedBy(pagination: { limit: 200 }) { documentId } } } }`;
    const r = await postQuery(cms.url, three);
    expectBudgetRefusal(r, 'cost');
    expect(r.ms).toBeLessThan(1000);
    // lists asked for "all" (-1) count the max limit; aliases add up
    const all = `{ ${Array.from({ length: 10 }, (_, i) => `a${i}: administrativeProcedures(pagination: { limit: -1 }) { steps(pagination: { limit: -1 }) { order description } legalBasis(pagination: { limit: -1 }) { documentId } }`).join(' ')} }`;
    expectBudgetRefusal(await postQuery(cms.url, all), 'cost');
  });

  it('refuses fragments spread many times, fragment bombs and cycles before validation can stall', async () => {
    const spread = `fragment A on LegalDocument { replaces(pagination: { limit: 200 }) { documentId abstract } }
      { legalDocuments(pagination: { limit: 200 }) { ${'...A '.repeat(40)} } }`;
    expectBudgetRefusal(await postQuery(cms.url, spread), 'cost');
    // each fragment spreads the next twice: 2^40 selections once expanded (Strapi's depth rule
    // would walk them all)
    const levels = 40;
    const bomb =
      `{ ...F0 } ` +
      Array.from({ length: levels }, (_, i) => (i < levels - 1 ? `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }` : `fragment F${i} on Query { articles { documentId } }`)).join(' ');
    const r = await postQuery(cms.url, bomb);
    expectBudgetRefusal(r, 'selections');
    expect(r.ms).toBeLessThan(1000);
    // the same over GET
    const viaGet = await fetch(`${cms.url}/graphql?query=${encodeURIComponent(bomb)}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(viaGet.status).toBe(400);
    expect(((await viaGet.json()) as any).errors[0].extensions.budget).toBe('selections');
    // and at the endpoint's other spellings the router accepts
    const other = await fetch(`${cms.url}/GraphQL/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: bomb }) });
    expect(other.status).toBe(400);
    expect(((await other.json()) as any).errors[0].extensions.budget).toBe('selections');
    const cycle = `{ articles { ...A } } fragment A on Article { agency { articles { ...A } } }`;
    const c = await postQuery(cms.url, cycle);
    expectBudgetRefusal(c, 'selections');
    expect(c.json.errors[0].message).toMatch(/fragment cycle/);
  });

  it('refuses __typename spam, the same field repeated, directive spam, token floods and huge filters', async () => {
    expectBudgetRefusal(await postQuery(cms.url, `{ articles(pagination: { limit: 200 }) { ${'__typename '.repeat(1500)} } }`), 'selections');
    expectBudgetRefusal(await postQuery(cms.url, `{ articles(pagination: { limit: 200 }) { ${'title '.repeat(1000)} } }`), 'selections');
    expectBudgetRefusal(await postQuery(cms.url, `{ articles { ${'title @include(if: true) '.repeat(50)} } }`), 'directives');
    // 2,000+ tokens of arguments: refused by the token limit before anything else
    expectBudgetRefusal(await postQuery(cms.url, `{ articles(filters: { or: [${'{ title: { eq: "x" } } '.repeat(300)}] }) { title } }`), 'tokens');
    // the same conditions as a variable: tokens do not see them, the filter budget does
    const or = Array.from({ length: 300 }, (_, i) => ({ title: { eq: `x${i}` } }));
    expectBudgetRefusal(await postQuery(cms.url, `query Q($f: ArticleFiltersInput) { articles(filters: $f) { title } }`, { f: { or } }), 'filters');
    const deep = { agency: { articles: { agency: { articles: { agency: { articles: { title: { eq: 'x' } } } } } } } };
    expectBudgetRefusal(await postQuery(cms.url, `query Q($f: ArticleFiltersInput) { articles(filters: $f) { title } }`, { f: deep }), 'filterDepth');
  });

  it('refuses batched (JSON array) bodies and bodies over the size limit', async () => {
    const one = { query: `{ articles(pagination: { limit: 200 }) { title body } }` };
    const batch = await post(cms.url, JSON.stringify(Array.from({ length: 50 }, () => one)));
    expect(batch.status).toBe(400);
    expect(batch.json.errors[0].extensions.budget).toBe('batch');
    expect(batch.json.errors[0].message).toMatch(/batched requests are not accepted/);
    const huge = await post(cms.url, JSON.stringify({ query: `{ articles { title } }`, variables: { pad: 'x'.repeat(BUDGET.maxBodyBytes + 10) } }));
    expectBudgetRefusal(huge, 'bodyBytes', 413);
  });

  it('stops a query under the static budget that resolves too many fields (the last line), answering no partial data', async () => {
    // 15 aliases × 200 articles × 38 fields: ~114k estimated nodes (under the cost budget), as
    // many fields resolved on this data — past the result-node limit
    const fields = `documentId updatedAt publishedAt firstPublishedAt createdAt title slug kind scope summary body coverAlt author source sourceUrl language eventDate
      agency { documentId name shortName slug kind leader updateSchedule pilotEService adminUnitCode introduction organisationStructure functionsAndDuties developmentPlanning naturalSocialConditions socioEconomicOrientation adminUnits sortOrder updatedAt publishedAt }`;
    const q = `{ ${Array.from({ length: BUDGET.maxAliases }, (_, i) => `a${i}: articles(pagination: { limit: 200 }) { ${fields} }`).join(' ')} }`;
    // /_health is probed meanwhile (measured and printed: this is the heaviest kind of request the
    // budget lets start)
    let done = false;
    const health: number[] = [];
    const probe = (async () => {
      while (!done) {
        const t0 = performance.now();
        await (await fetch(`${cms.url}/_health`)).arrayBuffer();
        health.push(performance.now() - t0);
        await new Promise((res) => setTimeout(res, 100));
      }
    })();
    const r = await postQuery(cms.url, q);
    done = true;
    await probe;
    console.log(
      `[query-budget] result-node limit: answered ${r.status} in ${r.ms.toFixed(0)} ms, ${r.bytes} bytes (cost ${r.headers.get('x-query-cost')}); ` +
        `/_health meanwhile: ${health.length} probes, p50 ${percentile(health, 50).toFixed(1)} ms, p95 ${percentile(health, 95).toFixed(1)} ms, max ${Math.max(...health).toFixed(1)} ms`,
    );
    expect(Number(r.headers.get('x-query-cost'))).toBeLessThan(BUDGET.maxCost);
    expectBudgetRefusal(r, 'resultNodes');
    expect(r.bytes).toBeLessThan(10_000);
  });

  it('answers /_health quickly while attacks run in a loop', async () => {
    const attacks = [
      JSON.stringify({ query: AMPLIFIER }),
      JSON.stringify({ query: `{ ${Array.from({ length: BUDGET.maxAliases }, (_, i) => `a${i}: ${NESTED(200, 'documentId title body')}`).join(' ')} }` }),
      JSON.stringify(Array.from({ length: 20 }, () => ({ query: `{ ${NESTED(200, 'title body')} }` }))),
    ];
    let stop = false;
    let sent = 0;
    const statuses = new Map<number, number>();
    const attackerTimes: number[] = [];
    const attacker = async (k: number) => {
      while (!stop) {
        const r = await post(cms.url, attacks[(sent + k) % attacks.length]);
        sent++;
        attackerTimes.push(r.ms);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      }
    };
    const workers = Array.from({ length: 6 }, (_, k) => attacker(k));
    await new Promise((r) => setTimeout(r, 300));
    const health: number[] = [];
    const until = Date.now() + 6000;
    while (Date.now() < until) {
      const t0 = performance.now();
      const res = await fetch(`${cms.url}/_health`);
      await res.arrayBuffer();
      health.push(performance.now() - t0);
      expect(res.status).toBe(204);
      await new Promise((r) => setTimeout(r, 50));
    }
    stop = true;
    await Promise.all(workers);
    const p95 = percentile(health, 95);
    console.log(
      `[query-budget] under attack (6 concurrent, ${sent} attack requests in ~6 s, each answered in p50 ${percentile(attackerTimes, 50).toFixed(0)} ms / max ${Math.max(...attackerTimes).toFixed(0)} ms): ` +
        `/_health ${health.length} probes, p50 ${percentile(health, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${Math.max(...health).toFixed(1)} ms; statuses ${JSON.stringify([...statuses])}`,
    );
    expect([...statuses.keys()]).toEqual([400]);
    expect(p95).toBeLessThan(500);
    // the CMS still serves a normal query afterwards
    const ok = await gql(cms.url, `{ articles(pagination: { limit: 5 }) { title agency { name } } }`);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.articles).toHaveLength(5);
  });

  describe('REST', () => {
    const get = async (qs: string) => {
      const res = await fetch(`${cms.url}/api/articles?${qs}`);
      return { status: res.status, json: (await res.json()) as any };
    };
    const expectRefused = async (qs: string, param: string) => {
      const r = await get(qs);
      expect(r.status, `${qs.slice(0, 120)} → ${JSON.stringify(r.json).slice(0, 300)}`).toBe(400);
      expect(r.json.error.message).toContain(param);
      expect(r.json.error.message).toMatch(/\(.+\)$/); // English in parentheses
      expect(r.json.error.details.errors[0].path).toEqual([param]);
    };

    it('refuses unbounded populates, page sizes, filters and long query strings with 400 naming the parameter', async () => {
      await expectRefused('populate[agency][populate][articles][populate][agency][populate]=*', 'populate');
      await expectRefused('populate[agency][populate][articles]=true', 'populate');
      await expectRefused('populate=agency.articles', 'populate');
      await expectRefused('populate[agency][populate]=*', 'populate');
      await expectRefused('populate[agency][populate][parent][populate][parent][populate][parent]=true', 'populate');
      await expectRefused('pagination[pageSize]=100000', 'pagination[pageSize]');
      await expectRefused('pagination[limit]=5000', 'pagination[limit]');
      await expectRefused(Array.from({ length: 60 }, (_, i) => `filters[$or][${i}][title][$eq]=t${i}`).join('&'), 'filters');
      await expectRefused('filters[agency][articles][agency][articles][agency][articles][title][$eq]=x', 'filters');
      await expectRefused(`filters[title][$eq]=${'a'.repeat(BUDGET.maxQueryLength)}`, 'query');
      const upper = await fetch(`${cms.url}/API/Articles?populate=agency.articles`);
      expect(upper.status).toBe(400);
    });

    it('still serves ordinary REST queries', async () => {
      for (const qs of ['', 'populate=*', 'populate=agency&pagination[pageSize]=100', 'populate[agency][fields][0]=name&filters[title][$contains]=Tin&sort=title:asc']) {
        const r = await get(qs);
        expect(r.status, `${qs}: ${JSON.stringify(r.json).slice(0, 300)}`).toBe(200);
        expect(r.json.data.length).toBeGreaterThan(0);
      }
    });
  });
});

describe(`production mode (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let cms: BootedCms;
  const s = () => randomBytes(36).toString('base64');

  beforeAll(async () => {
    cms = await bootCms({
      env: {
        NODE_ENV: 'production',
        ADMIN_JWT_SECRET: s(),
        APP_KEYS: [s(), s()].join(','),
        API_TOKEN_SALT: s(),
        TRANSFER_TOKEN_SALT: s(),
        ENCRYPTION_KEY: s(),
        JWT_SECRET: s(),
      },
    });
    await cms.strapi.documents('api::agency.agency').create({
      data: { name: 'Sở thử nghiệm chế độ production', kind: 'department', updateSchedule: 'monWedFri', editorialState: 'published' },
      status: 'published',
    });
  });

  afterAll(async () => {
    await cms?.stop();
  });

  it('refuses introspection and answers errors without a stack trace', async () => {
    const intro = await postQuery(cms.url, `{ __schema { types { name } } }`);
    expect(intro.status).toBe(400);
    expect(intro.json.errors[0].message).toMatch(/introspection/i);
    expect(intro.text).not.toContain('stacktrace');
    const typeQuery = await postQuery(cms.url, `{ __type(name: "Article") { fields { name } } }`);
    expect(typeQuery.json.data ?? null).toBeNull();
    // an error answer carries no stack trace
    const bad = await postQuery(cms.url, `{ agencies { nope } }`);
    expect(bad.status).toBe(400);
    expect(bad.text).not.toMatch(/stacktrace|\n\s+at /);
    // the budget holds in production too, and normal queries work
    expectBudgetRefusal(await post(cms.url, JSON.stringify({ query: AMPLIFIER })), 'tokens');
    const ok = await gql(cms.url, `{ agencies { name } }`);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.agencies).toHaveLength(1);
  });

  it('answers REST errors without a stack trace', async () => {
    for (const path of ['/api/articles?filters[nope][$eq]=1', '/api/articles?sort=nope:asc', '/api/articles/does-not-exist', '/api/articles?populate[agency][populate]=*']) {
      const res = await fetch(`${cms.url}${path}`);
      const text = await res.text();
      expect(res.status, `${path}: ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(text, path).not.toMatch(/"stack"|\n\s+at |node_modules/);
    }
  });
});
