/**
 * Query budget (issue 9, class 8: "one request can stall the CMS").
 *
 * One anonymous GraphQL query of 200 aliases of `articles(limit: 200) { agency { articles(limit:
 * 200) } }` returned 199 MB in 12 s and blocked the CMS. Strapi bounds a list's page size
 * (`maxLimit`) and the depth (`depthLimit`) but not what a query multiplies, and REST nested
 * populates have no limit at all. Every content-API request now gets a budget, checked before any
 * database work:
 *
 * GraphQL (`/graphql`):
 * - the request body ≤ {@link QueryBudget.maxBodyBytes} (413), one operation a request (a JSON
 *   array — a batch — is refused), the document ≤ {@link QueryBudget.maxTokens} tokens and
 *   ≤ {@link QueryBudget.maxSelections} field selections once fragments are expanded (fragment
 *   cycles refused) — checked by the Koa middleware below before Apollo parses or validates;
 * - in Apollo (plugin config `apolloServer`, cms/config/plugins.ts → {@link graphqlBudget}):
 *   aliases and directives (GraphQL Armor's rules), depth (Strapi's `depthLimit`), parser token
 *   limit (graphql-js `maxTokens`), and the estimated cost (graphql-query-complexity with
 *   {@link nodeEstimator}: a list costs its page size — its `pagination.limit`/`pageSize`, else
 *   the default limit — times what each item selects, so nested lists multiply, and every
 *   relation, media field or component resolved for a row adds the cost of a database query),
 *   ≤ {@link QueryBudget.maxCost}; filters count their conditions;
 * - while executing, a last line: at most {@link QueryBudget.maxResultNodes} resolved fields,
 *   about {@link QueryBudget.maxResultBytes} bytes of text, and a deadline of
 *   {@link QueryBudget.maxExecutionMs} of the CMS's time (checked before every resolver and
 *   database read, see {@link graphqlBudget}) so that even a query the estimate gets wrong
 *   occupies the CMS for about a second at most; past any of them the answer is an error, not a
 *   partial result.
 *
 * REST (`/api/*`): query string ≤ {@link QueryBudget.maxQueryLength} bytes; `populate` ≤
 * {@link QueryBudget.maxPopulateDepth} levels and {@link QueryBudget.maxPopulate} relations, `*`
 * only at the first level, and no to-many relation populated inside a populated relation (Strapi
 * returns every related row there, unpaginated); `filters` ≤ {@link QueryBudget.maxFilterNodes}
 * conditions and {@link QueryBudget.maxFilterDepth} levels; page size ≤ the REST `maxLimit`.
 * A refusal is HTTP 400 naming the parameter, Vietnamese first, English in parentheses.
 *
 * Every limit has an environment variable (README, "Configuration"). The defaults keep the site's
 * own build queries (site/src/lib/queries, with its `COLLECTION_PAGE_SIZES`: procedures 8 a
 * page, the heaviest at ~21 k of 40 k) under budget with room to spare, and each well inside the
 * deadline: tests/security/query-budget.test.ts runs each of them and prints its cost;
 * bench/query-budget.ts measures the heaviest queries the budget admits (time, `/_health`).
 */
import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  parse,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { AsyncLocalStorage } from 'node:async_hooks';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { PREVIEW_TOKEN_NAME } from '../bootstrap/preview';

/** The limits. Each has an environment variable of the same meaning (see {@link readQueryBudget}). */
export interface QueryBudget {
  /** GRAPHQL_MAX_ALIASES: aliases in one operation (fragments expanded) */
  maxAliases: number;
  /** GRAPHQL_MAX_DIRECTIVES: directives in one operation */
  maxDirectives: number;
  /** GRAPHQL_MAX_TOKENS: lexical tokens of the document */
  maxTokens: number;
  /** GRAPHQL_MAX_SELECTIONS: field selections once fragment spreads are expanded */
  maxSelections: number;
  /** GRAPHQL_MAX_COST: estimated result nodes (nested lists multiply) */
  maxCost: number;
  /** GRAPHQL_MAX_BODY_BYTES: request body (and GET query string) of /graphql */
  maxBodyBytes: number;
  /** GRAPHQL_MAX_RESULT_NODES: fields resolved while executing one request */
  maxResultNodes: number;
  /** GRAPHQL_MAX_RESULT_BYTES: text resolved while executing one request (approximate bytes) */
  maxResultBytes: number;
  /**
   * GRAPHQL_MAX_EXECUTION_MS: time one request may execute, in milliseconds of its share of the
   * CMS (wall time divided by the GraphQL executions in progress alongside, see {@link graphqlBudget})
   */
  maxExecutionMs: number;
  /**
   * GRAPHQL_LOAD_COST: estimated cost of one database load (a relation, media field, component
   * or list resolved for one parent), in result nodes: each is a query of its own
   */
  loadCost: number;
  /**
   * GRAPHQL_COMPONENT_ITEMS: the items a repeatable component list is estimated to hold at most
   * (fewer when the query asks fewer); the content model's `max` of a repeatable component
   * should not exceed it
   */
  maxComponentItems: number;
  /** the plugin's defaultLimit: the size of a list asked without pagination */
  defaultLimit: number;
  /** the plugin's maxLimit: the largest list Strapi returns */
  maxLimit: number;
  /** API_MAX_QUERY_LENGTH: REST query string, bytes */
  maxQueryLength: number;
  /** API_MAX_POPULATE_DEPTH: REST populate levels */
  maxPopulateDepth: number;
  /** API_MAX_POPULATE: REST populated relations/components in one request */
  maxPopulate: number;
  /** API_MAX_FILTER_NODES: conditions (keys) in `filters`, REST and GraphQL */
  maxFilterNodes: number;
  /** API_MAX_FILTER_DEPTH: nesting of `filters`, REST and GraphQL */
  maxFilterDepth: number;
  /** the REST maxLimit (cms/config/api.ts): the largest page size accepted */
  restMaxLimit: number;
}

