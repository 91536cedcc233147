import { describe, expect, it } from 'vitest';
import { nextVietnamMidnight } from './queue.js';

describe('nextVietnamMidnight', () => {
  it('is 00:00:30 in Asia/Ho_Chi_Minh (17:00:30 UTC) after now', () => {
    expect(new Date(nextVietnamMidnight(Date.parse('2026-03-01T16:00:00Z'))).toISOString()).toBe('2026-03-01T17:00:30.000Z');
    expect(new Date(nextVietnamMidnight(Date.parse('2026-03-01T17:00:00Z'))).toISOString()).toBe('2026-03-02T17:00:30.000Z');
  });
});
