import { randomInt } from 'node:crypto';
import { createSecretBox, keyedHash } from '../../platform/secret-box';

/**
 * Claim codes, printed on the counter receipt: 12 characters from 31 that cannot be mistaken
 * for one another (no 0/O, 1/I/L), shown as `K7Q2-M4XP-9RTW` — about 59 bits. The code alone
 * opens nothing: it must come with the person's date of birth, from a signed-in account, within
 * rate limits and a few wrong tries per code. Stored as a keyed hash (a database copy cannot test
 * guesses offline) and sealed with a key of its own, so the desk can print the receipt again.
 */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LENGTH = 12;

/** A claim code is valid this long after it is issued: time to find help, sign up, come back. */
export const CLAIM_CODE_DAYS = 90;
/** Wrong dates of birth given with one code before it dies. */
export const MAX_CLAIM_ATTEMPTS = 5;

export const generateClaimCode = (): string => Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

/** `K7Q2M4XP9RTW` → `K7Q2-M4XP-9RTW`. */
export const formatClaimCode = (code: string) => code.match(/.{1,4}/g)!.join('-');

/** What the person typed, as stored: capitals, no spaces or dashes; null if it cannot be a code. */
export function normaliseClaimCode(typed: string): string | null {
  const code = typed.trim().toUpperCase().replace(/[\s-]+/g, '');
  if (code.length !== LENGTH || [...code].some((c) => !ALPHABET.includes(c))) return null;
  return code;
}

export const hashClaimCode = (appSecret: string, code: string) => keyedHash(appSecret, 'counter-claim-code', code);

/** Sealed bound to the counter filing: a sealed code copied to another row does not open. */
export const sealClaimCode = (appSecret: string, filingId: string, code: string) => createSecretBox(appSecret, 'counter-claim-code-print').seal(code, filingId);
export const openClaimCode = (appSecret: string, filingId: string, sealed: string) => createSecretBox(appSecret, 'counter-claim-code-print').open(sealed, filingId);