export const DEFAULT_QUERY_BUDGET: QueryBudget = {
  maxAliases: 15,
  maxDirectives: 10,
  maxTokens: 2000,
  maxSelections: 1000,
  maxCost: 40_000,
  maxBodyBytes: 100 * 1024,
  maxResultNodes: 20_000,
  maxResultBytes: 50 * 1024 * 1024,
  maxExecutionMs: 1000,
  loadCost: 20,
  maxComponentItems: 50,
  defaultLimit: 25,
  maxLimit: 200,
  maxQueryLength: 8 * 1024,
  maxPopulateDepth: 3,
  maxPopulate: 10,
  maxFilterNodes: 50,
  maxFilterDepth: 6,
  restMaxLimit: 100,
};

const ENV_NAMES: Partial<Record<keyof QueryBudget, string>> = {
  maxAliases: 'GRAPHQL_MAX_ALIASES',
  maxDirectives: 'GRAPHQL_MAX_DIRECTIVES',
  maxTokens: 'GRAPHQL_MAX_TOKENS',
  maxSelections: 'GRAPHQL_MAX_SELECTIONS',
  maxCost: 'GRAPHQL_MAX_COST',
  maxBodyBytes: 'GRAPHQL_MAX_BODY_BYTES',
  maxResultNodes: 'GRAPHQL_MAX_RESULT_NODES',
  maxResultBytes: 'GRAPHQL_MAX_RESULT_BYTES',
  maxExecutionMs: 'GRAPHQL_MAX_EXECUTION_MS',
  loadCost: 'GRAPHQL_LOAD_COST',
  maxComponentItems: 'GRAPHQL_COMPONENT_ITEMS',
  maxLimit: 'GRAPHQL_MAX_LIMIT',
  maxQueryLength: 'API_MAX_QUERY_LENGTH',
  maxPopulateDepth: 'API_MAX_POPULATE_DEPTH',
  maxPopulate: 'API_MAX_POPULATE',
  maxFilterNodes: 'API_MAX_FILTER_NODES',
  maxFilterDepth: 'API_MAX_FILTER_DEPTH',
};

/**
 * The budget from the environment: each limit's variable when it is a positive integer, else the
 * default. `overrides` (e.g. the plugin's defaultLimit) win over both.
 */
export function readQueryBudget(env: NodeJS.ProcessEnv = process.env, overrides: Partial<QueryBudget> = {}): QueryBudget {
  const budget = { ...DEFAULT_QUERY_BUDGET };
  for (const [key, name] of Object.entries(ENV_NAMES) as [keyof QueryBudget, string][]) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') continue;
    const n = Number(raw);
    if (Number.isInteger(n) && n > 0) budget[key] = n;
  }
  return { ...budget, ...overrides };
}

/** Machine-readable code of every budget refusal (GraphQL `extensions.code`, REST `error.name`). */
export const BUDGET_CODE = 'QUERY_BUDGET_EXCEEDED';

/** Vietnamese and English names of each GraphQL budget dimension, for the messages. */
const GQL_DIMENSIONS = {
  aliases: ['số bí danh (alias)', 'aliases'],
  directives: ['số chỉ thị (directive)', 'directives'],
  tokens: ['số token của truy vấn', 'tokens'],
  selections: ['số trường khi mở rộng fragment', 'selections'],
  cost: ['số nút kết quả ước tính', 'estimated cost'],
  bodyBytes: ['kích thước yêu cầu (byte)', 'request body bytes'],
  resultNodes: ['số trường đã trả về', 'result nodes'],
  resultBytes: ['kích thước kết quả (byte)', 'result bytes'],
  time: ['thời gian xử lý (ms)', 'execution time (ms)'],
  filters: ['số điều kiện lọc (filters)', 'filter conditions'],
  filterDepth: ['độ sâu điều kiện lọc (filters)', 'filter depth'],
  nesting: ['danh sách quan hệ một-nhiều lồng trong một danh sách', 'one-to-many relation lists nested in a list'],
} as const;
export type GqlDimension = keyof typeof GQL_DIMENSIONS;

/** The message of a GraphQL budget refusal: which budget, the limit and what the query has. */
export function gqlBudgetMessage(dimension: GqlDimension, limit: number, actual?: number): string {
  const [vi, en] = GQL_DIMENSIONS[dimension];
  const found = actual === undefined ? '' : `: ${actual}`;
  const foundEn = actual === undefined ? `over ${limit}` : `${actual} > ${limit}`;
  return `Truy vấn vượt ngân sách: ${vi} tối đa ${limit}${found} (query budget exceeded: ${en} ${foundEn})`;
}

/** A GraphQL error of a budget refusal, answered with HTTP `status` (400 unless told). */
export function budgetError(dimension: GqlDimension, limit: number, actual?: number, status = 400): GraphQLError {
  return new GraphQLError(gqlBudgetMessage(dimension, limit, actual), {
    extensions: { code: BUDGET_CODE, budget: dimension, limit, ...(actual === undefined ? {} : { actual }), http: { status } },
  });
}

