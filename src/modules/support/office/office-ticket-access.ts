import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { supportTickets, users } from '../../../db/schema';
import type { Actor } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import { areaRoles } from '../../backoffice/agent-roles';
import type { Ticket } from '../person-access';
import { normaliseTicketReference } from '../ticket-reference';

/**
 * The prefecture of an agent who answers the people of their prefecture (`areaRoles.messages`:
 * case officers and heads of office), read from the database; "not found" for anyone else. A
 * request for help is correspondence with a person, like a file's thread: desk agents, who do
 * not write to people, do not read or answer it either.
 */
export async function officeAgentPrefecture(db: Db, agent: Actor): Promise<string> {
  if (!agent.id) throw new AppError('not_found');
  const [user] = await db.select({ role: users.role, prefectureCode: users.prefectureCode }).from(users).where(eq(users.id, agent.id));
  if (!user || !user.prefectureCode || !(areaRoles.messages as readonly string[]).includes(user.role)) {
    throw new AppError('not_found', { logMessage: `user ${agent.id} does not answer people for a prefecture` });
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
