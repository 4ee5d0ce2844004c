import { appendAudit } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import { rateRules } from '../../../platform/rate-limiter';
import type { CurrentSession } from '../../../platform/sessions';
import type { Services } from '../../../services';
import type { RequestMeta } from '../request-meta';
import { readSecondFactorCode } from './schemas';
import { queueSecurityNotice } from './security-notice';
import { lockUser, spendSecondFactor } from './spend-second-factor';

/**
 * The second step of logging in: a code from the app, or one of the recovery codes. On
 * success the waiting session is replaced by a full one, under a new token (returned, for the
 * cookie): whoever saw the token of the waiting session gets nothing from it.
 */
export async function passSecondFactor(services: Services, input: { session: CurrentSession; code: string }, meta: RequestMeta): Promise<string> {
  const code = readSecondFactorCode(input.code);
  if (!code) throw new AppError('validation_failed', { fields: { code: 'totp.errors.code_format' } });
  const userId = input.session.user.id;
  // Counted per account, not per address: whoever has the password may change IP at will.
  await services.rateLimiter.consume(rateRules.codeChecksPerUser, userId);
  return services.transact(async (tx) => {
    const now = services.clock.now();
    const user = await lockUser(tx, userId);
    if (!user?.totpEnabledAt) throw new AppError('conflict', { logMessage: 'no second factor to check' });
    const { recoveryCodesLeft } = await spendSecondFactor(tx, services, user, code, now, meta);
    // A recovery code at login often means a lost phone, or someone else holding the codes.
    if (recoveryCodesLeft !== null) await queueSecurityNotice(tx, services, user, 'recovery_code_used', { left: String(recoveryCodesLeft) });
    // Ended meanwhile (log-out, expiry, another tab that got there first): the code stays unspent.
    const sessionToken = await services.sessions.completeMfa(tx, input.session.id);
    if (!sessionToken) throw new AppError('unauthenticated');
    await appendAudit(tx, meta.actor, now, { action: 'session.second_factor_passed', subjectType: 'user', subjectId: user.id, data: { method: code.kind } });
    return sessionToken;
  });
}