// ---------------------------------------------------------------------------------------------
// Filters (REST `filters` and GraphQL `filters:` arguments)
// ---------------------------------------------------------------------------------------------

/**
 * Size of a filter tree: `nodes` = object keys (field names, operators, `$and`/`$or`/`$not`),
 * arrays of objects walked (each `$or` branch), arrays of scalars (`$in` values) counted as one
 * operand; `depth` = keys on the longest path (`{ title: { $eq } }` is 2).
 */
export function filterSize(value: unknown, depth = 0, acc = { nodes: 0, depth: 0 }): { nodes: number; depth: number } {
  if (acc.nodes > 100_000) return acc;
  if (Array.isArray(value)) {
    for (const v of value) if (v !== null && typeof v === 'object') filterSize(v, depth, acc);
    return acc;
  }
  if (value === null || typeof value !== 'object') return acc;
  for (const v of Object.values(value as Record<string, unknown>)) {
    acc.nodes++;
    acc.depth = Math.max(acc.depth, depth + 1);
    filterSize(v, depth + 1, acc);
  }
  return acc;
}

// ---------------------------------------------------------------------------------------------
// GraphQL: static estimation (Apollo plugin) and the runtime last line
// ---------------------------------------------------------------------------------------------

/** Page size a list field asks for, as Strapi applies it (default limit, clamped to maxLimit). */
function listSize(args: Record<string, any>, hasPaginationArg: boolean, budget: QueryBudget): number {
  if (!hasPaginationArg) return budget.maxLimit;
  const p = args?.pagination ?? {};
  const asked = p.limit ?? p.pageSize;
  if (asked === undefined || asked === null) return budget.defaultLimit;
  const n = Number(asked);
  if (!Number.isFinite(n) || n < 0 || n > budget.maxLimit) return budget.maxLimit; // -1 = "all" = maxLimit
  return Math.max(1, n);
}

/** A Strapi component type of the GraphQL schema (`ComponentProcedureStep`, …). */
const isComponentType = (name: string) => name.startsWith('Component');

/**
 * graphql-query-complexity estimator counting result nodes and database loads: a field costs 1
 * plus what it selects; a list field (or a Strapi `*_connection`) multiplies that by its page
 * size — a repeatable component list by at most {@link QueryBudget.maxComponentItems}; the
 * `nodes` of a connection are already counted by the connection. A field that resolves to an
 * object (an entry, a relation, a media file, a component, a list of them) is a database query of
 * its own for each parent: it adds {@link QueryBudget.loadCost} — a relation of 200 rows with one
 * field each costs about as much to serve as 20 such relations of one row. Introspection's own
 * lists (`__schema`, `__type`) count once per item selected. A `filters` argument adds its
 * conditions.
 */
export function nodeEstimator(budget: QueryBudget): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    const nullable = getNullableType(field.type);
    const named = getNamedType(field.type);
    if (type.name.startsWith('__') || named.name.startsWith('__')) return 1 + childComplexity;
    const isConnection = named.name.endsWith('EntityResponseCollection');
    const parentIsConnection = type.name.endsWith('EntityResponseCollection');
    let multiplier = 1;
    if (isConnection || (isListType(nullable) && !parentIsConnection)) {
      multiplier = listSize(
        args,
        field.args.some((a) => a.name === 'pagination'),
        budget,
      );
      if (isComponentType(named.name)) multiplier = Math.min(multiplier, budget.maxComponentItems);
    }
    // a connection's nodes come with the connection's own query
    const load = isObjectType(named) && !(parentIsConnection && field.name === 'nodes') ? budget.loadCost : 0;
    const filters = args?.filters ? filterSize(args.filters).nodes : 0;
    return multiplier * (1 + childComplexity) + load + filters;
  };
}

/** Checks the `filters` arguments of a document's fields against the filter budget. */
function checkGraphqlFilters(document: DocumentNode, variables: Record<string, unknown>, budget: QueryBudget): void {
  const valueOf = (node: any): unknown => {
    switch (node.kind) {
      case Kind.VARIABLE:
        return variables?.[node.name.value];
      case Kind.OBJECT:
        return Object.fromEntries(node.fields.map((f: any) => [f.name.value, valueOf(f.value)]));
      case Kind.LIST:
        return node.values.map(valueOf);
      default:
        return (node as any).value ?? null;
    }
  };
  const visit = (node: any): void => {
    if (!node || typeof node !== 'object') return;
    if (node.kind === Kind.FIELD) {
      for (const arg of node.arguments ?? []) {
        if (arg.name.value !== 'filters') continue;
        const size = filterSize(valueOf(arg.value));
        if (size.nodes > budget.maxFilterNodes) throw budgetError('filters', budget.maxFilterNodes, size.nodes);
        if (size.depth > budget.maxFilterDepth) throw budgetError('filterDepth', budget.maxFilterDepth, size.depth);
      }
    }
    if (node.selectionSet) for (const s of node.selectionSet.selections) visit(s);
    if (node.kind === Kind.DOCUMENT) for (const d of node.definitions) visit(d);
  };
  visit(document);
}

/** Reports a GraphQL Armor refusal as a validation error (HTTP 400) instead of throwing (500). */
const reportAs =
  (dimension: GqlDimension, limit: number) =>
  (ctx: ValidationContext | null, error: GraphQLError): void => {
    const found = /found (\d+)/.exec(error.message);
    ctx?.reportError(budgetError(dimension, limit, found ? Number(found[1]) : undefined));
  };

