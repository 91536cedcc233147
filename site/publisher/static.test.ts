import { describe, expect, it } from 'vitest';
import { cacheControlFor, CACHE_ASSET, CACHE_HTML, CACHE_IMMUTABLE } from './static.js';

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
