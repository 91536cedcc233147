import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config.js';

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
