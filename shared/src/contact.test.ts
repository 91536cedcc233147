import { describe, expect, it } from 'vitest';
import { contactKeys, emailContactKey, phoneContactKey } from './contact';
import { contactKey } from './questions';

describe('emailContactKey: one key per mailbox', () => {
  it('Gmail: case, dots, a +tag and googlemail.com make no other mailbox', () => {
    const key = 'nguyenvana@gmail.com';
    for (const e of [
      'nguyen.van.a@gmail.com',
      'NguyenVanA@Gmail.com',
      'nguyenvana+x@gmail.com',
      'Nguyen.Van.A+hoi.dap@GMAIL.COM',
      ' n.g.u.y.e.n.v.a.n.a@googlemail.com ',
      'nguyenvana+@googlemail.com',
    ]) {
      expect(emailContactKey(e), e).toBe(key);
    }
    expect(emailContactKey('nguyenvanb@gmail.com')).not.toBe(key);
  });

  it('other domains: case and a +tag only — their dots are kept (a.b@ and ab@ may be two people)', () => {
    expect(emailContactKey('Tran.Thi.B+1@LaoCai.gov.vn')).toBe('tran.thi.b@laocai.gov.vn');
    expect(emailContactKey('tran.thi.b@laocai.gov.vn')).toBe('tran.thi.b@laocai.gov.vn');
    expect(emailContactKey('tranthib@laocai.gov.vn')).toBe('tranthib@laocai.gov.vn');
    // the domain's own dots and a sub-domain that looks like Gmail are not Gmail
    expect(emailContactKey('a.b@mail.gmail.com.vn')).toBe('a.b@mail.gmail.com.vn');
  });

  it('a local part that is only a tag is kept whole; what is not an address gives null', () => {
    expect(emailContactKey('+abc@example.vn')).toBe('+abc@example.vn');
    for (const e of ['', 'no-at-sign', '@example.vn', 'a@', 'a@b@c.vn', '...@gmail.com']) expect(emailContactKey(e), e).toBeNull();
  });
});

describe('phoneContactKey: one key per Vietnamese number', () => {
  it('+84, 84, 0084 and separators give the national form', () => {
    for (const p of ['+84 912 345 678', '0912345678', '0912.345.678', '0912-345-678', '(+84) 912.345.678', '84912345678', '0084 912 345 678']) {
      expect(phoneContactKey(p), p).toBe('0912345678');
    }
    // 11-digit numbers (old landlines with a 3-digit area code)
    expect(phoneContactKey('+84 214 3840 123')).toBe('02143840123');
    expect(phoneContactKey('842143840123')).toBe('02143840123');
  });

  it('too few digits give null', () => {
    expect(phoneContactKey('')).toBeNull();
    expect(phoneContactKey('114')).toBeNull();
    expect(phoneContactKey('số điện thoại')).toBeNull();
  });
});

describe('contactKeys and contactKey', () => {
  it('every key of a submission: the mailbox and the number', () => {
    expect(contactKeys('NguyenVanA@Gmail.com', '+84 912 345 678')).toEqual(['e:nguyenvana@gmail.com', 'p:0912345678']);
    expect(contactKeys('', '0912.345.678')).toEqual(['p:0912345678']);
    expect(contactKeys(null, undefined)).toEqual([]);
    expect(contactKeys(42, {})).toEqual([]);
  });

  it('contactKey (duplicates) is the mailbox when there is a valid email, else the number', () => {
    expect(contactKey('nguyen.van.a+1@gmail.com', '0912345678')).toBe('e:nguyenvana@gmail.com');
    expect(contactKey('not an email', '+84 912 345 678')).toBe('p:0912345678');
    expect(contactKey(null, null)).toBe('');
  });
});