/** Approximate bytes a resolved value adds to the answer (strings and JSON values). */
function resultBytes(value: unknown): number {
  if (typeof value === 'string') return value.length + 2;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    // JSON scalars (e.g. adminUnits) arrive as plain objects; object types are counted per field
    return 0;
  }
  return 0;
}

/**
 * The GraphQL fields that list the "many" side of a many-to-one (`Agency.articles`, a
 * `oneToMany` with `mappedBy`): an agency has thousands of articles. Selected inside another list
 * (`articles { agency { articles } }`) each item pulls a full page of them — the reported
 * amplification — so that shape is refused outright; the site never asks it (it reads relations
 * from the owning side). Built from the content types, once.
 */
export function hubFields(strapi: any): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const naming = strapi?.plugin?.('graphql')?.service?.('utils')?.naming;
  for (const ct of Object.values<any>(strapi?.contentTypes ?? {})) {
    if (!String(ct.uid).startsWith('api::')) continue;
    const typeName = naming ? naming.getTypeName(ct) : undefined;
    if (!typeName) continue;
    for (const [name, a] of Object.entries<any>(ct.attributes ?? {})) {
      if (a.type === 'relation' && a.relation === 'oneToMany' && a.mappedBy) {
        if (!out.has(typeName)) out.set(typeName, new Set());
        out.get(typeName)!.add(name).add(`${name}_connection`);
      }
    }
  }
  return out;
}

/**
 * The first hub field (see {@link hubFields}) selected inside a list, as `Type.field`, or null.
 * Follows fragment spreads (the document is already bounded by the selection budget).
 */
export function nestedHub(schema: any, document: DocumentNode, operationName: string | undefined, hubs: Map<string, Set<string>>): string | null {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const ops = document.definitions.filter((d: any) => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName)) as any[];
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined, type: any, inList: boolean): string | null => {
    if (!set || !type || typeof type.getFields !== 'function') return null;
    const fields = type.getFields();
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const def = fields[sel.name.value];
        if (!def) continue;
        const named: any = getNamedType(def.type);
        const isList = isListType(getNullableType(def.type)) || named.name.endsWith('EntityResponseCollection');
        if (inList && hubs.get(type.name)?.has(sel.name.value)) return `${type.name}.${sel.name.value}`;
        const r = walk(sel.selectionSet, named, inList || isList);
        if (r) return r;
      } else {
        const cond = sel.kind === Kind.INLINE_FRAGMENT ? sel.typeCondition : fragments.get(sel.name.value)?.typeCondition;
        const next = cond ? schema.getType(cond.name.value) : type;
        const body = sel.kind === Kind.INLINE_FRAGMENT ? sel.selectionSet : fragments.get(sel.name.value)?.selectionSet;
        const key = sel.kind === Kind.FRAGMENT_SPREAD ? `${sel.name.value}:${inList}` : '';
        if (key) {
          if (seen.has(key)) continue;
          seen.add(key);
        }
        const r = walk(body, next, inList);
        if (r) return r;
      }
    }
    return null;
  };
  for (const op of ops) {
    const root = op.operation === 'query' ? schema.getQueryType() : op.operation === 'mutation' ? schema.getMutationType() : null;
    const r = walk(op.selectionSet, root, false);
    if (r) return r;
  }
  return null;
}

/**
 * The clock of one GraphQL request (its deadline), shared by the Apollo plugin and the database
 * hook through {@link executionClock}: both charge it and both stop once it is past.
 */
interface ExecutionClock {
  /** set while the operation executes */
  running: boolean;
  /** the deadline, ms of the request's share of the CMS */
  limitMs: number;
  /** performance.now() when execution started, and at the last charge */
  started: number;
  last: number;
  /** the process's CPU time (ms) at the last charge */
  lastCpu: number;
  /** ms charged so far */
  charged: number;
  /** the budget error once a limit is passed (the deadline or the last line) */
  exceeded: GraphQLError | null;
}

/** The current request's clock: set by the Koa middleware around the GraphQL endpoint. */
const executionClock = new AsyncLocalStorage<ExecutionClock>();
const newClock = (): ExecutionClock => ({ running: false, limitMs: Infinity, started: 0, last: 0, lastCpu: 0, charged: 0, exceeded: null });

/** CPU time of this process (user + system), ms. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * However little CPU it is charged for (e.g. waiting on PostgreSQL), an execution stops after this
 * many times the deadline of wall time.
 */
export const WALL_DEADLINE_FACTOR = 10;

/** Starts a clock (the execution begins). */
function startClock(clock: ExecutionClock): void {
  clock.running = true;
  clock.started = clock.last = performance.now();
  clock.lastCpu = cpuMs();
}

/** GraphQL executions in progress in this process (the deadline divides wall time among them). */
let activeExecutions = 0;

/**
 * Charges a running clock with the CMS's time since its last charge — the wall time, or the
 * process's CPU time when less (other processes had the machine) — divided by the executions in
 * progress; returns the budget error once past the deadline or {@link WALL_DEADLINE_FACTOR} times
 * it of wall time (or once another limit was passed).
 */
