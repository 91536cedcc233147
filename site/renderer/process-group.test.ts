import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exitOf, killGroup } from './process-group';

/** Whether a process runs (exists and is not a zombie). */
function running(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('killGroup', () => {
  it('ends a detached child and the processes it started (its process group)', async () => {
    // a shell that starts a grandchild and prints its pid, as a build starts esbuild
    const child = spawn('sh', ['-c', 'sleep 300 & echo $!; wait'], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
    const grandchild = await new Promise<number>((resolve) => child.stdout!.once('data', (d) => resolve(Number(String(d).trim()))));
    expect(running(child.pid!)).toBe(true);
    expect(running(grandchild)).toBe(true);
    const gone = exitOf(child);
    killGroup(child, 'SIGKILL');
    await gone;
    // the grandchild is reparented and reaped by init; it is killed either way
    for (let i = 0; i < 100 && running(grandchild); i++) await new Promise((r) => setTimeout(r, 20));
    expect(running(child.pid!)).toBe(false);
    expect(running(grandchild)).toBe(false);
    // a group already gone: nothing thrown
    expect(() => killGroup(child, 'SIGKILL')).not.toThrow();
    await exitOf(child);
  });
});
