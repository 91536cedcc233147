import { describe, expect, it } from 'vitest';
import { contactKey } from './questions';

describe('contactKey: one key per mailbox or phone (rate limits, duplicates)', () => {
  it('an email is counted without case or a +tag of its local part', () => {
    expect(contactKey('Nguyen.An+1@Example.VN', null)).toBe('e:nguyen.an@example.vn');
    expect(contactKey('nguyen.an+khac@example.vn', '0912345678')).toBe('e:nguyen.an@example.vn');
    expect(contactKey('nguyen.an@example.vn', null)).toBe('e:nguyen.an@example.vn');
  });
  it('without an email, the phone digits', () => {
    expect(contactKey('', '0912 345 678')).toBe('p:0912345678');
    expect(contactKey(null, null)).toBe('');
  });
});
