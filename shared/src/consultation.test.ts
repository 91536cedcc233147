import { describe, expect, it } from 'vitest';
import { boundariesBetween, consultationPhase, tallyRatings } from './consultation.js';

describe('consultationPhase (Law 104/2016, Art. 17(1)(c): open for comment from opensAt until closesAt)', () => {
  const o = '2026-12-01T01:00:00.000Z';
  const c = '2026-12-15T10:00:00.000Z';
  it('upcoming before the opening, open from it, closed from the closing instant', () => {
    expect(consultationPhase(o, c, new Date('2026-12-01T00:59:59.999Z'))).toBe('upcoming');
    expect(consultationPhase(o, c, new Date(o))).toBe('open');
    expect(consultationPhase(o, c, new Date('2026-12-15T09:59:59.999Z'))).toBe('open');
    expect(consultationPhase(o, c, new Date(c))).toBe('closed');
  });
  it('missing dates: open since always, never closes; Date objects accepted', () => {
    expect(consultationPhase(null, null, new Date())).toBe('open');
    expect(consultationPhase(new Date(o), null, new Date('2030-01-01'))).toBe('open');
  });
});

describe('boundariesBetween', () => {
  it('lists the opening and closing instants in (after, upTo]', () => {
    const o = '2026-12-01T01:00:00.000Z';
    const c = '2026-12-01T01:05:00.000Z';
    expect(boundariesBetween(o, c, new Date('2026-12-01T00:59:00Z'), new Date('2026-12-01T01:00:00Z'))).toEqual([{ at: o, phase: 'open' }]);
    expect(boundariesBetween(o, c, new Date('2026-12-01T01:00:00Z'), new Date('2026-12-01T01:06:00Z'))).toEqual([{ at: c, phase: 'closed' }]);
    expect(boundariesBetween(o, c, new Date('2026-12-01T00:00:00Z'), new Date('2026-12-01T02:00:00Z'))).toHaveLength(2);
    expect(boundariesBetween(o, c, new Date('2026-12-01T01:06:00Z'), new Date('2026-12-01T02:00:00Z'))).toEqual([]);
  });
});

describe('tallyRatings', () => {
  it('counts each answer, averages on 0–2 and ignores unknown values', () => {
    expect(tallyRatings(['useful', 'useful', 'partly', 'notUseful', 'bogus'])).toEqual({ total: 4, useful: 2, partly: 1, notUseful: 1, average: 1.25 });
    expect(tallyRatings([])).toEqual({ total: 0, useful: 0, partly: 0, notUseful: 0, average: null });
  });
});
