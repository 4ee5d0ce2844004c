import { randomInt } from 'node:crypto';
import { and, count, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { recoveryCodes } from '../../../db/schema';
import { keyedHash } from '../../../platform/secret-box';
import type { Services } from '../../../services';

export const RECOVERY_CODE_COUNT = 10;

/** No 0/O or 1/I/L: a code copied by hand from paper must not be misread (31 signs). */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 10;
const CODE_PATTERN = new RegExp(`^[${ALPHABET}]{${CODE_LENGTH}}$`);

/** `ABCDE-FGH23`: two groups of five, easy to read out and to type. */
function drawCode(): string {
  const chars = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(0, ALPHABET.length)]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** A recovery code as typed (any case, with or without dash or spaces) in its stored form, or null. */
export function normaliseRecoveryCode(input: string): string | null {
  const compact = input.replace(/[\s-]/g, '').toUpperCase();
  return CODE_PATTERN.test(compact) ? compact : null;
}

/**
 * Keyed with the server secret and the owner's id: the codes have about 50 bits each, which a
 * plain hash in a stolen database would not protect for long.
 */
const hashCode = (services: Services, userId: string, normalised: string) => keyedHash(services.appSecret, 'recovery-code', `${userId}:${normalised}`);

/** Replaces every recovery code of a person by fresh ones; returns them for a one-time display. */
export async function replaceRecoveryCodes(tx: Db, services: Services, userId: string): Promise<string[]> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, drawCode);
  await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashCode(services, userId, normaliseRecoveryCode(code)!) })));
  return codes;
}

/**
 * Spends one recovery code. One conditional update, so two requests with the same code cannot
 * both succeed. Returns how many codes are left, or null when the code is wrong or spent.
 */
export async function spendRecoveryCode(tx: Db, services: Services, userId: string, normalised: string, now: Date): Promise<number | null> {
  const spent = await tx
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashCode(services, userId, normalised)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  if (spent.length === 0) return null;
  return countRecoveryCodesLeft(tx, userId);
}

export async function countRecoveryCodesLeft(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ left: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.left ?? 0;
}
