/**
 * The publishing pipeline end to end: a real CMS (in this process, SQLite or PostgreSQL) seeded
 * with the real data registers its webhook from env; the publisher runs as its own process
 * (`site/publisher/main.ts`, as `npm run publisher` does), builds the real Astro site into
 * releases and serves them over HTTP. Checked over real HTTP:
 * - the first release serves the seeded site with the right cache headers and 404 page;
 * - the first release is a code deploy through the renderer (server build + full render); a
 *   publish reaches the served site (the article's page, its agency's sub-site, the homepage)
 *   through the long-running renderer, rendering only the pages whose cache keys changed, in
 *   place with a journal of the previous bytes (ADR 0019);
 * - an unpublish removes it; a delete (two webhook calls) gives one build;
 * - a bad secret is refused; a burst of 20 events gives one build;
 * - a build made to fail (the CMS's GraphQL down) leaves the previous release serving and is
 *   reported in /status, and the retry reconciles once the CMS is back;
 * - events sent while the publisher is stopped are picked up when it starts;
 * - rollback, release pruning and the draft preview route;
 * - a build refetches only the changed entries (data cache), relations written from the other side
 *   included; the sitemap changes with the publish (the renderer keeps it), equal to what the
 *   full writer makes of the live tree; the search index follows;
 * - stopping the publisher in the middle of a code deploy (during the server build, during the
 *   full render) ends every process it started and leaves the live release as it was.
 */
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { PUBLISHER_SECRET_HEADER, PUBLISHER_WEBHOOK_NAME } from '@cong/shared';
import { bootCms, freePort, repoRoot, type BootedCms } from '../helpers/strapi';
import { pollUntil, sleep, startTestPublisher, stopTestPublisher } from '../helpers/publisher';
import { requireSeedSources } from '../../scripts/seed/paths';
import { importSeed } from '../../scripts/seed/import';
import { UID } from '../helpers/uids';
import { writeSitemap } from '../../site/src/integrations/post-build';
import { isRunning } from '../../site/renderer/process-group';

const require = createRequire(import.meta.url);
const { dataDir, seedDir } = requireSeedSources();
const ARTICLE = UID.article;

const secret = randomBytes(24).toString('hex');
const previewToken = randomBytes(32).toString('hex');
const previewSecret = randomBytes(24).toString('hex');
const adminEmail = 'publisher-test@laocai.local';
const adminPassword = `Pw-${randomBytes(8).toString('hex')}-9`;

let cms: BootedCms;
let tmp: string;
let pubPort: number;
let pubUrl: string;
let publisher: ChildProcess | null = null;
let pubLog = '';

// ---------------------------------------------------------------------------------------------
// A switchable proxy in front of the CMS: `graphqlDown` makes /graphql answer 503, so the
// site's build fails while the publisher can still read the published state.
// ---------------------------------------------------------------------------------------------
const proxy = { graphqlDown: false, server: null as http.Server | null, url: '' };

async function startProxy(target: string): Promise<void> {
  const t = new URL(target);
  proxy.server = http.createServer((req, res) => {
    if (proxy.graphqlDown && req.url?.startsWith('/graphql')) {
      req.resume();
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('CMS under maintenance');
      return;
    }
    // a new connection per request (agent: false): a kept-alive one the CMS closed while the
    // machine was busy would turn into a 502 here that the publisher never gets in production
    const up = http.request({ host: t.hostname, port: t.port, path: req.url, method: req.method, headers: req.headers, agent: false }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  });
  const port = await freePort();
  await new Promise<void>((r) => proxy.server!.listen(port, '127.0.0.1', () => r()));
  proxy.url = `http://127.0.0.1:${port}`;
}

// ---------------------------------------------------------------------------------------------
// The publisher process
// ---------------------------------------------------------------------------------------------
function startPublisher(): void {
  publisher = startTestPublisher(
    {
      PORT: String(pubPort),
      RELEASES_DIR: path.join(tmp, 'releases'),
      PUBLISHER_CACHE_DIR: path.join(tmp, 'cache'),
      PUBLISHER_DATA_DIR: path.join(tmp, 'data'),
      CMS_URL: proxy.url,
      CMS_TOKEN: previewToken,
      PUBLISHER_WEBHOOK_SECRET: secret,
      PREVIEW_SECRET: previewSecret,
      COALESCE_MS: '1500',
      COALESCE_MAX_MS: '10000',
      RETRY_DELAYS_MS: '1500',
      KEEP_RELEASES: '2',
    },
    (d) => (pubLog += d),
  );
}

async function stopPublisher(): Promise<void> {
  const child = publisher;
  publisher = null;
  await stopTestPublisher(child);
}

/** Polls `fn` until it returns a truthy value; throws with the publisher's log after `timeoutMs`. */
const waitFor = <T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 120_000, everyMs = 150): Promise<T> =>
  pollUntil(what, fn, { timeoutMs, everyMs, log: () => pubLog });

