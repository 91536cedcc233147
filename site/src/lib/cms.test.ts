import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CmsUnavailableError, fetchSiteData, indexSiteData, loadSiteData, mediaUrl, type RawSiteData } from './cms';

const T = '2026-03-01T20:00:00.000Z';
const agency = (id: string, kind: string, name: string, extra: object = {}) => ({
  documentId: id,
  updatedAt: T,
  publishedAt: T,
  name,
  shortName: null,
  slug: id,
  kind,
  parent: null,
  contact: null,
  leader: null,
  updateSchedule: 'monWedFri',
  pilotEService: false,
  adminUnitCode: null,
  introduction: null,
  organisationStructure: null,
  orgChart: null,
  functionsAndDuties: null,
  developmentPlanning: null,
  naturalSocialConditions: null,
  socioEconomicOrientation: null,
  adminUnits: null,
  sortOrder: 100,
  ...extra,
});
const doc = (id: string, issuedDate: string, extra: object = {}) => ({
  documentId: id,
  updatedAt: T,
  publishedAt: T,
  documentNumber: `${id}/2006/QĐ-UBND`,
  slug: id,
  documentType: 'decision',
  issuingBody: 'UBND tỉnh Lào Cai',
  signer: null,
  issuedDate,
  effectiveDate: null,
  expiryDate: null,
  validityStatus: 'unknown',
  abstract: id,
  field: null,
  body: null,
  attachments: [],
  replaces: [],
  replacedBy: [],
  amends: [],
  amendedBy: [],
  agency: null,
  isPolicy: false,
  sourceUrl: null,
  note: null,
  ...extra,
});

const consultation = (slug: string, opensAt: string, closesAt: string) => ({
  documentId: slug,
  updatedAt: T,
  publishedAt: T,
  title: slug,
  slug,
  agency: { documentId: 'so-y-te' },
  summary: null,
  body: null,
  attachments: [],
  opensAt,
  closesAt,
  resultSummary: null,
  comments: [],
});

function raw(): RawSiteData {
  return {
    agencies: [
      agency('huyen-bat-xat', 'district', 'Ủy ban nhân dân huyện Bát Xát'),
      agency('so-y-te', 'department', 'Sở Y tế', { sortOrder: 2 }),
      agency('so-noi-vu', 'department', 'Sở Nội vụ', { sortOrder: 1, parent: { documentId: 'so-y-te' } }),
    ] as never,
    articles: [
      {
        documentId: 'a1',
        updatedAt: T,
        publishedAt: '2026-01-01T00:00:00.000Z',
        title: 'Cũ',
        slug: 'cu',
        kind: 'news',
        scope: 'province',
        summary: null,
        body: null,
        cover: null,
        coverAlt: null,
        agency: { documentId: 'so-y-te' },
        author: null,
        source: null,
        sourceUrl: null,
        language: 'vi',
        eventDate: null,
      },
      {
        documentId: 'a2',
        updatedAt: T,
        publishedAt: '2026-02-01T00:00:00.000Z',
        title: 'Mới',
        slug: 'moi',
        kind: 'news',
        scope: 'national',
        summary: null,
        body: null,
        cover: null,
        coverAlt: null,
        agency: { documentId: 'unpublished' },
        author: null,
        source: null,
        sourceUrl: null,
        language: 'vi',
        eventDate: null,
      },
    ] as never,
    legalDocuments: [
      doc('old', '1998-11-09', { isPolicy: true, agency: { documentId: 'so-y-te' } }),
      doc('new', '2023-07-06', { replaces: [{ documentId: 'old' }, { documentId: 'draft-only' }], effectiveDate: '2030-01-01' }),
      doc('mid', '2006-02-09', { effectiveDate: '2006-02-24', validityStatus: 'inForce' }),
    ] as never,
    administrativeProcedures: [
      {
        documentId: 'p1',
        updatedAt: T,
        publishedAt: T,
        name: 'Thủ tục B',
        slug: 'b',
        agency: { documentId: 'huyen-bat-xat' },
        legalBasis: [{ documentId: 'mid' }],
        steps: [
          { order: 2, description: 'hai' },
          { order: 1, description: 'một' },
        ],
      },
    ] as never,
    eServices: [
      { documentId: 'e1', updatedAt: T, publishedAt: T, name: 'DVC', slug: 'dvc', agency: null, procedure: { documentId: 'p1' }, registrationStatus: 'live' },
    ] as never,
    investmentProjects: [],
    questions: [],
    consultations: [
      consultation('c-closed', '2026-01-01T00:00:00.000Z', '2026-01-31T10:00:00.000Z'),
      consultation('c-open-late', '2026-02-01T00:00:00.000Z', '2026-03-31T10:00:00.000Z'),
      consultation('c-open-soon', '2026-02-01T00:00:00.000Z', '2026-02-20T10:00:00.000Z'),
      consultation('c-upcoming', '2026-04-01T00:00:00.000Z', '2026-04-30T10:00:00.000Z'),
    ] as never,
    provinceProfile: null,
    homepage: {
      documentId: 'h',
      updatedAt: T,
      publishedAt: T,
      welcome: null,
      featuredArticles: [{ documentId: 'a1' }],
      featuredDocuments: [{ documentId: 'nope' }],
      sectionOrder: null,
      hotline: null,
    },
  };
}

