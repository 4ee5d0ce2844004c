import type { RateRule } from '../../platform/rate-limiter';

/**
 * Limits on what anyone may send to the contact centre. Generous for a person in trouble (who
 * may write several times a day), tight enough that a script cannot bury the queue.
 */
export const supportRateRules = {
  ticketsPerIp: { name: 'support:ticket:ip', limit: 10, windowMs: 60 * 60_000 },
  /** Per address answers would go to (or per account): nobody is flooded with our acknowledgements. */
  ticketsPerContact: { name: 'support:ticket:contact', limit: 5, windowMs: 60 * 60_000 },
  problemReportsPerIp: { name: 'support:report:ip', limit: 20, windowMs: 60 * 60_000 },
  repliesPerTicket: { name: 'support:reply:ticket', limit: 20, windowMs: 60 * 60_000 },
  followLinkResendsPerIp: { name: 'support:resend:ip', limit: 10, windowMs: 60 * 60_000 },
  followLinkResendsPerTicket: { name: 'support:resend:ticket', limit: 3, windowMs: 60 * 60_000 },
  assistedCodeChecks: { name: 'support:assisted-code', limit: 10, windowMs: 15 * 60_000 },
} satisfies Record<string, RateRule>;
