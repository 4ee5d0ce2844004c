import { and, asc, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { applications, OPEN_IN_OFFICE } from '../../db/schema';
import type { JobDefinition } from '../../platform/jobs';
import type { Services } from '../../services';
import { refreshQueuePriority } from './refresh-queue-priority';

export const QUEUE_DATES_JOB = 'backoffice.fill_queue_dates';
const BATCH = 500;

/**
 * Fills the queue dates of open files that have none — files filed before the queue existed
 * (the migration adds the columns empty) — by the same rules and writer as every state change.
 * Every later change keeps them current in its own transaction; this only catches up. Run at
 * worker start and nightly; a file per transaction, batches of 500 until none is left.
 */
export function fillQueueDatesJob(get: () => Services): JobDefinition<{ after?: string | undefined }> {
  return {
    name: QUEUE_DATES_JOB,
    payload: z.object({ after: z.uuid().optional() }),
    retryLimit: 5,
    async handle({ after }) {
      const services = get();
      let cursor = after;
      for (;;) {
        const batch = await services.db
          .select({ id: applications.id })
          .from(applications)
          .where(and(sql.raw(`"applications".${OPEN_IN_OFFICE}`), isNull(applications.priorityOn), cursor ? gt(applications.id, cursor) : undefined))
          .orderBy(asc(applications.id))
          .limit(BATCH);
        for (const { id } of batch) await services.transact((tx) => refreshQueuePriority(tx, id).then(() => undefined));
        if (batch.length < BATCH) return;
        cursor = batch.at(-1)!.id;
      }
    },
  };
}
