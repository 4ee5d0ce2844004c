import { eq } from 'drizzle-orm';
import { recoveryCodes, users } from '../../../db/schema';
import { appendAudit } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import { rateRules } from '../../../platform/rate-limiter';
import type { Services } from '../../../services';
import type { RequestMeta } from '../request-meta';
import { mayDisableSecondFactor } from './policy';
import { readSecondFactorCode } from './schemas';
import { queueSecurityNotice } from './security-notice';
import { lockUser, spendSecondFactor } from './spend-second-factor';

/**
 * Turns the second factor off, on proof of a current code. A recovery code is accepted too:
 * someone who lost their phone turns the factor off this way, then enrols the new one.
 */
export async function disableTotp(services: Services, input: { userId: string; code: string }, meta: RequestMeta): Promise<void> {
  const code = readSecondFactorCode(input.code);
  if (!code) throw new AppError('validation_failed', { fields: { code: 'totp.errors.code_format' } });
  await services.rateLimiter.consume(rateRules.codeChecksPerUser, input.userId);
  await services.transact(async (tx) => {
    const now = services.clock.now();
    const user = await lockUser(tx, input.userId);
    if (!user?.totpEnabledAt) throw new AppError('conflict', { logMessage: 'second factor not enabled' });
    // The route already refused; checked again here so that no other caller can skip the rule.
    if (!mayDisableSecondFactor(user.role)) throw new AppError('conflict', { logMessage: 'agents must keep their second factor' });
    await spendSecondFactor(tx, services, user, code, now, meta);
    await tx.update(users).set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, updatedAt: now }).where(eq(users.id, user.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    await appendAudit(tx, meta.actor, now, { action: 'totp.disabled', subjectType: 'user', subjectId: user.id, data: { proof: code.kind } });
    await queueSecurityNotice(tx, services, user, 'disabled');
  });
}
