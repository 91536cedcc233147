/**
 * The publisher's form intake against real HTTP: a page of another site cannot post a citizen
 * form through its visitors' browsers (red-team F3), and a body past the limit is cut off, not
 * read to its end (red-team F4). The CMS is a real local HTTP server that records what reaches it.
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formMarkers, renderIntakeForm } from '@cong/shared';
import { IntakeHandler, crossSite, MAX_FORM_BYTES } from './intake.js';
import { INTAKE_ROUTES } from './intake-routes.js';

const route = INTAKE_ROUTES.find((r) => r.fillTime !== false)!;
let cmsHits = 0;
let cms: http.Server;
let site: http.Server;
let base = '';
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-intake-'));

const listen = (s: http.Server) => new Promise<number>((r) => s.listen(0, '127.0.0.1', () => r((s.address() as net.AddressInfo).port)));

beforeAll(async () => {
  cms = http.createServer((req, res) => {
    cmsHits++;
    req.resume();
    res.writeHead(201, { 'content-type': 'application/json' }).end('{}');
  });
  const cmsPort = await listen(cms);
  const dir = path.join(root, ...route.form.action.split('/').filter(Boolean));
  fs.mkdirSync(dir, { recursive: true });
  const { start, end } = formMarkers(route.form.id);
  fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html><html><body>${start}${renderIntakeForm(route.form)}${end}</body></html>`);
  const handler = new IntakeHandler(
    [route],
    {
      cmsUrl: `http://127.0.0.1:${cmsPort}`,
      intake: { token: 'x'.repeat(40), formSecret: 'y'.repeat(40), minFillMs: 0, maxFillMs: 86_400_000, trustProxy: false },
      log: () => undefined,
    } as any,
    () => root,
  );
  site = http.createServer((req, res) => void handler.handle(req, res, route, new URL(req.url!, 'http://x')));
  base = `http://127.0.0.1:${await listen(site)}`;
});

afterAll(() => {
  cms?.close();
  site?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('crossSite: whether a POST comes from another site', () => {
  const req = (headers: Record<string, string>) => ({ headers }) as unknown as http.IncomingMessage;
  it('fetch metadata decides when the browser sends it', () => {
    expect(crossSite(req({ 'sec-fetch-site': 'cross-site', host: 'congthongtin.example' }))).toBe(true);
    expect(crossSite(req({ 'sec-fetch-site': 'same-site', host: 'congthongtin.example' }))).toBe(true);
    expect(crossSite(req({ 'sec-fetch-site': 'same-origin', host: 'congthongtin.example' }))).toBe(false);
    expect(crossSite(req({ 'sec-fetch-site': 'none' }))).toBe(false);
  });
  it('otherwise the Origin must name the request’s host; no Origin at all (old browsers) passes to the other traps', () => {
    expect(crossSite(req({ origin: 'https://evil.example', host: 'congthongtin.example' }))).toBe(true);
    expect(crossSite(req({ origin: 'null', host: 'congthongtin.example' }))).toBe(true);
    expect(crossSite(req({ origin: 'https://congthongtin.example', host: 'congthongtin.example' }))).toBe(false);
    expect(crossSite(req({ host: 'congthongtin.example' }))).toBe(false);
  });
});

describe('the form intake over HTTP', () => {
  it('a cross-site POST is refused with the form shown again and nothing reaches the CMS', async () => {
    const before = cmsHits;
    const attempts: Record<string, string>[] = [{ 'sec-fetch-site': 'cross-site' }, { origin: 'https://evil.example' }];
    for (const headers of attempts) {
      const res = await fetch(`${base}${route.form.action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: 'subject=a',
      });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('gửi từ chính trang này');
    }
    expect(cmsHits).toBe(before);
  });

  it('a body past the limit is answered 413 and the connection closed without reading the rest', async () => {
    const port = Number(new URL(base).port);
    const answer = await new Promise<{ head: string; closedAfterMs: number }>((resolve, reject) => {
      const sock = net.connect(port, '127.0.0.1');
      let data = '';
      const t0 = Date.now();
      sock.on('data', (c) => (data += c.toString('latin1')));
      sock.on('close', () => resolve({ head: data.split('\r\n')[0]!, closedAfterMs: Date.now() - t0 }));
      sock.on('error', reject);
      // announce no length (chunked) and send more than the limit, then keep the connection open
      sock.write(
        `POST ${route.form.action} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n`,
      );
      const chunk = 'a'.repeat(16 * 1024);
      for (let sent = 0; sent <= MAX_FORM_BYTES; sent += chunk.length) sock.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
      setTimeout(() => sock.destroy(), 10_000);
    });
    expect(answer.head).toMatch(/^HTTP\/1\.1 413/);
    expect(answer.closedAfterMs).toBeLessThan(10_000);
  });
});