describe('indexSiteData', () => {
  const data = indexSiteData(raw(), { cmsUrl: 'http://cms', today: '2026-11-29' });

  it('orders agencies by kind, sortOrder and name, and resolves parents', () => {
    expect(data.agencies.map((a) => a.slug)).toEqual(['so-noi-vu', 'so-y-te', 'huyen-bat-xat']);
    expect(data.agencyBySlug.get('so-noi-vu')!.parent!.name).toBe('Sở Y tế');
    expect(data.agenciesByKind.get('district')!.map((a) => a.slug)).toEqual(['huyen-bat-xat']);
    expect(data.agenciesByKind.get('press')).toEqual([]);
  });

  it('sorts news and documents newest first, policy documents first where asked', () => {
    expect(data.articles.map((a) => a.slug)).toEqual(['moi', 'cu']);
    expect(data.legalDocuments.map((d) => d.slug)).toEqual(['new', 'mid', 'old']);
    expect(data.policyFirstDocuments.map((d) => d.slug)).toEqual(['old', 'new', 'mid']);
  });

  it('orders news by first publication: an edited, republished article keeps its date and place', () => {
    const r = raw();
    // "Cũ" was corrected and republished after "Mới" was first published
    (r.articles as any[])[0] = { ...(r.articles as any[])[0], publishedAt: '2026-03-01T00:00:00.000Z', firstPublishedAt: '2026-01-01T00:00:00.000Z' };
    const d = indexSiteData(r, { cmsUrl: 'http://cms', today: '2026-11-29' });
    expect(d.articles.map((a) => a.slug)).toEqual(['moi', 'cu']);
    expect(d.articleBySlug.get('cu')!.firstPublishedAt).toBe('2026-01-01T00:00:00.000Z');
    // rows without it (a CMS with the flag off) use publishedAt
    expect(d.articleBySlug.get('moi')!.firstPublishedAt).toBe('2026-02-01T00:00:00.000Z');
  });

  it('resolves relations, dropping those to unpublished entries', () => {
    expect(data.articleBySlug.get('moi')!.agency).toBeNull();
    expect(data.legalDocumentBySlug.get('new')!.replaces.map((d) => d.slug)).toEqual(['old']);
    const p = data.procedureBySlug.get('b')!;
    expect(p.legalBasis.map((d) => d.slug)).toEqual(['mid']);
    expect(p.eServices.map((e) => e.slug)).toEqual(['dvc']);
    expect(p.steps!.map((s) => s.order)).toEqual([1, 2]);
    expect(data.homepage!.featuredArticles.map((a) => a.slug)).toEqual(['cu']);
    expect(data.homepage!.featuredDocuments).toEqual([]);
  });

  it('indexes every agency content, and computes validity on the given day', () => {
    expect(data.byAgency.get('so-y-te')!.articles.map((a) => a.slug)).toEqual(['cu']);
    expect(data.byAgency.get('so-y-te')!.legalDocuments.map((d) => d.slug)).toEqual(['old']);
    expect(data.byAgency.get('huyen-bat-xat')!.procedures.map((p) => p.slug)).toEqual(['b']);
    expect(data.byAgency.get('so-noi-vu')!.articles).toEqual([]);
    expect(data.legalDocumentBySlug.get('new')!.currentValidity).toBe('notYetEffective');
    expect(data.legalDocumentBySlug.get('mid')!.currentValidity).toBe('inForce');
  });
});

