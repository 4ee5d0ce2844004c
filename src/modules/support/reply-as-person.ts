import { eq } from 'drizzle-orm';
import { supportMessages, supportTickets } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';
import { replyDueAt } from './deadline';
import { ticketForPerson, type PersonAccess } from './person-access';
import { supportRateRules } from './rate-rules';
import { recordAttachment, withStagedAttachment, type IncomingFile } from './ticket-attachment';
import { nextTicketStatus } from './ticket-workflow';

/**
 * The person writes again on their request (an answer to a question, a document asked for).
 * A request that was waiting for them, or resolved, goes back to the desk with a new deadline:
 * the person is waiting again.
 */
export async function replyAsPerson(services: Services, access: PersonAccess, input: { body: string; attachment?: IncomingFile | null }, meta: RequestMeta): Promise<{ reference: string }> {
  // Found (or refused) before anything is counted or stored.
  const found = await ticketForPerson(services.db, access);
  await services.rateLimiter.consume(supportRateRules.repliesPerTicket, found.id);
  return withStagedAttachment(services, input.attachment ?? null, (staged) =>
    services.transact(async (tx) => {
      const now = services.clock.now();
      const ticket = await ticketForPerson(tx, access, { forUpdate: true });
      const status = nextTicketStatus(ticket.status, 'person_replied');
      if (!status) throw new AppError('conflict', { logMessage: `person reply on ticket in ${ticket.status}` });
      const [message] = await tx
        .insert(supportMessages)
        .values({ ticketId: ticket.id, authorKind: 'person', authorId: ticket.requesterId, body: input.body, createdAt: now })
        .returning({ id: supportMessages.id });
      if (staged) await recordAttachment(tx, now, ticket.id, message!.id, staged);
      const waitedForPerson = ticket.status === 'waiting_for_person' || ticket.status === 'resolved';
      await tx
        .update(supportTickets)
        .set({ status, updatedAt: now, resolvedAt: null, ...(waitedForPerson ? { dueAt: replyDueAt(ticket.category, now) } : {}) })
        .where(eq(supportTickets.id, ticket.id));
      await appendAudit(tx, meta.actor, now, {
        action: 'support.person_replied',
        subjectType: 'support_ticket',
        subjectId: ticket.id,
        data: { reference: ticket.reference, from: ticket.status, to: status, attachment: Boolean(staged) },
      });
      return { reference: ticket.reference };
    }),
  );
}
