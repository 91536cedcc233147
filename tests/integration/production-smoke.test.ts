/**
 * Issue 10, item 5 ("production that starts"): the production setup, without Docker. The CMS and
 * the publisher are started with the exact commands and environment of docker-compose.yml
 * (NODE_ENV=production, PostgreSQL, every secret from the environment — random here), with only
 * the container network translated to this machine (service names → 127.0.0.1, free ports, a
 * fresh database owned by the local `postgres` user, /data → a temporary folder). Before that, the
 * Dockerfile's build step runs when the admin panel build is missing or older than its sources
 * (the check of scripts/start.sh), and the real seed data is imported with `npm run seed` in the
 * same production environment. Checked over HTTP: the CMS's /_health (and compose's healthcheck
 * command), the publisher's /status showing a release, the homepage and an article page with the
 * security headers; then both are stopped with SIGTERM, as `docker stop` does.
 *
 * Always PostgreSQL, whatever TEST_DB says: run it in one pass of scripts/test.sh only.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '@cong/shared';
import { cmsDir, freePort, repoRoot } from '../helpers/strapi';

const compose = parseYaml(fs.readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8'));
const dockerfile = fs.readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');

/** Compose's `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}` and `$$`. */
function interpolate(value: string, vars: Record<string, string | undefined>): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}/g, (all, name, colon, op, arg) => {
    if (all === '$$') return '$';
    const v = vars[name];
    const missing = v === undefined || (colon === ':' && v === '');
    if (op === '-') return missing ? arg : v!;
    if (op === '?' && missing) throw new Error(`docker-compose.yml: ${name}: ${arg}`);
    return v ?? '';
  });
}

function serviceEnv(service: string, vars: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries<any>(compose.services[service].environment ?? {})) env[k] = interpolate(String(v), vars);
  return env;
}

/** Sets `key` in a compose environment, which must already have it (so this test follows the compose file). */
function override(env: Record<string, string>, service: string, values: Record<string, string>) {
  for (const [k, v] of Object.entries(values)) {
    expect(env, `docker-compose.yml services.${service}.environment has no ${k}`).toHaveProperty(k);
    env[k] = v;
  }
}

const secret = () => randomBytes(48).toString('base64url');
const dbName = `cong_prod_${randomBytes(4).toString('hex')}`;
const pgAdmin = () => new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });

let tmp: string;
let cmsUrl: string;
let pubUrl: string;
let cmsPort: number;
let cmsEnv: Record<string, string>;
let pubEnv: Record<string, string>;
const procs: { name: string; child: ChildProcess; log: string[] }[] = [];
const timings: Record<string, number> = {};

/** What every container has: the image's PATH and HOME, its ENV lines (the final stage), nothing from this test process. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {
    PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: process.env.HOME ?? os.homedir(),
  };
  const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  for (const m of finalStage.matchAll(/^ENV\s+(.+)$/gm))
    for (const kv of m[1].trim().split(/\s+/)) {
      const i = kv.indexOf('=');
      if (i > 0) env[kv.slice(0, i)] = kv.slice(i + 1);
    }
  return env;
}

/** Runs compose's `command` for a service, from the image's WORKDIR (the repository root), in a process group of its own. */
function startService(service: string, env: Record<string, string>) {
  const argv: string[] = compose.services[service].command;
  const log: string[] = [];
  const child = spawn(argv[0], argv.slice(1), { cwd: repoRoot, env: { ...baseEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout!.on('data', (d) => log.push(String(d)));
  child.stderr!.on('data', (d) => log.push(String(d)));
  procs.push({ name: service, child, log });
  return { child, log };
}

const tail = (log: string[]) => log.join('').split('\n').slice(-40).join('\n');

async function waitFor(what: string, check: () => Promise<boolean>, ms: number, proc?: { child: ChildProcess; log: string[] }) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (proc && proc.child.exitCode !== null) throw new Error(`${what}: the process exited (${proc.child.exitCode})\n${tail(proc.log)}`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`${what}: not within ${ms / 1000} s${proc ? `\n${tail(proc.log)}` : ''}`);
}

/** SIGTERM to the command's process (PID 1 in the container), then, after `docker stop`'s 10 s, the whole group. Returns the exit code or signal. */
async function stop(p: { child: ChildProcess }): Promise<number | string | null> {
  const { child } = p;
  const running = child.exitCode === null && child.signalCode === null;
  const exited = running
    ? new Promise<number | string | null>((r) => child.once('exit', (code, sig) => r(code ?? sig)))
    : Promise.resolve(child.exitCode ?? child.signalCode);
  if (running) child.kill('SIGTERM');
  const result = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))]);
  // the container's end takes every process with it: do the same with the group
  for (const sig of ['SIGTERM', 'SIGKILL'] as const) {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      break; // the group is gone
    }
    await new Promise((r) => setTimeout(r, sig === 'SIGTERM' ? 5000 : 500));
  }
  return result === 'timeout' ? await exited : result;
}

