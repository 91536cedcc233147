/**
 * Issue 10, item 5 ("production that starts"): every command named by docker-compose.yml, the
 * Dockerfile and the READMEs exists — the npm script in that workspace, the installed bin, the
 * file — and what the production containers run needs production dependencies only (the image
 * drops the dev ones: `npm prune --omit=dev`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  composeCommands,
  dockerfileCommands,
  findBin,
  isProductionPackage,
  markdownCommands,
  problems,
  readmeFiles,
  repoRoot,
  simpleCommands,
  workspaces,
  type FoundCommand,
} from './commands.js';

const show = (c: FoundCommand) => `${c.source}: ${c.argv.join(' ')}`;
const allProblems = (cmds: FoundCommand[]) => cmds.flatMap((c) => problems(c).map((p) => `${c.source}: ${p}`));

describe('the parser', () => {
  it('splits shell text into simple commands, following cd, dropping env assignments and redirections', () => {
    expect(simpleCommands('npm run build -w shared && cd cms && NODE_ENV=production npx strapi build', '/r')).toEqual([
      { argv: ['npm', 'run', 'build', '-w', 'shared'], cwd: '/r' },
      { argv: ['npx', 'strapi', 'build'], cwd: '/r/cms' },
    ]);
    expect(simpleCommands('(cd site && A=1 B="x y" \\\n  exec node --import tsx publisher/main.ts > "$ROOT/log" 2>&1) &\necho hi # note', '/r')).toEqual([
      { argv: ['node', '--import', 'tsx', 'publisher/main.ts'], cwd: '/r/site' },
      { argv: ['echo', 'hi'], cwd: '/r' },
    ]);
  });

  it('finds a missing script, a missing workspace, a missing file and a missing bin', () => {
    expect(problems({ argv: ['npm', 'run', 'no-such-script', '-w', 'site'], cwd: repoRoot })[0]).toMatch(/site\/package.json has no script "no-such-script"/);
    expect(problems({ argv: ['npm', 'run', 'build', '-w', 'nowhere'], cwd: repoRoot })[0]).toMatch(/no workspace "nowhere"/);
    expect(problems({ argv: ['node', 'site/publisher/nope.ts'], cwd: repoRoot })[0]).toMatch(/no file site\/publisher\/nope.ts/);
    expect(problems({ argv: ['npx', 'no-such-bin-here', 'x'], cwd: repoRoot })[0]).toMatch(/no installed bin/);
    expect(problems({ argv: ['npm', 'start'], cwd: repoRoot })).toEqual([]);
    expect(problems({ argv: ['docker', 'compose', 'run', '--rm', '-e', 'A=1', 'cms', 'npm', 'run', 'nope'], cwd: repoRoot })[0]).toMatch(
      /package.json has no script "nope"/,
    );
    expect(problems({ argv: ['docker', 'compose', 'up', '-d', '--build'], cwd: repoRoot })).toEqual([]);
  });
});

describe('docker-compose.yml', () => {
  const cmds = composeCommands();

  it('names the CMS and publisher commands', () => {
    const lines = cmds.map((c) => c.argv.join(' '));
    expect(lines).toContain('npm run start -w cms');
    expect(lines).toContain('npm run publisher -w site');
  });

  it('every command exists (scripts followed to the files and bins they run)', () => {
    expect(allProblems(cmds), cmds.map(show).join('\n')).toEqual([]);
  });
});

describe('docker-compose.yml variables', () => {
  const compose = fs.readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8');
  const used = [...new Set([...compose.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]))].sort();
  const keys = (file: string) =>
    fs
      .readFileSync(path.join(repoRoot, file), 'utf8')
      .split('\n')
      .filter((l) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(l))
      .map((l) => l.slice(0, l.indexOf('=')));

  it('every variable compose reads is in .env.example (what an operator fills in) and in the sample env of `docker-compose config -q`', () => {
    expect(used).toEqual(expect.arrayContaining(['APP_KEYS', 'DATABASE_PASSWORD', 'PUBLISHER_WEBHOOK_SECRET']));
    expect(used.filter((v) => !keys('.env.example').includes(v))).toEqual([]);
    expect(used.filter((v) => !keys('tests/production/compose.sample.env').includes(v))).toEqual([]);
  });
});

describe('Dockerfile', () => {
  const cmds = dockerfileCommands();
  const lastStage = Math.max(...cmds.map((c) => c.stage));

  it('builds the shared package and the CMS (server and admin panel), and starts the CMS', () => {
    const lines = cmds.map((c) => `${path.relative(repoRoot, c.cwd) || '.'}$ ${c.argv.join(' ')}`);
    expect(lines).toContain('.$ npm run build -w shared');
    expect(lines).toContain('cms$ npx strapi build');
    expect(cmds.filter((c) => c.instruction === 'CMD').map((c) => c.argv.join(' '))).toEqual(['npm run start -w cms']);
  });

  it('every command exists', () => {
    expect(allProblems(cmds.filter((c) => c.argv[0] !== 'apt-get')), cmds.map(show).join('\n')).toEqual([]);
  });

  it('the image keeps production dependencies only: dev dependencies are dropped after the build', () => {
    const build = cmds.findIndex((c) => c.argv.join(' ') === 'npx strapi build');
    const omit = cmds.findIndex((c) => c.argv[0] === 'npm' && ['prune', 'ci'].includes(c.argv[1]) && c.argv.includes('--omit=dev'));
    expect(omit, 'no `npm prune --omit=dev` / `npm ci --omit=dev` after the build').toBeGreaterThan(build);
    expect(build).toBeGreaterThanOrEqual(0);
    // the final stage runs in production mode
    const text = fs.readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');
    const finalStage = text.slice(text.lastIndexOf('\nFROM '));
    expect(finalStage).toMatch(/\nENV NODE_ENV=production\b/);
    expect(lastStage).toBeGreaterThan(0);
  });
});

describe('READMEs', () => {
  const files = readmeFiles();
  const cmds = files.flatMap((f) => markdownCommands(f));

  it('are found, with their commands', () => {
    expect(files.map((f) => path.relative(repoRoot, f))).toEqual(expect.arrayContaining(['README.md', 'site/publisher/README.md']));
    const lines = cmds.map((c) => c.argv.join(' '));
    expect(lines).toEqual(expect.arrayContaining(['npm start', 'npm test', 'npm run publisher -w site']));
  });

  it('every command they name exists', () => {
    expect(allProblems(cmds), cmds.map(show).join('\n')).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// What runs in production needs production dependencies only
// ---------------------------------------------------------------------------------------------

/** The package folder an installed bin belongs to. */
function binPackage(binPath: string): { name: string; dir: string } {
  let dir = path.dirname(fs.realpathSync(binPath));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  const name = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name;
  return { name, dir };
}

