import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config.js';
import { nextVietnamMidnight } from './publisher.js';
import { secretMatches } from '@cong/shared/secret';
import { cacheControlFor, CACHE_ASSET, CACHE_HTML, CACHE_IMMUTABLE } from './static.js';
import { singleDocumentQuery, uidOfPreviewType, propsShow } from './preview/load.js';

describe('secretMatches', () => {
  it('accepts only the exact secret', () => {
    expect(secretMatches('s3cret-s3cret-s3cret', 's3cret-s3cret-s3cret')).toBe(true);
    expect(secretMatches('s3cret-s3cret-s3cre', 's3cret-s3cret-s3cret')).toBe(false);
    expect(secretMatches('', 's3cret')).toBe(false);
    expect(secretMatches(undefined, 's3cret')).toBe(false);
    expect(secretMatches(['s3cret'], 's3cret')).toBe(false);
    expect(secretMatches('anything', '')).toBe(false);
  });
});

describe('configFromEnv', () => {
  it('requires a long enough secret', () => {
    expect(() => configFromEnv({})).toThrow(/PUBLISHER_WEBHOOK_SECRET/);
    expect(() => configFromEnv({ PUBLISHER_WEBHOOK_SECRET: 'short' })).toThrow(/16/);
  });
  it('reads and validates the variables', () => {
    const c = configFromEnv({
      PUBLISHER_WEBHOOK_SECRET: 'x'.repeat(16),
      PORT: '8080',
      CMS_URL: 'http://cms:1337/',
      COALESCE_MS: '500',
      RETRY_DELAYS_MS: '1000, 2000',
      INCREMENTAL_BUILD: 'false',
    });
    expect(c).toMatchObject({ port: 8080, cmsUrl: 'http://cms:1337', coalesceMs: 500, retryDelaysMs: [1000, 2000], incremental: false });
    expect(() => configFromEnv({ PUBLISHER_WEBHOOK_SECRET: 'x'.repeat(16), PORT: 'abc' })).toThrow(/PORT/);
    expect(() => configFromEnv({ PUBLISHER_WEBHOOK_SECRET: 'x'.repeat(16), INCREMENTAL_BUILD: 'maybe' })).toThrow(/INCREMENTAL_BUILD/);
  });
});

describe('cacheControlFor', () => {
  it('makes hashed assets immutable, pages revalidate, other files short-lived', () => {
    expect(cacheControlFor('/_astro/site.C8x1.css')).toBe(CACHE_IMMUTABLE);
    expect(cacheControlFor('/')).toBe(CACHE_HTML);
    expect(cacheControlFor('/tin-tuc/abc/')).toBe(CACHE_HTML);
    expect(cacheControlFor('/404.html')).toBe(CACHE_HTML);
    expect(cacheControlFor('/rss.xml')).toBe(CACHE_HTML);
    expect(cacheControlFor('/favicon.svg')).toBe(CACHE_ASSET);
  });
});

describe('nextVietnamMidnight', () => {
  it('is 00:00:30 in Asia/Ho_Chi_Minh (17:00:30 UTC) after now', () => {
    expect(new Date(nextVietnamMidnight(Date.parse('2026-03-01T16:00:00Z'))).toISOString()).toBe('2026-03-01T17:00:30.000Z');
    expect(new Date(nextVietnamMidnight(Date.parse('2026-03-01T17:00:00Z'))).toISOString()).toBe('2026-03-02T17:00:30.000Z');
  });
});

describe('preview helpers', () => {
  it('adapts the site list query to one document in one status', () => {
    const q = singleDocumentQuery('articles', 'draft');
    expect(q).toContain('$filters: ArticleFiltersInput');
    expect(q).toMatch(/articles\(status: DRAFT, filters: \$filters, pagination/);
    expect(singleDocumentQuery('administrativeProcedures', 'published')).toMatch(/administrativeProcedures\(status: PUBLISHED/);
  });
  it('maps preview type names to uids and finds the shown document in page props', () => {
    expect(uidOfPreviewType('article')).toBe('api::article.article');
    expect(uidOfPreviewType('nope')).toBeNull();
    const t = { documentId: 'a' };
    expect(propsShow({ article: t }, t)).toBe(true);
    expect(propsShow({ services: [{}, t] }, t)).toBe(true);
    expect(propsShow({ article: { documentId: 'a' } }, t)).toBe(false);
  });
});
