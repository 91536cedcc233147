/**
 * Issue 9, class 2: no secret in the code. The CMS compiled in cms/dist (tests/global-setup.ts)
 * is started in production mode in a child process, as docker compose starts it, without its
 * secrets and then with placeholder ones: it must refuse to start, naming the variable.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cmsDir } from '../helpers/strapi';

describe('production boot', () => {
  it('production refuses to boot without its secrets, or with placeholder ones', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-prod-'));
    const script = `const fail = (e) => { console.error('REFUSED', e && e.message); process.exit(3); }; try { require('@strapi/strapi').createStrapi({ appDir: ${JSON.stringify(cmsDir)}, distDir: ${JSON.stringify(path.join(cmsDir, 'dist'))} }).load().then(() => { console.log('BOOTED'); process.exit(0); }, fail); } catch (e) { fail(e); }`;
    const base: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/root',
      NODE_ENV: 'production',
      DATABASE_CLIENT: 'sqlite',
      DATABASE_FILENAME: path.join(tmp, 'p.db'),
      STRAPI_TELEMETRY_DISABLED: 'true',
    };
    const run = (extra: Record<string, string>) =>
      spawnSync(process.execPath, ['-e', script], { cwd: cmsDir, env: { ...base, ...extra }, encoding: 'utf8', timeout: 120_000 });
    const none = run({});
    expect(none.status, none.stdout + none.stderr).toBe(3);
    expect(none.stderr).toMatch(/(APP_KEYS|ADMIN_JWT_SECRET|API_TOKEN_SALT|TRANSFER_TOKEN_SALT|ENCRYPTION_KEY|JWT_SECRET) is not set/);
    const weak = run({
      APP_KEYS: 'key1,key2',
      ADMIN_JWT_SECRET: 'cong-local-admin-jwt-secret',
      API_TOKEN_SALT: 'x',
      TRANSFER_TOKEN_SALT: 'x',
      ENCRYPTION_KEY: 'x',
      JWT_SECRET: 'x',
    });
    expect(weak.status, weak.stdout + weak.stderr).toBe(3);
    expect(weak.stderr).toMatch(/refuses to start in production with a weak secret/);
    fs.rmSync(tmp, { recursive: true, force: true });
  });
});
