import { describe, expect, it } from 'vitest';
import { addressKey } from './intake';

describe('addressKey: what the per-address limits count (red-team F9)', () => {
  it('an IPv6 address counts as its /64, however it is written', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0DB8:0001:0002:0:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });
  it('IPv4, also IPv4-mapped, counts as the address', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });
  it('anything else is kept as given', () => {
    expect(addressKey('unknown')).toBe('unknown');
  });
});
