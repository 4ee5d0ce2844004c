import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema';
import { appendAudit } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import type { Services } from '../../../services';
import { formatWhen, mailLocale } from '../../accounts/contact/notice-format';
import type { RequestMeta } from '../../accounts/request-meta';
import { accountForAction } from './account-action-guard';
import { ticketForSupport } from './support-access';

/**
 * Lifts the temporary lock that repeated wrong passwords put on an account
 * (`accounts/log-in.ts`), and clears the count of failures. The owner is told by e-mail: if they
 * did not ask, someone else is trying their password.
 */
export async function unlockAccount(services: Services, reference: string, input: { reason: string }, meta: RequestMeta): Promise<void> {
  await services.transact(async (tx) => {
    const now = services.clock.now();
    const ticket = await ticketForSupport(tx, meta.actor, reference, { forUpdate: true });
    const user = await accountForAction(tx, ticket, now);
    const locked = user.lockedUntil !== null && user.lockedUntil > now;
    if (!locked && user.failedLogins === 0) throw new AppError('conflict', { fields: { _form: 'support.errors.not_locked' } });
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null, updatedAt: now }).where(eq(users.id, user.id));
    const locale = mailLocale(user.locale);
    await services.mailer.queue(tx, user.email, locale, {
      template: 'support.mail_account_unlocked',
      params: { reference: ticket.reference, when: formatWhen(now, locale) },
    });
    await appendAudit(tx, meta.actor, now, {
      action: 'support.account_unlocked',
      subjectType: 'user',
      subjectId: user.id,
      data: { ticket: ticket.reference, lockedUntil: user.lockedUntil, failedLogins: user.failedLogins, reason: input.reason },
    });
  });
}
