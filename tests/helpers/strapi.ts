/**
 * Boots the real CMS in-process for integration tests: Strapi 5 loaded from cms/dist (compiled
 * once by tests/global-setup.ts), on a fresh SQLite file or a fresh PostgreSQL database
 * (TEST_DB=postgres, server at 127.0.0.1:5432), listening on a free loopback port.
 */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
export const cmsDir = path.join(repoRoot, 'cms');
const require = createRequire(path.join(cmsDir, 'package.json'));

export type TestDb = 'sqlite' | 'postgres';
export const testDb: TestDb = process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

export interface BootedCms {
  strapi: any;
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  db: TestDb;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const pgAdmin = () => new pg.Client({ host: process.env.PGHOST ?? '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });

/**
 * Boots Strapi on a database of its own. Extra env (e.g. webhook settings) may be passed.
 * `serveAdmin` serves the built admin panel (cms/dist/build, `npx strapi build`).
 * `database` names a database to reuse across boots (SQLite file path or PostgreSQL database
 * name, created when missing) and `keepDatabase` leaves it in place on stop — to test restarts.
 */
export async function bootCms(
  opts: { db?: TestDb; env?: Record<string, string>; serveAdmin?: boolean; database?: string; keepDatabase?: boolean } = {},
): Promise<BootedCms> {
  const db = opts.db ?? testDb;
  const port = await freePort();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-cms-'));
  const env: Record<string, string> = {
    HOST: '127.0.0.1',
    PORT: String(port),
    NODE_ENV: 'test',
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
    BROWSER: 'false',
    ...opts.env,
  };
  let dbName = '';
  if (db === 'postgres') {
    dbName = opts.database ?? `cong_test_${randomBytes(4).toString('hex')}`;
    const c = pgAdmin();
    await c.connect();
    const exists = (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName])).rowCount;
    if (!exists) await c.query(`CREATE DATABASE ${dbName}`);
    await c.end();
    Object.assign(env, {
      DATABASE_CLIENT: 'postgres',
      DATABASE_HOST: '127.0.0.1',
      DATABASE_PORT: '5432',
      DATABASE_NAME: dbName,
      DATABASE_USERNAME: 'postgres',
      DATABASE_PASSWORD: '',
    });
  } else {
    Object.assign(env, { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: opts.database ?? path.join(tmp, 'data.db') });
  }
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({
    appDir: cmsDir,
    distDir: path.join(cmsDir, 'dist'),
    serveAdminPanel: opts.serveAdmin ?? false,
    autoReload: false,
  }).load();
  await strapi.listen();
  const url = `http://127.0.0.1:${port}`;
  return {
    strapi,
    url,
    db,
    async stop() {
      // Strapi's destroy() calls process.removeAllListeners(), which would cut the test
      // runner's own IPC listeners: keep them and put them back.
      const kept = process.eventNames().map((name) => [name, process.rawListeners(name)] as const);
      await strapi.destroy();
      for (const [name, listeners] of kept) {
        const now = new Set(process.rawListeners(name));
        for (const l of listeners) if (!now.has(l)) process.on(name as any, l as any);
      }
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      if (db === 'postgres' && !opts.keepDatabase) {
        const c = pgAdmin();
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
        await c.end();
      }
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** POSTs a GraphQL query to the booted CMS; returns the parsed body ({ data, errors }). */
export async function gql(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<any> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return res.json();
}