function chargeClock(clock: ExecutionClock): GraphQLError | null {
  if (clock.exceeded) return clock.exceeded;
  const now = performance.now();
  const cpu = cpuMs();
  clock.charged += Math.max(0, Math.min(now - clock.last, cpu - clock.lastCpu)) / Math.max(1, activeExecutions);
  clock.last = now;
  clock.lastCpu = cpu;
  if (clock.charged > clock.limitMs || now - clock.started > clock.limitMs * WALL_DEADLINE_FACTOR) clock.exceeded = budgetError('time', clock.limitMs);
  return clock.exceeded;
}

const hookedDatabases = new WeakSet<object>();

/**
 * Makes every read of an executing GraphQL request check its clock first (knex's `query` event
 * is emitted synchronously before a query runs, also inside transactions): past the deadline the
 * SELECT fails with the budget error instead of running. graphql-js starts the resolvers of a
 * whole list at once, so without this the loads already queued when the deadline passed would all
 * still run. Only reads are stopped: the document service wraps each read in a transaction whose
 * BEGIN, COMMIT and ROLLBACK must run, or the connection would stay inside it.
 */
export function hookDatabaseDeadline(knex: any): void {
  if (!knex || typeof knex.on !== 'function' || hookedDatabases.has(knex)) return;
  hookedDatabases.add(knex);
  knex.on('query', (query: { sql?: string }) => {
    const clock = executionClock.getStore();
    if (!clock?.running || !/^\s*(select|with)\b/i.test(query?.sql ?? '')) return;
    const error = chargeClock(clock);
    if (error) throw error;
  });
}

/**
 * The `apolloServer` options of @strapi/plugin-graphql that enforce the budget (the plugin
 * concatenates `validationRules` and `plugins` with its own: depthLimit, landing page).
 *
 * The deadline ({@link QueryBudget.maxExecutionMs}) is charged before each resolver and before
 * each database query ({@link hookDatabaseDeadline}): the CMS's time since the last charge (wall
 * time, or the process's CPU time when less), divided by the GraphQL executions in progress. A
 * request is thus stopped once it has had about that much of the CMS to itself — one heavy query
 * alone after about that wall time on an idle machine (on SQLite, whose driver is synchronous, it
 * holds the event loop meanwhile) — while the site's build, which runs a few page queries side by
 * side, is not charged for the time they share, nor for a machine busy with other processes.
 * Past {@link WALL_DEADLINE_FACTOR} times the deadline of wall time it stops regardless. The
 * answer is then the budget error, not partial data.
 */
/** Deadline of the preview-only token's requests (ms), env GRAPHQL_TRUSTED_EXECUTION_MS, default 30 s. */
const TRUSTED_EXECUTION_MS = () => Number(process.env.GRAPHQL_TRUSTED_EXECUTION_MS) || 30_000;

