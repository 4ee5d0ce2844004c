import { createSecretBox } from '../../platform/secret-box';
import type { Services } from '../../services';
import type { Ticket } from './person-access';
import { newFollowToken } from './ticket-reference';

/*
 * The follow link of a request opened without an account: `/aide/suivi/<secret>`. The secret is
 * found by its hash; an encrypted copy, bound to the ticket, lets each reply e-mail carry the
 * same link, so the one the person bookmarked keeps working.
 */

const box = (services: Services) => createSecretBox(services.appSecret, 'support-follow-link');

export function issueFollowLink(services: Services, ticketId: string): { token: string; followTokenHash: string; followTokenSealed: string } {
  const { token, hash } = newFollowToken();
  return { token, followTokenHash: hash, followTokenSealed: box(services).seal(token, ticketId) };
}

/** Where the person follows their request: their account when they have one, else the secret link. */
export function followUrl(services: Services, ticket: Pick<Ticket, 'id' | 'reference' | 'requesterId' | 'followTokenSealed'>): string {
  const base = services.config.publicUrl;
  if (ticket.requesterId || !ticket.followTokenSealed) return `${base}/compte/demandes/${ticket.reference}`;
  return `${base}/aide/suivi/${box(services).open(ticket.followTokenSealed, ticket.id)}`;
}
