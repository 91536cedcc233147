/**
 * Issue 9, the site's half, end to end: hostile content stored in the CMS can never run script
 * on the portal's domain, and every response the publisher sends carries the security headers.
 *
 * A real CMS (SQLite or PostgreSQL) gets content written as it may have been stored before the CMS
 * checked URLs (or by a path that skipped the check): the hostile values are written straight
 * into the database rows (`strapi.db.query`, below the Document Service and any write rule) —
 * `javascript:`, `JaVaScRiPt:`, `data:text/html,…`, `vbscript:`, ` javascript:` (leading space)
 * and `java<TAB>script:` in every URL field (article, legal document and procedure `sourceUrl`,
 * e-service `url`, agency contact `website`/`email`/`phone`, the homepage hotline), and
 * `<script>`, `<img onerror>`, `<svg onload>`, `]]>` and XML-forbidden control characters in
 * titles, summaries and Markdown bodies, with `[x](javascript:…)` links and raw `<a href=
 * "javascript:…">` in the bodies.
 *
 * The real publisher (its own process, as in production) builds the site from it and serves it;
 * real Chromium (playwright-core) then:
 * - opens every page of the release and the draft preview of a hostile article, with the page's
 *   CSP bypassed (so that the rendering alone is tested), clicks every distinct link (navigation
 *   away is cancelled, so each click stays on the page) and checks that no dialog opened, no
 *   tripwire fired, and no `href`/`src`/`action` in the DOM has a scheme other than http(s),
 *   mailto or tel, no `on…` attribute and no foreign or inline script exist;
 * - opens the pages again with the CSP enforced: no violation (the site itself needs nothing the
 *   policy forbids), search (answered by the publisher on the server) shows the hostile titles as
 *   text;
 * - parses the feeds and the sitemap with its strict XML parser.
 * Over HTTP: the CSP and the other headers on a page, an asset, the 404, `/status`, the feeds,
 * the sitemap, search results, the webhook's 401 and the preview (and its 403).
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { previewUrl, routes } from '@cong/shared';
import { bootCms, freePort, testDb, type BootedCms } from '../helpers/strapi';
import { pollUntil, sleep, startTestPublisher, stopTestPublisher } from '../helpers/publisher';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const secret = randomBytes(24).toString('hex');
const previewToken = randomBytes(32).toString('hex');
const previewSecret = randomBytes(24).toString('hex');

/** The URL values of the attack, one per entry of each type. */
const HOSTILE_URLS = [
  'javascript:alert(document.domain)//',
  'JaVaScRiPt:alert(document.domain)//',
  'data:text/html,<script>alert(document.domain)</script>',
  'vbscript:msgbox(document.domain)',
  ' javascript:alert(document.domain)//',
  'java\tscript:alert(document.domain)//',
];
/** A word only the hostile entries hold, to find them with the site search. */
const MARK = 'xamxuyen';
/**
 * Markup and characters XML 1.0 forbids, for titles and summaries. PostgreSQL cannot store a NUL
 * in text at all (so the feeds cannot get one from it); SQLite can.
 */
const HOSTILE_TEXT =
  `<script>window.__xss.push('script');alert(1)</script><img src=x onerror="window.__xss.push('img');alert(2)">` +
  `<svg onload="window.__xss.push('svg');alert(3)"></svg> ]]> \u0007\ufffe${testDb === 'sqlite' ? '\u0000' : ''} ${MARK}`;
/** Markdown with every way of writing a script link we know of. */
const HOSTILE_MARKDOWN = [
  `Đoạn văn ${MARK}.`,
  '',
  '[liên kết 1](javascript:alert(11)) [liên kết 2](JaVaScRiPt:alert(12)) [liên kết 3]( javascript:alert(13))',
  '',
  '<a href="javascript:alert(14)">liên kết 4</a> <a href=" javascript:alert(15)">liên kết 5</a> <a href="java&#x09;script:alert(16)">liên kết 6</a>',
  '<a href="data:text/html,<script>alert(17)</script>">liên kết 7</a> <a href="vbscript:msgbox(18)">liên kết 8</a> <a href="&#106;avascript:alert(19)">liên kết 9</a>',
  '',
  '<img src=x onerror="window.__xss.push(\'md-img\');alert(20)"> <svg onload="alert(21)"></svg> <script>window.__xss.push(\'md-script\');alert(22)</script>',
  '',
  '![ảnh](javascript:alert(23)) <iframe src="javascript:alert(24)"></iframe> <form action="javascript:alert(25)"><button>Gửi</button></form>',
  '',
  '<details open ontoggle="alert(26)"><summary>x</summary></details> <a href="#" onclick="alert(27)">liên kết 10</a>',
].join('\n');

