import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { oneTimeCodes, type CodePurpose } from '../../db/schema';
import { AppError } from '../../platform/errors';
import { randomDigits, randomToken, safeEqual, sha256 } from '../../platform/tokens';

/** A code dies after this many wrong guesses: 5 tries at 1 in a million each. */
export const MAX_CODE_ATTEMPTS = 5;

export const codeLifetimes: Record<CodePurpose, number> = {
  confirm_email: 24 * 3_600_000,
  reset_password: 30 * 60_000,
  change_email: 30 * 60_000,
  change_phone: 15 * 60_000,
  // The old address may read its notice days later; "this was not me" must still work.
  revert_email: 30 * 24 * 3_600_000,
  // Started by a support agent for a person who lost their mailbox: they may read the new one a day later.
  assisted_email_change: 72 * 3_600_000,
};

/**
 * Issues a fresh code for a purpose; earlier unused codes for the same purpose die with it,
 * so only the latest message works.
 */
export async function issueCode(tx: Db, now: Date, userId: string, purpose: CodePurpose, target: string | null = null) {
  await tx
    .update(oneTimeCodes)
    .set({ usedAt: now })
    .where(and(eq(oneTimeCodes.userId, userId), eq(oneTimeCodes.purpose, purpose), isNull(oneTimeCodes.usedAt)));
  const code = randomDigits(6);
  const linkToken = randomToken();
  await tx.insert(oneTimeCodes).values({
    userId,
    purpose,
    codeHash: sha256(`${userId}:${code}`),
    linkTokenHash: sha256(linkToken),
    target,
    createdAt: now,
    expiresAt: new Date(now.getTime() + codeLifetimes[purpose]),
  });
  return { code, linkToken };
}

type CodeRow = typeof oneTimeCodes.$inferSelect;

export type CodeCheck = { ok: true; row: CodeRow } | { ok: false; error: AppError };

/**
 * Spends the person's current code if `code` matches. A wrong guess counts against the code;
 * a spent, expired or exhausted code is refused like a wrong one. The refusal is *returned*,
 * not thrown: the caller commits the attempt count first, then throws.
 */
export async function spendCode(tx: Db, now: Date, userId: string, purpose: CodePurpose, code: string): Promise<CodeCheck> {
  const [row] = await tx
    .select()
    .from(oneTimeCodes)
    .where(and(eq(oneTimeCodes.userId, userId), eq(oneTimeCodes.purpose, purpose), isNull(oneTimeCodes.usedAt)))
    .orderBy(desc(oneTimeCodes.createdAt))
    .limit(1)
    .for('update');
  if (!row || row.expiresAt <= now || row.attempts >= MAX_CODE_ATTEMPTS) {
    return { ok: false, error: new AppError('invalid_code', { fields: { code: 'validation.code_expired' } }) };
  }
  if (!safeEqual(row.codeHash, sha256(`${userId}:${code.trim()}`))) {
    await tx.update(oneTimeCodes).set({ attempts: row.attempts + 1 }).where(eq(oneTimeCodes.id, row.id));
    return { ok: false, error: new AppError('invalid_code', { fields: { code: 'validation.code_wrong' } }) };
  }
  await tx.update(oneTimeCodes).set({ usedAt: now }).where(eq(oneTimeCodes.id, row.id));
  return { ok: true, row };
}

/** Spends the code behind a link from an e-mail; the link works once. */
export async function spendLinkToken(tx: Db, now: Date, purpose: CodePurpose, token: string): Promise<CodeRow> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new AppError('invalid_code');
  const [row] = await tx
    .select()
    .from(oneTimeCodes)
    .where(and(eq(oneTimeCodes.linkTokenHash, sha256(token)), eq(oneTimeCodes.purpose, purpose)))
    .for('update');
  if (!row || row.usedAt || row.expiresAt <= now) throw new AppError('invalid_code');
  await tx.update(oneTimeCodes).set({ usedAt: now }).where(eq(oneTimeCodes.id, row.id));
  return row;
}

/** Looks at a link's code without spending it (to show a confirmation page first). */
export async function peekLinkToken(db: Db, now: Date, purpose: CodePurpose, token: string): Promise<CodeRow | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [row] = await db
    .select()
    .from(oneTimeCodes)
    .where(and(eq(oneTimeCodes.linkTokenHash, sha256(token)), eq(oneTimeCodes.purpose, purpose)));
  return row && !row.usedAt && row.expiresAt > now ? row : null;
}
