import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { supportTickets } from '../../../db/schema';

export interface RoutedTicket {
  reference: string;
  category: (typeof supportTickets.$inferSelect)['category'];
  subject: string;
  status: (typeof supportTickets.$inferSelect)['status'];
  fileReference: string | null;
  applicationId: string | null;
  dueAt: Date;
  createdAt: Date;
  routedAt: Date | null;
}

const columns = {
  reference: supportTickets.reference,
  category: supportTickets.category,
  subject: supportTickets.subject,
  status: supportTickets.status,
  fileReference: supportTickets.fileReference,
  applicationId: supportTickets.applicationId,
  dueAt: supportTickets.dueAt,
  createdAt: supportTickets.createdAt,
  routedAt: supportTickets.routedAt,
};

/** The requests routed to one prefecture, newest first: what its case officers see at `/bureau/signalements`. */
export function ticketsForPrefecture(db: Db, prefectureCode: string, limit = 200): Promise<RoutedTicket[]> {
  return db.select(columns).from(supportTickets).where(eq(supportTickets.prefectureCode, prefectureCode)).orderBy(desc(supportTickets.createdAt)).limit(limit);
}

/**
 * The requests about one file that reached its prefecture, for the panel of the case view
 * (`/bureau/dossiers/:id`). The caller has reached the file through `lockFileForAgent` or the
 * office's policy; the prefecture is checked again here, so a request routed elsewhere (the
 * person moved) does not show.
 */
export function ticketsForFile(db: Db, applicationId: string, prefectureCode: string): Promise<RoutedTicket[]> {
  return db
    .select(columns)
    .from(supportTickets)
    .where(and(eq(supportTickets.applicationId, applicationId), eq(supportTickets.prefectureCode, prefectureCode)))
    .orderBy(desc(supportTickets.createdAt));
}