let cms: BootedCms;
let tmp: string;
let pubUrl: string;
let publisher: ChildProcess | null = null;
let pubLog = '';
let browser: Browser;
let release: string;
/** site-relative paths of every page of the release, plus the preview URL of a hostile article */
let pages: string[] = [];
let previewPath = '';
let hostileArticleSlug = '';
let hostileAgencySlug = '';

const waitFor = <T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 240_000): Promise<T> =>
  pollUntil(what, fn, { timeoutMs, everyMs: 300, log: () => pubLog });

const fullStatus = async () => (await fetch(`${pubUrl}/status`, { headers: { authorization: `Bearer ${secret}` } })).json();

/** Writes values straight into an entry's database rows (draft and published), as old data would be. */
async function storeRaw(uid: string, documentId: string, data: Record<string, unknown>): Promise<void> {
  await cms.strapi.db.query(uid).updateMany({ where: { documentId }, data });
}

/** Creates an entry published, through the Document Service (benign values, as the seed import does), returns it. */
async function createPublished(uid: string, data: Record<string, unknown>): Promise<any> {
  return cms.strapi.documents(uid).create({ data: { ...data, editorialState: 'published' }, status: 'published' });
}

/** Stores the hostile content of this test in the CMS. */
async function storeHostileContent(): Promise<void> {
  const n = HOSTILE_URLS.length;
  const agencies: any[] = [];
  for (let i = 0; i < n; i++) {
    const a = await createPublished('api::agency.agency', {
      name: `Sở Thử Nghiệm ${i + 1}`,
      slug: `so-thu-nghiem-${i + 1}`,
      kind: 'department',
      updateSchedule: 'monWedFri',
      contact: { address: 'Số 1 đường Hoàng Liên', phone: '0214 3840 888', email: 'vanphong@laocai.gov.vn', website: 'https://laocai.gov.vn' },
    });
    await storeRaw('api::agency.agency', a.documentId, { introduction: HOSTILE_MARKDOWN, functionsAndDuties: HOSTILE_MARKDOWN });
    // the contact component of both rows
    const rows = await cms.strapi.db.query('api::agency.agency').findMany({ where: { documentId: a.documentId }, populate: ['contact'] });
    for (const row of rows) {
      if (!row.contact?.id) throw new Error('the agency has no contact row');
      await cms.strapi.db.query('shared.contact').update({
        where: { id: row.contact.id },
        data: { website: HOSTILE_URLS[i], email: i % 2 ? HOSTILE_URLS[i] : 'javascript:alert(document.domain)//@laocai.gov.vn', phone: HOSTILE_URLS[i] },
      });
    }
    agencies.push(a);
  }
  hostileAgencySlug = agencies[0].slug;

  for (let i = 0; i < n; i++) {
    const agency = agencies[i].documentId;
    const article = await createPublished('api::article.article', {
      title: `Tin thử nghiệm ${i + 1}`,
      slug: `tin-thu-nghiem-${i + 1}`,
      kind: 'news',
      scope: 'province',
      summary: 'Tóm tắt',
      body: 'Nội dung',
      source: 'Báo Lào Cai',
      agency,
    });
    await storeRaw('api::article.article', article.documentId, {
      title: `Tin ${i + 1} ${HOSTILE_TEXT}`,
      summary: `Tóm tắt ${HOSTILE_TEXT}`,
      body: HOSTILE_MARKDOWN,
      sourceUrl: HOSTILE_URLS[i],
    });
    if (i === 0) hostileArticleSlug = article.slug;

    const doc = await createPublished('api::legal-document.legal-document', {
      documentNumber: `${i + 1}/2026/QĐ-UBND`,
      slug: `${i + 1}-2026-qd-ubnd-thu-nghiem`,
      documentType: 'decision',
      issuingBody: 'UBND tỉnh Lào Cai',
      issuedDate: '2026-01-15',
      validityStatus: 'inForce',
      abstract: 'Quyết định thử nghiệm',
      agency,
    });
    await storeRaw('api::legal-document.legal-document', doc.documentId, {
      abstract: `Quyết định ${HOSTILE_TEXT}`,
      body: HOSTILE_MARKDOWN,
      sourceUrl: HOSTILE_URLS[i],
    });

    const procedure = await createPublished('api::administrative-procedure.administrative-procedure', {
      name: `Thủ tục thử nghiệm ${i + 1}`,
      slug: `thu-tuc-thu-nghiem-${i + 1}`,
      field: 'Thử nghiệm',
      agency,
    });
    await storeRaw('api::administrative-procedure.administrative-procedure', procedure.documentId, {
      name: `Thủ tục ${i + 1} ${HOSTILE_TEXT}`,
      sourceUrl: HOSTILE_URLS[i],
    });

    const service = await createPublished('api::e-service.e-service', {
      name: `Dịch vụ thử nghiệm ${i + 1}`,
      slug: `dich-vu-thu-nghiem-${i + 1}`,
      registrationStatus: 'live',
      url: 'https://dichvucong.laocai.gov.vn/',
      procedure: procedure.documentId,
      agency,
    });
    await storeRaw('api::e-service.e-service', service.documentId, {
      name: `Dịch vụ ${i + 1} ${HOSTILE_TEXT}`,
      url: HOSTILE_URLS[i],
      description: HOSTILE_TEXT,
    });
  }

  const home = await createPublished('api::homepage.homepage', { hotline: '0214 3840 888' });
  await storeRaw('api::homepage.homepage', home.documentId, { hotline: 'javascript:alert(document.domain)//' });
}

