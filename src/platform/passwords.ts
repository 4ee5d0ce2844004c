import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

/** OWASP's Argon2id baseline: 19 MiB of memory, 2 passes, 1 lane. */
// The package's enum is a `const enum`, which isolated modules cannot read: 2 is Argon2id.
const ARGON2ID = 2 as Algorithm.Argon2id;
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** ANSSI and CNIL recommend at least 12 characters when no other factor is required. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

// ~49,000 most common passwords, plus the French ones the list underweights.
const common = new Set<string>([
  ...(dictionary['passwords-common'] as string[]),
  'motdepasse',
  'motdepasse123',
  'azertyuiop',
  'azertyuiop123',
  'jetaime',
  'soleil',
  'doudou',
  'marseille',
  'bonjour',
  'chouchou',
]);

/** True for a password found in the common list, ignoring case and a trailing run of digits or signs. */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (common.has(lower)) return true;
  const stem = lower.replace(/[\d!?.*@#$%_-]+$/, '');
  if (stem.length >= 4 && common.has(stem)) return true;
  // A single character or a two-character pattern repeated is as weak as any list entry.
  return /^(.)\1+$/.test(lower) || /^(..)\1+$/.test(lower);
}

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2_OPTIONS);

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/**
 * A real hash of a random password, verified against when an account does not exist, so that
 * "no such account" takes as long as "wrong password" (no enumeration by timing).
 */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(`decoy-${Math.random()}-${Date.now()}`);
  return decoyHash;
}
