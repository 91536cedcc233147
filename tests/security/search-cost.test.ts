/**
 * Red-team F13 (search, ADR 0018: "one request cannot exhaust the server"): a search runs on the
 * publisher's one event loop, which also serves every page and form; at 15,000 pages a query of
 * common words ("và của các …", "tỉnh lào cai") took 0.6–2.4 s each (measured on this machine
 * under load; bench/README: p50 248 ms, max 2.6 s), with no limit on how many were run — one
 * request a second from anywhere froze the portal. Searches are now charged to a CPU budget
 * (SearchBudget): over it, a search is not run and the answer is 503 with Retry-After, a
 * Vietnamese message and no-store, until the debt is paid back.
 *
 * Real parts: the real search page handler on a real HTTP server and a real index; the budget's
 * clock is the test's, so the test does not depend on this machine's speed.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS_MARKER, SEARCH_BURST_MS, SEARCH_CPU_SHARE, SearchBudget, SearchIndex, serveSearch } from '../../site/publisher/search.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-search-cost-'));
let clock = 0;
const index = new SearchIndex(new SearchBudget(SEARCH_CPU_SHARE, SEARCH_BURST_MS, () => clock));
let server: http.Server;
let base: string;

beforeAll(async () => {
  fs.mkdirSync(path.join(tmp, 'tim-kiem'), { recursive: true });
  fs.writeFileSync(
    path.join(tmp, 'tim-kiem', 'index.html'),
    `<!doctype html><html lang="vi"><head><title>Tìm kiếm</title></head><body><form><input id="tu-khoa" type="search" name="q"></form>${RESULTS_MARKER}</body></html>`,
  );
  await index.loadDocs(
    [{ url: '/tin-tuc/a/', title: 'Đất đai tỉnh Lào Cai', kind: 'Tin tức', agency: null, date: null, lang: 'vi', text: 'Thủ tục đất đai.' }],
    'test',
  );
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    serveSearch(req, res, url, index, tmp, () => {
      res.statusCode = 404;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('searches cannot take the publisher’s CPU', () => {
  it('every search is charged to the budget', () => {
    const tight = new SearchIndex(new SearchBudget(1e-9, 0, () => 0));
    return tight.loadDocs([{ url: '/a/', title: 'Đất đai', kind: 'Tin tức', agency: null, date: null, lang: 'vi', text: 'đất' }], 't').then(() => {
      expect(tight.budget.wait()).toBe(0);
      expect(tight.search('đất đai').total).toBe(1);
      expect(tight.budget.wait()).toBeGreaterThan(0);
    });
  });

  it('over the budget a search is not run: 503, Retry-After, no-store, a Vietnamese message; paid back, it runs again', async () => {
    const ok = await fetch(`${base}/tim-kiem/?q=dat+dai`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Tìm thấy 1 kết quả');
    // expensive searches (common words on 15,000 pages) spent the burst and 1 s more of the event loop just now
    index.budget.charge(SEARCH_BURST_MS + 1_000);
    const busy = await fetch(`${base}/tim-kiem/?q=dat+dai`);
    expect(busy.status).toBe(503);
    const wait = Number(busy.headers.get('retry-after'));
    // at least the 1 s above the burst paid back at the CPU share (plus the first search's own time)
    expect(wait).toBeGreaterThanOrEqual(Math.ceil(1_000 / SEARCH_CPU_SHARE / 1000));
    expect(busy.headers.get('cache-control')).toBe('no-store');
    const html = await busy.text();
    expect(html).toContain('Hệ thống tìm kiếm đang quá tải');
    expect(html).not.toContain('/tin-tuc/a/');
    expect(html).toContain('value="dat dai"');
    // HEAD is refused the same way
    expect((await fetch(`${base}/tim-kiem/?q=dat+dai`, { method: 'HEAD' })).status).toBe(503);
    clock += wait * 1000;
    const again = await fetch(`${base}/tim-kiem/?q=dat+dai`);
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('/tin-tuc/a/');
  });
});