function newestMtime(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(p).map((e) => newestMtime(path.join(p, e))));
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-prod-smoke-'));
  cmsPort = await freePort();
  const pubPort = await freePort();
  cmsUrl = `http://127.0.0.1:${cmsPort}`;
  pubUrl = `http://127.0.0.1:${pubPort}`;

  // .env of docker compose: every secret random, as an operator generates them (.env.example)
  const vars: Record<string, string> = {
    DATABASE_PASSWORD: '', // the local server trusts loopback connections
    APP_KEYS: [1, 2, 3, 4].map(secret).join(','),
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
    PUBLISHER_WEBHOOK_SECRET: secret(),
    PREVIEW_SECRET: secret(),
    CMS_PREVIEW_TOKEN: secret(),
    INTAKE_TOKEN: secret(),
    INTAKE_FORM_SECRET: secret(),
    CMS_PUBLIC_URL: cmsUrl,
    SITE_PUBLIC_URL: pubUrl,
  };
  cmsEnv = serviceEnv('cms', vars);
  pubEnv = serviceEnv('publisher', vars);
  expect(cmsEnv.NODE_ENV).toBe('production');
  expect(pubEnv.NODE_ENV).toBe('production');
  // the container network, translated to this machine
  override(cmsEnv, 'cms', {
    HOST: '127.0.0.1',
    PORT: String(cmsPort),
    DATABASE_HOST: '127.0.0.1',
    DATABASE_NAME: dbName,
    DATABASE_USERNAME: 'postgres',
    PUBLISHER_WEBHOOK_URL: cmsEnv.PUBLISHER_WEBHOOK_URL.replace(/^http:\/\/publisher:\d+/, pubUrl),
  });
  override(pubEnv, 'publisher', {
    PORT: String(pubPort),
    CMS_URL: pubEnv.CMS_URL.replace(/^http:\/\/cms:\d+/, cmsUrl),
    RELEASES_DIR: path.join(tmp, pubEnv.RELEASES_DIR),
    PUBLISHER_CACHE_DIR: path.join(tmp, pubEnv.PUBLISHER_CACHE_DIR),
    PUBLISHER_DATA_DIR: path.join(tmp, pubEnv.PUBLISHER_DATA_DIR),
  });
  pubEnv.HOST = '127.0.0.1'; // compose leaves the default 0.0.0.0 (inside the container)

  // the image's build step (Dockerfile), when the admin panel build is missing or stale
  let t = Date.now();
  const adminIndex = path.join(cmsDir, 'dist', 'build', 'index.html');
  const fresh =
    fs.existsSync(adminIndex) &&
    fs.statSync(adminIndex).mtimeMs > Math.max(newestMtime(path.join(cmsDir, 'src', 'admin')), newestMtime(path.join(cmsDir, 'package.json')));
  if (!fresh) {
    const run = /^RUN (.*strapi build.*)$/m.exec(dockerfile.replace(/\\\n/g, ' '));
    expect(run, 'the Dockerfile has no RUN … strapi build').not.toBeNull();
    console.log(`[production-smoke] building as the Dockerfile does: ${run![1]} (a few minutes)`);
    const r = spawnSync('sh', ['-c', run![1]], {
      cwd: repoRoot,
      env: { PATH: baseEnv().PATH, HOME: baseEnv().HOME, STRAPI_TELEMETRY_DISABLED: 'true' },
      encoding: 'utf8',
      timeout: 900_000,
    });
    expect(r.status, `${r.stdout}\n${r.stderr}`.slice(-4000)).toBe(0);
  }
  timings.build = Date.now() - t;

  const c = pgAdmin();
  await c.connect();
  await c.query(`CREATE DATABASE ${dbName}`);
  await c.end();

  // the real data, imported in the production environment (as `docker compose run cms npm run seed` would)
  t = Date.now();
  const seed = spawnSync('npm', ['run', 'seed'], {
    cwd: repoRoot,
    env: { ...baseEnv(), ...cmsEnv, PUBLISHER_WEBHOOK_URL: '', SEED_SKIP_COMPILE: '1' },
    encoding: 'utf8',
    timeout: 300_000,
  });
  expect(seed.status, `${seed.stdout}\n${seed.stderr}`.slice(-4000)).toBe(0);
  timings.seed = Date.now() - t;

  t = Date.now();
  const cms = startService('cms', cmsEnv);
  await waitFor('the CMS answers /_health', async () => (await fetch(`${cmsUrl}/_health`)).ok, 180_000, cms);
  timings.cmsStart = Date.now() - t;

  t = Date.now();
  const publisher = startService('publisher', pubEnv);
  await waitFor(
    'the publisher serves a release',
    async () => ((await (await fetch(`${pubUrl}/status`)).json()) as any).currentRelease !== null,
    360_000,
    publisher,
  );
  timings.firstRelease = Date.now() - t;
}, 1_500_000);

