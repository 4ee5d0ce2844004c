import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, generateTotpSecret, groupedSecret, hotp, matchTotp, otpauthUri, totpCode, totpStep } from './totp';

// The RFC's SHA-1 seed is the ASCII string "12345678901234567890".
const rfcSeed = Buffer.from('12345678901234567890', 'ascii');
const rfcSecret = base32Encode(rfcSeed);

describe('base32 (RFC 4648 §10)', () => {
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('encodes %j as %s and back', (plain, encoded) => {
    expect(base32Encode(Buffer.from(plain))).toBe(encoded);
    expect(base32Decode(encoded).toString()).toBe(plain);
  });

  it('reads what people type: lower case, spaces, padding', () => {
    expect(base32Decode('mzxw 6ytb oi======').toString()).toBe('foobar');
  });

  it('refuses characters outside the alphabet', () => {
    expect(() => base32Decode('MZXW1')).toThrow();
  });

  it('draws 160-bit secrets that never repeat', () => {
    const a = generateTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(a)).toHaveLength(20);
    expect(generateTotpSecret()).not.toBe(a);
  });
});

describe('HOTP (RFC 4226 appendix D)', () => {
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  it.each(expected.map((code, counter) => [counter, code]))('counter %i gives %s', (counter, code) => {
    expect(hotp(rfcSeed, counter)).toBe(code);
  });
});

describe('TOTP (RFC 6238 appendix B, SHA-1)', () => {
  it.each([
    [59, '0000000000000001', '94287082'],
    [1111111109, '00000000023523EC', '07081804'],
    [1111111111, '00000000023523ED', '14050471'],
    [1234567890, '000000000273EF07', '89005924'],
    [2000000000, '0000000003F940AA', '69279037'],
    [20000000000, '0000000027BC86AA', '65353130'],
  ])('at %i s (step %s) the 8-digit code is %s', (seconds, stepHex, code) => {
    const at = new Date(seconds * 1000);
    expect(totpStep(at)).toBe(parseInt(stepHex, 16));
    expect(totpCode(rfcSecret, at, 8)).toBe(code);
    // The 6-digit code apps show is the same number, modulo 10^6.
    expect(totpCode(rfcSecret, at)).toBe(code.slice(2));
  });
});

describe('matchTotp', () => {
  const at = new Date(1111111111 * 1000);
  const step = totpStep(at);
  const codeAt = (offset: number) => totpCode(rfcSecret, new Date(at.getTime() + offset * 30_000));

  it('accepts the current code and one step either side, naming the step it matched', () => {
    expect(matchTotp(rfcSecret, codeAt(0), at, null)).toEqual({ ok: true, step });
    expect(matchTotp(rfcSecret, codeAt(-1), at, null)).toEqual({ ok: true, step: step - 1 });
    expect(matchTotp(rfcSecret, codeAt(1), at, null)).toEqual({ ok: true, step: step + 1 });
  });

  it('refuses codes two steps away, wrong codes and malformed input', () => {
    expect(matchTotp(rfcSecret, codeAt(-2), at, null)).toEqual({ ok: false, reason: 'wrong' });
    expect(matchTotp(rfcSecret, codeAt(2), at, null)).toEqual({ ok: false, reason: 'wrong' });
    const wrong = codeAt(0) === '000000' ? '111111' : '000000';
    expect(matchTotp(rfcSecret, wrong, at, null)).toEqual({ ok: false, reason: 'wrong' });
    expect(matchTotp(rfcSecret, '12345', at, null)).toEqual({ ok: false, reason: 'wrong' });
    expect(matchTotp(rfcSecret, `${codeAt(0)}0`, at, null)).toEqual({ ok: false, reason: 'wrong' });
  });

  it('refuses a code whose step was already used, or an earlier one', () => {
    expect(matchTotp(rfcSecret, codeAt(0), at, step)).toEqual({ ok: false, reason: 'reused' });
    expect(matchTotp(rfcSecret, codeAt(-1), at, step)).toEqual({ ok: false, reason: 'reused' });
    expect(matchTotp(rfcSecret, codeAt(1), at, step)).toEqual({ ok: true, step: step + 1 });
  });
});

describe('otpauthUri', () => {
  it('names the issuer and the account, and states the parameters', () => {
    const uri = otpauthUri({ secret: 'JBSWY3DPEHPK3PXP', account: 'nadia@example.org', issuer: 'Sésame' });
    expect(uri).toBe('otpauth://totp/S%C3%A9same:nadia%40example.org?secret=JBSWY3DPEHPK3PXP&issuer=S%C3%A9same&algorithm=SHA1&digits=6&period=30');
  });
});

describe('groupedSecret', () => {
  it('splits a key in groups of four for reading', () => {
    expect(groupedSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupedSecret('ABCDEF')).toBe('ABCD EF');
  });
});
