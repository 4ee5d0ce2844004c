import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { apriBlocks, applications, attestations, documentRequests } from '../../db/schema';
import { parisDate } from '../../platform/legal-dates';
import { existingOf, factsOf, titleRightsOf } from '../attestations/load-issuance-facts';
import { priorityOn, rightsEndOn } from './queue-priority';

type ApplicationRow = typeof applications.$inferSelect;

export interface QueueDates {
  priorityOn: string | null;
  rightsEndOn: string | null;
}

/** The queue dates of a file from its stored rows, by the rules of `queue-priority.ts`. */
export async function computeQueueDates(db: Db, app: ApplicationRow): Promise<QueueDates> {
  const [block] = await db
    .select({ ground: apriBlocks.ground, explanation: apriBlocks.explanation })
    .from(apriBlocks)
    .where(and(eq(apriBlocks.applicationId, app.id), isNull(apriBlocks.liftedAt)))
    .limit(1);
  const rows = await db
    .select({ id: attestations.id, kind: attestations.kind, validFrom: attestations.validFrom, validTo: attestations.validTo, supersededAt: attestations.supersededAt })
    .from(attestations)
    .where(eq(attestations.applicationId, app.id));
  const [request] = await db
    .select({ dueOn: documentRequests.dueOn })
    .from(documentRequests)
    .where(and(eq(documentRequests.applicationId, app.id), isNull(documentRequests.fulfilledAt), isNull(documentRequests.cancelledAt)));
  // Work rights do not move a date: the title's own rights are not needed here.
  const facts = factsOf(app, titleRightsOf(app, null), block ?? null);
  const rightsEnd = rightsEndOn(app.status, facts, existingOf(rows));
  return {
    rightsEndOn: rightsEnd,
    priorityOn: priorityOn({
      status: app.status,
      filedOn: app.filedAt ? parisDate(app.filedAt) : null,
      completedOn: app.completedAt ? parisDate(app.completedAt) : null,
      documentsDueOn: request?.dueOn ?? null,
      rightsEndOn: rightsEnd,
    }),
  };
}

/**
 * Writes the queue dates of one file, inside the transaction of the change that moved them
 * (filing, completeness, a document request and its answer, a block or its lift, a decision,
 * a withdrawal): the queue is never out of date, and ordering by it uses an index. Reads the
 * application as the transaction now sees it, so call it after the change.
 */
export async function refreshQueuePriority(tx: Db, applicationId: string): Promise<QueueDates> {
  const [app] = await tx.select().from(applications).where(eq(applications.id, applicationId));
  if (!app) return { priorityOn: null, rightsEndOn: null };
  const dates = await computeQueueDates(tx, app);
  if (dates.priorityOn !== app.priorityOn || dates.rightsEndOn !== app.rightsEndOn) {
    await tx.update(applications).set(dates).where(eq(applications.id, app.id));
  }
  return dates;
}
