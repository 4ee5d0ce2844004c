import { and, eq, isNull } from 'drizzle-orm';
import { supportTickets } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { isAppError } from '../../platform/errors';
import { mailLocale } from '../accounts/contact/notice-format';
import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';
import { supportRateRules } from './rate-rules';
import { issueFollowLink } from './follow-link';
import { normaliseTicketReference } from './ticket-reference';

/**
 * A person who lost their follow link gives the reference and the address it went to; a new
 * link goes to that address and the old one stops working (it may be what was lost: in a
 * shared mailbox, on a stolen phone). The page says the same thing whether or not they matched.
 */
export async function resendFollowLink(services: Services, input: { reference: string; email: string }, meta: RequestMeta): Promise<void> {
  await services.rateLimiter.consume(supportRateRules.followLinkResendsPerIp, meta.ip);
  const reference = normaliseTicketReference(input.reference);
  if (!reference) return;
  const [ticket] = await services.db
    .select()
    .from(supportTickets)
    .where(and(eq(supportTickets.reference, reference), eq(supportTickets.contactEmail, input.email), isNull(supportTickets.requesterId)));
  if (!ticket) return;
  // Past this limit nothing more is sent, silently: a refusal here would tell that the pair matched.
  const allowed = await services.rateLimiter.consume(supportRateRules.followLinkResendsPerTicket, ticket.id).then(
    () => true,
    (err: unknown) => {
      if (isAppError(err) && err.code === 'rate_limited') return false;
      throw err;
    },
  );
  if (!allowed) return;
  const follow = issueFollowLink(services, ticket.id);
  await services.transact(async (tx) => {
    const now = services.clock.now();
    await tx.update(supportTickets).set({ followTokenHash: follow.followTokenHash, followTokenSealed: follow.followTokenSealed, updatedAt: now }).where(eq(supportTickets.id, ticket.id));
    await services.mailer.queue(tx, input.email, mailLocale(ticket.locale), {
      template: 'support.mail_follow_link',
      params: { reference: ticket.reference },
      link: { href: `${services.config.publicUrl}/aide/suivi/${follow.token}`, labelKey: 'support.mail_follow_action' },
    });
    await appendAudit(tx, meta.actor, now, { action: 'support.follow_link_resent', subjectType: 'support_ticket', subjectId: ticket.id, data: { reference: ticket.reference } });
  });
}
