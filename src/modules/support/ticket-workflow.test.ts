import { describe, expect, it } from 'vitest';
import { normaliseTicketReference, newTicketReference } from './ticket-reference';
import { nextTicketStatus, ticketEvents, ticketStatuses, ticketTransitions } from './ticket-workflow';

describe('the life of a request for help', () => {
  it('moves only as the table says', () => {
    expect(nextTicketStatus('open', 'take')).toBe('in_progress');
    expect(nextTicketStatus('in_progress', 'ask_person')).toBe('waiting_for_person');
    expect(nextTicketStatus('waiting_for_person', 'person_replied')).toBe('in_progress');
    expect(nextTicketStatus('resolved', 'person_replied')).toBe('open');
    expect(nextTicketStatus('resolved', 'ask_person')).toBeNull();
    expect(nextTicketStatus('resolved', 'take')).toBeNull();
  });

  it('leads only to known statuses, and a resolved request can always be reopened by its person', () => {
    for (const from of ticketStatuses) {
      for (const event of ticketEvents) {
        const to = ticketTransitions[from][event];
        if (to) expect(ticketStatuses).toContain(to);
      }
    }
    expect(nextTicketStatus('resolved', 'person_replied')).not.toBeNull();
  });
});

describe('ticket references', () => {
  it('are random, unambiguous, and read back however they are typed', () => {
    const refs = new Set(Array.from({ length: 200 }, newTicketReference));
    expect(refs.size).toBe(200);
    for (const r of refs) expect(r).toMatch(/^AIDE-[2-9A-HJKMNP-Z]{8}$/);
    expect(normaliseTicketReference('aide k7q2 m4xp')).toBe('AIDE-K7Q2M4XP');
    expect(normaliseTicketReference(' AIDE-K7Q2M4XP ')).toBe('AIDE-K7Q2M4XP');
    expect(normaliseTicketReference('AIDE-K7Q2M4X0')).toBeNull();
    expect(normaliseTicketReference("AIDE-K7Q2M4XP' or 1=1")).toBeNull();
  });
});
