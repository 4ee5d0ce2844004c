import { appendAudit } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import type { Services } from '../../../services';
import { mailLocale } from '../../accounts/contact/notice-format';
import { issueCode } from '../../accounts/one-time-codes';
import type { RequestMeta } from '../../accounts/request-meta';
import { accountForAction } from './account-action-guard';
import { ticketForSupport } from './support-access';

/**
 * Sends the account's confirmation code again, to the account's own address (the message a new
 * account gets: the person may have deleted it, or it expired). An address already confirmed
 * needs none.
 */
export async function resendConfirmation(services: Services, reference: string, input: { reason: string }, meta: RequestMeta): Promise<void> {
  await services.transact(async (tx) => {
    const now = services.clock.now();
    const ticket = await ticketForSupport(tx, meta.actor, reference, { forUpdate: true });
    const user = await accountForAction(tx, ticket, now);
    if (user.emailVerifiedAt) throw new AppError('conflict', { fields: { _form: 'support.errors.already_confirmed' } });
    const { code, linkToken } = await issueCode(tx, now, user.id, 'confirm_email', user.email);
    await services.mailer.queue(tx, user.email, mailLocale(user.locale), {
      template: 'mail.confirm_email',
      params: {},
      code,
      link: { href: `${services.config.publicUrl}/inscription/confirmer/${linkToken}`, labelKey: 'mail.confirm_email_action' },
    });
    await appendAudit(tx, meta.actor, now, {
      action: 'support.confirmation_resent',
      subjectType: 'user',
      subjectId: user.id,
      data: { ticket: ticket.reference, to: user.email, reason: input.reason },
    });
  });
}