/** Bins and `--import` modules a runtime command uses, its npm scripts followed. */
function runtimeModules(cmd: { argv: string[]; cwd: string }, depth = 0): { name: string; from: string; via: string }[] {
  const [bin, ...args] = cmd.argv;
  const via = cmd.argv.join(' ');
  if (depth > 5) return [];
  if (bin === 'npm') {
    const w = args.indexOf('-w');
    const { root, all } = workspaces();
    const pkg = w >= 0 ? all.find((p) => p.name === args[w + 1] || p.dir === path.resolve(repoRoot, args[w + 1])) : root;
    const name = args[0] === 'run' ? args[1] : args[0];
    const body = pkg?.scripts[name];
    if (!pkg || !body) return [];
    return simpleCommands(body, pkg.dir).flatMap((c) => runtimeModules(c, depth + 1));
  }
  const out: { name: string; from: string; via: string }[] = [];
  for (let i = 0; i < args.length; i++) if (args[i] === '--import' || args[i] === '--require') out.push({ name: args[i + 1], from: cmd.cwd, via });
  const binName = bin === 'npx' ? args.find((a) => !a.startsWith('-')) : bin;
  const binPath = binName && binName !== 'node' ? findBin(binName, cmd.cwd) : null;
  if (binPath) {
    const { dir } = binPackage(binPath);
    const name = path.relative(path.join(repoRoot, 'node_modules'), dir).split(path.sep).join('/');
    out.push({ name, from: repoRoot, via });
  }
  return out;
}

