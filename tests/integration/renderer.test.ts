/**
 * The long-running renderer (site/renderer/, issue 12) writes the same site as `astro build`,
 * byte for byte: boots Strapi on a fresh database, imports the real seed with the other
 * provinces' documents and the site fixtures (tests/helpers/site-fixtures.ts) and 45 archive
 * articles (three pages of news), then builds the site twice from the same code and data — the
 * static build (`astro build`) and the renderer's server build + a full render with two workers —
 * and compares every file of both outputs (the search index left out: the publisher makes it;
 * the sitemap compared with what the full writer, `writeSitemap`, makes of the static build).
 * Then the completeness proof: one renderer publish per change, against a full render — and the
 * sitemap the renderer keeps per publish against `writeSitemap` of the whole output.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootCms, repoRoot, type BootedCms } from '../helpers/strapi';
import { addConsultationFixture, addSiteFixtures, type SiteFixtures } from '../helpers/site-fixtures';
import { addArchiveArticles } from '../helpers/paging-fixtures';
import { requireSeedSources } from '../../scripts/seed/paths';
import { importSeed } from '../../scripts/seed/import';
import { COLLECTION_TYPES } from '@cong/shared';
import { RendererProcess } from '../../site/renderer/service';
import { writeSitemap } from '../../site/src/integrations/post-build';

const siteDir = path.join(repoRoot, 'site');
const astroBin = path.join(path.dirname(createRequire(path.join(siteDir, 'package.json')).resolve('astro/package.json')), 'bin', 'astro.mjs');
const { dataDir, seedDir } = requireSeedSources();
const SITE = 'http://cong.test';

/** Runs `node <args>` in site/ without blocking this process (the CMS answers from here); rejects on a non-zero exit. */
function run(args: string[], env: Record<string, string>): Promise<{ stdout: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: siteDir,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve({ stdout: out, ms: Date.now() - started }) : reject(new Error(`${args.join(' ')} exited ${code}:\n${out.slice(-6000)}`)),
    );
  });
}