export function graphqlBudget(budget: QueryBudget) {
  const estimator = nodeEstimator(budget);
  let hubs: Map<string, Set<string>> | undefined;
  return {
    // graphql-js counts tokens while parsing and stops at the limit
    parseOptions: { maxTokens: budget.maxTokens },
    // one operation a request (Apollo's default; the middleware also refuses a JSON array body)
    allowBatchedHttpRequests: false,
    validationRules: [
      maxAliasesRule({ n: budget.maxAliases, propagateOnRejection: false, onReject: [reportAs('aliases', budget.maxAliases)] }),
      maxDirectivesRule({ n: budget.maxDirectives, propagateOnRejection: false, onReject: [reportAs('directives', budget.maxDirectives)] }),
    ],
    plugins: [
      {
        async requestDidStart(rc: any) {
          let resolvedFields = 0;
          let bytes = 0;
          // the middleware's clock (so the database hook sees it), or one of this request's own
          const clock = executionClock.getStore() ?? newClock();
          // the publisher's own builds and previews (the preview-only token, a server secret) are
          // not an anonymous attacker: the same cost budget, but a deadline a loaded machine cannot
          // miss on a legitimate page (GRAPHQL_TRUSTED_EXECUTION_MS)
          const credentials = rc?.contextValue?.koaContext?.state?.auth?.credentials ?? rc?.contextValue?.state?.auth?.credentials;
          const trusted = credentials?.name === PREVIEW_TOKEN_NAME && credentials?.type === 'custom';
          clock.limitMs = trusted ? Math.max(budget.maxExecutionMs, TRUSTED_EXECUTION_MS()) : budget.maxExecutionMs;
          return {
            async didResolveOperation(rc: any) {
              const variables = rc.request.variables ?? {};
              hubs ??= hubFields((globalThis as any).strapi);
              const hub = nestedHub(rc.schema, rc.document, rc.request.operationName ?? undefined, hubs);
              if (hub) {
                throw new GraphQLError(
                  `Truy vấn vượt ngân sách: không được lấy danh sách ${hub} lồng trong một danh sách khác (query budget exceeded: one-to-many list ${hub} nested in a list)`,
                  { extensions: { code: BUDGET_CODE, budget: 'nesting', field: hub, http: { status: 400 } } },
                );
              }
              checkGraphqlFilters(rc.document, variables, budget);
              const cost = getComplexity({
                schema: rc.schema,
                query: rc.document,
                operationName: rc.request.operationName ?? undefined,
                variables,
                estimators: [estimator],
                maxQueryNodes: budget.maxSelections * 2,
              });
              rc.response.http?.headers.set('x-query-cost', String(cost));
              if (cost > budget.maxCost) throw budgetError('cost', budget.maxCost, cost);
            },
            async executionDidStart() {
              activeExecutions++;
              startClock(clock);
              const stop = (error: GraphQLError): never => {
                clock.exceeded ??= error;
                throw clock.exceeded;
              };
              return {
                willResolveField() {
                  const late = chargeClock(clock);
                  if (late) throw late;
                  if (++resolvedFields > budget.maxResultNodes) stop(budgetError('resultNodes', budget.maxResultNodes));
                  if (bytes > budget.maxResultBytes) stop(budgetError('resultBytes', budget.maxResultBytes));
                  return (_error: unknown, result: unknown) => {
                    bytes += resultBytes(result);
                  };
                },
                async executionDidEnd() {
                  if (clock.running) activeExecutions--;
                  clock.running = false;
                },
              };
            },
            async willSendResponse(rc: any) {
              // past the last line the answer is the error alone, not a partial result
              const exceeded = clock.exceeded;
              if (exceeded && rc.response.body?.kind === 'single') {
                rc.response.body.singleResult = {
                  errors: [
                    { message: exceeded.message, extensions: { code: BUDGET_CODE, budget: exceeded.extensions.budget, limit: exceeded.extensions.limit } },
                  ],
                };
                rc.response.http.status = 400;
              }
            },
          };
        },
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// GraphQL: the document checks that must run before Apollo validates
// ---------------------------------------------------------------------------------------------

/**
 * Field selections of a document with every fragment spread expanded (what validation and
 * execution walk), computed once per fragment; a fragment cycle is refused. Strapi's depth rule
 * (graphql-depth-limit) walks every spread again without memo, so a chain of fragments each
 * spreading the next twice would take exponential time there: this check runs first.
 * @returns the count, or 'cycle'
 */
export function expandedSelections(document: DocumentNode, cap: number): number | 'cycle' {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const memo = new Map<string, number>();
  const active = new Set<string>();
  let cycle = false;
  const count = (set: SelectionSetNode | undefined): number => {
    if (!set) return 0;
    let n = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) n += 1 + count(s.selectionSet);
      else if (s.kind === Kind.INLINE_FRAGMENT) n += count(s.selectionSet);
      else {
        const name = s.name.value;
        if (active.has(name)) {
          cycle = true;
          continue;
        }
        let m = memo.get(name);
        if (m === undefined) {
          const f = fragments.get(name);
          active.add(name);
          m = f ? count(f.selectionSet) : 0;
          active.delete(name);
          memo.set(name, m);
        }
        n += m;
      }
      if (n > cap) return n; // large enough to refuse: stop adding
    }
    return n;
  };
  let total = 0;
  for (const d of document.definitions) {
    if (d.kind === Kind.OPERATION_DEFINITION) total = Math.max(total, count(d.selectionSet));
  }
  for (const [name, f] of fragments) if (!memo.has(name)) count(f.selectionSet);
  return cycle ? 'cycle' : total;
}

/** Why a GraphQL document is refused before Apollo sees it, or null. */
export function graphqlDocumentProblem(query: unknown, budget: QueryBudget): GraphQLError | null {
  if (typeof query !== 'string') return null; // Apollo answers a missing/odd query itself
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: budget.maxTokens });
  } catch (e: any) {
    if (/more th\w+ \d+ tokens/.test(String(e?.message))) return budgetError('tokens', budget.maxTokens);
    return null; // a syntax error: Apollo answers it
  }
  const n = expandedSelections(document, budget.maxSelections);
  if (n === 'cycle') {
    return new GraphQLError('Fragment tự tham chiếu (vòng lặp fragment) không được phép (query budget exceeded: fragment cycle)', {
      extensions: { code: BUDGET_CODE, budget: 'selections', http: { status: 400 } },
    });
  }
  if (n > budget.maxSelections) return budgetError('selections', budget.maxSelections, n);
  return null;
}

// ---------------------------------------------------------------------------------------------
// REST
// ---------------------------------------------------------------------------------------------

/** A REST refusal: the parameter at fault and the message. */
export interface RestProblem {
  param: string;
  message: string;
}

const restProblem = (param: string, vi: string, en: string): RestProblem => ({
  param,
  message: `Tham số ${param}: ${vi} (${en})`,
});

/** Strapi attribute shape, as much as the populate check needs. */
interface Attr {
  type: string;
  relation?: string;
  target?: string;
  multiple?: boolean;
  component?: string;
  repeatable?: boolean;
}
type ModelLookup = (uid: string) => { attributes: Record<string, Attr> } | undefined;

const isToMany = (a: Attr | undefined): boolean =>
  !!a && ((a.type === 'relation' && /ToMany$|^morphMany$/.test(a.relation ?? '')) || (a.type === 'media' && !!a.multiple));
const isRelationLike = (a: Attr | undefined): boolean => !!a && (a.type === 'relation' || a.type === 'media');
const targetOf = (a: Attr | undefined): string | undefined =>
  !a ? undefined : a.type === 'relation' ? a.target : a.type === 'media' ? 'plugin::upload.file' : a.type === 'component' ? a.component : undefined;

/**
 * Walks a REST `populate` value (string, comma list, dotted paths, array, nested object with
 * `populate`/`on`), calling `visit(name, depth, parentUid, underRelation)` for each populated
 * attribute; `*` is reported as the name `*`.
 */
