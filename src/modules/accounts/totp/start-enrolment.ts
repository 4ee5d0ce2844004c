import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema';
import { appendAudit } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import { generateTotpSecret, otpauthUri } from '../../../platform/totp';
import type { Services } from '../../../services';
import type { RequestMeta } from '../request-meta';
import { openTotpSecret, sealTotpSecret } from './secret-storage';
import { lockUser } from './spend-second-factor';

export interface Enrolment {
  /** Base32, for typing into the app by hand. */
  secret: string;
  /** The same secret as an `otpauth://` URI, for the QR code. */
  uri: string;
}

/**
 * The secret a person is about to add to their authenticator app. It is drawn once and kept
 * (encrypted, not yet active) until they confirm it with a code, so that reloading the page or
 * switching language shows the same QR code they may already have scanned.
 */
export async function startTotpEnrolment(services: Services, input: { userId: string }, meta: RequestMeta): Promise<Enrolment> {
  const pending = await services.transact(async (tx) => {
    const user = await lockUser(tx, input.userId);
    if (!user) throw new AppError('unauthenticated');
    if (user.totpEnabledAt) throw new AppError('conflict', { logMessage: 'second factor already enabled' });
    if (user.totpSecret) return { secret: openTotpSecret(services, user.id, user.totpSecret), email: user.email ?? '' };
    const fresh = generateTotpSecret();
    const now = services.clock.now();
    await tx
      .update(users)
      .set({ totpSecret: sealTotpSecret(services, user.id, fresh), totpLastStep: null, updatedAt: now })
      .where(eq(users.id, user.id));
    await appendAudit(tx, meta.actor, now, { action: 'totp.enrolment_started', subjectType: 'user', subjectId: user.id });
    return { secret: fresh, email: user.email ?? '' };
  });
  return { secret: pending.secret, uri: otpauthUri({ secret: pending.secret, account: pending.email, issuer: 'Sésame' }) };
}
