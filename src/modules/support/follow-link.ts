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
  if (ticket.requesterId) return `${base}/compte/demandes/${ticket.reference}`;
  try {
    if (ticket.followTokenSealed) return `${base}/aide/suivi/${box(services).open(ticket.followTokenSealed, ticket.id)}`;
  } catch (err) {
    // The key changed (APP_SECRET rotated): the answer still goes out, pointing to where a new link is asked for.
    services.logger.warn({ err, ticket: ticket.reference }, 'follow link could not be opened');
  }
  return `${base}/aide/suivi`;
}
