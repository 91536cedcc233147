/**
 * The admin panel's build (cms/dist/build) for the browser tests: built once when it is missing
 * or older than what goes into it (cms/src/admin, cms/package.json, and @cong/shared, whose
 * labels the panel imports). `strapi build` always bundles in production mode; it runs without
 * NODE_ENV=production so the CMS configuration it loads does not ask for the production secrets
 * (the bundle holds none of them).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { bootCms, cmsDir, repoRoot, type BootedCms } from './strapi';
import { createAccount, PASSWORD, type RoleKey } from './workflow';

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(p, { withFileTypes: true })) newest = Math.max(newest, newestMtime(path.join(p, entry.name)));
  return newest;
}

/** Builds the admin panel when needed (~2 min); returns whether it built. */
export function ensureAdminBuild(): boolean {
  const index = path.join(cmsDir, 'dist', 'build', 'index.html');
  const sources = Math.max(
    newestMtime(path.join(cmsDir, 'src', 'admin')),
    newestMtime(path.join(cmsDir, 'package.json')),
    newestMtime(path.join(repoRoot, 'shared', 'src')),
  );
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs > sources) return false;
  console.log('[e2e] building the admin panel (npx strapi build, ~2 min)…');
  const env = { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' } as NodeJS.ProcessEnv;
  delete env.NODE_ENV;
  execFileSync('npx', ['strapi', 'build'], { cwd: cmsDir, stdio: 'inherit', env });
  return true;
}

/**
 * A fresh browser session of the admin panel (Vietnamese, Vietnam time) logged in as `email`.
 * @param browser the Chromium instance of the test
 * @param cmsUrl the booted CMS
 */
export async function adminLogin(browser: Browser, cmsUrl: string, email: string, password: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  await context.addInitScript(() => {
    window.localStorage.setItem('strapi-admin-language', 'vi');
    window.localStorage.setItem('STRAPI_UPDATE_NOTIF', 'false');
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${cmsUrl}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((u) => !u.pathname.includes('/auth/'), { timeout: 60_000 });
  return page;
}

/** One account of an admin-panel test: its workflow role, and whether it belongs to the test's agency. */
export interface E2eAccount {
  email: string;
  role: RoleKey;
  firstname: string;
  /** linked to the agency created for the test (agency roles) */
  ofAgency?: boolean;
}

/** What {@link startAdminE2e} sets up: a CMS serving the built admin panel, one agency, accounts, Chromium. */
export interface AdminE2e {
  cms: BootedCms;
  browser: Browser;
  /** documentId of the published agency created for the test */
  agencyId: string;
  /** A fresh browser session logged in as `email` (password {@link PASSWORD}). */
  loginAs(email: string): Promise<Page>;
  /** Saves a full-page screenshot as `<artifacts>/<NN>-<name>.png` (NN counts up); returns its path. */
  shot(page: Page, name: string): Promise<string>;
  /** Closes the browser and stops the CMS. */
  stop(): Promise<void>;
}

/**
 * The shared set-up of the admin-panel browser tests (tests/e2e): builds the admin panel when
 * needed, empties `artifacts` (the screenshots' folder), boots the CMS serving the panel, creates
 * one published agency named `agencyName` and the accounts, and launches Debian's Chromium.
 */
export async function startAdminE2e(o: { artifacts: string; agencyName: string; accounts: readonly E2eAccount[] }): Promise<AdminE2e> {
  ensureAdminBuild();
  fs.rmSync(o.artifacts, { recursive: true, force: true });
  fs.mkdirSync(o.artifacts, { recursive: true });
  const cms = await bootCms({ serveAdmin: true });
  const s = cms.strapi;
  const agencyId = (await s.documents('api::agency.agency').create({ data: { name: o.agencyName, kind: 'department' }, status: 'published' })).documentId;
  for (const a of o.accounts) {
    await createAccount(s, { email: a.email, role: a.role, firstname: a.firstname, ...(a.ofAgency ? { agencyDocumentId: agencyId } : {}) });
  }
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'] });
  let step = 0;
  return {
    cms,
    browser,
    agencyId,
    loginAs: (email) => adminLogin(browser, cms.url, email, PASSWORD),
    async shot(page, name) {
      step += 1;
      await page.waitForTimeout(300);
      const file = path.join(o.artifacts, `${String(step).padStart(2, '0')}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async stop() {
      await browser.close();
      await cms.stop();
    },
  };
}
