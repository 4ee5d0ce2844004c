import { appendAudit } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import { rateRules } from '../../../platform/rate-limiter';
import type { Services } from '../../../services';
import type { RequestMeta } from '../request-meta';
import { replaceRecoveryCodes } from './recovery-codes';
import { queueSecurityNotice } from './security-notice';
import { lockUser, spendTotpCode } from './spend-second-factor';

/**
 * A fresh set of recovery codes; the old ones stop working. Asks for a code from the app
 * itself (not a recovery code): new codes go to whoever still holds the device.
 */
export async function regenerateRecoveryCodes(services: Services, input: { userId: string; code: string }, meta: RequestMeta): Promise<string[]> {
  await services.rateLimiter.consume(rateRules.codeChecksPerUser, input.userId);
  return services.transact(async (tx) => {
    const now = services.clock.now();
    const user = await lockUser(tx, input.userId);
    if (!user?.totpEnabledAt) throw new AppError('conflict', { logMessage: 'second factor not enabled' });
    await spendTotpCode(tx, services, user, input.code, now);
    const codes = await replaceRecoveryCodes(tx, services, user.id);
    await appendAudit(tx, meta.actor, now, { action: 'totp.recovery_codes_regenerated', subjectType: 'user', subjectId: user.id, data: { recoveryCodes: codes.length } });
    await queueSecurityNotice(tx, services, user, 'recovery_codes_regenerated');
    return codes;
  });
}
