import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { applications, OPEN_IN_OFFICE, officeOpenStatuses } from '../../../db/schema';
import { addMonths, type CalendarDate } from '../../../platform/legal-dates';

/** Age since filing, in whole months (Paris calendar): the columns of the backlog table. */
export const ageBuckets = ['under_1', '1_to_2', '2_to_4', 'over_4'] as const;
export type AgeBucket = (typeof ageBuckets)[number];

export type OpenStatus = (typeof officeOpenStatuses)[number];

export interface Backlog {
  /** Files per open status and age bucket; every cell is present (0 when empty). */
  cells: Record<OpenStatus, Record<AgeBucket, number>>;
  byStatus: Record<OpenStatus, number>;
  byAge: Record<AgeBucket, number>;
  total: number;
}

/**
 * The first filing day of each bucket but the oldest: filed on or after `under_1` is under a
 * month old, and so on; before `2_to_4` is over four months. A file filed exactly one month ago
 * today is "1 to 2 months" old.
 */
export function bucketStarts(today: CalendarDate): { under1: CalendarDate; under2: CalendarDate; under4: CalendarDate } {
  return { under1: addMonths(today, -1), under2: addMonths(today, -2), under4: addMonths(today, -4) };
}

const openInOffice = sql.raw(`"applications".${OPEN_IN_OFFICE}`);

/**
 * The prefecture's open files by workflow status and age since filing: one aggregate over the
 * partial index `applications_backlog_idx` (prefecture, status, filing instant), read from the
 * index alone. Ages are counted on the Paris calendar day of filing.
 */
export async function loadBacklog(db: Db, prefectureCode: string, today: CalendarDate): Promise<Backlog> {
  const b = bucketStarts(today);
  const filedOn = sql`(${applications.filedAt} at time zone 'Europe/Paris')::date`;
  const rows = await db
    .select({
      status: applications.status,
      under1: sql<number>`count(*) filter (where ${filedOn} > ${b.under1}::date)::int`,
      under2: sql<number>`count(*) filter (where ${filedOn} <= ${b.under1}::date and ${filedOn} > ${b.under2}::date)::int`,
      under4: sql<number>`count(*) filter (where ${filedOn} <= ${b.under2}::date and ${filedOn} > ${b.under4}::date)::int`,
      over4: sql<number>`count(*) filter (where ${filedOn} <= ${b.under4}::date)::int`,
    })
    .from(applications)
    .where(and(eq(applications.prefectureCode, prefectureCode), openInOffice, isNotNull(applications.filedAt)))
    .groupBy(applications.status);
  const empty = (): Record<AgeBucket, number> => ({ under_1: 0, '1_to_2': 0, '2_to_4': 0, over_4: 0 });
  const cells = Object.fromEntries(officeOpenStatuses.map((s) => [s, empty()])) as Backlog['cells'];
  for (const r of rows) {
    if (!(officeOpenStatuses as readonly string[]).includes(r.status)) continue;
    cells[r.status as OpenStatus] = { under_1: Number(r.under1), '1_to_2': Number(r.under2), '2_to_4': Number(r.under4), over_4: Number(r.over4) };
  }
  const byStatus = Object.fromEntries(officeOpenStatuses.map((s) => [s, ageBuckets.reduce((n, a) => n + cells[s][a], 0)])) as Backlog['byStatus'];
  const byAge = Object.fromEntries(ageBuckets.map((a) => [a, officeOpenStatuses.reduce((n, s) => n + cells[s][a], 0)])) as Backlog['byAge'];
  return { cells, byStatus, byAge, total: Object.values(byStatus).reduce((n, x) => n + x, 0) };
}
