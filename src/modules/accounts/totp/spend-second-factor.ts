import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { users } from '../../../db/schema';
import { appendAudit } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import { matchTotp } from '../../../platform/totp';
import type { Services } from '../../../services';
import type { RequestMeta } from '../request-meta';
import { spendRecoveryCode } from './recovery-codes';
import type { SecondFactorCode } from './schemas';
import { openTotpSecret } from './secret-storage';

export type UserRow = typeof users.$inferSelect;

/** Reads a person's row and locks it until the transaction ends: code checks on one account take turns. */
export async function lockUser(tx: Db, userId: string): Promise<UserRow | undefined> {
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
  return user;
}

/**
 * Checks a code from the person's authenticator app and records its time step, so that the
 * same code (or an earlier one) never works again. Call it on a row from `lockUser`: with the
 * row locked, two requests carrying the same code cannot both pass.
 */
export async function spendTotpCode(tx: Db, services: Services, user: UserRow, code: string, now: Date): Promise<void> {
  if (!user.totpSecret) throw new AppError('conflict', { logMessage: 'no TOTP secret to check a code against' });
  const match = matchTotp(openTotpSecret(services, user.id, user.totpSecret), code, now, user.totpLastStep);
  if (!match.ok) {
    throw new AppError('invalid_code', { fields: { code: match.reason === 'reused' ? 'totp.errors.code_reused' : 'totp.errors.code_wrong' } });
  }
  await tx.update(users).set({ totpLastStep: match.step }).where(eq(users.id, user.id));
}

/**
 * Checks either kind of second factor. A recovery code is spent for good, and its use is
 * audited here whatever it was used for. Returns the number of recovery codes left when one
 * was used.
 */
export async function spendSecondFactor(tx: Db, services: Services, user: UserRow, code: SecondFactorCode, now: Date, meta: RequestMeta): Promise<{ recoveryCodesLeft: number | null }> {
  if (code.kind === 'totp') {
    await spendTotpCode(tx, services, user, code.code, now);
    return { recoveryCodesLeft: null };
  }
  const left = await spendRecoveryCode(tx, services, user.id, code.code, now);
  if (left === null) throw new AppError('invalid_code', { fields: { code: 'totp.errors.recovery_code_wrong' } });
  await appendAudit(tx, meta.actor, now, { action: 'totp.recovery_code_used', subjectType: 'user', subjectId: user.id, data: { left } });
  return { recoveryCodesLeft: left };
}