/** Bare module specifiers imported by the source files under `dir` (tests excluded; type-only imports are erased). */
function importsUnder(dir: string): Set<string> {
  const found = new Set<string>();
  const walk = (d: string) => {
    const entries = fs.statSync(d).isDirectory()
      ? fs.readdirSync(d, { withFileTypes: true }).map((e) => ({ name: e.name, p: path.join(d, e.name), dir: e.isDirectory() }))
      : [{ name: path.basename(d), p: d, dir: false }];
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name.startsWith('.') || e.name === 'dist') continue;
      const p = e.p;
      if (e.dir) walk(p);
      else if (/\.(ts|tsx|mjs|js|cjs|astro)$/.test(e.name) && !/\.test\.|\.d\.ts$/.test(e.name)) {
        const text = fs.readFileSync(p, 'utf8');
        const re = /^\s*(?:import|export)\s+(?!type\s)(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]|\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/gm;
        for (const m of text.matchAll(re)) {
          const spec = m[1] ?? m[2];
          if (!spec || spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:') || /^(astro|virtual):/.test(spec)) continue;
          if (spec.startsWith('@/') || spec.startsWith('~')) continue;
          found.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
        }
      }
    }
  };
  walk(dir);
  return found;
}

const BUILTINS = new Set([
  'fs',
  'path',
  'os',
  'http',
  'https',
  'crypto',
  'url',
  'child_process',
  'net',
  'util',
  'stream',
  'zlib',
  'events',
  'module',
  'worker_threads',
  'assert',
  'buffer',
  'readline',
  'timers',
]);

describe('production dependencies (what `npm prune --omit=dev` keeps)', () => {
  it('the bins and modules the containers run are production dependencies', () => {
    const runtime = [...composeCommands(), ...dockerfileCommands().filter((c) => c.instruction === 'CMD' || c.instruction === 'ENTRYPOINT')];
    const mods = runtime.flatMap((c) => runtimeModules(c));
    expect(mods.map((m) => m.name)).toEqual(expect.arrayContaining(['@strapi/strapi', 'tsx']));
    const dev = mods.filter((m) => isProductionPackage(m.name, m.from) !== true).map((m) => `${m.name} (for \`${m.via}\`)`);
    expect(dev, 'dev-only or missing in package-lock.json').toEqual([]);
  });

  // The publisher runs `astro build` at runtime, so the site's code and its build are runtime code.
  for (const [label, dirs] of [
    ['the site and the publisher (site/src, site/publisher, astro.config.mjs)', ['site/src', 'site/publisher', 'site/astro.config.mjs']],
    ['the CMS (cms/src, cms/config)', ['cms/src', 'cms/config']],
    ['the shared package and the seed import', ['shared/src', 'scripts/seed']],
  ] as const) {
    it(`every package imported by ${label} is a production dependency`, () => {
      const bad: string[] = [];
      for (const d of dirs) {
        const abs = path.join(repoRoot, d);
        const specs = importsUnder(abs);
        const from = path.join(repoRoot, d.split('/')[0]);
        for (const s of specs) {
          if (BUILTINS.has(s)) continue;
          const ok = isProductionPackage(s, from);
          if (ok !== true) bad.push(`${d}: ${s} ${ok === null ? 'is not in package-lock.json' : 'is a dev dependency'}`);
        }
      }
      expect(bad).toEqual([]);
    });
  }
});
