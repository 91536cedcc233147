/**
 * A real local SMTP catcher for the tests: maildev (the one `npm start` runs) as a child process
 * on free loopback ports, its mails read over its REST API (`GET /api/email`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, repoRoot } from './strapi';

export interface CaughtMail {
  id: string;
  subject: string;
  text: string;
  html: string;
  to: { address: string }[];
  from: { address: string; name: string }[];
}

export interface Catcher {
  smtpPort: number;
  webUrl: string;
  /** every mail received so far */
  mails(): Promise<CaughtMail[]>;
  /** waits until `pick` finds a mail (polls up to `timeoutMs`) */
  waitFor(pick: (m: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  stop(): Promise<void>;
}

/** Starts maildev; `extraArgs` are more CLI options (e.g. `--incoming-user u --incoming-pass p`). */
export async function startMaildev(extraArgs: string[] = []): Promise<Catcher> {
  const [smtpPort, webPort] = [await freePort(), await freePort()];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-maildev-'));
  const bin = path.join(repoRoot, 'node_modules', 'maildev', 'dist', 'bin', 'maildev.js');
  const child: ChildProcess = spawn(
    process.execPath,
    [bin, '--smtp', String(smtpPort), '--web', String(webPort), '--ip', '127.0.0.1', '--web-ip', '127.0.0.1', '--mail-directory', dir, ...extraArgs],
    { stdio: 'ignore' },
  );
  const webUrl = `http://127.0.0.1:${webPort}`;
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${webUrl}/api/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const mails = async (): Promise<CaughtMail[]> => (await fetch(`${webUrl}/api/email`)).json() as Promise<CaughtMail[]>;
  return {
    smtpPort,
    webUrl,
    mails,
    async waitFor(pick, timeoutMs = 20_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const found = (await mails()).find(pick);
        if (found) return found;
        if (Date.now() > end) throw new Error(`no such mail within ${timeoutMs} ms; got: ${(await mails()).map((m) => m.subject).join(' | ')}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async stop() {
      child.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Whether a mail went to `address`. */
export const sentTo = (m: CaughtMail, address: string) => m.to.some((t) => t.address.toLowerCase() === address.toLowerCase());
