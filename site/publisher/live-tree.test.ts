/**
 * Content publishes in place (live-tree.ts, ADR 0019): the staged pages go live with their
 * brotli/gzip copies, a copy never outlives the bytes it was made from, a removed page takes its
 * copies with it, and the journal gives back every previous byte (a failed publish, a crash at
 * start). Served through the publisher's real static handler.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyStaged, KEEP_JOURNALS, pruneJournals, recoverJournals, restoreJournal } from './live-tree.js';
import { compressCopies, precompressTree } from './precompress.js';
import { createStaticHandler, type StaticHandler } from './static.js';

let tmp: string;
let web: string;
let stage: string;
let journals: string;
let handler: StaticHandler;
let server: http.Server;
let base: string;

const page = (text: string) => `<!doctype html><html lang="vi"><body>${text}${' Nội dung trang cổng thông tin.'.repeat(80)}</body></html>`;

function write(root: string, rel: string, body: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), body);
}

/** Stages a page as the renderer does (service.ts): the page and its copies. */
function stagePage(rel: string, body: string): void {
  write(stage, rel, body);
  const { br, gz } = compressCopies(rel, Buffer.from(body));
  if (br) fs.writeFileSync(path.join(stage, `${rel}.br`), br);
  if (gz) fs.writeFileSync(path.join(stage, `${rel}.gz`), gz);
}

/** Every file under `dir` with its bytes. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const d of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) walk(r);
      else out[r] = fs.readFileSync(path.join(dir, r)).toString('base64');
    }
  };
  walk('');
  return out;
}

async function get(url: string, encoding?: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`${base}${url}`, { headers: encoding ? { 'accept-encoding': encoding } : {} });
  const raw = Buffer.from(await res.arrayBuffer());
  // fetch decodes gzip/br itself: the body is the page's text whatever copy was sent
  return { status: res.status, body: raw.toString('utf8') };
}

beforeAll(async () => {
  server = http.createServer((req, res) =>
    handler(req, res, () => {
      res.statusCode = 404;
      res.end('404');
    }),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
});

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-live-tree-'));
  web = path.join(tmp, 'release', 'client');
  stage = path.join(tmp, 'stage');
  journals = path.join(tmp, 'journal');
  write(web, 'index.html', page('Trang chủ cũ'));
  write(web, 'tin-tuc/a/index.html', page('Bài A cũ'));
  write(web, 'tin-tuc/b/index.html', page('Bài B'));
  write(web, 'rss.xml', '<rss>cũ</rss>'.padEnd(2000, ' '));
  precompressTree(web);
  handler = createStaticHandler(web);
  return () => fs.rmSync(tmp, { recursive: true, force: true });
});

describe('applyStaged', () => {
  it('puts changed pages live with fresh copies, removes pages with their copies, journals the old bytes', async () => {
    const before = tree(web);
    stagePage('index.html', page('Trang chủ mới'));
    stagePage('tin-tuc/c/index.html', page('Bài C mới'));
    // a page that became too small to compress: its old copies must go, not stay stale
    stagePage('rss.xml', '<rss>mới</rss>');
    expect(fs.existsSync(path.join(web, 'rss.xml.gz'))).toBe(true);
    const applied = applyStaged(web, stage, journals, 'r1+1', {
      release: 'r1',
      written: ['index.html', 'tin-tuc/c/index.html', 'rss.xml'],
      removed: ['tin-tuc/b/index.html'],
    });
    handler.refresh(applied.paths);

    for (const enc of [undefined, 'gzip', 'br']) {
      expect((await get('/', enc)).body, enc).toContain('Trang chủ mới');
      expect((await get('/tin-tuc/c/', enc)).body, enc).toContain('Bài C mới');
      expect((await get('/rss.xml', enc)).body, enc).toBe('<rss>mới</rss>');
      expect((await get('/tin-tuc/b/', enc)).status, enc).toBe(404);
      expect((await get('/tin-tuc/a/', enc)).body, enc).toContain('Bài A cũ');
    }
    // every copy on disk is the compression of the bytes beside it
    for (const [f] of Object.entries(tree(web))) {
      const orig = f.replace(/\.(br|gz)$/, '');
      if (orig === f) continue;
      const bytes = fs.readFileSync(path.join(web, f));
      const decoded = f.endsWith('.br') ? zlib.brotliDecompressSync(bytes) : zlib.gunzipSync(bytes);
      expect(decoded.equals(fs.readFileSync(path.join(web, orig))), f).toBe(true);
    }
    expect(fs.existsSync(path.join(web, 'rss.xml.gz'))).toBe(false);
    expect(fs.existsSync(path.join(web, 'tin-tuc/b'))).toBe(false);
    expect(fs.existsSync(path.join(applied.journal, 'done.json'))).toBe(true);

    // undoing the journal gives back the tree byte for byte
    handler.refresh(restoreJournal(applied.journal));
    expect(tree(web)).toEqual(before);
    expect((await get('/tin-tuc/b/', 'br')).body).toContain('Bài B');
    expect((await get('/', 'gzip')).body).toContain('Trang chủ cũ');
    expect((await get('/tin-tuc/c/')).status).toBe(404);
  });

  it('a publish cut short leaves an unfinished journal that recoverJournals undoes', () => {
    const before = tree(web);
    stagePage('index.html', page('Trang chủ mới'));
    // the second staged page is missing: the rename fails after the first page went live
    let journal = '';
    try {
      applyStaged(web, stage, journals, 'r1+2', { release: 'r1', written: ['index.html', 'tin-tuc/missing/index.html'], removed: ['tin-tuc/a/index.html'] });
      expect.unreachable('the apply should fail');
    } catch (err) {
      journal = (err as { journal: string }).journal;
    }
    expect(fs.readFileSync(path.join(web, 'index.html'), 'utf8')).toContain('Trang chủ mới');
    expect(fs.existsSync(path.join(journal, 'journal.json'))).toBe(true);
    // as a restarted publisher does
    expect(recoverJournals(journals)).toEqual(['r1+2']);
    expect(tree(web)).toEqual(before);
  });

  it('refuses paths outside the web root', () => {
    expect(() => applyStaged(web, stage, journals, 'r1+3', { release: 'r1', written: ['../escape.html'], removed: [] })).toThrow(/refused/);
    expect(() => applyStaged(web, stage, journals, 'r1+3', { release: 'r1', written: [], removed: ['/etc/passwd'] })).toThrow(/refused/);
  });

  it('keeps the last finished journals only', () => {
    for (let i = 0; i < KEEP_JOURNALS + 3; i++) {
      stagePage('index.html', page(`Trang chủ ${i}`));
      applyStaged(web, stage, journals, `r1+${i + 10}`, { release: 'r1', written: ['index.html'], removed: [] });
    }
    pruneJournals(journals);
    expect(fs.readdirSync(journals)).toHaveLength(KEEP_JOURNALS);
  });
});
