import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { supportAttachments, supportMessages, supportTickets } from '../../db/schema';
import { AppError } from '../../platform/errors';
import { followTokenHash, normaliseTicketReference } from './ticket-reference';

export type Ticket = typeof supportTickets.$inferSelect;

/** How a person reaches their request: signed in (their own requests), or with the secret of the follow link. */
export type PersonAccess = { kind: 'account'; userId: string; reference: string } | { kind: 'link'; token: string };

/**
 * The request a person may see. The reference alone opens nothing; another person's request, a
 * wrong or malformed link: all answer "not found".
 */
export async function ticketForPerson(db: Db, access: PersonAccess, options: { forUpdate?: boolean } = {}): Promise<Ticket> {
  let where;
  if (access.kind === 'account') {
    const reference = normaliseTicketReference(access.reference);
    if (!reference) throw new AppError('not_found');
    where = and(eq(supportTickets.reference, reference), eq(supportTickets.requesterId, access.userId));
  } else {
    const hash = followTokenHash(access.token);
    if (!hash) throw new AppError('not_found');
    where = eq(supportTickets.followTokenHash, hash);
  }
  const query = db.select().from(supportTickets).where(where);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found');
  return row;
}

export type ThreadMessage = typeof supportMessages.$inferSelect;
export type Attachment = typeof supportAttachments.$inferSelect;

/** The replies on a request, oldest first, and the files sent with it. */
export async function ticketThread(db: Db, ticketId: string): Promise<{ messages: ThreadMessage[]; attachments: Attachment[] }> {
  const messages = await db.select().from(supportMessages).where(eq(supportMessages.ticketId, ticketId)).orderBy(asc(supportMessages.seq));
  const attachments = await db.select().from(supportAttachments).where(eq(supportAttachments.ticketId, ticketId)).orderBy(asc(supportAttachments.createdAt));
  return { messages, attachments };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A file sent with this request (the caller reached the request through its policy); another request's, or a malformed id: "not found". */
export async function attachmentOf(db: Db, ticketId: string, attachmentId: string): Promise<Attachment> {
  if (!UUID.test(attachmentId)) throw new AppError('not_found');
  const [row] = await db
    .select()
    .from(supportAttachments)
    .where(and(eq(supportAttachments.id, attachmentId), eq(supportAttachments.ticketId, ticketId)));
  if (!row) throw new AppError('not_found');
  return row;
}
