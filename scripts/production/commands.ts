/**
 * Finds the commands that docker-compose.yml, the Dockerfile and the READMEs tell people (or
 * containers) to run, and checks that each one exists: `npm run X [-w Y]` has script X in that
 * workspace's package.json (and, recursively, what the script itself runs exists), `npx X` has
 * the bin X installed, `node path` / `bash path` / `tsx path` have the file. Used by
 * commands.test.ts (issue 10: compose ran `npm run publisher -w site`, which did not exist).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** One command as written in a file. */
export interface FoundCommand {
  /** file (repo-relative) and where in it, e.g. `docker-compose.yml services.cms.command` */
  source: string;
  /** the words of one simple command, environment assignments removed */
  argv: string[];
  /** directory it runs in (absolute) */
  cwd: string;
}

// ---------------------------------------------------------------------------------------------
// Shell text → simple commands
// ---------------------------------------------------------------------------------------------

/** Splits shell text into words and operators (`&&`, `||`, `;`, `|`, `(`, `)`, `&`, newline); handles quotes, `\` continuations, comments. */
export function shellTokens(text: string): string[] {
  const out: string[] = [];
  let word: string | null = null;
  const flush = () => {
    if (word !== null) out.push(word);
    word = null;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && text[i + 1] === '\n') {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      word = (word ?? '') + text.slice(i + 1, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (c === '#' && word === null) {
      while (i < text.length && text[i] !== '\n') i++;
      i--;
      continue;
    }
    if (c === ' ' || c === '\t') {
      flush();
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      flush();
      out.push(two);
      i++;
      continue;
    }
    if (c === ';' || c === '|' || c === '(' || c === ')' || c === '&' || c === '\n') {
      flush();
      out.push(c === '\n' ? ';' : c);
      continue;
    }
    if (c === '>' || c === '<') {
      // a redirection: drop it and its target
      flush();
      if (text[i + 1] === '&') i++;
      if (text[i + 1] === '>') i++;
      while (text[i + 1] === ' ') i++;
      while (i + 1 < text.length && !/[\s;&|()]/.test(text[i + 1])) i++;
      continue;
    }
    if (/^\d$/.test(c) && word === null && (text[i + 1] === '>' || text[i + 1] === '<')) continue; // 2> …
    word = (word ?? '') + c;
  }
  flush();
  return out;
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const OPERATORS = new Set(['&&', '||', ';', '|', '(', ')', '&']);

/**
 * The simple commands of a piece of shell, each with the directory it runs in: `cd X` changes
 * it for the rest of the text (or of the parenthesised group), as in `RUN cd cms && npx …`.
 */
export function simpleCommands(text: string, cwd: string): { argv: string[]; cwd: string }[] {
  const result: { argv: string[]; cwd: string }[] = [];
  const stack: string[] = [];
  let dir = cwd;
  let current: string[] = [];
  const end = () => {
    let argv = current;
    current = [];
    while (argv.length && ASSIGNMENT.test(argv[0])) argv = argv.slice(1);
    if (argv[0] === 'exec' || argv[0] === 'env') argv = argv.slice(1);
    while (argv.length && ASSIGNMENT.test(argv[0])) argv = argv.slice(1);
    if (!argv.length) return;
    if (argv[0] === 'cd' && argv[1] && !argv[1].includes('$')) {
      dir = path.resolve(dir, argv[1]);
      return;
    }
    result.push({ argv, cwd: dir });
  };
  for (const t of shellTokens(text)) {
    if (!OPERATORS.has(t)) {
      current.push(t);
      continue;
    }
    end();
    if (t === '(') stack.push(dir);
    if (t === ')') dir = stack.pop() ?? dir;
  }
  end();
  return result;
}

// ---------------------------------------------------------------------------------------------
// Sources
// ---------------------------------------------------------------------------------------------

function rel(file: string): string {
  return path.relative(repoRoot, file);
}

/** The commands of docker-compose.yml's services built from this repository (`build:`), run in the image's WORKDIR (/app = the repository root). */
export function composeCommands(file = path.join(repoRoot, 'docker-compose.yml')): FoundCommand[] {
  const doc = parseYaml(fs.readFileSync(file, 'utf8'));
  const out: FoundCommand[] = [];
  for (const [name, svc] of Object.entries<any>(doc.services ?? {})) {
    if (!svc.build) continue; // images from elsewhere (postgres) run their own commands
    const cwd = svc.working_dir ? path.join(repoRoot, path.relative('/app', svc.working_dir)) : repoRoot;
    for (const key of ['command', 'entrypoint'] as const) {
      const cmd = svc[key];
      if (!cmd) continue;
      const source = `${rel(file)} services.${name}.${key}`;
      if (Array.isArray(cmd)) out.push({ source, argv: cmd.map(String), cwd });
      else for (const c of simpleCommands(String(cmd), cwd)) out.push({ source, ...c });
    }
    const test = svc.healthcheck?.test;
    if (Array.isArray(test) && test[0] === 'CMD') out.push({ source: `${rel(file)} services.${name}.healthcheck`, argv: test.slice(1).map(String), cwd });
    if (Array.isArray(test) && test[0] === 'CMD-SHELL')
      for (const c of simpleCommands(String(test[1]), cwd)) out.push({ source: `${rel(file)} services.${name}.healthcheck`, ...c });
  }
  return out;
}

/** The Dockerfile's RUN, CMD and ENTRYPOINT commands (WORKDIR /app = the repository root), with the stage each belongs to. */
export function dockerfileCommands(file = path.join(repoRoot, 'Dockerfile')): (FoundCommand & { stage: number; instruction: string })[] {
  const lines = fs.readFileSync(file, 'utf8').replace(/\\\n/g, ' ').split('\n');
  const out: (FoundCommand & { stage: number; instruction: string })[] = [];
  let stage = -1;
  let workdir = repoRoot;
  lines.forEach((line, i) => {
    const m = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!m || line.trim().startsWith('#')) return;
    const instruction = m[1].toUpperCase();
    const rest = m[2].trim();
    if (instruction === 'FROM') {
      stage++;
      workdir = repoRoot;
      return;
    }
    if (instruction === 'WORKDIR') {
      workdir = path.join(repoRoot, path.relative('/app', rest));
      return;
    }
    if (!['RUN', 'CMD', 'ENTRYPOINT'].includes(instruction)) return;
    const source = `${rel(file)}:${i + 1} ${instruction}`;
    if (rest.startsWith('[')) out.push({ source, argv: JSON.parse(rest), cwd: workdir, stage, instruction });
    else for (const c of simpleCommands(rest, workdir)) out.push({ source, ...c, stage, instruction });
  });
  return out;
}

/** Every README.md of the repository (not under node_modules, build output or dot folders). */
export function readmeFiles(dir = repoRoot): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.') || ['node_modules', 'dist', 'releases', 'test-artifacts'].includes(e.name)) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...readmeFiles(p));
    else if (e.name === 'README.md') out.push(p);
  }
  return out.sort();
}

