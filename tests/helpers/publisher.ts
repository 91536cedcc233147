/**
 * The real publisher as its own process for integration tests (`site/publisher/main.ts` run with
 * tsx, as `npm run publisher -w site` runs it, in production mode on loopback), and the polling
 * helper the tests wait on it with.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './strapi';

const siteDir = path.join(repoRoot, 'site');

/**
 * Starts a publisher. `env` adds to (and overrides) this process's environment and the defaults
 * a test wants: `NODE_ENV=production`, `HOST=127.0.0.1`, no reconcile timer, no daily rebuild.
 * The test gives the rest (PORT, CMS_URL, secrets, RELEASES_DIR …: see site/README.md).
 * Everything the process prints, stdout and stderr, goes to `onOutput` (a test keeps it to show
 * when a wait times out).
 * @returns the child process; stop it with {@link stopTestPublisher}
 */
export function startTestPublisher(env: Record<string, string>, onOutput: (chunk: string) => void): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(siteDir, 'publisher', 'main.ts')], {
    cwd: siteDir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      RECONCILE_INTERVAL_MS: '0',
      DAILY_REBUILD: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => onOutput(String(d)));
  child.stderr!.on('data', (d) => onOutput(String(d)));
  return child;
}

/** Stops a publisher (SIGTERM) and waits for it to exit; nothing when it is null or already gone. */
export async function stopTestPublisher(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Resolves after `ms` milliseconds. */
export async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

/**
 * Polls `fn` every `everyMs` until it returns a truthy value (an error counts as "not yet") and
 * returns that value.
 * @throws Error after `timeoutMs`, naming `what`, the last error and the tail of `log()` (the
 *   publisher's output)
 */
export async function pollUntil<T>(
  what: string,
  fn: () => Promise<T | undefined | null | false>,
  o: { timeoutMs: number; everyMs: number; log: () => string },
): Promise<T> {
  const until = Date.now() + o.timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await sleep(o.everyMs);
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${last})` : ''}\n--- publisher log ---\n${o.log().slice(-6000)}`);
}