async function status(): Promise<any> {
  // the full status needs the secret (the public gets the health only)
  const res = await fetch(`${pubUrl}/status`, { headers: { authorization: `Bearer ${secret}` } });
  return res.json();
}

/**
 * Waits until nothing is queued or building and the number of build attempts passed `after`
 * (a code deploy — server build + full render — may take minutes on a loaded machine: `timeoutMs`).
 */
async function settled(after: number, timeoutMs = 120_000): Promise<any> {
  return waitFor(
    'the publisher to settle',
    async () => {
      const s = await status();
      const attempts = s.counters.builds + s.counters.buildsFailed + s.counters.buildsSkipped;
      return !s.building && s.queueLength === 0 && attempts > after && s;
    },
    timeoutMs,
  );
}

const attempts = (s: any) => s.counters.builds + s.counters.buildsFailed + s.counters.buildsSkipped;

/** The publisher's site URL (SITE_URL is not set by this test: the config's default). */
const SITE = process.env.SITE_URL || 'http://127.0.0.1:4321';

/** What the full writer (`writeSitemap`, post-build.ts) makes of the live release's pages. */
async function fullSitemapOfLive(): Promise<string> {
  const out = fs.mkdtempSync(path.join(tmp, 'sitemap-'));
  await writeSitemap(path.join(tmp, 'releases', 'current', 'client'), SITE, out);
  const xml = fs.readFileSync(path.join(out, 'sitemap.xml'), 'utf8');
  fs.rmSync(out, { recursive: true, force: true });
  return xml;
}

/** The processes under `pid` (children, theirs, …), from /proc: pid, parent, command line. */
function descendants(pid: number): { pid: number; ppid: number; cmd: string }[] {
  const all: { pid: number; ppid: number; cmd: string }[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmd = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      all.push({ pid: Number(name), ppid, cmd });
    } catch {
      /* gone meanwhile */
    }
  }
  const out: typeof all = [];
  const walk = (p: number) => {
    for (const c of all.filter((x) => x.ppid === p)) {
      out.push(c);
      walk(c.pid);
    }
  };
  walk(pid);
  return out;
}

async function get(route: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${pubUrl}${route}`, { headers, redirect: 'manual' });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

// ---------------------------------------------------------------------------------------------
// CMS helpers (the document service, as the system; the workflow allows server code)
// ---------------------------------------------------------------------------------------------
async function agencyBySlug(slug: string) {
  const a = await cms.strapi.documents('api::agency.agency').findFirst({ filters: { slug }, status: 'published' });
  if (!a) throw new Error(`no agency ${slug}`);
  return a;
}

async function draftArticle(title: string, agencyDocumentId: string) {
  return cms.strapi.documents(ARTICLE).create({
    data: { title, kind: 'news', scope: 'province', summary: `Tóm tắt: ${title}`, body: `Nội dung của bài ${title}.`, agency: agencyDocumentId },
  });
}

async function publishArticle(title: string, agencyDocumentId: string) {
  const d = await draftArticle(title, agencyDocumentId);
  await cms.strapi.documents(ARTICLE).publish({ documentId: d.documentId });
  return d;
}

let agency: any;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-publisher-'));
  pubPort = await freePort();
  pubUrl = `http://127.0.0.1:${pubPort}`;
  cms = await bootCms({
    env: {
      PUBLISHER_WEBHOOK_URL: `${pubUrl}/hooks/strapi`,
      PUBLISHER_WEBHOOK_SECRET: secret,
      CMS_PREVIEW_TOKEN: previewToken,
      PREVIEW_URL: pubUrl,
      PREVIEW_SECRET: previewSecret,
      ADMIN_EMAIL: adminEmail,
      ADMIN_PASSWORD: adminPassword,
    },
  });
  await importSeed(cms.strapi, { dataDir, seedDir });
  agency = await agencyBySlug('so-tai-nguyen-va-moi-truong');
  await startProxy(cms.url);
  startPublisher();
  await waitFor('the first release', async () => (await status()).currentRelease, 240_000, 500);
});

