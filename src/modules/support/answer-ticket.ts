import { eq } from 'drizzle-orm';
import { prefectures, supportMessages, supportTickets } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';
import { mailLocale } from '../accounts/contact/notice-format';
import { ticketForSupport } from './desk/support-access';
import { followUrl } from './follow-link';
import { ticketForOffice } from './office/office-ticket-access';
import { nextTicketStatus, type TicketEvent } from './ticket-workflow';

/** Who answers: the national support desk, or the prefecture the request was routed to. */
export type AnsweringSide = 'support' | 'office';

export interface AnswerInput {
  body: string;
  /** What the answer does to the request: asks the person something, or solves it. Default: in progress. */
  then?: 'waiting_for_person' | 'resolved' | 'in_progress' | undefined;
}

const eventFor: Record<NonNullable<AnswerInput['then']>, TicketEvent> = { waiting_for_person: 'ask_person', resolved: 'resolve', in_progress: 'take' };

/**
 * An agent's answer, shown to the person on their request and e-mailed to them in their
 * language, with the link to follow it. The text is the agent's own (never something the person
 * typed), so it may go into the e-mail.
 */
export async function answerTicket(services: Services, side: AnsweringSide, reference: string, input: AnswerInput, meta: RequestMeta): Promise<void> {
  const agent = meta.actor;
  await services.transact(async (tx) => {
    const now = services.clock.now();
    const ticket = side === 'support' ? await ticketForSupport(tx, agent, reference, { forUpdate: true }) : await ticketForOffice(tx, agent, reference, { forUpdate: true });
    const status = nextTicketStatus(ticket.status, eventFor[input.then ?? 'in_progress']);
    if (!status) throw new AppError('conflict', { fields: { then: 'support.errors.status_not_allowed' }, logMessage: `answer with ${input.then} on a ${ticket.status} ticket` });
    await tx.insert(supportMessages).values({ ticketId: ticket.id, authorKind: side, authorId: agent.id, body: input.body, createdAt: now });
    await tx
      .update(supportTickets)
      .set({
        status,
        updatedAt: now,
        resolvedAt: status === 'resolved' ? now : null,
        // Whoever answers first on an unassigned request takes it.
        assignedAgentId: side === 'support' ? (ticket.assignedAgentId ?? agent.id) : ticket.assignedAgentId,
      })
      .where(eq(supportTickets.id, ticket.id));
    let sender = '';
    if (side === 'office' && ticket.prefectureCode) {
      const [p] = await tx.select({ name: prefectures.name }).from(prefectures).where(eq(prefectures.code, ticket.prefectureCode));
      sender = p?.name ?? '';
    }
    if (ticket.contactEmail) {
      await services.mailer.queue(tx, ticket.contactEmail, mailLocale(ticket.locale), {
        template: side === 'office' ? 'support.mail_office_reply' : 'support.mail_reply',
        params: { reference: ticket.reference, message: input.body, sender },
        link: { href: followUrl(services, ticket), labelKey: 'support.mail_follow_action' },
      });
    }
    await appendAudit(tx, meta.actor, now, {
      action: 'support.ticket_answered',
      subjectType: 'support_ticket',
      subjectId: ticket.id,
      data: { reference: ticket.reference, side, from: ticket.status, to: status },
    });
  });
}