function startPublisher(port: number): void {
  publisher = startTestPublisher(
    {
      PORT: String(port),
      SITE_URL: pubUrl,
      RELEASES_DIR: path.join(tmp, 'releases'),
      PUBLISHER_CACHE_DIR: path.join(tmp, 'cache'),
      PUBLISHER_DATA_DIR: path.join(tmp, 'data'),
      CMS_URL: cms.url,
      CMS_TOKEN: previewToken,
      PUBLISHER_WEBHOOK_SECRET: secret,
      PREVIEW_SECRET: previewSecret,
      COALESCE_MS: '500',
      RETRY_DELAYS_MS: '2000',
      PREWARM_BUILD: 'false',
    },
    (d) => (pubLog += d),
  );
}

/** Every `.html` file of the release as a site path (`tin-tuc/x/index.html` → `/tin-tuc/x/`). */
function releasePages(webRoot: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const d of fs.readdirSync(path.join(webRoot, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) {
        if (r !== '_astro' && !d.name.startsWith('.')) walk(r);
      } else if (d.name.endsWith('.html')) out.push(`/${r.replace(/(^|\/)index\.html$/, '$1')}`);
    }
  };
  walk('');
  return out.sort();
}

/** Installed before any page script: records dialogs and the payloads' own tripwire, and CSP violations. */
const TRIPWIRE = `
  window.__xss = [];
  window.__csp = [];
  for (const k of ['alert', 'confirm', 'prompt', 'print']) {
    const orig = window[k];
    window[k] = function (...args) { window.__xss.push(k + ':' + args.join(',')); try { return orig.apply(this, args); } catch {} };
  }
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
`;

