/**
 * `npm run seed` — boots the CMS in-process (no HTTP server, no admin panel), imports the seed
 * through the Document Service (import.ts) and shuts the CMS down.
 *
 * Environment:
 * - SEED_DATA_DIR  folder of the source JSON files, default `<repo>/data/seed`
 * - SEED_DIR       folder of the decision text, default `<repo>/data/decision`
 *   (both vendored in the repository, data/README.md)
 * - SEED_TODAY     Vietnam calendar day for validity statuses (ISO), default today
 * - SEED_INCLUDE_OTHER_PROVINCES=1  also import the sample's Đồng Nai procedures (test data only)
 * - SEED_SKIP_COMPILE=1  use the existing cms/dist instead of compiling the CMS first
 * - the CMS's own database settings: DATABASE_CLIENT (sqlite | postgres), DATABASE_FILENAME,
 *   DATABASE_NAME, DATABASE_HOST … (cms/config/database.ts); default SQLite cms/.tmp/data.db
 *
 * Exit code 0 on success, 1 on any error (the message is printed; Strapi is destroyed either way).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { importSeed, waitForIdleDatabase } from './import.js';
import { seedDirs } from './paths.js';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const cmsDir = path.join(repoRoot, 'cms');

async function main(): Promise<number> {
  const { dataDir, seedDir } = seedDirs();
  process.env.STRAPI_TELEMETRY_DISABLED ??= 'true';
  process.env.STRAPI_DISABLE_UPDATE_NOTIFICATION ??= 'true';
  process.env.BROWSER ??= 'false';

  // Strapi must be the copy the CMS resolves (hoisted node_modules), loaded with CommonJS.
  const require = createRequire(path.join(cmsDir, 'package.json'));
  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  const cwd = process.cwd();
  process.chdir(cmsDir);
  let app: any;
  const t0 = Date.now();
  try {
    const ctx = process.env.SEED_SKIP_COMPILE === '1' ? { appDir: cmsDir, distDir: path.join(cmsDir, 'dist') } : await compileStrapi({ appDir: cmsDir });
    app = await createStrapi({ ...ctx, serveAdminPanel: false, autoReload: false }).load();
    const t1 = Date.now();
    const db = app.db?.dialect?.client ?? app.config.get('database.connection.client');
    console.log(`[seed] CMS sẵn sàng sau ${((t1 - t0) / 1000).toFixed(1)} s (cơ sở dữ liệu: ${db}); nguồn: ${dataDir}, ${seedDir}`);
    await importSeed(app, {
      dataDir,
      seedDir,
      today: process.env.SEED_TODAY || undefined,
      includeOtherProvinces: process.env.SEED_INCLUDE_OTHER_PROVINCES === '1',
      log: (line) => console.log(line),
    });
    console.log(`[seed] tổng thời gian ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return 0;
  } catch (e) {
    console.error(`[seed] lỗi: ${(e as Error)?.stack ?? e}`);
    return 1;
  } finally {
    if (app) await waitForIdleDatabase(app);
    if (app) await app.destroy().catch((e: unknown) => console.error(`[seed] lỗi khi dừng CMS: ${e}`));
    process.chdir(cwd);
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
