import { and, eq, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { applications, messageThreads, OPEN_IN_OFFICE, officeOpenStatuses } from '../../../db/schema';
import type { CalendarDate } from '../../../platform/legal-dates';
import { prefectureOfficers } from '../office-access';
import type { OpenStatus } from './backlog';

export interface Workload {
  /** Null: the row of files nobody holds; `others`: files held by switched-off accounts. */
  officerId: string | null;
  email: string | null;
  byStatus: Record<OpenStatus, number>;
  total: number;
  overdueThreads: number;
}

export interface Workloads {
  officers: Workload[];
  unassigned: Workload;
  /** Files still held by an account switched off since: to reassign. Null when there are none. */
  others: Workload | null;
}

const openInOffice = sql.raw(`"applications".${OPEN_IN_OFFICE}`);
const blank = (officerId: string | null, email: string | null): Workload => ({ officerId, email, byStatus: { filed: 0, incomplete: 0, under_review: 0 }, total: 0, overdueThreads: 0 });

/**
 * Each active officer's open files by status, and the overdue threads among their files: two
 * aggregates (the open files over `applications_backlog_idx`; the threads past their reply
 * deadline, as `overdueThreads` counts them) put against the officers `prefectureOfficers`
 * lists — the case officers and heads of office who can be given files, switched-off ones left out.
 */
export async function loadWorkloads(db: Db, prefectureCode: string, today: CalendarDate): Promise<Workloads> {
  const [officers, files, threads] = await Promise.all([
    prefectureOfficers(db, prefectureCode),
    db
      .select({ officerId: applications.assignedOfficerId, status: applications.status, n: sql<number>`count(*)::int` })
      .from(applications)
      .where(and(eq(applications.prefectureCode, prefectureCode), openInOffice, isNotNull(applications.filedAt)))
      .groupBy(applications.assignedOfficerId, applications.status),
    db
      .select({ officerId: applications.assignedOfficerId, n: sql<number>`count(*)::int` })
      .from(messageThreads)
      .innerJoin(applications, eq(applications.id, messageThreads.applicationId))
      .where(and(eq(applications.prefectureCode, prefectureCode), isNotNull(messageThreads.replyDueOn), lt(messageThreads.replyDueOn, today)))
      .groupBy(applications.assignedOfficerId),
  ]);
  const rows = new Map(officers.map((o) => [o.id, blank(o.id, o.email)]));
  const unassigned = blank(null, null);
  let others: Workload | null = null;
  const rowOf = (officerId: string | null): Workload => {
    if (officerId === null) return unassigned;
    const row = rows.get(officerId);
    if (row) return row;
    return (others ??= blank(null, null));
  };
  for (const f of files) {
    if (!(officeOpenStatuses as readonly string[]).includes(f.status)) continue;
    const row = rowOf(f.officerId);
    row.byStatus[f.status as OpenStatus] += Number(f.n);
    row.total += Number(f.n);
  }
  for (const t of threads) rowOf(t.officerId).overdueThreads += Number(t.n);
  return { officers: [...rows.values()], unassigned, others };
}
