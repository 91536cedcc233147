/** Compiles the CMS (TypeScript → cms/dist) once before any integration test boots it. */
import { createRequire } from 'node:module';
import path from 'node:path';

export default async function setup() {
  const cmsDir = path.resolve(import.meta.dirname, '..', 'cms');
  const require = createRequire(path.join(cmsDir, 'package.json'));
  const { compileStrapi } = require('@strapi/strapi');
  const cwd = process.cwd();
  process.chdir(cmsDir);
  try {
    await compileStrapi({ appDir: cmsDir });
  } finally {
    process.chdir(cwd);
  }
}
