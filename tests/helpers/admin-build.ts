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
import { cmsDir, repoRoot } from './strapi';

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
