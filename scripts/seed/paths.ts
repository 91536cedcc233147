/**
 * Where the seed import, the tests and the benchmark find their sources: the files vendored in
 * the repository (data/README.md). SEED_DATA_DIR and SEED_DIR override the folders.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SOURCES } from './mappers.js';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
/** the source JSON files (agencies, administrative units, legal documents, procedures, news) */
export const DEFAULT_SEED_DATA_DIR = path.join(REPO_ROOT, 'data', 'seed');
/** the text of Decision 07/2006/QĐ-UBND */
export const DEFAULT_SEED_DIR = path.join(REPO_ROOT, 'data', 'decision');

export interface SeedDirs {
  dataDir: string;
  seedDir: string;
}

/** The folders to read, env overrides first (an empty variable counts as unset). */
export function seedDirs(env: NodeJS.ProcessEnv = process.env): SeedDirs {
  return {
    dataDir: path.resolve(env.SEED_DATA_DIR || DEFAULT_SEED_DATA_DIR),
    seedDir: path.resolve(env.SEED_DIR || DEFAULT_SEED_DIR),
  };
}

/** Every source file the import reads, by folder. */
export function seedSourceFiles(dirs: SeedDirs = seedDirs()): string[] {
  const { decision, ...data } = SOURCES;
  return [...Object.values(data).map((f) => path.join(dirs.dataDir, f)), path.join(dirs.seedDir, decision)];
}

/**
 * The folders, after checking every source file is there. Tests call this instead of skipping:
 * missing data is a failure that names the files, never a silent pass.
 */
export function requireSeedSources(env: NodeJS.ProcessEnv = process.env): SeedDirs {
  const dirs = seedDirs(env);
  const missing = seedSourceFiles(dirs).filter((f) => !fs.existsSync(f));
  if (missing.length) {
    throw new Error(
      `Seed data missing: ${missing.join(', ')}. The files are vendored in data/ (data/README.md); ` +
        `check SEED_DATA_DIR/SEED_DIR if set (SEED_DATA_DIR=${env.SEED_DATA_DIR ?? 'unset'}, SEED_DIR=${env.SEED_DIR ?? 'unset'}).`,
    );
  }
  return dirs;
}
