/**
 * `node --import tsx bench/publish-latency/release-shape.ts [pages]` — what putting one content
 * publish live costs by release shape (ADR 0019), on a synthetic release of `pages` pages
 * (default 15,000, each with its .br/.gz copies, as precompress.ts leaves them):
 * - a new hard-linked release per publish (every file linked into a new folder, then the
 *   changed pages written): the shape `astro build` releases have;
 * - in place with a journal (site/publisher/live-tree.ts): the changed pages and their copies
 *   renamed in, the previous bytes hard-linked into a journal;
 * plus the publisher's file index rebuilt from disk (a new static handler per release) against
 * its refresh of the changed paths. Prints medians of 5 runs, ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyStaged } from '../../site/publisher/live-tree.js';
import { compressCopies } from '../../site/publisher/precompress.js';
import { createStaticHandler } from '../../site/publisher/static.js';

const PAGES = Number(process.argv[2] ?? 15_000);
const CHANGED = 10;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-release-shape-'));
const body = (i: number, v: string) => Buffer.from(`<!doctype html><html lang="vi"><body>Trang ${i} ${v}${' nội dung'.repeat(400)}</body></html>`);

function makeRelease(dir: string): void {
  for (let i = 0; i < PAGES; i++) {
    const rel = `tin-tuc/bai-${i}/index.html`;
    const f = path.join(dir, rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    const b = body(i, 'v0');
    fs.writeFileSync(f, b);
    if (i < 200) {
      const { br, gz } = compressCopies(rel, b);
      if (br) fs.writeFileSync(`${f}.br`, br);
      if (gz) fs.writeFileSync(`${f}.gz`, gz);
    } else {
      // copies of the same size class, without paying brotli for 15k files
      fs.writeFileSync(`${f}.br`, b.subarray(0, 600));
      fs.writeFileSync(`${f}.gz`, b.subarray(0, 700));
    }
  }
}

function linkTree(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const d of fs.readdirSync(from, { withFileTypes: true })) {
    if (d.isDirectory()) linkTree(path.join(from, d.name), path.join(to, d.name));
    else fs.linkSync(path.join(from, d.name), path.join(to, d.name));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const live = path.join(tmp, 'r0');
makeRelease(live);
const linkMs: number[] = [];
const indexMs: number[] = [];
const inPlaceMs: number[] = [];
const refreshMs: number[] = [];
for (let run = 1; run <= 5; run++) {
  // shape 1: a new hard-linked release, the changed pages written into it, a new file index
  let t = performance.now();
  const next = path.join(tmp, `r${run}`);
  linkTree(live, next);
  for (let i = 0; i < CHANGED; i++) {
    const f = path.join(next, `tin-tuc/bai-${i}/index.html`);
    fs.rmSync(f);
    fs.writeFileSync(f, body(i, `v${run}`));
  }
  linkMs.push(performance.now() - t);
  t = performance.now();
  createStaticHandler(next);
  indexMs.push(performance.now() - t);
  fs.rmSync(next, { recursive: true, force: true });
  // shape 2: in place, journal of the previous bytes, the file index refreshed
  const stage = path.join(tmp, `stage${run}`);
  const written: string[] = [];
  for (let i = 0; i < CHANGED; i++) {
    const rel = `tin-tuc/bai-${i}/index.html`;
    const b = body(i, `v${run}`);
    fs.mkdirSync(path.dirname(path.join(stage, rel)), { recursive: true });
    fs.writeFileSync(path.join(stage, rel), b);
    const { br, gz } = compressCopies(rel, b);
    if (br) fs.writeFileSync(path.join(stage, `${rel}.br`), br);
    if (gz) fs.writeFileSync(path.join(stage, `${rel}.gz`), gz);
    written.push(rel);
  }
  const handler = createStaticHandler(live);
  t = performance.now();
  const applied = applyStaged(live, stage, path.join(tmp, 'journal'), `r0+${run}`, { release: 'r0', written, removed: [] });
  inPlaceMs.push(performance.now() - t);
  t = performance.now();
  handler.refresh(applied.paths);
  refreshMs.push(performance.now() - t);
}
fs.rmSync(tmp, { recursive: true, force: true });
console.log(
  `release of ${PAGES} pages (${PAGES * 3} files with the .br/.gz copies), ${CHANGED} pages changed; medians of 5 runs on ${os.cpus().length} × ${os.cpus()[0]?.model}, load ${os.loadavg()[0].toFixed(1)}`,
);
console.log(`new hard-linked release + changed pages written: ${median(linkMs).toFixed(0)} ms; its file index listed: ${median(indexMs).toFixed(0)} ms`);
console.log(`in place (journal + renames):                    ${median(inPlaceMs).toFixed(1)} ms; file index refreshed: ${median(refreshMs).toFixed(2)} ms`);
