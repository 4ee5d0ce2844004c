import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema';
import { appendAudit } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import type { Services } from '../../../services';
import { formatWhen, mailLocale, maskEmail } from '../../accounts/contact/notice-format';
import { issueCode } from '../../accounts/one-time-codes';
import type { RequestMeta } from '../../accounts/request-meta';
import { accountForAction } from './account-action-guard';
import { ticketForSupport } from './support-access';

/**
 * A support agent starts a change of address for a person who lost access to their mailbox.
 *
 * The agent never sets the address outright: a code (and a link) goes to the new address and
 * the change happens only when the person confirms it from there (`assisted/`), so an agent —
 * or someone who talked an agent round — cannot hand an account to a mailbox its owner does not
 * hold. The old address is told at once, and again at confirmation with the usual "this was not
 * me" link: if the request was a fraud, the owner who still reads it undoes it in one click.
 * The code lives 72 hours (`codeLifetimes.assisted_email_change`): the person may be slow to open
 * a new mailbox.
 */
export async function changeEmailForPerson(services: Services, reference: string, input: { newEmail: string; reason: string }, meta: RequestMeta): Promise<{ to: string }> {
  return services.transact(async (tx) => {
    const now = services.clock.now();
    const ticket = await ticketForSupport(tx, meta.actor, reference, { forUpdate: true });
    const user = await accountForAction(tx, ticket, now);
    if (input.newEmail === user.email) throw new AppError('validation_failed', { fields: { newEmail: 'support.errors.email_same' } });
    // Agents may know an address is taken: they see accounts anyway, under audit.
    const [holder] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.newEmail));
    if (holder) throw new AppError('conflict', { fields: { newEmail: 'support.errors.email_taken' } });

    const { code, linkToken } = await issueCode(tx, now, user.id, 'assisted_email_change', input.newEmail);
    const locale = mailLocale(user.locale);
    await services.mailer.queue(tx, input.newEmail, locale, {
      template: 'support.mail_assisted_change_code',
      params: { reference: ticket.reference },
      code,
      link: { href: `${services.config.publicUrl}/aide/nouvelle-adresse/${linkToken}`, labelKey: 'support.mail_assisted_change_action' },
    });
    await services.mailer.queue(tx, user.email, locale, {
      template: 'support.mail_assisted_change_started',
      params: { reference: ticket.reference, newEmail: maskEmail(input.newEmail), when: formatWhen(now, locale) },
    });
    await appendAudit(tx, meta.actor, now, {
      action: 'support.email_change_started',
      subjectType: 'user',
      subjectId: user.id,
      data: { ticket: ticket.reference, from: user.email, to: input.newEmail, reason: input.reason },
    });
    return { to: input.newEmail };
  });
}
