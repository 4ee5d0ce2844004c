import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema';
import { appendAudit } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import { verifyPassword } from '../../../platform/passwords';
import { rateRules } from '../../../platform/rate-limiter';
import type { Services } from '../../../services';
import { issueCode } from '../one-time-codes';
import type { RequestMeta } from '../request-meta';
import { mailLocale } from './notice-format';

/**
 * Starts a change of e-mail address: checks the current password, then sends a code (and a
 * link) to the new address. Nothing changes until that code comes back.
 *
 * Whether the new address already belongs to another account is deliberately not checked
 * here: answering "taken" would tell anyone signed in who has an account. Only the reader of
 * that mailbox learns it, at confirmation.
 */
export async function requestEmailChange(services: Services, userId: string, input: { email: string; password: string }, meta: RequestMeta): Promise<void> {
  const { clock, config } = services;
  // Counted before the password check, so that wrong passwords use up the same allowance.
  await services.rateLimiter.consume(rateRules.mailSendsPerAccount, userId);
  const [user] = await services.db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AppError('unauthenticated');
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    throw new AppError('validation_failed', { fields: { password: 'contact.errors.password_wrong' }, logMessage: 'wrong password on e-mail change' });
  }
  if (input.email === user.email) throw new AppError('validation_failed', { fields: { email: 'contact.errors.email_same' } });

  await services.transact(async (tx) => {
    const now = clock.now();
    const { code, linkToken } = await issueCode(tx, now, user.id, 'change_email', input.email);
    await services.mailer.queue(tx, input.email, mailLocale(user.locale), {
      template: 'contact.mail_change_email_code',
      params: {},
      code,
      link: { href: `${config.publicUrl}/compte/e-mail/confirmer/${linkToken}`, labelKey: 'contact.mail_change_email_action' },
    });
    await appendAudit(tx, { ...meta.actor, id: user.id, role: user.role }, now, {
      action: 'account.email_change_requested',
      subjectType: 'user',
      subjectId: user.id,
      data: { to: input.email },
    });
  });
}