/** In the page: what in the DOM could run script or leave for a non-web scheme. */
function domProblems(): string[] {
  const bad: string[] = [];
  const allowed = new Set(['http:', 'https:', 'mailto:', 'tel:']);
  const urlAttrs = new Set(['href', 'xlink:href', 'src', 'action', 'formaction', 'poster', 'data', 'background', 'ping', 'codebase', 'cite']);
  for (const el of Array.from(document.querySelectorAll('*'))) {
    for (const a of Array.from(el.attributes)) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on')) bad.push(`<${el.tagName.toLowerCase()} ${name}>`);
      if (urlAttrs.has(name)) {
        let protocol: string;
        try {
          protocol = new URL(a.value, location.href).protocol;
        } catch {
          continue; // not a URL a browser would follow
        }
        if (!allowed.has(protocol)) bad.push(`<${el.tagName.toLowerCase()} ${name}="${a.value}">`);
      }
    }
  }
  for (const s of Array.from(document.querySelectorAll('script'))) {
    // schema.org JSON-LD: a data block the browser never runs, as long as it stays one whole JSON text
    if (s.type === 'application/ld+json') {
      try {
        JSON.parse(s.textContent ?? '');
      } catch {
        bad.push(`JSON-LD broken: ${s.textContent?.slice(0, 80)}`);
      }
      continue;
    }
    if (!s.src) bad.push(`inline <script>${s.textContent?.slice(0, 80)}`);
    else if (new URL(s.src).origin !== location.origin) bad.push(`foreign <script src=${s.src}>`);
  }
  for (const el of Array.from(document.querySelectorAll('iframe, object, embed, base, form[action^="javascript" i]')))
    bad.push(`<${el.tagName.toLowerCase()}>`);
  return bad;
}

/**
 * A browser context that cancels every top-level navigation but the one {@link Guarded.open}
 * asks for (so a clicked link never leaves its page), blocks other origins, installs the
 * tripwire and closes popups.
 */
interface Guarded {
  context: BrowserContext;
  /** loads `route` in `page` (the only navigation that page may make until the next call); the HTTP status */
  open(page: Page, route: string): Promise<number | undefined>;
}

async function guardedContext(opts: { bypassCSP: boolean }): Promise<Guarded> {
  const context = await browser.newContext({ locale: 'vi-VN', bypassCSP: opts.bypassCSP });
  const allowed = new WeakMap<Page, string>();
  await context.route('**/*', async (route) => {
    const req = route.request();
    const url = req.url();
    if (req.isNavigationRequest() && req.frame().parentFrame() === null) {
      if (url === allowed.get(req.frame().page())) return route.continue();
      return route.abort('aborted');
    }
    return url.startsWith(pubUrl) ? route.continue() : route.abort('aborted');
  });
  await context.addInitScript(TRIPWIRE);
  // a link opening a new window (target=_blank): the popup is closed at once
  context.on('page', (p) => {
    void p.opener().then((o) => o && p.close());
  });
  return {
    context,
    async open(page, route) {
      allowed.set(page, pubUrl + route);
      return (await page.goto(pubUrl + route, { waitUntil: 'load' }))?.status();
    },
  };
}

/** Runs `fn` over `items` in `n` browser tabs of `context`. */
async function inTabs<T>(context: BrowserContext, items: readonly T[], n: number, fn: (page: Page, item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      const page = await context.newPage();
      while (next < items.length) await fn(page, items[next++]);
      await page.close();
    }),
  );
}