function walkPopulate(
  value: unknown,
  depth: number,
  uid: string | undefined,
  underRelation: boolean,
  visit: (name: string, depth: number, uid: string | undefined, underRelation: boolean) => { uid?: string; relation: boolean } | undefined,
  guard = { steps: 0 },
): void {
  if (++guard.steps > 10_000) return;
  if (value === undefined || value === null || value === '' || value === false || value === 'false') return;
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') {
    if (value === true || value === 'true') return;
    for (const path of String(value)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      let d = depth;
      let u = uid;
      let under = underRelation;
      for (const name of path.split('.')) {
        const r = visit(name, d, u, under);
        u = r ? r.uid : undefined;
        under = under || !!r?.relation;
        d++;
      }
    }
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) walkPopulate(v, depth, uid, underRelation, visit, guard);
    return;
  }
  if (typeof value === 'object') {
    for (const [name, sub] of Object.entries(value as Record<string, unknown>)) {
      const r = visit(name, depth, uid, underRelation);
      if (sub && typeof sub === 'object' && !Array.isArray(sub)) {
        const s = sub as Record<string, unknown>;
        const nextUnder = underRelation || !!r?.relation;
        if ('populate' in s) walkPopulate(s.populate, depth + 1, r ? r.uid : undefined, nextUnder, visit, guard);
        if (s.on && typeof s.on === 'object') {
          // dynamic zone: each component's own populate, one level down
          for (const [comp, cs] of Object.entries(s.on as Record<string, unknown>)) {
            if (cs && typeof cs === 'object' && 'populate' in (cs as any)) walkPopulate((cs as any).populate, depth + 1, comp, nextUnder, visit, guard);
          }
        }
      } else if (sub === '*' || (typeof sub === 'string' && sub !== 'true' && sub !== 'false' && sub !== '')) {
        // populate[agency]=* is read by Strapi as populate[agency][populate]=*
        if (sub === '*') walkPopulate('*', depth + 1, r ? r.uid : undefined, underRelation || !!r?.relation, visit, guard);
      }
    }
  }
}

/**
 * Why a REST query is refused, or null.
 * @param querystring the raw query string (length checked)
 * @param query the parsed query (Strapi's qs parse)
 * @param uid the content type of the route when known (enables the to-many check)
 */
