import { randomInt } from 'node:crypto';
import { keyedHash } from '../../platform/secret-box';

/**
 * Share codes: 9 characters from 31 that cannot be mistaken for one another (no 0/O, 1/I/L),
 * shown as `W7K-9QX-4MP` — about 44 bits, read out over the phone or typed from a message.
 * Stored only as a keyed hash: a copy of the database cannot test guesses offline, and online
 * guesses are rate-limited and need the holder's date of birth too.
 */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LENGTH = 9;

export const SHARE_CODE_DAYS = 90;

export function generateShareCode(): string {
  return Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/** `W7K9QX4MP` → `W7K-9QX-4MP`. */
export const formatShareCode = (code: string) => code.match(/.{1,3}/g)!.join('-');

/** What the verifier typed, as stored: capitals, without spaces or dashes; null if it cannot be a code. */
export function normaliseShareCode(typed: string): string | null {
  const code = typed.trim().toUpperCase().replace(/[\s-]+/g, '');
  if (code.length !== LENGTH || [...code].some((c) => !ALPHABET.includes(c))) return null;
  return code;
}

export const hashShareCode = (appSecret: string, code: string) => keyedHash(appSecret, 'share-code', code);
