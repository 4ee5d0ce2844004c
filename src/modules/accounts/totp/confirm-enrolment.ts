import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema';
import { appendAudit } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import { rateRules } from '../../../platform/rate-limiter';
import type { Services } from '../../../services';
import type { RequestMeta } from '../request-meta';
import { replaceRecoveryCodes } from './recovery-codes';
import { queueSecurityNotice } from './security-notice';
import { lockUser, spendTotpCode } from './spend-second-factor';

/**
 * Turns the second factor on once the person proves their app shows the right codes, and
 * returns their recovery codes (shown once, stored only hashed). For an agent enrolling at
 * login, the waiting session is then complete: the password and the new factor are both given,
 * and it is replaced by a full one under a new token (`sessionToken`, for the cookie).
 */
export async function confirmTotpEnrolment(
  services: Services,
  input: { userId: string; code: string; pendingSessionId?: string | undefined },
  meta: RequestMeta,
): Promise<{ recoveryCodes: string[]; sessionToken: string | null }> {
  await services.rateLimiter.consume(rateRules.codeChecksPerUser, input.userId);
  return services.transact(async (tx) => {
    const now = services.clock.now();
    const user = await lockUser(tx, input.userId);
    if (!user) throw new AppError('unauthenticated');
    if (user.totpEnabledAt) throw new AppError('conflict', { logMessage: 'second factor already enabled' });
    await spendTotpCode(tx, services, user, input.code, now);
    await tx.update(users).set({ totpEnabledAt: now, updatedAt: now }).where(eq(users.id, user.id));
    const recovery = await replaceRecoveryCodes(tx, services, user.id);
    await appendAudit(tx, meta.actor, now, { action: 'totp.enabled', subjectType: 'user', subjectId: user.id, data: { recoveryCodes: recovery.length } });
    await queueSecurityNotice(tx, services, user, 'enabled');
    let sessionToken: string | null = null;
    if (input.pendingSessionId) {
      sessionToken = await services.sessions.completeMfa(tx, input.pendingSessionId);
      // The waiting session ended meanwhile: nothing is enabled, the person logs in again.
      if (!sessionToken) throw new AppError('unauthenticated');
    }
    return { recoveryCodes: recovery, sessionToken };
  });
}