const RUNNABLE = /^(npm|npx|node|bash|sh|tsx|docker|docker-compose)$/;

/**
 * The commands of a Markdown file: every line of its shell code blocks (```sh, bash, shell,
 * console, or no language when the line starts with npm/npx/node/bash), and every inline code
 * span that starts with npm, npx, node, bash or tsx. Run from the repository root.
 */
export function markdownCommands(file: string): FoundCommand[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: FoundCommand[] = [];
  const lines = text.split('\n');
  let fence: string | null = null;
  let block: string[] = [];
  let blockStart = 0;
  lines.forEach((line, i) => {
    const f = /^\s*(```+|~~~+)\s*([\w-]*)/.exec(line);
    if (f && fence === null) {
      fence = f[2].toLowerCase();
      block = [];
      blockStart = i + 2;
      return;
    }
    if (f && fence !== null) {
      const lang = fence;
      fence = null;
      if (!['sh', 'bash', 'shell', 'console', ''].includes(lang)) return;
      block.forEach((raw, j) => {
        const l = raw.replace(/^\s*\$\s+/, '');
        const cmds = simpleCommands(l, repoRoot).filter((c) => RUNNABLE.test(c.argv[0]));
        if (lang === '' && !cmds.length) return;
        for (const c of cmds) out.push({ source: `${rel(file)}:${blockStart + j}`, ...c });
      });
      return;
    }
    if (fence !== null) {
      // continuation lines belong to the previous line's command
      if (block.length && /\\\s*$/.test(block[block.length - 1])) block[block.length - 1] = block[block.length - 1].replace(/\\\s*$/, ' ') + line;
      else block.push(line);
      return;
    }
    for (const m of line.matchAll(/`([^`\n]+)`/g)) {
      const span = m[1].trim();
      if (!/^(npm|npx|node|bash|tsx) /.test(span) && !/^npm (start|test)$/.test(span)) continue;
      for (const c of simpleCommands(span, repoRoot)) out.push({ source: `${rel(file)}:${i + 1}`, ...c });
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

interface Pkg {
  name: string;
  dir: string;
  scripts: Record<string, string>;
}

function readPkg(dir: string): Pkg {
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return { name: json.name, dir, scripts: json.scripts ?? {} };
}

/** The root package and its workspaces. */
export function workspaces(): { root: Pkg; all: Pkg[] } {
  const root = readPkg(repoRoot);
  const json = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const all = (json.workspaces as string[]).map((w) => readPkg(path.join(repoRoot, w)));
  return { root, all };
}

/** The package a command run in `cwd` with `-w name` acts on (npm finds the nearest package.json, then the workspace). */
function packageFor(cwd: string, workspace: string | undefined): Pkg | string {
  const { root, all } = workspaces();
  if (workspace !== undefined) {
    const ws = all.find((p) => p.name === workspace || path.resolve(repoRoot, workspace) === p.dir);
    return ws ?? `no workspace "${workspace}" in package.json "workspaces"`;
  }
  let dir = cwd;
  while (dir.startsWith(repoRoot)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir === repoRoot ? root : readPkg(dir);
    dir = path.dirname(dir);
  }
  return `no package.json at or above ${cwd}`;
}

/** The installed bin `name` as npm run / npx find it from `cwd`: node_modules/.bin of cwd and every folder above it. */
export function findBin(name: string, cwd: string): string | null {
  let dir = cwd;
  for (;;) {
    const p = path.join(dir, 'node_modules', '.bin', name);
    if (fs.existsSync(p)) return p;
    if (dir === repoRoot || dir === path.dirname(dir)) return null;
    dir = path.dirname(dir);
  }
}

/** Commands every image and shell has; not checked. */
const SYSTEM = new Set([
  'apt-get',
  'rm',
  'mkdir',
  'cp',
  'mv',
  'chmod',
  'chown',
  'echo',
  'printf',
  'test',
  '[',
  'true',
  'false',
  'cat',
  'ls',
  'curl',
  'pg_isready',
  'openssl',
  'git',
  'docker',
  'docker-compose',
  'sleep',
  'wait',
  'kill',
  'export',
  'set',
  'source',
  '.',
  'find',
  'grep',
  'tar',
  'touch',
]);

const NPM_BUILTIN = new Set([
  'ci',
  'install',
  'i',
  'prune',
  'audit',
  'ls',
  'pack',
  'rebuild',
  'exec',
  'version',
  'config',
  'cache',
  'outdated',
  'update',
  'dedupe',
]);

/** Scripts npm runs with `npm <name>` without `run`. */
const NPM_SHORTHAND = new Set(['start', 'test', 'stop', 'restart']);

/**
 * What is wrong with one command, or [] when it exists. Scripts are followed: the body of an
 * `npm run X` is checked as commands run in its package's folder, with node_modules/.bin on PATH.
 * @param depth guard against scripts that call each other
 */
export function problems(cmd: { argv: string[]; cwd: string }, depth = 0, viaScript = false): string[] {
  const [bin, ...args] = cmd.argv;
  const where = `\`${cmd.argv.join(' ')}\` (in ${rel(cmd.cwd) || '.'})`;
  if (depth > 5) return [];
  if (bin === 'npm') {
    let workspace: string | undefined;
    const positional: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-w' || a === '--workspace') workspace = args[++i];
      else if (a.startsWith('--workspace=')) workspace = a.slice('--workspace='.length);
      else if (a === '--') break;
      else if (a.startsWith('-')) continue;
      else positional.push(a);
    }
    const [sub, scriptName] = positional;
    if (sub === undefined) return [`${where}: no npm command`];
    if (NPM_BUILTIN.has(sub)) return [];
    let name: string | undefined;
    if (sub === 'run' || sub === 'run-script') name = scriptName;
    else if (NPM_SHORTHAND.has(sub)) name = sub;
    else return [`${where}: unknown npm command "${sub}"`];
    if (!name) return [`${where}: no script name`];
    const pkg = packageFor(cmd.cwd, workspace);
    if (typeof pkg === 'string') return [`${where}: ${pkg}`];
    const body = pkg.scripts[name];
    if (body === undefined) return [`${where}: ${rel(path.join(pkg.dir, 'package.json'))} has no script "${name}"`];
    return simpleCommands(body, pkg.dir).flatMap((c) => problems(c, depth + 1, true).map((p) => `${where} → script "${name}": ${p}`));
  }
  if (bin === 'npx') {
    const name = args.find((a) => !a.startsWith('-'));
    if (!name) return [`${where}: npx without a command`];
    if (!findBin(name, cmd.cwd)) return [`${where}: no installed bin "${name}" (npx would download it)`];
    // `npx tsx file.ts`: the file must exist too
    return name === 'tsx' ? fileArgProblems('tsx', args.slice(args.indexOf(name) + 1), cmd.cwd, where) : [];
  }
  if (bin === 'node' || bin === 'bash' || bin === 'sh' || bin === 'tsx') {
    if (bin === 'tsx' && !findBin('tsx', cmd.cwd)) return [`${where}: tsx is not installed`];
    return fileArgProblems(bin, args, cmd.cwd, where);
  }
  // `docker compose run [options] <service> <command…>` (also exec, docker-compose): the command runs in the image, WORKDIR /app
  const composeArgs = bin === 'docker' && args[0] === 'compose' ? args.slice(1) : bin === 'docker-compose' ? args : null;
  if (composeArgs && (composeArgs[0] === 'run' || composeArgs[0] === 'exec')) {
    const WITH_VALUE = new Set([
      '-e',
      '--env',
      '-v',
      '--volume',
      '-w',
      '--workdir',
      '-u',
      '--user',
      '--name',
      '--entrypoint',
      '-p',
      '--publish',
      '-l',
      '--label',
    ]);
    let i = 1;
    while (i < composeArgs.length && composeArgs[i].startsWith('-')) i += WITH_VALUE.has(composeArgs[i]) ? 2 : 1;
    const inner = composeArgs.slice(i + 1);
    return inner.length ? problems({ argv: inner, cwd: repoRoot }, depth + 1) : [];
  }
  if (SYSTEM.has(bin)) return [];
  // inside a package.json script, node_modules/.bin is on PATH
  if (viaScript && findBin(bin, cmd.cwd)) return [];
  if (viaScript) return [`${where}: "${bin}" is neither an installed bin nor a known system command`];
  return [`${where}: unknown command "${bin}"`];
}

/** `node [--import X] [-e code] file …`: the module X resolves and the file exists. */
function fileArgProblems(bin: string, args: string[], cwd: string, where: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-e' || a === '--eval' || a === '-c' || a === '-p') return out; // inline code
    if (a === '--import' || a === '--require' || a === '-r' || a === '--loader') {
      const mod = args[++i];
      if (!mod.startsWith('.') && !findPackage(mod, cwd)) out.push(`${where}: module "${mod}" is not installed`);
      continue;
    }
    if (a.startsWith('-')) continue;
    if (a.includes('$')) return out; // a variable
    if (!fs.existsSync(path.resolve(cwd, a))) out.push(`${where}: no file ${rel(path.resolve(cwd, a))}`);
    return out;
  }
  return out;
}

function findPackage(name: string, cwd: string): string | null {
  let dir = cwd;
  for (;;) {
    const p = path.join(dir, 'node_modules', name, 'package.json');
    if (fs.existsSync(p)) return p;
    if (dir === repoRoot || dir === path.dirname(dir)) return null;
    dir = path.dirname(dir);
  }
}

/**
 * Whether package `name`, resolved from `fromDir` as Node would (the workspace's node_modules,
 * then the root's), is installed by `npm ci --omit=dev` / kept by `npm prune --omit=dev`: its
 * package-lock.json entry is not marked dev (or devOptional).
 */
export function isProductionPackage(name: string, fromDir: string): boolean | null {
  const lock = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8'));
  let dir = fromDir;
  for (;;) {
    const key = path.relative(repoRoot, path.join(dir, 'node_modules', name));
    const entry = lock.packages?.[key];
    if (entry) {
      if (entry.link) return true; // a workspace
      return !entry.dev && !entry.devOptional;
    }
    if (dir === repoRoot) return null;
    dir = path.dirname(dir);
  }
}
