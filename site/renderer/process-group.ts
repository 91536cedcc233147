/**
 * Ending a child process with everything it started (issue 12): the renderer's children — the
 * server build, the full-render workers, the renderer process — are spawned `detached: true`,
 * so each leads a process group of its own (with the esbuild service and any other process it
 * starts), and the publisher ends the whole group when it stops, instead of leaving them to run.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';

/**
 * Sends `signal` to the process group `child` leads (it must have been spawned with
 * `detached: true`); to the child alone when there is no such group. Never throws: a group
 * already gone is fine.
 */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* gone */
    }
  }
}

/** Resolves when `child` has exited (at once when it already has, or never started). */
export function exitOf(child: ChildProcess): Promise<void> {
  // never started (spawn error): never exits
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Whether process `pid` runs: it exists and is not a zombie waiting to be reaped (Linux,
 * `/proc/<pid>/stat`; false where there is no /proc). What the stop tests check is gone.
 */
export function isRunning(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}
