import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { exitOf, isRunning, killGroup } from './process-group';

describe('killGroup', () => {
  it('ends a detached child and the processes it started (its process group)', async () => {
    // a shell that starts a grandchild and prints its pid, as a build starts esbuild
    const child = spawn('sh', ['-c', 'sleep 300 & echo $!; wait'], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
    const grandchild = await new Promise<number>((resolve) => child.stdout!.once('data', (d) => resolve(Number(String(d).trim()))));
    expect(isRunning(child.pid!)).toBe(true);
    expect(isRunning(grandchild)).toBe(true);
    const gone = exitOf(child);
    killGroup(child, 'SIGKILL');
    await gone;
    // the grandchild is reparented and reaped by init; it is killed either way
    for (let i = 0; i < 100 && isRunning(grandchild); i++) await new Promise((r) => setTimeout(r, 20));
    expect(isRunning(child.pid!)).toBe(false);
    expect(isRunning(grandchild)).toBe(false);
    // a group already gone: nothing thrown
    expect(() => killGroup(child, 'SIGKILL')).not.toThrow();
    await exitOf(child);
  });
});
