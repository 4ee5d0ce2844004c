import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import { decoyPasswordHash, verifyPassword } from '../../platform/passwords';
import { rateRules } from '../../platform/rate-limiter';
import type { Services } from '../../services';
import { issueCode } from './one-time-codes';
import type { RequestMeta } from './request-meta';

/** After this many wrong passwords in a row the account rests for LOCK_MINUTES. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export type LogInResult =
  | { kind: 'signed_in'; sessionToken: string; needsSecondFactor: boolean; mustEnrolSecondFactor: boolean }
  | { kind: 'email_not_confirmed'; email: string };

/**
 * Checks e-mail and password and opens a session. A session of an account with a second
 * factor (and of every agent) stays "pending" until the factor is given.
 */
export async function logIn(services: Services, input: { email: string; password: string }, meta: RequestMeta): Promise<LogInResult> {
  const { clock, rateLimiter } = services;
  await rateLimiter.consume(rateRules.loginPerIp, meta.ip);
  const [user] = await services.db.select().from(users).where(eq(users.email, input.email));
  const now = clock.now();
  if (user?.lockedUntil && user.lockedUntil > now) throw new AppError('account_locked', { retryAt: user.lockedUntil });

  const ok = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (!user || !ok) {
    if (user) {
      const failures = user.failedLogins + 1;
      const lock = failures >= MAX_FAILED_LOGINS;
      const lockedUntil = lock ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
      await services.transact(async (tx) => {
        await tx.update(users).set({ failedLogins: lock ? 0 : failures, lockedUntil }).where(eq(users.id, user.id));
        if (lock) {
          await appendAudit(tx, { ...meta.actor, id: null, role: 'anonymous' }, now, { action: 'account.locked', subjectType: 'user', subjectId: user.id, data: { ip: meta.ip } });
        }
      });
      if (lockedUntil) throw new AppError('account_locked', { retryAt: lockedUntil });
    }
    throw new AppError('validation_failed', { fields: { password: 'validation.credentials_wrong' }, logMessage: 'wrong credentials' });
  }
  // A deactivated agent gets the answer of a wrong password: nothing tells a thief the password was right.
  if (user.deactivatedAt) throw new AppError('validation_failed', { fields: { password: 'validation.credentials_wrong' }, logMessage: 'deactivated account' });

  if (!user.emailVerifiedAt) {
    // The password is right, so telling the person their address is unconfirmed reveals nothing new.
    await services.transact(async (tx) => {
      const { code, linkToken } = await issueCode(tx, now, user.id, 'confirm_email', input.email);
      await services.mailer.queue(tx, user.email, meta.locale, {
        template: 'mail.confirm_email',
        params: {},
        code,
        link: { href: `${services.config.publicUrl}/inscription/confirmer/${linkToken}`, labelKey: 'mail.confirm_email_action' },
      });
    });
    return { kind: 'email_not_confirmed', email: input.email };
  }

  const isAgent = user.role !== 'applicant';
  const hasTotp = user.totpEnabledAt !== null;
  const sessionToken = await services.transact(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    const token = await services.sessions.create(tx, user.id, { mfaPending: hasTotp || isAgent, userAgent: meta.userAgent, ip: meta.ip });
    await appendAudit(tx, { ...meta.actor, id: user.id, role: user.role }, now, { action: 'session.opened', subjectType: 'user', subjectId: user.id, data: { ip: meta.ip } });
    return token;
  });
  return { kind: 'signed_in', sessionToken, needsSecondFactor: hasTotp, mustEnrolSecondFactor: isAgent && !hasTotp };
}
