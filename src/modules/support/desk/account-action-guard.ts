import { and, desc, eq, gt } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { supportIdentityChecks, users } from '../../../db/schema';
import { AppError } from '../../../platform/errors';
import type { Ticket } from '../person-access';
import { isOpenStatus } from '../ticket-workflow';
import { IDENTITY_CHECK_VALID_MS } from './identity-check-rules';

type User = typeof users.$inferSelect;

const refuse = (key: string, log: string) => new AppError('conflict', { fields: { _form: key }, logMessage: log });

/**
 * The account a request is about, locked, when an account action may be taken on it: the
 * request is still open, it names an applicant's account (support never acts on an agent's),
 * and the latest identity check recorded for that account on this very request, within the last
 * `IDENTITY_CHECK_VALID_MS`, passed. Otherwise a refusal that says which condition failed.
 */
export async function accountForAction(tx: Db, ticket: Ticket, now: Date): Promise<User> {
  if (!isOpenStatus(ticket.status)) throw refuse('support.errors.ticket_closed', `account action on ${ticket.status} ticket`);
  if (!ticket.subjectUserId) throw refuse('support.errors.no_account', 'account action on a ticket without an account');
  const [user] = await tx.select().from(users).where(eq(users.id, ticket.subjectUserId)).for('update');
  if (!user || user.role !== 'applicant') throw refuse('support.errors.not_an_applicant', `account action on a ${user?.role ?? 'missing'} account`);
  // The latest check counts: a failed one after a passed one means someone else may be on the line now.
  const [check] = await tx
    .select({ outcome: supportIdentityChecks.outcome })
    .from(supportIdentityChecks)
    .where(
      and(
        eq(supportIdentityChecks.ticketId, ticket.id),
        eq(supportIdentityChecks.subjectUserId, user.id),
        gt(supportIdentityChecks.createdAt, new Date(now.getTime() - IDENTITY_CHECK_VALID_MS)),
      ),
    )
    .orderBy(desc(supportIdentityChecks.createdAt), desc(supportIdentityChecks.id))
    .limit(1);
  if (check?.outcome !== 'passed') throw refuse('support.errors.identity_check_required', 'account action without a recent passed identity check');
  return user;
}
