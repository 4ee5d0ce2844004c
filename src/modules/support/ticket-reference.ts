import { randomInt } from 'node:crypto';
import { randomToken, sha256 } from '../../platform/tokens';

// No 0/O, 1/I/L: a reference is read aloud on the phone and copied by hand.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** `AIDE-` and 8 random characters (31⁸ ≈ 8.5·10¹¹): random, never sequential. */
export const newTicketReference = () => `AIDE-${Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')}`;

/** A reference as people type it: any case, spaces or dashes anywhere. Null when it cannot be one. */
export function normaliseTicketReference(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  const m = /^AIDE([2-9A-HJKMNP-Z]{8})$/.exec(compact);
  return m ? `AIDE-${m[1]}` : null;
}

/** The secret of a follow link: 256 random bits; only its hash is stored. */
export function newFollowToken(): { token: string; hash: string } {
  const token = randomToken();
  return { token, hash: sha256(token) };
}

export const followTokenHash = (token: string): string | null => (/^[A-Za-z0-9_-]{40,60}$/.test(token) ? sha256(token) : null);
