import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { prefectures } from '../../../db/schema';
import type { CalendarDate } from '../../../platform/legal-dates';
import { loadQueue, type QueueFilters, type QueueRow } from '../queue';
import { loadApriOutlook, type ApriOutlook } from './apri-outlook';
import { loadBacklog, type Backlog } from './backlog';
import { loadMissedDeadlines, type MissedDeadlines } from './missed-deadlines';
import { loadWorkloads, type Workloads } from './workloads';

/**
 * Whose files the reassignment list shows, from the query string: `none` (nobody's), an
 * officer's id (the query itself finds nothing for another prefecture's), or every open file.
 * Junk falls back to every file rather than failing.
 */
export const reassignFilter = z.object({
  from: z
    .union([z.literal('none'), z.uuid()])
    .optional()
    .catch(undefined),
});
export type ReassignFilter = z.infer<typeof reassignFilter>;

export interface ReassignList {
  from: ReassignFilter['from'];
  rows: Omit<QueueRow, 'documentsDueOn'>[];
  /** More files match than the list shows: narrow down by officer, or reassign in turns. */
  more: boolean;
}

export interface Dashboard {
  prefectureName: string;
  today: CalendarDate;
  backlog: Backlog;
  missed: MissedDeadlines;
  apris: ApriOutlook;
  workloads: Workloads;
  officers: { id: string; email: string }[];
  reassign: ReassignList;
}

/** Everything the head of office's dashboard shows for their prefecture, as of `now`. */
export async function loadDashboard(db: Db, prefectureCode: string, viewerId: string, now: Date, today: CalendarDate, filter: ReassignFilter): Promise<Dashboard> {
  // The reassignment list is the queue's own page (by risk date, on its indexes).
  const queueFilter: QueueFilters = { status: 'open', officer: filter.from, page: 1 };
  const [prefecture, backlog, missed, apris, workloads, page] = await Promise.all([
    db.select({ name: prefectures.name }).from(prefectures).where(eq(prefectures.code, prefectureCode)),
    loadBacklog(db, prefectureCode, today),
    loadMissedDeadlines(db, prefectureCode, today),
    loadApriOutlook(db, prefectureCode, now, today),
    loadWorkloads(db, prefectureCode, today),
    loadQueue(db, prefectureCode, queueFilter, viewerId),
  ]);
  return {
    prefectureName: prefecture[0]?.name ?? '',
    today,
    backlog,
    missed,
    apris,
    workloads,
    // The officers who can be given files: those of the workload table (active, of this prefecture).
    officers: workloads.officers.map((w) => ({ id: w.officerId!, email: w.email! })),
    reassign: { from: filter.from, rows: page.rows, more: page.hasNext },
  };
}
