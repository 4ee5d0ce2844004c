import { createHmac, randomBytes } from 'node:crypto';
import { base32Decode as decodeBase32, base32Encode } from './base32';
import { safeEqual } from './tokens';

/**
 * Time-based one-time passwords (RFC 6238) as every authenticator app reads them: HMAC-SHA-1,
 * 6 digits, a new code every 30 seconds, the secret written in base32 (RFC 4648).
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of now: phones drift, and a code typed at :29 arrives at :31. */
export const TOTP_WINDOW = 1;
/** 160 bits, the HMAC-SHA-1 block the RFC recommends (RFC 4226 §4, R6). */
const SECRET_BYTES = 20;

export { base32Encode };

/** Reads base32 as people type it: any case, spaces and padding ignored. Throws on other characters. */
export const base32Decode = (text: string): Buffer => Buffer.from(decodeBase32(text.replace(/[\s=]/g, '').toUpperCase()));

/** A fresh random secret, in base32. */
export const generateTotpSecret = (): string => base32Encode(randomBytes(SECRET_BYTES));

/** HOTP (RFC 4226 §5.3): HMAC-SHA-1 of the 8-byte counter, dynamically truncated to `digits` digits. */
export function hotp(key: Buffer, counter: number, digits = TOTP_DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The time step an instant falls in (RFC 6238 §4.2, T0 = 0). */
export const totpStep = (at: Date): number => Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);

/** The code an authenticator app shows at `at` for this base32 secret. */
export const totpCode = (secret: string, at: Date, digits = TOTP_DIGITS): string => hotp(base32Decode(secret), totpStep(at), digits);

export type TotpMatch = { ok: true; step: number } | { ok: false; reason: 'wrong' | 'reused' };

/**
 * Checks a 6-digit code against the steps around `at`. A code whose step is not later than
 * `lastStep` (the last one accepted for this account) is refused as reused: RFC 6238 §5.2 says
 * a verifier must not accept the same code twice, and accepting an older one would reopen
 * the window a replayed code needs.
 */
export function matchTotp(secret: string, code: string, at: Date, lastStep: number | null): TotpMatch {
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: 'wrong' };
  const key = base32Decode(secret);
  const now = totpStep(at);
  let matched: number | null = null;
  // Every candidate is computed and compared, so the time taken says nothing about which matched.
  for (let step = now - TOTP_WINDOW; step <= now + TOTP_WINDOW; step++) {
    if (safeEqual(hotp(key, step), code) && matched === null) matched = step;
  }
  if (matched === null) return { ok: false, reason: 'wrong' };
  if (lastStep !== null && matched <= lastStep) return { ok: false, reason: 'reused' };
  return { ok: true, step: matched };
}

/** `ABCD EFGH …`: a secret is easier to copy by hand in groups of four. */
export const groupedSecret = (secret: string): string => secret.replace(/(.{4})(?=.)/g, '$1 ');

/**
 * The `otpauth://` URI authenticator apps read from a QR code (the Key Uri Format of Google
 * Authenticator, which every app follows). The issuer is repeated as a parameter because
 * some apps read only one of the two.
 */
export function otpauthUri(input: { secret: string; account: string; issuer: string }): string {
  const label = `${encodeURIComponent(input.issuer)}:${encodeURIComponent(input.account)}`;
  const params = new URLSearchParams({
    secret: input.secret,
    issuer: input.issuer,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: String(TOTP_PERIOD_SECONDS),
  });
  return `otpauth://totp/${label}?${params.toString()}`;
}