afterAll(async () => {
  await stopPublisher();
  if (proxy.server) await new Promise((r) => proxy.server!.close(r));
  await cms?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe(`publisher (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  beforeEach(() => {
    onTestFailed(() => console.error(`--- publisher log ---\n${pubLog.slice(-8000)}`));
  });

  it('the CMS registered exactly one publisher webhook from env, with the secret header', async () => {
    const hooks = (await cms.strapi.get('webhookStore').findWebhooks()).filter((w: any) => w.name === PUBLISHER_WEBHOOK_NAME);
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({
      url: `${pubUrl}/hooks/strapi`,
      isEnabled: true,
      headers: { [PUBLISHER_SECRET_HEADER]: secret },
    });
    expect([...hooks[0].events].sort()).toEqual(['consultation.phase', 'entry.delete', 'entry.publish', 'entry.unpublish']);
  });

  it('serves the first release: pages, cache headers, ETag revalidation, redirects and the 404 page', async () => {
    const s = await status();
    expect(s.healthy).toBe(true);
    // the first release: a code deploy through the renderer (server build + full render)
    expect(s.lastBuild).toMatchObject({ outcome: 'live', trigger: 'reconcile:start', path: 'deploy' });
    expect(s.currentRelease.renderer).toBe(true);
    expect(s.currentRelease.pages.html).toBeGreaterThan(100);
    expect(fs.readlinkSync(path.join(tmp, 'releases', 'current'))).toBe(s.currentRelease.id);

    const home = await get('/');
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    // a CDN may keep it a minute and serve it stale while the origin is down; browsers revalidate (issue 13, point 7)
    expect(home.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=60, stale-while-revalidate=60, stale-if-error=86400');
    const etag = home.headers.get('etag')!;
    expect(etag).toBeTruthy();
    expect((await get('/', { 'if-none-match': etag })).status).toBe(304);

    const asset = home.body.match(/\/_astro\/[^"')\s]+\.css/)?.[0];
    expect(asset).toBeTruthy();
    expect((await get(asset!)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    const redirect = await get('/tin-tuc');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/tin-tuc/');

    const missing = await get('/khong-co-trang-nay/');
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('Không tìm thấy');
  });

  it('registering the webhook again changes nothing (idempotent bootstrap)', async () => {
    const { registerPublisherWebhook } = require(path.join(repoRoot, 'cms', 'dist', 'src', 'bootstrap', 'webhooks.js'));
    expect(await registerPublisherWebhook(cms.strapi)).toBe('unchanged');
    const hooks = (await cms.strapi.get('webhookStore').findWebhooks()).filter((w: any) => w.name === PUBLISHER_WEBHOOK_NAME);
    expect(hooks).toHaveLength(1);
  });

  describe('draft preview', () => {
    const previewHandler = () => cms.strapi.config.get('admin.preview').config.handler;

    it('the CMS preview button opens a signed preview of the draft: banner, noindex, not cached, not public', async () => {
      expect(cms.strapi.plugin('content-manager').service('preview-config').isEnabled()).toBe(true);
      const title = `Bản nháp xem trước ${Date.now()}`;
      const d = await draftArticle(title, agency.documentId);
      // what the admin panel's Preview asks for (an authenticated admin route)
      const login = await fetch(`${cms.url}/admin/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: adminEmail, password: adminPassword }),
      });
      expect(login.status).toBe(200);
      const { data: auth } = await login.json();
      const previewApi = `${cms.url}/content-manager/preview/url/${ARTICLE}?documentId=${d.documentId}&status=draft`;
      expect((await fetch(previewApi)).status).toBe(401);
      const answer = await fetch(previewApi, { headers: { authorization: `Bearer ${auth.token}` } });
      expect(answer.status).toBe(200);
      const url: string = (await answer.json()).data.url;
      expect(url.startsWith(`${pubUrl}/xem-truoc/article/${d.documentId}/?`)).toBe(true);
      expect(url).not.toContain(previewSecret);
      const res = await fetch(url);
      const html = await res.text();
      expect(res.status, html.slice(0, 500)).toBe(200);
      expect(html).toContain(title);
      expect(html).toContain('Bản xem trước');
      expect(html).toMatch(/<meta name="robots" content="noindex[^"]*">/);
      expect(res.headers.get('x-robots-tag')).toMatch(/noindex/);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors/);
      // the agency and the site frame come from the published content
      expect(html).toContain(agency.name);
      // the draft is not public
      expect((await get(`/tin-tuc/${d.slug}/`)).status).toBe(404);
      expect((await get('/')).body).not.toContain(title);
      // a tampered, foreign or expired link is refused
      const u = new URL(url);
      const sig = u.searchParams.get('sig')!;
      u.searchParams.set('sig', sig.slice(0, -2) + (sig.endsWith('AA') ? 'BB' : 'AA'));
      expect((await fetch(u)).status).toBe(403);
      const other = new URL(url);
      other.pathname = other.pathname.replace(d.documentId, agency.documentId);
      expect((await fetch(other)).status).toBe(403);
      const expired = new URL(url);
      expired.searchParams.set('exp', '1000');
      expect((await fetch(expired)).status).toBe(403);
    });

    it('previews an agency draft on its sub-site home, and the published version on request', async () => {
      const leader = `Ông Nguyễn Văn Xem Trước ${Date.now()}`;
      await cms.strapi.documents('api::agency.agency').update({ documentId: agency.documentId, data: { leader } });
      const draftUrl: string = await previewHandler()('api::agency.agency', { documentId: agency.documentId, status: 'draft' });
      const draft = await fetch(draftUrl);
      expect(draft.status).toBe(200);
      const draftHtml = await draft.text();
      expect(draftHtml).toContain(leader);
      expect(draftHtml).toContain(agency.name);
      const pubUrl2: string = await previewHandler()('api::agency.agency', { documentId: agency.documentId, status: 'published' });
      const published = await (await fetch(pubUrl2)).text();
      expect(published).not.toContain(leader);
      expect((await get(`/co-quan/${agency.slug}/`)).body).not.toContain(leader);
    });
  });

  it('refuses a webhook with a bad or missing secret (401) and builds nothing', async () => {
    await settled(0);
    const before = await status();
    for (const headers of [{}, { [PUBLISHER_SECRET_HEADER]: 'wrong' }, { [PUBLISHER_SECRET_HEADER]: `${secret}x` }] as Record<string, string>[]) {
      const res = await fetch(`${pubUrl}/hooks/strapi`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ event: 'entry.publish', uid: ARTICLE, entry: { documentId: 'x' } }),
      });
      expect(res.status).toBe(401);
    }
    await sleep(1500);
    const after = await status();
    expect(after.counters.webhooksRejected - before.counters.webhooksRejected).toBe(3);
    expect(after.counters.webhooksAccepted).toBe(before.counters.webhooksAccepted);
    expect(attempts(after)).toBe(attempts(before));
    expect(after.queueLength).toBe(0);
  });

  let published: { documentId: string; slug: string; title: string };

  it('a publish reaches the served site: the page, the agency sub-site and the homepage, rendering only what changed', async () => {
    const before = await status();
    const title = `Lào Cai khởi công cầu Bắc Cường ${Date.now()}`;
    const t0 = Date.now();
    const d = await publishArticle(title, agency.documentId);
    const page = await waitFor('the new article page', async () => {
      const r = await get(`/tin-tuc/${d.slug}/`);
      return r.status === 200 && r;
    });
    const latency = Date.now() - t0;
    console.info(`[publisher] publish → live in ${latency} ms`);
    published = { documentId: d.documentId, slug: d.slug, title };
    expect(page.body).toContain(title);
    // the sitemap went live with the page (the renderer keeps it per publish), not a background pass later
    expect((await get('/sitemap.xml')).body).toContain(`/tin-tuc/${d.slug}/</loc>`);
    expect((await get(`/co-quan/${agency.slug}/tin-tuc/`)).body).toContain(title);
    expect((await get(`/co-quan/${agency.slug}/`)).body).toContain(title);
    expect((await get('/')).body).toContain(title);
    expect((await get('/tin-tuc/')).body).toContain(title);

    const s = await settled(attempts(before));
    // a content publish through the long-running renderer (ADR 0019), in place in the live release
    expect(s.lastBuild).toMatchObject({ outcome: 'live', trigger: 'webhook', path: 'renderer', events: 1, changes: { added: 1, changed: 0, removed: 0 } });
    // the report is what the cache keys decided: the pages rendered
    expect(s.lastBuild.routes).toEqual(expect.arrayContaining(['/', `/tin-tuc/${d.slug}/`, `/co-quan/${agency.slug}/tin-tuc/`]));
    // only the new page and the lists showing it are rendered
    expect(s.lastBuild.renderedPages).toEqual(expect.arrayContaining([`/tin-tuc/${d.slug}/index.html`]));
    expect(s.lastBuild.pages.cached, `reasons: ${JSON.stringify(s.lastBuild.reasons)}`).toBeGreaterThan(s.lastBuild.pages.rendered * 3);
    expect(s.currentRelease.id).toBe(before.currentRelease.id);
    expect(s.currentRelease.generation).toBe(`${s.currentRelease.id}+${Number(before.currentRelease.generation.split('+')[1] ?? 0) + 1}`);
    // the previous bytes of every changed file are in the publish's journal (undo), the new ones live,
    // and the brotli/gzip copies served are those of the new page
    const journal = path.join(tmp, 'releases', '.journal', s.currentRelease.generation);
    expect(fs.existsSync(path.join(journal, 'done.json'))).toBe(true);
    expect(fs.readFileSync(path.join(journal, 'old', 'index.html'), 'utf8')).not.toContain(title);
    expect(fs.readFileSync(path.join(tmp, 'releases', 'current', 'client', 'index.html'), 'utf8')).toContain(title);
    for (const enc of ['br', 'gzip']) {
      const r = await fetch(`${pubUrl}/`, { headers: { 'accept-encoding': enc } });
      expect(r.headers.get('content-encoding')).toBe(enc);
      expect(await r.text()).toContain(title);
    }
    // the publish's pages went into the search index at once (SearchIndex.update), before the background rebuild
    const upd = await waitFor('the incremental search update', async () => (await status()).search.lastUpdate);
    expect(upd.updated).toBeGreaterThanOrEqual(1);
    // the data: cached rows of the last build reused, only the new article fetched
    const dataLine = s.lastBuild.timeline.find((l: string) => l.includes('[cms]'));
    expect(dataLine, s.lastBuild.timeline.join('\n')).toMatch(/incremental: \d+ cached rows reused, 1 refetched, 0 dropped/);

    // the sitemap is the release's own (kept per publish), what the full writer makes of the live tree
    const sitemap = await get('/sitemap.xml');
    expect(sitemap.status).toBe(200);
    expect(sitemap.body).toContain(`/tin-tuc/${d.slug}/</loc>`);
    expect(sitemap.body).toBe(await fullSitemapOfLive());
    // empty agency sections carry noindex and stay out of the sitemap (issue 13, point 6)
    const urls = sitemap.body.match(/<url>/g)?.length ?? 0;
    expect(urls).toBeGreaterThan(50);
    expect(urls).toBeLessThan(s.currentRelease.pages.html);
    // the search index follows once the release is live (the background pass leaves the sitemap alone)
    const derived = await waitFor('the search index of the new release', async () => {
      const st = await status();
      return st.derived.release === s.currentRelease.generation && st.derived;
    });
    expect(derived).toMatchObject({ lastError: null, sitemapPages: null });
    expect(derived.searchPages).toBeGreaterThan(20);
    // search (answered by the publisher from its in-memory index, ADR 0018) finds the new
    // article, typed without tone marks; the index was loaded from this generation
    const stamp = title.split(' ').pop()!;
    const found = await waitFor('the new article in the search results', async () => {
      const r = await get(`/tim-kiem/?q=${encodeURIComponent(`cau bac cuong ${stamp}`)}`);
      return r.body.includes(`href="/tin-tuc/${d.slug}/"`) && r;
    });
    expect(found.status).toBe(200);
    expect(found.headers.get('cache-control')).toBe('private, max-age=30');
    expect(found.body).toMatch(/Tìm thấy 1 kết quả cho “cau bac cuong \d+”/);
    expect((await status()).search).toMatchObject({ pages: derived.searchPages, lastError: null });
    expect((await get('/tim-kiem/')).headers.get('cache-control')).toBe('public, max-age=0, s-maxage=60, stale-while-revalidate=60, stale-if-error=86400');
    expect((await get('/robots.txt')).body).toContain('/sitemap.xml');
  });

  it("a document replacing a published one updates the old one's page (a relation written from the other side)", async () => {
    const DOC = 'api::legal-document.legal-document';
    const docs = await cms.strapi.documents(DOC).findMany({ status: 'published', populate: ['replacedBy'] });
    const old = docs.find((x: any) => !x.replacedBy?.length && x.slug);
    expect(old).toBeTruthy();
    const before = await status();
    const number = `${String(Date.now()).slice(-4)}/2026/QĐ-UBND`;
    const created = await cms.strapi.documents(DOC).create({
      data: {
        documentNumber: number,
        documentType: 'decision',
        issuingBody: 'UBND tỉnh Lào Cai',
        issuedDate: '2026-11-20',
        validityStatus: 'inForce',
        abstract: `Quyết định thay thế văn bản ${old.documentNumber}`,
        replaces: [old.documentId],
      },
    });
    await cms.strapi.documents(DOC).publish({ documentId: created.documentId });
    const oldPage = await waitFor("the replaced document's page to name its replacement", async () => {
      const r = await get(`/van-ban/${old.slug}/`);
      return r.status === 200 && r.body.includes(number) && r;
    });
    expect(oldPage.body).toContain('Văn bản này bị thay thế bởi');
    const s = await settled(attempts(before));
    const dataLine = s.lastBuild.timeline.find((l: string) => l.includes('[cms]'));
    // the new document, and the old one whose inverse relation changed (its updatedAt did not)
    expect(dataLine, s.lastBuild.timeline.join('\n')).toMatch(/incremental: \d+ cached rows reused, 2 refetched/);
    // leave the seeded document as it was for the later tests
    await cms.strapi.documents(DOC).unpublish({ documentId: created.documentId });
    await waitFor('the replacement to go', async () => !(await get(`/van-ban/${old.slug}/`)).body.includes(number));
  });

  it('an unpublish removes the page and the lists no longer show it', async () => {
    const before = await status();
    await cms.strapi.documents(ARTICLE).unpublish({ documentId: published.documentId });
    await waitFor('the page to go', async () => (await get(`/tin-tuc/${published.slug}/`)).status === 404);
    expect((await get('/sitemap.xml')).body).not.toContain(`/tin-tuc/${published.slug}/</loc>`);
    expect((await get('/')).body).not.toContain(published.title);
    expect((await get(`/co-quan/${agency.slug}/tin-tuc/`)).body).not.toContain(published.title);
    const s = await settled(attempts(before));
    expect(s.lastBuild).toMatchObject({ outcome: 'live', changes: { added: 0, changed: 0, removed: 1 } });
    expect(s.lastBuild.timeline.find((l: string) => l.includes('[cms]'))).toMatch(/incremental: \d+ cached rows reused, 0 refetched, 1 dropped/);
  });

  let burst: { documentId: string; slug: string }[] = [];

  it('a burst of 20 publishes gives one build with all 20 pages', async () => {
    const drafts: any[] = [];
    for (let i = 0; i < 20; i++) drafts.push(await draftArticle(`Tin loạt ${i + 1} — hội nghị xúc tiến đầu tư ${Date.now()}`, agency.documentId));
    await sleep(1500); // drafts send no webhook: nothing must be queued
    const before = await status();
    expect(before.queueLength).toBe(0);
    // all at once, as the admin panel's bulk "Đăng" does
    await Promise.all(drafts.map((d) => cms.strapi.documents(ARTICLE).publish({ documentId: d.documentId })));
    const s = await settled(attempts(before));
    expect(s.counters.webhooksAccepted - before.counters.webhooksAccepted).toBe(20);
    expect(s.counters.builds - before.counters.builds).toBe(1);
    expect(attempts(s) - attempts(before)).toBe(1);
    expect(s.lastBuild).toMatchObject({ outcome: 'live', events: 20, changes: { added: 20 } });
    for (const d of drafts) expect((await get(`/tin-tuc/${d.slug}/`)).status).toBe(200);
    burst = drafts;
    // after this series of publishes, the sitemap kept per publish is still what the full writer
    // makes of the whole live tree
    const sitemap = (await get('/sitemap.xml')).body;
    for (const d of drafts) expect(sitemap).toContain(`/tin-tuc/${d.slug}/</loc>`);
    expect(sitemap).toBe(await fullSitemapOfLive());
  });

  it('a delete (Strapi sends entry.delete twice: draft and published rows) gives one build', async () => {
    const d = await publishArticle(`Bài sẽ bị xoá ${Date.now()}`, agency.documentId);
    await waitFor('the page', async () => (await get(`/tin-tuc/${d.slug}/`)).status === 200);
    await settled(0);
    const before = await status();
    await cms.strapi.documents(ARTICLE).delete({ documentId: d.documentId });
    await waitFor('the page to go', async () => (await get(`/tin-tuc/${d.slug}/`)).status === 404);
    const s = await settled(attempts(before));
    expect(s.counters.webhooksAccepted - before.counters.webhooksAccepted).toBe(2);
    expect(attempts(s) - attempts(before)).toBe(1);
    expect(s.lastBuild).toMatchObject({ outcome: 'live', events: 2, changes: { removed: 1 } });
  });

  it('a build made to fail leaves the previous release serving, is reported, and the retry catches up', async () => {
    const before = await status();
    proxy.graphqlDown = true;
    const title = `Bài đăng khi CMS bảo trì ${Date.now()}`;
    let d: any;
    try {
      d = await publishArticle(title, agency.documentId);
      const failed = await waitFor('a failed build', async () => {
        const s = await status();
        return s.counters.buildsFailed > before.counters.buildsFailed && !s.building && s;
      });
      expect(failed.healthy).toBe(false);
      expect(failed.currentRelease.id).toBe(before.currentRelease.id);
      expect(failed.lastError.message).toMatch(/build failed/);
      expect(failed.lastError.logTail.join('\n')).toMatch(/503|CMS/);
      expect(failed.lastBuild).toMatchObject({ outcome: 'failed', trigger: 'webhook' });
      expect(failed.nextRetryAt).toBeTruthy();
      await waitFor('the failed build folder to go', async () => fs.readdirSync(path.join(tmp, 'releases')).every((n) => !n.startsWith('.building-')));
      // still serving the last good release
      expect((await get('/')).status).toBe(200);
      expect((await get(`/tin-tuc/${d.slug}/`)).status).toBe(404);
      // the public status (no secret) says only that something is wrong: no error, log or history
      const pub = await (await fetch(`${pubUrl}/status`)).json();
      expect(pub).toEqual({ ok: false, currentRelease: { id: before.currentRelease.id, builtAt: expect.any(String) } });
    } finally {
      proxy.graphqlDown = false;
    }
    await waitFor('the retry to publish the article', async () => (await get(`/tin-tuc/${d.slug}/`)).status === 200);
    const s = await settled(0);
    expect(s.healthy).toBe(true);
    expect(s.lastBuild).toMatchObject({ outcome: 'live', trigger: 'retry', changes: { added: 1 } });
    expect((await get('/')).body).toContain(title);
  });

  it(
    'events sent while the publisher is stopped are picked up when it starts',
    async () => {
      const before = await status();
      await stopPublisher();
      expect(fs.existsSync(path.join(tmp, 'releases', '.lock'))).toBe(false);
      const title = `Tin đăng lúc bộ xuất bản dừng ${Date.now()}`;
      // their webhooks find nobody listening (Strapi does not retry them)
      const d = await publishArticle(title, agency.documentId);
      await cms.strapi.documents(ARTICLE).unpublish({ documentId: burst[0].documentId });
      await sleep(500);
      startPublisher();
      // a restarted renderer process loads the server build and re-indexes first (a cold start: long on a loaded machine)
      await waitFor('the missed article', async () => (await get(`/tin-tuc/${d.slug}/`)).status === 200, 600_000, 500);
      expect((await get(`/tin-tuc/${burst[0].slug}/`)).status).toBe(404);
      const s = await settled(0);
      // a restarted renderer takes the keys the last publish saved as its baseline: no full render
      expect(s.lastBuild).toMatchObject({ outcome: 'live', trigger: 'reconcile:start', path: 'renderer', events: 0, changes: { added: 1, removed: 1 } });
      expect(s.lastBuild.pages.rendered).toBeLessThan(s.lastBuild.pages.total / 3);
      expect(s.currentRelease.generation).not.toBe(before.currentRelease.generation);
      expect((await get('/')).body).toContain(title);
    },
    15 * 60_000,
  );

  it(
    'stopping in the middle of a code deploy ends every process it started, and the live release stays',
    async () => {
      const releasesDir = path.join(tmp, 'releases');
      const finished = () =>
        fs
          .readdirSync(releasesDir)
          .filter((n) => /^\d{8}T/.test(n))
          .sort();
      const rebuild = async () =>
        expect((await fetch(`${pubUrl}/hooks/rebuild`, { method: 'POST', headers: { [PUBLISHER_SECRET_HEADER]: secret } })).status).toBe(202);
      const abandoned = () => pubLog.match(/code deploy \S+ abandoned: the publisher is stopping/g)?.length ?? 0;
      /** SIGTERM once `stage` shows in the process tree; every process under the publisher then must be gone. */
      const stopDuring = async (stage: string, found: (tree: ReturnType<typeof descendants>) => boolean) => {
        const before = await status();
        const releases = finished();
        const logged = abandoned();
        const pid = publisher!.pid!;
        await rebuild();
        await waitFor(stage, async () => found(descendants(pid)), 600_000, 100);
        // well into it (whatever it starts meanwhile is in the snapshot)
        await sleep(2000);
        const tree = descendants(pid);
        expect(found(tree), `${stage} still running`).toBe(true);
        console.info(`[publisher] stopping during the ${stage}: ${tree.length} processes: ${tree.map((p) => `${p.pid} ${p.cmd.slice(0, 90)}`).join(' | ')}`);
        await stopPublisher();
        const survivors = await waitFor(
          `the processes of the ${stage} to end`,
          async () => {
            const alive = tree.filter((p) => isRunning(p.pid));
            return alive.length === 0 ? [] : null;
          },
          15_000,
          100,
        ).catch(() => tree.filter((p) => isRunning(p.pid)));
        expect(survivors, `${stage}: processes left running`).toEqual([]);
        // nothing half-made went live: the same release serves, none was added
        expect(fs.readlinkSync(path.join(releasesDir, 'current'))).toBe(before.currentRelease.id);
        expect(finished()).toEqual(releases);
        // (its output may arrive just after its exit)
        await waitFor('the abandoned deploy in the log', async () => abandoned() === logged + 1, 10_000, 100);
        startPublisher();
        const s = await waitFor(
          'the restarted publisher',
          async () => {
            const st = await status();
            return st.lastReconcileAt && !st.building && st.queueLength === 0 && st;
          },
          600_000,
          500,
        );
        // the rebuild asked for was dropped with the stop; the start-up reconciliation finds nothing to do
        expect(s.currentRelease.id).toBe(before.currentRelease.id);
        expect(s.lastBuild).toMatchObject({ outcome: 'skipped', trigger: 'reconcile:start' });
        expect(fs.readdirSync(releasesDir).filter((n) => n.startsWith('.building-'))).toEqual([]);
        expect((await get('/')).status).toBe(200);
        return tree;
      };
      // the server build (Astro starts processes of its own under it)
      await stopDuring('server build', (t) => t.some((p) => p.cmd.includes('server-build.mjs')));
      // the full render: its workers (the server build has finished)
      const inRender = await stopDuring('full render', (t) => t.some((p) => p.cmd.includes('full-render.ts') && p.cmd.includes('--part')));
      expect(inRender.some((p) => p.cmd.includes('server-build.mjs'))).toBe(false);
    },
    30 * 60_000,
  );

  it('a restart with nothing changed serves the current release without building', async () => {
    let before: any;
    let s: any;
    // A build with reasons ["site code changed"] means site/ was edited meanwhile (a developer
    // at work): that is a correct build; restart again to see the no-change case.
    for (let attempt = 0; attempt < 3; attempt++) {
      before = await status();
      await stopPublisher();
      startPublisher();
      s = await waitFor('the start-up reconciliation', async () => {
        const st = await status();
        return st.lastReconcileAt && !st.building && st.queueLength === 0 && st;
      });
      if (!(s.lastBuild?.outcome === 'live' && JSON.stringify(s.lastBuild.reasons) === '["site code changed"]')) break;
    }
    expect(s.lastBuild, `reasons: ${JSON.stringify(s.lastBuild.reasons)}`).toMatchObject({ outcome: 'skipped', trigger: 'reconcile:start' });
    expect(s.currentRelease.id).toBe(before.currentRelease.id);
    expect(s.counters.builds).toBe(0);
  });

  it(
    'keeps the previous releases for rollback, prunes older ones, and rolls back on request',
    async () => {
      // an article in the release we will roll back to, withdrawn after the next release went live
      const w0 = await status();
      const withdrawn = await publishArticle(`Tin sẽ bị gỡ ${Date.now()}`, agency.documentId);
      await waitFor('the article to withdraw', async () => (await get(`/tin-tuc/${withdrawn.slug}/`)).status === 200);
      await settled(attempts(w0));
      // a manual rebuild is a code deploy: server build + full render into a new release
      const first = await status();
      const rebuild1 = await fetch(`${pubUrl}/hooks/rebuild`, { method: 'POST', headers: { [PUBLISHER_SECRET_HEADER]: secret } });
      expect(rebuild1.status).toBe(202);
      const s0 = await settled(attempts(first), 900_000);
      await cms.strapi.documents(ARTICLE).unpublish({ documentId: withdrawn.documentId });
      await waitFor('the withdrawn article gone', async () => (await get(`/tin-tuc/${withdrawn.slug}/`)).status === 404);
      const s = await settled(attempts(s0));
      expect(s0.lastBuild).toMatchObject({ outcome: 'live', trigger: 'manual', path: 'deploy' });
      expect(s.lastBuild).toMatchObject({ outcome: 'live', trigger: 'webhook', path: 'renderer', release: s0.currentRelease.id });
      expect(s.currentRelease.id).not.toBe(first.currentRelease.id);
      // KEEP_RELEASES=2: the current one, two previous ones, and at most the one whose server code is loaded
      expect(s.releases.length).toBeGreaterThanOrEqual(2);
      expect(s.releases.length).toBeLessThanOrEqual(4);
      const unauth = await fetch(`${pubUrl}/hooks/rollback`, { method: 'POST' });
      expect(unauth.status).toBe(401);
      const r0 = await status();
      const res = await fetch(`${pubUrl}/hooks/rollback`, { method: 'POST', headers: { [PUBLISHER_SECRET_HEADER]: secret } });
      expect(res.status).toBe(200);
      const { currentRelease } = await res.json();
      const i = s.releases.indexOf(s.currentRelease.id);
      expect(currentRelease).toBe(s.releases[i - 1]);
      expect(fs.readlinkSync(path.join(tmp, 'releases', 'current'))).toBe(currentRelease);
      // the release rolled back to still had the withdrawn article: the catch-up removes it
      // with that release's own code (red-team F17) — no deploy of the newer code
      await waitFor('the withdrawn article gone after the rollback', async () => (await get(`/tin-tuc/${withdrawn.slug}/`)).status === 404);
      const caughtUp = await settled(attempts(r0));
      expect(caughtUp.currentRelease.id).toBe(currentRelease);
      expect(caughtUp.lastBuild).toMatchObject({ outcome: 'live', path: 'renderer', release: currentRelease });
      // a content publish after the rollback goes into the release rolled back to (the renderer follows it)
      const before = await status();
      const title = `Tin sau khi quay lui ${Date.now()}`;
      const d = await publishArticle(title, agency.documentId);
      await waitFor('the article after the rollback', async () => (await get(`/tin-tuc/${d.slug}/`)).status === 200);
      const after = await settled(attempts(before));
      expect(after.lastBuild).toMatchObject({ outcome: 'live', path: 'renderer', release: currentRelease });
      expect((await get('/')).body).toContain(title);
      // and forward again with a manual rebuild
      const rebuild = await fetch(`${pubUrl}/hooks/rebuild`, { method: 'POST', headers: { [PUBLISHER_SECRET_HEADER]: secret } });
      expect(rebuild.status).toBe(202);
      const last = await settled(attempts(after), 900_000);
      expect(last.lastBuild).toMatchObject({ outcome: 'live', trigger: 'manual' });
      expect((await get(`/tin-tuc/${d.slug}/`)).status).toBe(200);
    },
    30 * 60_000,
  );
});
