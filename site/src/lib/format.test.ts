import { describe, expect, it } from 'vitest';
import { DOCUMENT_TYPE_LABELS } from '@cong/shared';
import { adminUnitsDate, communesOf, formatFileSize, formatNumber, label, processingTimeText, provinceDistricts, safeDate } from './format';

describe('format helpers', () => {
  it('labels enum values safely', () => {
    expect(label(DOCUMENT_TYPE_LABELS, 'decision')).toBe('Quyết định');
    expect(label(DOCUMENT_TYPE_LABELS, null, '—')).toBe('—');
    expect(label(DOCUMENT_TYPE_LABELS, 'unknownValue')).toBe('unknownValue');
  });

  it('writes numbers, sizes and dates the Vietnamese way', () => {
    expect(formatNumber(6364.25)).toBe('6.364,25');
    expect(formatNumber(null)).toBe('');
    expect(formatFileSize(245.3)).toBe('245 KB');
    expect(formatFileSize(1300)).toBe('1,3 MB');
    expect(safeDate('2026-03-01T20:00:00.000Z')).toBe('02/03/2026');
    expect(safeDate('2006-02-09')).toBe('09/02/2006');
    expect(safeDate('not a date')).toBe('not a date');
  });

  it('shows processing times', () => {
    expect(processingTimeText({ value: 15, unit: 'workingDays', text: null })).toBe('15 ngày làm việc');
    expect(processingTimeText({ value: 1.5, unit: 'days', text: '' })).toBe('1,5 ngày');
    expect(processingTimeText({ value: 3, unit: 'days', text: 'Không quá 03 ngày' })).toBe('Không quá 03 ngày');
    expect(processingTimeText(null)).toBe('');
  });

  it('reads communes from the seed shape, arrays and names', () => {
    const seed = { code: '082', dataDate: '2025-03-01', units: [{ code: '02641', name: 'Thị trấn Bát Xát', type: 'Thị trấn' }] };
    expect(communesOf(seed)).toEqual([{ code: '02641', name: 'Thị trấn Bát Xát', type: 'Thị trấn' }]);
    expect(communesOf(['Xã A Mú Sung'])).toEqual([{ code: null, name: 'Xã A Mú Sung', type: null }]);
    expect(communesOf(null)).toEqual([]);
    expect(communesOf({ foo: 1 })).toEqual([]);
    expect(adminUnitsDate(seed)).toBe('2025-03-01');
    expect(adminUnitsDate([])).toBeNull();
  });

  it('reads the district list of the province profile', () => {
    expect(provinceDistricts({ level2: [{ code: '082', name: 'Huyện Bát Xát', type: 'Huyện', level3: ['a', 'b'] }] })).toEqual([
      { code: '082', name: 'Huyện Bát Xát', type: 'Huyện', level3Count: 2 },
    ]);
    expect(provinceDistricts(undefined)).toEqual([]);
  });
});
