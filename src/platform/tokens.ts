import { hash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** 256 bits of randomness, URL-safe: session cookies, links in e-mails. */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** A 6-digit code, uniformly drawn. */
export const randomDigits = (length = 6): string =>
  Array.from({ length }, () => randomInt(0, 10).toString()).join('');

// The one-shot `hash` (Node ≥ 20.12): every request hashes its session token, and a Hash object
// per call cost three times as much.
export const sha256 = (value: string): string => hash('sha256', value, 'hex');

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