afterAll(async () => {
  for (const p of procs) await stop(p);
  const c = pgAdmin();
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await c.end();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  console.log(
    `[production-smoke] timings (s): ${Object.entries(timings)
      .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`)
      .join(', ')}`,
  );
});

describe('production, as docker compose runs it (PostgreSQL, NODE_ENV=production, secrets from env)', () => {
  it("the CMS is up: /_health, and compose's healthcheck command passes", () => {
    const test: string[] = compose.services.cms.healthcheck.test;
    expect(test[0]).toBe('CMD');
    const argv = test.slice(1).map((a) => a.replace(/127\.0\.0\.1:1337/g, `127.0.0.1:${cmsPort}`));
    const r = spawnSync(argv[0], argv.slice(1), { env: baseEnv(), encoding: 'utf8', timeout: 30_000 });
    expect(r.status, r.stderr).toBe(0);
  });

  it('the CMS serves the seeded content over public GraphQL, with introspection off', async () => {
    const res = await fetch(`${cmsUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ agencies(pagination: { limit: 100 }) { name } }' }),
    });
    const body = (await res.json()) as any;
    expect(body.errors).toBeUndefined();
    expect(body.data.agencies.length).toBeGreaterThanOrEqual(30);
    const intro = (await (
      await fetch(`${cmsUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __schema { types { name } } }' }),
      })
    ).json()) as any;
    expect(intro.data?.__schema).toBeUndefined();
  });

  it('the publisher reports a current release and health on /status', async () => {
    const status = (await (await fetch(`${pubUrl}/status`)).json()) as any;
    expect(status.ok).toBe(true);
    expect(status.currentRelease).toMatchObject({ id: expect.any(String) });
  });

  it('serves the homepage and an article page, with the security headers', async () => {
    const home = await fetch(`${pubUrl}/`);
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('<html lang="vi"');
    expect(home.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(home.headers.get('x-content-type-options')).toBe('nosniff');

    const res = await fetch(`${cmsUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ articles(pagination: { limit: 1 }, sort: "publishedAt:desc") { slug title } }' }),
    });
    const [article] = ((await res.json()) as any).data.articles;
    expect(article).toBeDefined();
    const page = await fetch(`${pubUrl}${routes.article(article.slug)}`);
    expect(page.status).toBe(200);
    const text = (await page.text())
      .replace(/&quot;/g, '"')
      .replace(/&#39;|&#x27;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    expect(text).toContain(article.title);
    expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
  });

  it('both stop on SIGTERM (docker stop); the publisher stops cleanly', async () => {
    const publisher = procs.find((p) => p.name === 'publisher')!;
    const code = await stop(publisher);
    expect(code, tail(publisher.log)).toBe(0);
    expect(publisher.log.join('')).toContain('SIGTERM: stopping');
    const cms = procs.find((p) => p.name === 'cms')!;
    await stop(cms);
    await waitFor(
      'the CMS port is closed',
      async () =>
        !(await fetch(`${cmsUrl}/_health`).then(
          () => true,
          () => false,
        )),
      15_000,
    );
  });
});
