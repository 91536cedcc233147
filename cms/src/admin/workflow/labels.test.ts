import { describe, expect, it } from 'vitest';
import { EDITORIAL_STATE_LABELS } from '@cong/shared';
import { STATE_LABELS, WORKFLOW_MODELS, formatDateTime } from './labels';
import { WORKFLOW_UIDS } from '../../workflow/constants';

describe('admin workflow labels', () => {
  it('match the shared vocabulary', () => {
    expect(STATE_LABELS).toEqual(EDITORIAL_STATE_LABELS);
  });
  it('list the same content types as the server', () => {
    expect([...WORKFLOW_MODELS].sort()).toEqual([...WORKFLOW_UIDS].sort());
  });
  it('format date-times in Vietnam time', () => {
    expect(formatDateTime('2026-03-02T03:05:00Z')).toMatch(/02\/03\/2026.*10:05|10:05.*02\/03\/2026/);
    expect(formatDateTime(null)).toBe('');
  });
});
