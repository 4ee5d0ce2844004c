import type { KeyObject } from 'node:crypto';

/**
 * 2D-Doc texts whose signature has already checked, remembered with the key object that checked
 * them. The ECDSA check was the largest single cost of a public check (≈ 120 µs of CPU, about a
 * sixth of the server's time per check) and it is a pure function of the exact text and the key:
 * the same text under the same key always gives the same answer, so it is done once per text.
 *
 * Why this keeps every guarantee of the full check:
 * - the key is the exact text, header, message and signature: a row altered in the database is
 *   another text, not found here, and checked in full (and fails);
 * - only texts that checked are remembered, never failures, so a forged text is checked every
 *   time and cannot evict anything but other genuine texts;
 * - an answer is used only while `publishedKeyObject` still hands out the very `KeyObject` that
 *   produced it. That object is replaced when its five minutes are over, and is gone when its
 *   key row is deleted: a withdrawn key stops vouching for cached texts exactly when it stops
 *   vouching for new ones.
 *
 * Bounded by `VERIFIED_SIGNATURES_REMEMBERED` (0: every signature is checked every time, which
 * is also how the benchmark measures a check whose text was never seen).
 */
export interface VerifiedSignatures {
  /** The certificate id named by a text that checked before, to fetch the key now published under it. */
  certIdOf(text: string): string | undefined;
  /** True when this exact text checked before with this same key object. */
  checkedBefore(text: string, key: KeyObject): boolean;
  /** Notes a text whose signature just checked with `key`, the published key of `certId`. */
  remember(text: string, certId: string, key: KeyObject): void;
}

export function createVerifiedSignatures(max: number): VerifiedSignatures {
  const remembered = new Map<string, { certId: string; key: KeyObject }>();
  return {
    certIdOf: (text) => remembered.get(text)?.certId,
    checkedBefore: (text, key) => remembered.get(text)?.key === key,
    remember(text, certId, key) {
      if (max === 0) return;
      // Past the bound the oldest entry goes (a Map iterates in insertion order).
      if (remembered.size >= max && !remembered.has(text)) remembered.delete(remembered.keys().next().value!);
      remembered.set(text, { certId, key });
    },
  };
}
