import { eq } from 'drizzle-orm';
import { supportTickets, users } from '../../../db/schema';
import { appendAudit } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import type { Services } from '../../../services';
import type { RequestMeta } from '../../accounts/request-meta';
import { isOpenStatus } from '../ticket-workflow';
import { ticketForSupport } from './support-access';

/**
 * Names the account a request is about, when the person typed its address wrong or not at all
 * (they were not signed in). Only the desk sees whether an address has an account. Not allowed
 * on a request opened from an account: that one is about its requester.
 */
export async function linkAccount(services: Services, reference: string, input: { accountEmail: string; reason: string }, meta: RequestMeta): Promise<void> {
  await services.transact(async (tx) => {
    const now = services.clock.now();
    const ticket = await ticketForSupport(tx, meta.actor, reference, { forUpdate: true });
    if (!isOpenStatus(ticket.status)) throw new AppError('conflict', { fields: { _form: 'support.errors.ticket_closed' } });
    if (ticket.requesterId) throw new AppError('conflict', { fields: { _form: 'support.errors.requester_is_account' } });
    const [user] = await tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.email, input.accountEmail));
    if (!user || user.role !== 'applicant') throw new AppError('validation_failed', { fields: { accountEmail: 'support.errors.account_not_found' } });
    if (user.id === ticket.subjectUserId) return;
    await tx.update(supportTickets).set({ subjectUserId: user.id, updatedAt: now }).where(eq(supportTickets.id, ticket.id));
    await appendAudit(tx, meta.actor, now, {
      action: 'support.account_linked',
      subjectType: 'support_ticket',
      subjectId: ticket.id,
      data: { reference: ticket.reference, from: ticket.subjectUserId, to: user.id, reason: input.reason },
    });
  });
}
