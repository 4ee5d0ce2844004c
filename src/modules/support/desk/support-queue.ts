import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { prefectures, supportTickets, users } from '../../../db/schema';
import { activeStatuses, type TicketStatus } from '../ticket-workflow';

export const queueViews = ['todo', 'mine', 'waiting', 'resolved'] as const;
export type QueueView = (typeof queueViews)[number];

export interface QueueRow {
  reference: string;
  category: (typeof supportTickets.$inferSelect)['category'];
  subject: string;
  status: TicketStatus;
  dueAt: Date;
  createdAt: Date;
  assignedTo: string | null;
  prefectureName: string | null;
}

/**
 * The desk's queue, soonest deadline first (what is overdue comes on top). `todo`: every
 * request the desk has to act on; `mine`: assigned to me and not resolved; `waiting`: waiting
 * for the person; `resolved`: the latest solved, newest first.
 */
export async function supportQueue(db: Db, view: QueueView, agentId: string, limit = 200): Promise<QueueRow[]> {
  const where = {
    todo: inArray(supportTickets.status, [...activeStatuses]),
    mine: and(eq(supportTickets.assignedAgentId, agentId), ne(supportTickets.status, 'resolved')),
    waiting: eq(supportTickets.status, 'waiting_for_person'),
    resolved: eq(supportTickets.status, 'resolved'),
  }[view];
  return db
    .select({
      reference: supportTickets.reference,
      category: supportTickets.category,
      subject: supportTickets.subject,
      status: supportTickets.status,
      dueAt: supportTickets.dueAt,
      createdAt: supportTickets.createdAt,
      assignedTo: users.email,
      prefectureName: prefectures.name,
    })
    .from(supportTickets)
    .leftJoin(users, eq(users.id, supportTickets.assignedAgentId))
    .leftJoin(prefectures, eq(prefectures.code, supportTickets.prefectureCode))
    .where(where)
    .orderBy(view === 'resolved' ? desc(supportTickets.resolvedAt) : asc(supportTickets.dueAt), asc(supportTickets.createdAt))
    .limit(limit);
}
