import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { supportTickets, users } from '../../../db/schema';
import type { Actor } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import { areaRoles } from '../../backoffice/agent-roles';
import type { Ticket } from '../person-access';
import { normaliseTicketReference } from '../ticket-reference';

/** The prefecture of an office agent (read from the database), or "not found" for anyone else. */
export async function officeAgentPrefecture(db: Db, agent: Actor): Promise<string> {
  if (!agent.id) throw new AppError('not_found');
  const [user] = await db.select({ role: users.role, prefectureCode: users.prefectureCode }).from(users).where(eq(users.id, agent.id));
  if (!user || !user.prefectureCode || !(areaRoles.office as readonly string[]).includes(user.role)) {
    throw new AppError('not_found', { logMessage: `user ${agent.id} is not a prefecture agent` });
  }
  return user.prefectureCode;
}

/**
 * A request routed to the agent's own prefecture. One routed elsewhere, or never routed, answers
 * "not found", exactly like one that does not exist.
 */
export async function ticketForOffice(db: Db, agent: Actor, reference: string, options: { forUpdate?: boolean } = {}): Promise<Ticket> {
  const normalised = normaliseTicketReference(reference);
  if (!normalised) throw new AppError('not_found');
  const prefectureCode = await officeAgentPrefecture(db, agent);
  const query = db
    .select()
    .from(supportTickets)
    .where(and(eq(supportTickets.reference, normalised), eq(supportTickets.prefectureCode, prefectureCode)));
  const [ticket] = options.forUpdate ? await query.for('update') : await query;
  if (!ticket) throw new AppError('not_found', { logMessage: `ticket ${normalised} is not routed to ${prefectureCode}` });
  return ticket;
}
