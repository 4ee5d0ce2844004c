/**
 * The life of a request for help, as a table: for each status, the events allowed and where they
 * lead. Nothing else changes a ticket's status.
 *
 * open → in_progress → waiting_for_person ⇄ in_progress → resolved; a person who writes again
 * on a resolved request reopens it (the problem was not solved).
 */
import { ticketStatuses, type TicketStatus } from '../../db/schema/support';

export { ticketStatuses, type TicketStatus };

export const ticketEvents = ['take', 'ask_person', 'person_replied', 'resolve', 'reopen'] as const;
export type TicketEvent = (typeof ticketEvents)[number];

export const ticketTransitions: Record<TicketStatus, Partial<Record<TicketEvent, TicketStatus>>> = {
  open: { take: 'in_progress', ask_person: 'waiting_for_person', resolve: 'resolved', person_replied: 'open' },
  in_progress: { ask_person: 'waiting_for_person', resolve: 'resolved', person_replied: 'in_progress', take: 'in_progress' },
  waiting_for_person: { person_replied: 'in_progress', take: 'in_progress', resolve: 'resolved', ask_person: 'waiting_for_person' },
  resolved: { person_replied: 'open', reopen: 'open' },
};

/** Where `event` takes a ticket in status `from`, or null when it is not allowed. */
export function nextTicketStatus(from: TicketStatus, event: TicketEvent): TicketStatus | null {
  return ticketTransitions[from][event] ?? null;
}

/** Statuses the support desk still has to act on (the queue); `waiting_for_person` waits for the person. */
export const activeStatuses: readonly TicketStatus[] = ['open', 'in_progress'];
/** Not resolved: the request still stands (document access, routing, identity checks). */
export const openStatuses: readonly TicketStatus[] = ['open', 'in_progress', 'waiting_for_person'];
export const isOpenStatus = (s: TicketStatus) => openStatuses.includes(s);

/** The statuses an agent may set by hand, and the event each one is. */
export const agentStatusEvents: Partial<Record<TicketStatus, TicketEvent>> = {
  in_progress: 'take',
  waiting_for_person: 'ask_person',
  resolved: 'resolve',
  open: 'reopen',
};
