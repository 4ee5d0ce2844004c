import { eq } from 'drizzle-orm';
import { supportTickets } from '../../../db/schema';
import { appendAudit } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import type { Services } from '../../../services';
import type { RequestMeta } from '../../accounts/request-meta';
import { agentStatusEvents, nextTicketStatus, type TicketStatus } from '../ticket-workflow';
import { ticketForSupport } from './support-access';

/** Sets a request's status by hand, through the workflow table; a move it does not allow is refused with a message. */
export async function changeTicketStatus(services: Services, reference: string, to: TicketStatus, meta: RequestMeta): Promise<void> {
  await services.transact(async (tx) => {
    const now = services.clock.now();
    const ticket = await ticketForSupport(tx, meta.actor, reference, { forUpdate: true });
    if (ticket.status === to) return;
    const event = agentStatusEvents[to];
    const status = event ? nextTicketStatus(ticket.status, event) : null;
    if (status !== to) throw new AppError('conflict', { fields: { status: 'support.errors.status_not_allowed' }, logMessage: `${ticket.status} → ${to}` });
    await tx
      .update(supportTickets)
      .set({ status, updatedAt: now, resolvedAt: status === 'resolved' ? now : null })
      .where(eq(supportTickets.id, ticket.id));
    await appendAudit(tx, meta.actor, now, {
      action: 'support.ticket_status_changed',
      subjectType: 'support_ticket',
      subjectId: ticket.id,
      data: { reference: ticket.reference, from: ticket.status, to: status },
    });
  });
}
