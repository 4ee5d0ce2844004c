import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createVerifiedSignatures } from '../../src/modules/verification/verified-signatures';

const key = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;

describe('remembered signatures', () => {
  it('answers only for the exact text and the very key object that checked it', () => {
    const remembered = createVerifiedSignatures(10);
    const k = key();
    remembered.remember('DC04…signed', '0001', k);
    expect(remembered.certIdOf('DC04…signed')).toBe('0001');
    expect(remembered.checkedBefore('DC04…signed', k)).toBe(true);
    expect(remembered.checkedBefore('DC04…signed', key())).toBe(false);
    expect(remembered.checkedBefore('DC04…signe', k)).toBe(false);
  });

  it('keeps at most its bound, the oldest going first', () => {
    const remembered = createVerifiedSignatures(2);
    const k = key();
    for (const text of ['a', 'b', 'c']) remembered.remember(text, '0001', k);
    expect(['a', 'b', 'c'].map((t) => remembered.checkedBefore(t, k))).toEqual([false, true, true]);
  });

  it('remembers nothing with a bound of 0 (VERIFIED_SIGNATURES_REMEMBERED=0)', () => {
    const remembered = createVerifiedSignatures(0);
    const k = key();
    remembered.remember('a', '0001', k);
    expect(remembered.certIdOf('a')).toBeUndefined();
    expect(remembered.checkedBefore('a', k)).toBe(false);
  });
});
