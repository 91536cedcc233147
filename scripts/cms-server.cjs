#!/usr/bin/env node
/**
 * Boots the CMS from source without building the admin panel (for the site build, the
 * publisher and local checks). Compiles cms/ (TypeScript → cms/dist) unless --no-compile.
 * Env: PORT (default 1337), DATABASE_* as in cms/config/database.ts, SERVE_ADMIN=true to
 * serve a previously built admin panel.
 * Usage: node scripts/cms-server.cjs [--no-compile]
 */
const path = require('node:path');
const cmsDir = path.resolve(__dirname, '..', 'cms');
const { compileStrapi, createStrapi } = require(require.resolve('@strapi/strapi', { paths: [cmsDir] }));

(async () => {
  process.chdir(cmsDir);
  const ctx = process.argv.includes('--no-compile') ? { appDir: cmsDir, distDir: path.join(cmsDir, 'dist') } : await compileStrapi({ appDir: cmsDir });
  const app = createStrapi({ ...ctx, serveAdminPanel: process.env.SERVE_ADMIN === 'true', autoReload: false });
  await app.start();
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