export function restQueryProblem(querystring: string, query: Record<string, any>, budget: QueryBudget, uid?: string, model?: ModelLookup): RestProblem | null {
  const bytes = Buffer.byteLength(querystring ?? '');
  if (bytes > budget.maxQueryLength) {
    return restProblem('query', `chuỗi truy vấn dài ${bytes} byte, tối đa ${budget.maxQueryLength}`, `query string ${bytes} > ${budget.maxQueryLength} bytes`);
  }
  if (query.populate !== undefined) {
    let count = 0;
    let maxDepth = 0;
    let problem: RestProblem | null = null;
    walkPopulate(query.populate, 1, uid, false, (name, depth, parentUid, underRelation) => {
      if (problem) return undefined;
      count++;
      maxDepth = Math.max(maxDepth, depth);
      if (name === '*' && depth > 1) {
        problem = restProblem('populate', `"*" chỉ được dùng ở cấp đầu tiên (cấp ${depth})`, `"*" is allowed at the first level only, found at level ${depth}`);
        return undefined;
      }
      const attr = parentUid && model ? model(parentUid)?.attributes?.[name] : undefined;
      if (underRelation && isToMany(attr)) {
        problem = restProblem(
          'populate',
          `không được lấy quan hệ nhiều "${name}" lồng trong một quan hệ khác (Strapi trả về mọi bản ghi liên quan, không phân trang)`,
          `to-many relation "${name}" may not be populated inside another relation: it is not paginated`,
        );
        return undefined;
      }
      return { uid: targetOf(attr), relation: isRelationLike(attr) || (!attr && name !== '*') };
    });
    if (problem) return problem;
    if (maxDepth > budget.maxPopulateDepth) {
      return restProblem('populate', `lồng ${maxDepth} cấp, tối đa ${budget.maxPopulateDepth}`, `depth ${maxDepth} > ${budget.maxPopulateDepth}`);
    }
    if (count > budget.maxPopulate) {
      return restProblem('populate', `${count} quan hệ, tối đa ${budget.maxPopulate}`, `${count} populated relations > ${budget.maxPopulate}`);
    }
  }
  for (const key of ['filters', 'where'] as const) {
    if (query[key] === undefined) continue;
    const size = filterSize(query[key]);
    if (size.nodes > budget.maxFilterNodes) {
      return restProblem(key, `${size.nodes} điều kiện, tối đa ${budget.maxFilterNodes}`, `${size.nodes} conditions > ${budget.maxFilterNodes}`);
    }
    if (size.depth > budget.maxFilterDepth) {
      return restProblem(key, `lồng ${size.depth} cấp, tối đa ${budget.maxFilterDepth}`, `depth ${size.depth} > ${budget.maxFilterDepth}`);
    }
  }
  const pagination = query.pagination;
  if (pagination && typeof pagination === 'object') {
    for (const k of ['pageSize', 'limit'] as const) {
      if (pagination[k] === undefined) continue;
      const n = Number(pagination[k]);
      if (!(Number.isInteger(n) && (n === -1 || (n >= 0 && n <= budget.restMaxLimit)))) {
        return restProblem(`pagination[${k}]`, `tối đa ${budget.restMaxLimit} bản ghi một trang`, `at most ${budget.restMaxLimit} per page`);
      }
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The Koa middleware (cms/config/middlewares.ts: { resolve: './src/lib/query-budget' })
// ---------------------------------------------------------------------------------------------

class BodyTooLarge extends Error {}

/** Reads a request body, at most `limit` bytes (BodyTooLarge past it). */
async function readBody(req: NodeJS.ReadableStream & { destroy?: () => void }, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendGraphqlError(ctx: any, error: GraphQLError, status = 400): void {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = { errors: [{ message: error.message, extensions: { ...error.extensions, http: undefined } }] };
}

/**
 * Koa middleware factory (Strapi `resolve` middleware): the budget of `/graphql` requests that
 * must hold before Apollo (body size, batches, tokens, expanded fragments) and of `/api/*` query
 * strings. `config` may override limits (tests); the environment sets them otherwise.
 */
export default (config: Partial<QueryBudget> = {}, { strapi }: { strapi: any }) => {
  const gqlConfig = strapi.plugin?.('graphql')?.config;
  const endpoint: string = gqlConfig?.('endpoint') ?? '/graphql';
  const budget = readQueryBudget(process.env, {
    ...(gqlConfig ? { defaultLimit: gqlConfig('defaultLimit') ?? 25, maxLimit: gqlConfig('maxLimit') ?? 200 } : {}),
    restMaxLimit: strapi.config?.get?.('api.rest.maxLimit') ?? DEFAULT_QUERY_BUDGET.restMaxLimit,
    ...config,
  });
  const byPlural = new Map<string, string>();
  const uidOf = (segment: string): string | undefined => {
    if (byPlural.size === 0) {
      for (const [uid, ct] of Object.entries<any>(strapi.contentTypes ?? {})) {
        if (!uid.startsWith('api::')) continue;
        byPlural.set(ct.info?.pluralName, uid);
        byPlural.set(ct.info?.singularName, uid);
      }
    }
    return byPlural.get(segment);
  };
  const model: ModelLookup = (uid) => strapi.getModel?.(uid);

  const refuse = (ctx: any, what: string) => {
    strapi.log?.warn?.(`[query-budget] refused ${ctx.method} ${ctx.path.slice(0, 200)}: ${what}`);
  };

  // the router matches the endpoint case-insensitively and with a trailing slash
  const isEndpoint = (path: string) => path.replace(/\/+$/, '').toLowerCase() === endpoint.toLowerCase();
  return async (ctx: any, next: () => Promise<unknown>) => {
    if (isEndpoint(ctx.path)) {
      if (Buffer.byteLength(ctx.querystring ?? '') > budget.maxBodyBytes) {
        refuse(ctx, 'query string too long');
        return sendGraphqlError(ctx, budgetError('bodyBytes', budget.maxBodyBytes, undefined, 413), 413);
      }
      let query: unknown;
      if (ctx.method === 'POST') {
        const length = Number(ctx.get('content-length') || 0);
        if (length > budget.maxBodyBytes) {
          refuse(ctx, `body of ${length} bytes`);
          ctx.set('connection', 'close');
          return sendGraphqlError(ctx, budgetError('bodyBytes', budget.maxBodyBytes, length, 413), 413);
        }
        if (ctx.is('application/json') || ctx.is('+json')) {
          let text: string;
          try {
            text = await readBody(ctx.req, budget.maxBodyBytes);
          } catch (e) {
            if (!(e instanceof BodyTooLarge)) throw e;
            refuse(ctx, 'body too large');
            ctx.set('connection', 'close');
            return sendGraphqlError(ctx, budgetError('bodyBytes', budget.maxBodyBytes, undefined, 413), 413);
          }
          let body: any;
          try {
            body = text.trim() === '' ? {} : JSON.parse(text);
          } catch {
            return sendGraphqlError(
              ctx,
              new GraphQLError('Nội dung yêu cầu không phải JSON hợp lệ (request body is not valid JSON)', { extensions: { code: 'BAD_REQUEST' } }),
            );
          }
          if (Array.isArray(body)) {
            refuse(ctx, `batch of ${body.length}`);
            return sendGraphqlError(
              ctx,
              new GraphQLError('Mỗi yêu cầu chỉ được gửi một truy vấn, không gửi theo lô (query budget exceeded: batched requests are not accepted)', {
                extensions: { code: BUDGET_CODE, budget: 'batch', limit: 1, actual: body.length },
              }),
            );
          }
          // Apollo's Koa integration reads ctx.request.body; koa-bodyparser skips a parsed body
          ctx.request.body = body;
          query = body?.query;
        }
      } else if (ctx.method === 'GET') {
        query = ctx.query?.query;
      }
      const problem = graphqlDocumentProblem(query, budget);
      if (problem) {
        refuse(ctx, problem.message);
        return sendGraphqlError(ctx, problem);
      }
      // the execution deadline: a clock for this request, seen by the database queries it makes
      hookDatabaseDeadline(strapi.db?.connection);
      return executionClock.run(newClock(), next);
    }
    if (/^\/api(\/|$)/i.test(ctx.path)) {
      const raw = String(ctx.querystring ?? '');
      let problem: RestProblem | null;
      if (Buffer.byteLength(raw) > budget.maxQueryLength) problem = restQueryProblem(raw, {}, budget);
      else problem = restQueryProblem(raw, ctx.query ?? {}, budget, uidOf(String(ctx.path.split('/')[2] ?? '').toLowerCase()), model);
      if (problem) {
        refuse(ctx, problem.message);
        ctx.status = 400;
        ctx.body = {
          data: null,
          error: {
            status: 400,
            name: 'ValidationError',
            message: problem.message,
            details: { code: BUDGET_CODE, errors: [{ path: [problem.param], message: problem.message, name: 'ValidationError' }] },
          },
        };
        return;
      }
    }
    return next();
  };
};