/** Every file under `dir` (relative, `/` separators), the sitemap and search documents left out. */
function files(dir: string): string[] {
  const skip = new Set(['sitemap.xml', 'robots.txt', '.search']);
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const d of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${d.name}` : d.name;
      if (!rel && skip.has(d.name)) continue;
      if (d.isDirectory()) walk(r);
      else out.push(r);
    }
  };
  walk('');
  return out.sort();
}

let cms: BootedCms;
let fixtures: SiteFixtures;
let consultation: { slug: string };
let tmp: string;
let staticDir: string;
let renderedDir: string;
let renderStats: { pages: number; ms: number };
let serverBuild: string;
let env: Record<string, string>;

beforeAll(async () => {
  cms = await bootCms();
  await importSeed(cms.strapi, { dataDir, seedDir, includeOtherProvinces: true });
  fixtures = await addSiteFixtures(cms.strapi);
  consultation = await addConsultationFixture(cms.strapi);
  await addArchiveArticles(cms.strapi, 45, 'bao-lao-cai');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-renderer-'));
  staticDir = path.join(tmp, 'static');
  renderedDir = path.join(tmp, 'rendered');
  env = { CMS_URL: cms.url, SITE_URL: SITE, SITE_SITEMAP_AND_SEARCH: 'publisher' };
  serverBuild = path.join(tmp, 'server-build');
  const [staticBuild, server] = [
    await run([astroBin, 'build', '--outDir', staticDir], { ...env, SITE_CACHE_DIR: path.join(tmp, 'cache-static') }),
    await run(['renderer/server-build.mjs'], {
      ...env,
      PUBLISHER_SITE_ROOT: siteDir,
      SITE_OUT_DIR: serverBuild,
      SITE_CACHE_DIR: path.join(tmp, 'cache-server'),
    }),
  ];
  const rendered = await run(['--import', 'tsx', 'renderer/full-render.ts', serverBuild, renderedDir], { ...env, RENDER_WORKERS: '2' });
  renderStats = JSON.parse(rendered.stdout.trim().split('\n').pop()!);
  console.info(
    `[renderer] astro build ${(staticBuild.ms / 1000).toFixed(1)} s; server build ${(server.ms / 1000).toFixed(1)} s; full render ${renderStats.pages} pages in ${(renderStats.ms / 1000).toFixed(1)} s`,
  );
});

afterAll(async () => {
  await fixtures?.cleanup();
  await cms?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the renderer', () => {
  it('writes the same files as astro build, byte for byte', () => {
    const expected = files(staticDir);
    const got = files(renderedDir);
    // the corpus has every kind of page: details, paginated lists, facets, sub-sites, feeds, 404
    expect(expected.length).toBeGreaterThan(300);
    for (const f of [
      'index.html',
      '404.html',
      `van-ban/${fixtures.documentSlug}/index.html`,
      `lay-y-kien/${consultation.slug}/index.html`,
      'rss.xml',
      'co-quan/bao-lao-cai/rss.xml',
    ]) {
      expect(expected, f).toContain(f);
    }
    expect(expected.filter((f) => f.startsWith('tin-tuc/trang/')).length).toBeGreaterThanOrEqual(2);
    expect(got).toEqual(expected);
    const differing = expected.filter((f) => !fs.readFileSync(path.join(staticDir, f)).equals(fs.readFileSync(path.join(renderedDir, f))));
    expect(differing).toEqual([]);
    // every page file was rendered by the renderer, not copied from the server build
    expect(renderStats.pages).toBe(expected.filter((f) => !f.startsWith('_astro/') && !fs.existsSync(path.join(siteDir, 'public', f))).length);
  });

  it('writes the sitemap the full writer (writeSitemap) makes of the static build', async () => {
    const out = path.join(tmp, 'sitemap-of-static');
    const pages = await writeSitemap(staticDir, SITE, out);
    expect(pages).toBeGreaterThan(100);
    expect(fs.readFileSync(path.join(renderedDir, 'sitemap.xml'), 'utf8')).toBe(fs.readFileSync(path.join(out, 'sitemap.xml'), 'utf8'));
  });
});

/** What the full writer (`writeSitemap` of post-build.ts) makes of the pages in `dir`. */
async function fullSitemap(dir: string): Promise<string> {
  const out = fs.mkdtempSync(path.join(tmp, 'sitemap-'));
  await writeSitemap(dir, SITE, out);
  const xml = fs.readFileSync(path.join(out, 'sitemap.xml'), 'utf8');
  fs.rmSync(out, { recursive: true, force: true });
  return xml;
}

/** sha-256 of every file under `dir` (the sitemap and search index left out). */
function snapshot(dir: string): Map<string, string> {
  return new Map(
    files(dir).map((f) => [
      f,
      createHash('sha256')
        .update(fs.readFileSync(path.join(dir, f)))
        .digest('hex'),
    ]),
  );
}

/** Files added, removed or whose bytes differ between two snapshots. */
function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  const out = new Set<string>();
  for (const [f, h] of after) if (before.get(f) !== h) out.add(f);
  for (const f of before.keys()) if (!after.has(f)) out.add(f);
  return [...out].sort();
}

// each step renders the whole site again (the oracle): minutes on a loaded 2-core machine
const PROOF_TIMEOUT_MS = 15 * 60_000;

describe('a content publish through the renderer (completeness proof)', () => {
  const docs = (uid: string) => cms.strapi.documents(uid);
  const one = async (uid: string, filters: Record<string, unknown>) => {
    const [hit] = await docs(uid).findMany({ filters, status: 'published', limit: 1 });
    if (!hit) throw new Error(`no ${uid} matching ${JSON.stringify(filters)}`);
    return hit;
  };
  const agencyId = async (slug: string) => (await one('api::agency.agency', { slug })).documentId as string;
  const newArticle = async (title: string, agencySlug: string) => {
    const draft = await docs('api::article.article').create({
      data: { title, kind: 'news', scope: 'province', summary: `Tóm tắt: ${title}.`, agency: await agencyId(agencySlug), editorialState: 'approved' },
    });
    await docs('api::article.article').publish({ documentId: draft.documentId });
    return draft as { documentId: string; slug: string };
  };
  const edit = (uid: string, documentId: string, data: Record<string, unknown>) => docs(uid).update({ documentId, data, status: 'published' });

  let service: RendererProcess;
  let live: string;
  let oracle: string;
  beforeAll(async () => {
    service = new RendererProcess(serverBuild, { ...process.env, ...env });
    live = path.join(tmp, 'live');
    oracle = path.join(tmp, 'oracle');
    await service.full(live);
  });
  afterAll(async () => service?.stop());

  /**
   * Applies `change` to the CMS, runs one publish of the renderer into the live folder, and checks
   * (1) the live folder then equals a full render of the same data (no page missed), (2) the files
   * whose bytes changed are exactly the files the publish wrote or removed, and the pages it
   * rendered are exactly the pages whose bytes changed (none extra).
   */
  const publishAndCheck = async (what: string, change: () => Promise<unknown>, opts: { touched?: string[]; extraShowing?: string | string[] } = {}) => {
    const before = snapshot(live);
    const sitemapBefore = fs.readFileSync(path.join(live, 'sitemap.xml'), 'utf8');
    await change();
    const r = await service.publish(live);
    const after = snapshot(live);
    const changed = changedFiles(before, after);
    await service.full(oracle);
    const full = snapshot(oracle);
    const missed = changedFiles(after, full);
    expect(missed, `${what}: pages stale or extra after the publish`).toEqual([]);
    // the sitemap, kept by the renderer from the pages it wrote or removed, is what the full
    // writer makes of the whole output (and what a full render writes); written only when it changed
    const sitemap = fs.readFileSync(path.join(live, 'sitemap.xml'), 'utf8');
    expect(sitemap, `${what}: the sitemap kept per publish vs writeSitemap of the output`).toBe(await fullSitemap(live));
    expect(sitemap, `${what}: the sitemap kept per publish vs a full render's`).toBe(fs.readFileSync(path.join(oracle, 'sitemap.xml'), 'utf8'));
    expect(r.written.includes('sitemap.xml'), `${what}: sitemap written`).toBe(sitemap !== sitemapBefore);
    expect([...r.written.filter((f) => f !== 'sitemap.xml'), ...r.removed].sort(), `${what}: written/removed vs changed`).toEqual(changed);
    const renderedFiles = r.rendered.map((u) => [...before.keys(), ...after.keys()].find((f) => f === outputFile(u)) ?? outputFile(u));
    const extra = renderedFiles.filter((f) => !changed.includes(f));
    if (opts.extraShowing) {
      // keys hold each shown entry's updatedAt: a change to a field a list does not show (a
      // relation, say) still re-renders the pages listing the entry — allowed only for pages that
      // do show (link to) the changed entry; any other extra render fails
      const hrefs = ([] as string[]).concat(opts.extraShowing).map((h) => `href="${h}"`);
      const notShowing = extra.filter((f) => {
        const html = fs.readFileSync(path.join(live, f), 'utf8');
        return !hrefs.some((h) => html.includes(h));
      });
      expect(notShowing, `${what}: pages rendered that neither changed nor show ${opts.extraShowing}`).toEqual([]);
    } else {
      expect(extra, `${what}: pages rendered whose bytes did not change`).toEqual([]);
    }
    for (const f of opts.touched ?? []) expect(changed, what).toContain(f);
    console.info(`[renderer] ${what}: ${r.rendered.length} rendered, ${r.written.length} written, ${r.removed.length} removed, ${r.ms.total} ms`);
  };
  const outputFile = (url: string) => (url.endsWith('.xml') ? url.slice(1) : url === '/404' ? '404.html' : `${url.slice(1)}index.html`);

  it(
    'article: create, edit title, change agency, pagination boundary, withdraw, delete',
    async () => {
      let created: { documentId: string; slug: string } | null = null;
      await publishAndCheck('article created', async () => (created = await newArticle('Tin mới về lễ hội mùa xuân Sa Pa', 'bao-lao-cai')));
      const a = created!;
      await publishAndCheck('article title edited', () => edit('api::article.article', a.documentId, { title: 'Tin mới về lễ hội mùa xuân Sa Pa 2027' }), {
        touched: [`tin-tuc/${a.slug}/index.html`],
      });
      await publishAndCheck('article moved to another agency', async () =>
        edit('api::article.article', a.documentId, { agency: await agencyId('so-tai-nguyen-va-moi-truong') }),
      );
      // 56 news of the newspaper + 5 = 61: the agency's news list gets a fourth page
      await publishAndCheck('pagination boundary', async () => {
        for (let i = 1; i <= 5; i++) await newArticle(`Tin sang trang mới số ${i}`, 'bao-lao-cai');
      });
      await publishAndCheck('article withdrawn', () => docs('api::article.article').unpublish({ documentId: a.documentId }));
      const other = await one('api::article.article', { title: 'Tin sang trang mới số 3' });
      await publishAndCheck('article deleted', () => docs('api::article.article').delete({ documentId: other.documentId }));
    },
    PROOF_TIMEOUT_MS,
  );

  it(
    'legal document, procedure, question, project, agency: edit, relation change, withdraw',
    async () => {
      const doc = await one('api::legal-document.legal-document', { slug: fixtures.documentSlug });
      await publishAndCheck('legal document abstract edited', () =>
        edit('api::legal-document.legal-document', doc.documentId, { abstract: 'Quy định hạn mức giao đất ở (sửa đổi)' }),
      );
      const third = await one('api::legal-document.legal-document', { documentNumber: '07/2006/QĐ-UBND' });
      await publishAndCheck(
        'legal document relation changed',
        () => edit('api::legal-document.legal-document', doc.documentId, { amends: [third.documentId] }),
        {
          touched: [`van-ban/${fixtures.documentSlug}/index.html`],
          extraShowing: `/van-ban/${fixtures.documentSlug}/`,
        },
      );
      const proc = await one('api::administrative-procedure.administrative-procedure', { slug: fixtures.procedureSlug });
      await publishAndCheck('procedure renamed', () =>
        edit('api::administrative-procedure.administrative-procedure', proc.documentId, { name: `${proc.name} (cập nhật)` }),
      );
      const q = await one('api::question.question', { slug: fixtures.questionSlug });
      await publishAndCheck('question subject edited', () =>
        edit('api::question.question', q.documentId, { subject: 'Hỏi về thủ tục đất đai khi tách thửa (bổ sung)' }),
      );
      const p = await one('api::investment-project.investment-project', { slug: fixtures.projectSlug });
      await publishAndCheck('project moved to another agency', async () =>
        edit('api::investment-project.investment-project', p.documentId, { agency: await agencyId('so-tai-nguyen-va-moi-truong') }),
      );
      const ag = await one('api::agency.agency', { slug: 'so-ke-hoach-va-dau-tu' });
      await publishAndCheck('agency renamed', () => edit('api::agency.agency', ag.documentId, { name: `${ag.name} tỉnh Lào Cai` }), {
        extraShowing: `/co-quan/${ag.slug}/`,
      });
      await publishAndCheck('question withdrawn', () => docs('api::question.question').unpublish({ documentId: q.documentId }));
      await publishAndCheck('legal document deleted', () => docs('api::legal-document.legal-document').delete({ documentId: doc.documentId }));
    },
    PROOF_TIMEOUT_MS,
  );
  it(
    'every collection type of the registry: edit the title field, change the agency, withdraw, publish again, delete — one publish each, against a full render',
    async () => {
      // an entry the steps above withdrew is published again first (a create, for the renderer)
      const republish: { uid: string; documentId: string }[] = [];
      for (const t of COLLECTION_TYPES) {
        if ((await docs(t.uid).findMany({ status: 'published', limit: 1 })).length) continue;
        const [draft] = await docs(t.uid).findMany({ status: 'draft', sort: 'id:desc', limit: 1 });
        if (draft) republish.push({ uid: t.uid, documentId: draft.documentId as string });
      }
      if (republish.length) {
        await publishAndCheck(`published again (${republish.map((r) => r.uid).join(', ')})`, async () => {
          for (const r of republish) await docs(r.uid).publish({ documentId: r.documentId });
        });
      }
      const picked = new Map<string, { documentId: string; title: unknown; href: string | null }>();
      for (const t of COLLECTION_TYPES) {
        const [hit] = await docs(t.uid).findMany({ status: 'published', sort: 'id:desc', limit: 1 });
        if (!hit) continue;
        // the entry's own page, from the registry's page template (`tin-tuc/[slug].astro` → /tin-tuc/<slug>/)
        const dir = /^(.+)\/\[slug\]\.astro$/.exec(t.page.file)?.[1];
        const href = t.owner === 'self' ? `/co-quan/${hit.slug}/` : dir ? `/${dir}/${hit.slug}/` : null;
        picked.set(t.uid, { documentId: hit.documentId as string, title: hit[t.titleField], href });
      }
      // every type — a new one included — must have an entry (tests/helpers/site-fixtures.ts)
      const missing = COLLECTION_TYPES.map((t) => t.uid).filter((uid) => !picked.has(uid));
      expect(missing, 'content types without a published entry in the test corpus').toEqual([]);
      const types = COLLECTION_TYPES.filter((t) => picked.has(t.uid));
      const agencyOwned = types.filter((t) => t.owner === 'agency');
      const other = await agencyId('so-tai-nguyen-va-moi-truong');
      // keys hold each shown entry's updatedAt: a list re-renders when an entry it links to
      // changed, even in a field it does not show — allowed only for pages linking to one of them
      const showing = [...picked.values()].map((p) => p.href).filter((h): h is string => !!h);
      await publishAndCheck(
        `title field edited (${types.map((t) => t.kind).join(', ')})`,
        async () => {
          for (const t of types) {
            const p = picked.get(t.uid)!;
            // a document number may hold no space (07/2006/QĐ-UBND): a suffix valid for it
            await edit(t.uid, p.documentId, { [t.titleField]: `${String(p.title)}${t.titleField === 'documentNumber' ? '-S' : ' (sửa)'}` });
          }
        },
        { extraShowing: showing },
      );
      await publishAndCheck(
        `agency changed (${agencyOwned.map((t) => t.kind).join(', ')})`,
        async () => {
          for (const t of agencyOwned) await edit(t.uid, picked.get(t.uid)!.documentId, { agency: other });
        },
        { extraShowing: showing },
      );
      // the agency itself is not withdrawn: everything it owns would lose its sub-site
      const withdrawable = types.filter((t) => t.owner !== 'self');
      await publishAndCheck(
        `withdrawn (${withdrawable.map((t) => t.kind).join(', ')})`,
        async () => {
          for (const t of withdrawable) await docs(t.uid).unpublish({ documentId: picked.get(t.uid)!.documentId });
        },
        { extraShowing: showing },
      );
      // for the site a create: the entries come back (new pages, the lists showing them)
      await publishAndCheck(
        `published again (${withdrawable.map((t) => t.kind).join(', ')})`,
        async () => {
          for (const t of withdrawable) await docs(t.uid).publish({ documentId: picked.get(t.uid)!.documentId });
        },
        { extraShowing: showing },
      );
      await publishAndCheck(
        `deleted (${withdrawable.map((t) => t.kind).join(', ')})`,
        async () => {
          for (const t of withdrawable) await docs(t.uid).delete({ documentId: picked.get(t.uid)!.documentId });
        },
        { extraShowing: showing },
      );
    },
    PROOF_TIMEOUT_MS,
  );
});
