import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import { hashPassword } from '../../platform/passwords';
import { rateRules } from '../../platform/rate-limiter';
import type { Services } from '../../services';
import { issueCode, spendCode } from './one-time-codes';
import type { RequestMeta } from './request-meta';

/** Sends a reset code if the address has an account; answers the same either way. */
export async function requestPasswordReset(services: Services, input: { email: string }, meta: RequestMeta): Promise<void> {
  await services.rateLimiter.consume(rateRules.resetPerIp, meta.ip);
  await services.rateLimiter.consume(rateRules.mailSendsPerAccount, input.email);
  await services.transact(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.email, input.email));
    if (!user) return;
    const { code } = await issueCode(tx, services.clock.now(), user.id, 'reset_password', input.email);
    await services.mailer.queue(tx, user.email, user.locale as 'fr' | 'en', {
      template: 'mail.reset_password',
      params: {},
      code,
      link: { href: `${services.config.publicUrl}/mot-de-passe-oublie/nouveau?email=${encodeURIComponent(input.email)}`, labelKey: 'mail.reset_password_action' },
    });
  });
}

/**
 * Sets a new password with the code from the e-mail. Every open session ends (whoever had
 * the old password is out), the lock is lifted, and the address is confirmed by the way.
 */
export async function resetPassword(services: Services, input: { email: string; code: string; password: string }, meta: RequestMeta): Promise<void> {
  await services.rateLimiter.consume(rateRules.codeChecksPerUser, input.email);
  const passwordHash = await hashPassword(input.password);
  const outcome = await services.transact(async (tx) => {
    const now = services.clock.now();
    const [user] = await tx.select().from(users).where(eq(users.email, input.email));
    if (!user) return new AppError('invalid_code', { fields: { code: 'validation.code_wrong' } });
    const check = await spendCode(tx, now, user.id, 'reset_password', input.code);
    if (!check.ok) return check.error;
    await tx
      .update(users)
      .set({ passwordHash, failedLogins: 0, lockedUntil: null, emailVerifiedAt: user.emailVerifiedAt ?? now, updatedAt: now })
      .where(eq(users.id, user.id));
    await services.sessions.destroyAllFor(tx, user.id);
    await appendAudit(tx, { ...meta.actor, id: user.id, role: user.role }, now, { action: 'account.password_reset', subjectType: 'user', subjectId: user.id });
    await services.mailer.queue(tx, user.email, user.locale as 'fr' | 'en', { template: 'mail.password_changed', params: {} });
    return null;
  });
  if (outcome) throw outcome;
}
