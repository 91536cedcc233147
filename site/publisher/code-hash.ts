/**
 * A fingerprint of the code a release is built from, so a deploy of new site code (same
 * content) still triggers a build at start: the site's sources, public files and config, the
 * shared package's sources, the build runner and the lockfile.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SKIP_DIRS = new Set(['node_modules', 'dist', '.astro', 'releases', '.publisher', '.git']);

function walk(dir: string, out: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(p, out);
    } else if (e.isFile() && !/\.test\.[cm]?[jt]s$/.test(e.name)) out.push(p);
  }
}

/**
 * SHA-256 (hex, 16 chars) over the relative paths and contents of: `<siteRoot>/src/**`,
 * `<siteRoot>/public/**`, `<siteRoot>/astro.config.*`, `<siteRoot>/package.json`,
 * `<siteRoot>/publisher/astro-build.mjs`, the preview (`<siteRoot>/publisher/preview/**`,
 * `preview-integration.mjs`), `<repoRoot>/shared/src/**` and
 * `<repoRoot>/package-lock.json` (test files excluded). Missing parts are skipped.
 */
export function computeCodeHash(siteRoot: string, repoRoot: string): string {
  const files: string[] = [];
  walk(path.join(siteRoot, 'src'), files);
  walk(path.join(siteRoot, 'public'), files);
  walk(path.join(repoRoot, 'shared', 'src'), files);
  walk(path.join(siteRoot, 'publisher', 'preview'), files);
  for (const f of [
    'astro.config.mjs',
    'astro.config.ts',
    'astro.config.js',
    'package.json',
    'publisher/astro-build.mjs',
    'publisher/preview-integration.mjs',
  ]) {
    files.push(path.join(siteRoot, f));
  }
  files.push(path.join(repoRoot, 'package-lock.json'));
  const h = createHash('sha256');
  for (const f of [...new Set(files)].sort()) {
    let data: Buffer;
    try {
      data = fs.readFileSync(f);
    } catch {
      continue;
    }
    h.update(path.relative(repoRoot, f)).update('\0').update(data).update('\0');
  }
  return h.digest('hex').slice(0, 16);
}
