import { eq, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { applications, type attestations } from '../../db/schema';
import { parisDate } from '../../platform/legal-dates';
import { existingOf, factsOf, titleRightsOf } from '../attestations/load-issuance-facts';
import { priorityOn, rightsEndOn } from './queue-priority';

type ApplicationRow = typeof applications.$inferSelect;
type AttestationRow = typeof attestations.$inferSelect;

export interface QueueDates {
  priorityOn: string | null;
  rightsEndOn: string | null;
}

/** What the queue's dates depend on besides the application's row, as one statement reads it. */
export interface QueueFacts {
  block: { ground: string; explanation: string } | null;
  attestations: { id: string; kind: AttestationRow['kind']; validFrom: string; validTo: string | null; supersededAtMs: number | null }[];
  documentsDueOn: string | null;
}

/**
 * What the queue's dates of application `applicationId` depend on besides its row — its open
 * APRI block, its attestations, its open document request — as one `jsonb` value: an expression
 * for a statement of the caller's (the filing reads it with the rest of what it needs).
 */
export function queueFactsSql(applicationId: string | Placeholder): SQL {
  return sql`jsonb_build_object(
      'block', (select jsonb_build_object('ground', b.ground, 'explanation', b.explanation)
                  from apri_blocks b where b.application_id = ${applicationId} and b.lifted_at is null limit 1),
      'attestations', coalesce((select jsonb_agg(jsonb_build_object('id', t.id, 'kind', t.kind, 'validFrom', t.valid_from, 'validTo', t.valid_to,
                                                                    'supersededAtMs', floor(extract(epoch from t.superseded_at) * 1000)))
                                  from attestations t where t.application_id = ${applicationId}), '[]'::jsonb),
      'documentsDueOn', (select r.due_on from document_requests r
                          where r.application_id = ${applicationId} and r.fulfilled_at is null and r.cancelled_at is null limit 1)
    )`;
}

/**
 * The queue dates of a file from its stored rows, by the rules of `queue-priority.ts`. Its open
 * APRI block, its attestations and its open document request are read in one statement (one
 * round trip: it runs in the transaction of every change that moves these dates).
 */
export async function computeQueueDates(db: Db, app: ApplicationRow): Promise<QueueDates> {
  const result = await db.execute<{ facts: QueueFacts }>(sql`select ${queueFactsSql(app.id)} as facts`);
  return queueDatesOf(app, (result as unknown as { rows: { facts: QueueFacts }[] }).rows[0]!.facts);
}

/** The queue dates from the application as it is (or will be) and its facts as `queueFactsSql` read them. */
export function queueDatesOf(app: ApplicationRow, queueFacts: QueueFacts): QueueDates {
  const { block, attestations: stored, documentsDueOn } = queueFacts;
  const rows = stored.map((t) => ({ ...t, supersededAt: t.supersededAtMs === null ? null : new Date(t.supersededAtMs) }));
  // Work rights do not move a date: the title's own rights are not needed here.
  const facts = factsOf(app, titleRightsOf(app, null), block);
  const rightsEnd = rightsEndOn(app.status, facts, existingOf(rows));
  return {
    rightsEndOn: rightsEnd,
    priorityOn: priorityOn({
      status: app.status,
      filedOn: app.filedAt ? parisDate(app.filedAt) : null,
      completedOn: app.completedAt ? parisDate(app.completedAt) : null,
      documentsDueOn,
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
