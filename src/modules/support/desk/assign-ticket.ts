import { eq } from 'drizzle-orm';
import { supportTickets } from '../../../db/schema';
import { appendAudit } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import type { Services } from '../../../services';
import type { RequestMeta } from '../../accounts/request-meta';
import { nextTicketStatus } from '../ticket-workflow';
import { ticketForSupport } from './support-access';

/** "Assign to me": the agent takes the request; it is in progress. Taking one already taken by a colleague moves it, under audit. */
export async function assignTicketToMe(services: Services, reference: string, meta: RequestMeta): Promise<void> {
  await services.transact(async (tx) => {
    const now = services.clock.now();
    const ticket = await ticketForSupport(tx, meta.actor, reference, { forUpdate: true });
    if (ticket.assignedAgentId === meta.actor.id) return;
    const status = nextTicketStatus(ticket.status, 'take');
    if (!status) throw new AppError('conflict', { fields: { _form: 'support.errors.ticket_closed' } });
    await tx.update(supportTickets).set({ assignedAgentId: meta.actor.id, status, updatedAt: now }).where(eq(supportTickets.id, ticket.id));
    await appendAudit(tx, meta.actor, now, {
      action: 'support.ticket_assigned',
      subjectType: 'support_ticket',
      subjectId: ticket.id,
      data: { reference: ticket.reference, from: ticket.assignedAgentId, to: meta.actor.id },
    });
  });
}
