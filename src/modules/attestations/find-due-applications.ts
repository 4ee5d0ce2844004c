import { and, asc, gt, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { applications, OPEN_FOR_ATTESTATIONS } from '../../db/schema';
import type { CalendarDate } from '../../platform/legal-dates';
import { defaultIssuanceOptions, planAttestations, type IssuanceOptions } from './issuance-rules';
import { loadFactsForMany } from './load-issuance-facts';

export const SWEEP_BATCH_SIZE = 500;

/**
 * The applications that may still owe an attestation: filed and undecided (receipt, APRI), or
 * granted and not yet handed over (ADF). The condition is the very text of the partial index
 * `applications_attestations_open_idx`, with literals rather than parameters so that
 * PostgreSQL can prove the query matches the index: a batch is an index range scan from the
 * cursor, however many closed, refused or withdrawn files the table holds.
 */
const openForAttestations = sql.raw(OPEN_FOR_ATTESTATIONS);

/** The next `limit` open applications after the cursor, by id (the index order). */
export function openApplicationsBatch(db: Db, after: string | undefined, limit: number) {
  return db
    .select()
    .from(applications)
    .where(and(openForAttestations, isNotNull(applications.filedAt), after ? gt(applications.id, after) : undefined))
    .orderBy(asc(applications.id))
    .limit(limit);
}

export interface DueBatch {
  /** Applications for which the rules plan something today. */
  due: string[];
  /** Where the next batch starts; null when this batch reached the end. */
  nextCursor: string | null;
  scanned: number;
}

/**
 * One batch of the sweep: the next `limit` open applications after `after` (by id), checked with
 * the pure planner in memory (three queries for the whole batch). Only those with something
 * due are handed to `issueDueAttestations`, which re-plans under lock — this pre-check is an
 * optimisation, never the decision.
 */
export async function findDueApplications(db: Db, today: CalendarDate, options: { after?: string | undefined; limit?: number; issuance?: IssuanceOptions } = {}): Promise<DueBatch> {
  const limit = options.limit ?? SWEEP_BATCH_SIZE;
  const apps = await openApplicationsBatch(db, options.after, limit);
  const facts = await loadFactsForMany(db, apps);
  const due = apps.filter((a) => {
    const f = facts.get(a.id)!;
    return planAttestations(f.facts, f.existing, today, options.issuance ?? defaultIssuanceOptions).length > 0;
  });
  return { due: due.map((a) => a.id), nextCursor: apps.length === limit ? apps.at(-1)!.id : null, scanned: apps.length };
}