describe('consultations (Law 104/2016, Art. 17(1)(c))', () => {
  it('get their phase at the build instant: open first (closing soonest), then upcoming, then closed', () => {
    const data = indexSiteData(raw(), { cmsUrl: 'http://cms', now: new Date('2026-02-10T00:00:00Z') });
    expect(data.consultations.map((c) => [c.slug, c.phase])).toEqual([
      ['c-open-soon', 'open'],
      ['c-open-late', 'open'],
      ['c-upcoming', 'upcoming'],
      ['c-closed', 'closed'],
    ]);
    expect(data.byAgency.get('so-y-te')!.consultations).toHaveLength(4);
    // the same data after the closing instant: the phase follows the clock, not an edit
    const later = indexSiteData(raw(), { cmsUrl: 'http://cms', now: new Date('2026-02-20T10:00:00Z') });
    expect(later.consultationBySlug.get('c-open-soon')!.phase).toBe('closed');
  });
});

describe('mediaUrl', () => {
  it('resolves uploads against the CMS, keeps absolute URLs', () => {
    process.env.CMS_URL = 'http://cms.test:1337/';
    expect(mediaUrl('/uploads/a.pdf')).toBe('http://cms.test:1337/uploads/a.pdf');
    expect(mediaUrl('https://cdn.vn/a.pdf')).toBe('https://cdn.vn/a.pdf');
    expect(mediaUrl(null)).toBe('');
    delete process.env.CMS_URL;
  });

  it('never returns an address with another scheme (a stored javascript: or data: value gives "")', () => {
    process.env.CMS_URL = 'http://cms.test:1337';
    for (const v of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      '//evil.example/a.png',
    ]) {
      expect(mediaUrl(v), v).toBe('');
    }
    expect(mediaUrl('/uploads/tệp có dấu cách.pdf')).toBe('http://cms.test:1337/uploads/t%E1%BB%87p%20c%C3%B3%20d%E1%BA%A5u%20c%C3%A1ch.pdf');
    delete process.env.CMS_URL;
  });
});

describe('fetchSiteData against a fake GraphQL server', () => {
  let server: http.Server;
  let url: string;
  const calls: { op: string; page?: number; pageSize?: number }[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        const { query, variables } = JSON.parse(body);
        const op = /query (\w+)/.exec(query)![1];
        calls.push({ op, page: variables?.page, pageSize: variables?.pageSize });
        let data: Record<string, unknown>;
        if (op === 'SiteSingles') data = { provinceProfile: null, homepage: null };
        else if (op === 'SiteAgencies') {
          // 230 agencies: a full first page (200), a short second page
          const all = Array.from({ length: 230 }, (_, i) => agency(`a${String(i).padStart(3, '0')}`, 'department', `Đơn vị ${i}`));
          const start = (variables.page - 1) * variables.pageSize;
          data = { agencies: all.slice(start, start + variables.pageSize) };
        } else {
          const key = {
            SiteArticles: 'articles',
            SiteLegalDocuments: 'legalDocuments',
            SiteProcedures: 'administrativeProcedures',
            SiteEServices: 'eServices',
            SiteInvestmentProjects: 'investmentProjects',
            SiteQuestions: 'questions',
            SiteConsultations: 'consultations',
            SiteConsultationComments: 'consultationComments',
          }[op]!;
          data = { [key]: [] };
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
    delete process.env.CMS_URL;
  });

  it('fetches each collection page by page until a short page, in a handful of queries', async () => {
    process.env.CMS_URL = url;
    const data = await fetchSiteData();
    expect(data.agencies).toHaveLength(230);
    expect(calls.filter((c) => c.op === 'SiteAgencies').map((c) => c.page)).toEqual([1, 2]);
    expect(calls.every((c) => c.pageSize === undefined || c.pageSize <= 200)).toBe(true);
    // agencies (2 pages) + 7 other collections + the singles + the approved comments
    expect(calls).toHaveLength(11);
    expect(data.stats.queries).toBe(11);
  });

  it('memoises the load per CMS URL', async () => {
    process.env.CMS_URL = url;
    const before = calls.length;
    const [x, y] = await Promise.all([loadSiteData(), loadSiteData()]);
    expect(x).toBe(y);
    expect(await loadSiteData()).toBe(x);
    expect(calls.length - before).toBe(11);
  });

  it('fails with the CMS URL when the CMS is unreachable', async () => {
    process.env.CMS_URL = 'http://127.0.0.1:9';
    await expect(fetchSiteData()).rejects.toThrow(CmsUnavailableError);
    await expect(loadSiteData()).rejects.toThrow('http://127.0.0.1:9/graphql');
  });
});
