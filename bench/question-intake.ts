/**
 * Citizen question intake benchmark (issue 11 item 1): submit-to-queue latency and the
 * submissions per second the endpoint holds.
 *
 *   npx tsx bench/question-intake.ts              # SQLite
 *   BENCH_DB=postgres npx tsx bench/question-intake.ts
 *
 * Boots the real CMS in-process on a fresh database (one published agency) and serves the
 * publisher's real intake handler (site/publisher/intake.ts with the routes of intake-routes.ts)
 * over HTTP on a minimal release folder that holds just the form and receipt pages with their
 * markers (the Astro build is not what is measured). Each submission is a urlencoded POST of the
 * question form, as a browser without JavaScript sends it, with a valid fill-time token; the
 * citizen's address varies through X-Forwarded-For (TRUST_PROXY) and the contact per submission,
 * so the rate limits (raised for the run) and duplicate detection pass — every submission goes
 * through the limiter, the duplicate check, the workflow middleware and the audit log.
 *
 * - latency: BENCH_SEQUENTIAL (200) submissions one after another; the time from sending the POST
 *   to the receipt page, i.e. the question stored in its agency's queue (median, p95, max);
 * - throughput: BENCH_CONCURRENCY (8) clients submitting for BENCH_SECONDS (15) s; accepted per
 *   second, and the latency under that load.
 * Every receipt is checked against the database at the end (no submission lost).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { FILL_TOKEN_FIELD, formMarkers, QUESTION_RECEIPT_MARKER, routes } from '@cong/shared';
import { issueFillToken } from '@cong/shared/intake-token';
import { bootCms, freePort } from '../tests/helpers/strapi';
import { IntakeHandler } from '../site/publisher/intake';
import { INTAKE_ROUTES } from '../site/publisher/intake-routes';

const db = process.env.BENCH_DB === 'postgres' ? 'postgres' : 'sqlite';
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const token = randomBytes(32).toString('hex');
const formSecret = randomBytes(32).toString('hex');

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function main() {
  const cms = await bootCms({
    db,
    env: { INTAKE_TOKEN: token, QUESTION_RATE_PER_ADDRESS: '1000000', QUESTION_RATE_PER_CONTACT: '1000000' },
  });
  const a = await cms.strapi
    .documents('api::agency.agency')
    .create({ data: { name: 'Sở Xây dựng', slug: 'so-xay-dung', kind: 'department', updateSchedule: 'monWedFri' } as any });
  await cms.strapi.documents('api::agency.agency').publish({ documentId: a.documentId });

  // a minimal release: the form page and the receipt page with their markers
  const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-bench-intake-'));
  const page = (id: string) => {
    const { start, end } = formMarkers(id);
    return `<!doctype html><html lang="vi"><body><main>${start}${end}</main></body></html>`;
  };
  for (const [route, id] of [
    [routes.questionAsk(), 'question'],
    [routes.questionReceipt(), QUESTION_RECEIPT_MARKER],
  ] as const) {
    fs.mkdirSync(path.join(webRoot, route), { recursive: true });
    fs.writeFileSync(path.join(webRoot, route, 'index.html'), page(id));
  }
  const handler = new IntakeHandler(
    INTAKE_ROUTES,
    { cmsUrl: cms.url, intake: { token, formSecret, minFillMs: 1000, maxFillMs: 3_600_000, trustProxy: true }, log: (l) => console.log(`[publisher] ${l}`) },
    () => webRoot,
  );
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const r = handler.route(url.pathname);
    if (!r) {
      res.writeHead(404).end();
      return;
    }
    void handler.handle(req, res, r, url);
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${port}`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 });

  let n = 0;
  const codes: string[] = [];
  const submit = (): Promise<{ status: number; ms: number }> =>
    new Promise((resolve, reject) => {
      n += 1;
      const body = new URLSearchParams({
        askerName: 'Nguyễn Văn An',
        askerEmail: `bench.${n}.${randomBytes(3).toString('hex')}@example.vn`,
        agency: 'so-xay-dung',
        subject: `Câu hỏi đo tải số ${n}`,
        body: `Xin hỏi thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ cần những giấy tờ gì? (${n})`,
        consentToPublish: 'on',
        website: '',
        [FILL_TOKEN_FIELD]: issueFillToken(formSecret, 'question', Date.now() - 5_000),
      }).toString();
      const t0 = performance.now();
      const req = http.request(
        `${base}${routes.questionAsk()}`,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': Buffer.byteLength(body),
            'x-forwarded-for': `10.${n >> 16}.${(n >> 8) & 255}.${n & 255}`,
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c) => (text += c));
          res.on('end', () => {
            const code = /id="ma-theo-doi">([^<]+)</.exec(text)?.[1];
            if (res.statusCode === 200 && code) codes.push(code);
            resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  // warm-up
  for (let i = 0; i < 10; i++) await submit();

  const seq: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    const r = await submit();
    if (r.status !== 200) throw new Error(`submission answered ${r.status}`);
    seq.push(r.ms);
  }

  const loaded: number[] = [];
  const statuses = new Map<number, number>();
  const until = Date.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < until) {
        const r = await submit();
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (r.status === 200) loaded.push(r.ms);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;

  const stored = await cms.strapi.db.query('api::question.question').count({ where: { trackingCode: { $in: codes }, publishedAt: null } });
  const lost = codes.length - stored;

  console.log(`\nQuestion intake, ${db}, ${os.cpus().length} CPU(s), load average ${os.loadavg()[0]!.toFixed(1)}`);
  console.log(`submit-to-queue latency, ${SEQUENTIAL} sequential: median ${ms(pct(seq, 50))}, p95 ${ms(pct(seq, 95))}, max ${ms(Math.max(...seq))}`);
  console.log(
    `throughput, ${CONCURRENCY} concurrent clients for ${elapsed.toFixed(1)} s: ${(loaded.length / elapsed).toFixed(1)} accepted/s ` +
      `(statuses ${JSON.stringify(Object.fromEntries(statuses))}); latency under load median ${ms(pct(loaded, 50))}, p95 ${ms(pct(loaded, 95))}`,
  );
  console.log(`receipts checked against the database: ${codes.length}, lost ${lost}`);

  server.close();
  agent.destroy();
  fs.rmSync(webRoot, { recursive: true, force: true });
  await cms.stop();
  process.exit(lost ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