beforeAll(async () => {
  const t0 = Date.now();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-hostile-'));
  const port = await freePort();
  pubUrl = `http://127.0.0.1:${port}`;
  cms = await bootCms({
    env: {
      PUBLISHER_WEBHOOK_URL: `${pubUrl}/hooks/strapi`,
      PUBLISHER_WEBHOOK_SECRET: secret,
      CMS_PREVIEW_TOKEN: previewToken,
      PREVIEW_URL: pubUrl,
      PREVIEW_SECRET: previewSecret,
    },
  });
  await storeHostileContent();
  startPublisher(port);
  const health = await waitFor('the first release', async () => {
    const s = await (await fetch(`${pubUrl}/status`)).json();
    return s.currentRelease && s;
  });
  release = health.currentRelease.id;
  // the search index and the sitemap follow the release
  await waitFor('the search index', async () => {
    const s = await fullStatus();
    return s.derived?.release === release && !s.derived.running && s;
  });
  const webRoot = fs.existsSync(path.join(tmp, 'releases', release, 'client'))
    ? path.join(tmp, 'releases', release, 'client')
    : path.join(tmp, 'releases', release);
  pages = releasePages(webRoot);
  const article = await cms.strapi.documents('api::article.article').findFirst({ filters: { slug: hostileArticleSlug }, status: 'published' });
  previewPath = (await previewUrl(pubUrl, { uid: 'api::article.article', documentId: article.documentId, status: 'draft' }, previewSecret)).slice(
    pubUrl.length,
  );
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'] });
  console.info(`[site-hostile] ${pages.length} pages in release ${release}; ready after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
});

afterAll(async () => {
  await browser?.close();
  await stopTestPublisher(publisher);
  await cms?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe(`hostile content on the public site (${testDb})`, () => {
  it('the build has the hostile pages (their titles as text)', () => {
    expect(pages).toEqual(expect.arrayContaining([routes.home(), routes.article(hostileArticleSlug), routes.agency(hostileAgencySlug), routes.eServiceList()]));
    expect(pages.length).toBeGreaterThan(40);
  });

  it('every response type carries the CSP and the other security headers', async () => {
    const home = await fetch(`${pubUrl}/`);
    const html = await home.text();
    const asset = html.match(/\/_astro\/[^"')\s]+\.css/)?.[0];
    expect(asset).toBeTruthy();
    const tampered = previewPath.replace(/sig=([^&]{4})/, 'sig=AAAA');
    const cases: [string, RequestInit, number][] = [
      ['/', {}, 200],
      [routes.article(hostileArticleSlug), {}, 200],
      [asset!, {}, 200],
      ['/khong-co-trang-nay/', {}, 404],
      ['/status', {}, 200],
      ['/rss.xml', {}, 200],
      [routes.agencyRss(hostileAgencySlug), {}, 200],
      ['/sitemap.xml', {}, 200],
      [`${routes.search()}?q=${encodeURIComponent('<script>alert(1)</script>')}`, {}, 200],
      ['/hooks/strapi', { method: 'POST', body: '{}' }, 401],
      ['/hooks/strapi', {}, 405],
      [previewPath, {}, 200],
      [tampered, {}, 403],
    ];
    for (const [route, init, status] of cases) {
      const res = await fetch(pubUrl + route, init);
      const body = await res.text();
      const what = `${init.method ?? 'GET'} ${route}`;
      const text = body
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
      expect(res.status, `${what}: ${text.slice(0, 400)}`).toBe(status);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, what).toContain("default-src 'self'");
      expect(csp, what).toContain("script-src 'self';");
      expect(csp, what).toContain("object-src 'none'");
      expect(csp, what).toContain("base-uri 'self'");
      expect(csp, what).toContain("form-action 'self'");
      expect(csp, what).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
      expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
      if (route.startsWith('/xem-truoc/')) {
        // shown by the CMS admin panel in an iframe: framable by the CMS only
        expect(csp, what).toContain(`frame-ancestors 'self' ${new URL(cms.url).origin}`);
        expect(res.headers.get('referrer-policy'), what).toBe('no-referrer');
      } else {
        expect(csp, what).toContain("frame-ancestors 'none'");
        expect(res.headers.get('x-frame-options'), what).toBe('DENY');
        expect(res.headers.get('referrer-policy'), what).toBe('strict-origin-when-cross-origin');
      }
    }
    // the public status is health only
    const status = await (await fetch(`${pubUrl}/status`)).json();
    expect(Object.keys(status).sort()).toEqual(['currentRelease', 'ok']);
  });

  it('no page renders a hostile URL as a link: every href in the HTML is http(s), mailto, tel or site-relative', () => {
    const webRoot = fs.existsSync(path.join(tmp, 'releases', release, 'client'))
      ? path.join(tmp, 'releases', release, 'client')
      : path.join(tmp, 'releases', release);
    const bad: string[] = [];
    for (const p of pages) {
      const file = path.join(webRoot, p.endsWith('/') ? `${p}index.html` : p);
      const html = fs.readFileSync(file, 'utf8');
      for (const m of html.matchAll(/\s(?:href|src|action|formaction)\s*=\s*"([^"]*)"/gi)) {
        const v = m[1]
          .replace(/&#x0*9;|&#0*9;|&Tab;/gi, '\t')
          .replace(/&#x0*a;|&#0*10;|&NewLine;/gi, '\n')
          .replace(/&amp;/g, '&');
        const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(v.replace(/[\u0000-\u0020]/g, ''))?.[1]?.toLowerCase();
        if (scheme && !['http', 'https', 'mailto', 'tel'].includes(scheme)) bad.push(`${p}: ${m[0].trim()}`);
      }
      // a <script> tag outside attribute values (where `<` is inert) must load a file of the site
      // (event-handler attributes are checked in the DOM below: here escaped text would look like one)
      // JSON-LD blocks (lib/structured-data.ts) hold no `<` at all and parse as JSON; anything else is code
      for (const b of html.matchAll(/<script type="application\/ld\+json">([^<]*)<\/script>/g)) {
        try {
          JSON.parse(b[1]);
        } catch {
          bad.push(`${p}: JSON-LD that does not parse`);
        }
      }
      const tags = html.replace(/<script type="application\/ld\+json">[^<]*<\/script>/g, '').replace(/="[^"]*"/g, '=""');
      for (const m of tags.matchAll(/<script\b[^>]*>/gi)) if (!/\ssrc=""/.test(m[0])) bad.push(`${p}: inline <script>`);
      for (const m of html.matchAll(/<script\b[^>]*\ssrc="([^"]*)"/gi))
        if (!m[1].startsWith('/') || m[1].startsWith('//')) bad.push(`${p}: foreign <script src="${m[1]}">`);
    }
    expect(bad).toEqual([]);
    // the hostile text is there, as text
    const article = fs.readFileSync(path.join(webRoot, routes.article(hostileArticleSlug), 'index.html'), 'utf8');
    expect(article).toContain('&lt;script&gt;');
    expect(article).toContain(MARK);
    // and in the article's JSON-LD, escaped, as the same text once parsed
    const ld = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(article);
    expect(ld).not.toBeNull();
    expect(JSON.stringify(JSON.parse(ld![1]))).toContain(MARK);
  });

  it('Chromium, CSP bypassed: clicking every link of every page (and of a draft preview) runs nothing; the DOM has no script link', async () => {
    const guard = await guardedContext({ bypassCSP: true });
    const dialogs: string[] = [];
    guard.context.on('dialog', (d) => {
      dialogs.push(`${d.page()?.url()}: ${d.type()} ${d.message()}`);
      void d.dismiss().catch(() => undefined);
    });

    // the harness itself: a script link clicked this way does run (and is seen)
    const control = await guard.context.newPage();
    await guard.open(control, '/');
    await control.evaluate(() => {
      document.body.insertAdjacentHTML('beforeend', '<a id="kiem-tra" href="javascript:window.__xss.push(\'control\');alert(document.domain)">x</a>');
      (document.getElementById('kiem-tra') as HTMLElement).click();
    });
    await control.waitForFunction(() => (window as any).__xss.includes('control'), null, { timeout: 5_000 });
    await control.close();
    expect(dialogs).toHaveLength(1);
    dialogs.length = 0;

    const clicked = new Set<string>();
    const problems: string[] = [];
    let clicks = 0;
    await inTabs(guard.context, [...pages, previewPath], 2, async (page, route) => {
      const status = await guard.open(page, route);
      if (status !== 200) problems.push(`${route}: HTTP ${status}`);
      problems.push(...(await page.evaluate(domProblems)).map((p) => `${route}: ${p}`));
      const hrefs: string[] = await page.evaluate(() => Array.from(document.querySelectorAll('a[href], area[href]')).map((a) => a.getAttribute('href') ?? ''));
      for (let i = 0; i < hrefs.length; i++) {
        // the same address behaves the same on every page: each is clicked once (all of the preview's)
        if (clicked.has(hrefs[i]) && route !== previewPath) continue;
        clicked.add(hrefs[i]);
        clicks++;
        await page.evaluate((n) => (document.querySelectorAll('a[href], area[href]')[n] as HTMLElement | undefined)?.click(), i).catch(() => undefined);
        await sleep(25);
        // a click that left the page anyway (it should not): reported, and back to the page
        if (page.url().split('#')[0] !== (pubUrl + route).split('#')[0]) {
          problems.push(`${route}: clicking ${hrefs[i]} left for ${page.url()}`);
          await guard.open(page, route);
        }
      }
      const fired: string[] = await page.evaluate(() => (window as any).__xss ?? ['tripwire missing']);
      problems.push(...fired.map((f) => `${route}: script ran (${f})`));
    });
    await guard.context.close();
    console.info(`[site-hostile] ${pages.length + 1} pages opened, ${clicks} links clicked`);
    expect(clicks).toBeGreaterThan(100);
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
  }, 240_000);

  it('Chromium, CSP enforced: no violation on any page; search (server-side) works and shows the hostile titles as text', async () => {
    const guard = await guardedContext({ bypassCSP: false });
    const dialogs: string[] = [];
    const consoleCsp: string[] = [];
    guard.context.on('dialog', (d) => {
      dialogs.push(`${d.page()?.url()}: ${d.message()}`);
      void d.dismiss().catch(() => undefined);
    });
    guard.context.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text())) consoleCsp.push(`${m.page()?.url()}: ${m.text()}`);
    });
    const violations: string[] = [];
    await inTabs(guard.context, [...pages, previewPath], 2, async (page, route) => {
      await guard.open(page, route);
      await page.evaluate(() => document.fonts.ready);
      const v: string[] = await page.evaluate(() => [...(window as any).__csp, ...(window as any).__xss]);
      violations.push(...v.map((x) => `${route}: ${x}`));
    });
    const page = await guard.context.newPage();
    // the stylesheet and the self-hosted font apply under the policy
    await guard.open(page, '/');
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toMatch(/Be Vietnam Pro/);
    expect(await page.evaluate(() => document.fonts.check('16px "Be Vietnam Pro"'))).toBe(true);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.skip-link')!).position)).toBe('absolute');

    // search: the publisher's results page (its index loads once the release's search documents
    // are made, after the swap), the hostile titles and excerpts shown as text
    let results: string[] = [];
    for (let i = 0; i < 120 && !results.length; i++) {
      if (i) await new Promise((r) => setTimeout(r, 500));
      await guard.open(page, `${routes.search()}?q=${MARK}`);
      results = await page.$$eval('#danh-sach-ket-qua li a', (as) => as.map((a) => a.textContent ?? ''));
    }
    expect(results.length).toBeGreaterThan(0);
    expect(results.join('\n')).toContain('<script>');
    expect(await page.evaluate(domProblems)).toEqual([]);
    violations.push(...(await page.evaluate(() => [...(window as any).__csp, ...(window as any).__xss])).map((x: string) => `search: ${x}`));
    await guard.context.close();
    expect(dialogs).toEqual([]);
    expect(violations).toEqual([]);
    expect(consoleCsp).toEqual([]);
  }, 240_000);

  it('feeds and sitemap: well-formed for a strict XML parser, markup only as text', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const route of ['/rss.xml', routes.agencyRss(hostileAgencySlug), '/sitemap.xml']) {
      const res = await fetch(pubUrl + route);
      expect(res.status, route).toBe(200);
      const xml = await res.text();
      expect(xml, route).not.toMatch(/<script/i);
      expect(xml, route).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
      const error = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        const err = doc.getElementsByTagName('parsererror')[0];
        return err ? err.textContent : null;
      }, xml);
      expect(error, route).toBeNull();
      if (route !== '/sitemap.xml') {
        const titles = await page.evaluate((text) => {
          const doc = new DOMParser().parseFromString(text, 'application/xml');
          return Array.from(doc.querySelectorAll('item > title')).map((t) => t.textContent ?? '');
        }, xml);
        expect(
          titles.some((t) => t.includes('<script>') && t.includes(MARK)),
          route,
        ).toBe(true);
      }
    }
    await context.close();
  });
});
