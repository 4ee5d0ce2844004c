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
 */
const MAX_REMEMBERED = 20_000;
const remembered = new Map<string, { certId: string; key: KeyObject }>();

/** The certificate id named by a text that checked before, to fetch the key now published under it. */
export function rememberedCertId(text: string): string | undefined {
  return remembered.get(text)?.certId;
}

/** True when this exact text checked before with this same key object. */
export function checkedBefore(text: string, key: KeyObject): boolean {
  return remembered.get(text)?.key === key;
}

/** Notes a text whose signature just checked with `key`, the published key of `certId`. */
export function rememberChecked(text: string, certId: string, key: KeyObject): void {
  // Bounded: past the bound the oldest entry goes (a Map iterates in insertion order).
  if (remembered.size >= MAX_REMEMBERED && !remembered.has(text)) remembered.delete(remembered.keys().next().value!);
  remembered.set(text, { certId, key });
}
