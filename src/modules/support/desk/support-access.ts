import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { supportTickets, users } from '../../../db/schema';
import type { Actor } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import { areaRoles } from '../../backoffice/agent-roles';
import type { Ticket } from '../person-access';
import { normaliseTicketReference } from '../ticket-reference';

/**
 * A request as the national support desk reaches it: any request, by a support agent only (the
 * role is read from the database, not from the session, so a role withdrawn a minute ago no
 * longer works). Anything else answers "not found". With `forUpdate`, the row is locked for the
 * rest of the transaction.
 */
export async function ticketForSupport(db: Db, agent: Actor, reference: string, options: { forUpdate?: boolean } = {}): Promise<Ticket> {
  const normalised = normaliseTicketReference(reference);
  if (!normalised || !agent.id) throw new AppError('not_found');
  const [user] = await db.select({ role: users.role }).from(users).where(eq(users.id, agent.id));
  if (!user || !(areaRoles.support as readonly string[]).includes(user.role)) {
    throw new AppError('not_found', { logMessage: `user ${agent.id} is not a support agent` });
  }
  const query = db.select().from(supportTickets).where(eq(supportTickets.reference, normalised));
  const [ticket] = options.forUpdate ? await query.for('update') : await query;
  if (!ticket) throw new AppError('not_found');
  return ticket;
}
