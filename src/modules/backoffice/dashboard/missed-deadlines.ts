import { and, asc, eq, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { applications, documentRequests, OPEN_IN_OFFICE } from '../../../db/schema';
import { addDays, addMonths, parisDate, type CalendarDate } from '../../../platform/legal-dates';
import { parisInstant } from '../../appointments/paris-time';
import { OFFICE_THREADS_LIMIT, overdueThreads } from '../../messaging/office-threads';
import { deadlineState } from '../../messaging/reply-deadline';
import { IMPLICIT_REJECTION_MONTHS, implicitRejectionOn } from '../queue-priority';

/** Each list shows the longest overdue first, this many at most (the count is complete). */
export const MISSED_LIST_LIMIT = 50;

export interface MissedFile {
  applicationId: string;
  reference: string | null;
  assignedOfficerId: string | null;
  /** The day the deadline was (implicit rejection day, or the request's reply deadline). */
  since: CalendarDate;
}

export interface MissedThread {
  applicationId: string;
  reference: string | null;
  replyDueOn: CalendarDate;
  workingDaysLate: number;
  escalated: boolean;
}

export interface MissedDeadlines {
  implicitRejections: { count: number; rows: MissedFile[] };
  documentRequests: { count: number; rows: MissedFile[] };
  /** `capped`: the list stops at `OFFICE_THREADS_LIMIT` threads, and so does the count. */
  threads: { count: number; capped: boolean; rows: MissedThread[] };
}

const openInOffice = sql.raw(`"applications".${OPEN_IN_OFFICE}`);
const day = (d: unknown): CalendarDate => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d));

/**
 * The last completeness day whose implicit rejection has arisen by `today`: the rule
 * (`implicitRejectionOn`, four months on, the month's last day when shorter) is monotonic, so
 * the files past it are exactly those completed on this day or before.
 */
export function lastCompletionRejectedBy(today: CalendarDate): CalendarDate {
  let day = addMonths(today, -IMPLICIT_REJECTION_MONTHS);
  while (implicitRejectionOn(addDays(day, 1))! <= today) day = addDays(day, 1);
  return day;
}

/**
 * The files past their implicit-rejection day (CESEDA R.432-1/R.432-2: four months after
 * completeness, `implicitRejectionOn`). The range is the stored queue date first: the rejection
 * day is one of the dates `priority_on` is the earliest of (`queue-priority.ts`), so a passed
 * rejection means `priority_on <= today` — a range of `applications_queue_open_idx` — and the
 * completeness instant is then compared with the end of `lastCompletionRejectedBy(today)`.
 */
async function implicitRejections(db: Db, prefectureCode: string, today: CalendarDate) {
  const completedBefore = parisInstant(addDays(lastCompletionRejectedBy(today), 1), 0);
  const rows = await db
    .select({
      applicationId: applications.id,
      reference: applications.reference,
      assignedOfficerId: applications.assignedOfficerId,
      completedAt: applications.completedAt,
      count: sql<number>`(count(*) over ())::int`,
    })
    .from(applications)
    .where(and(eq(applications.prefectureCode, prefectureCode), openInOffice, lte(applications.priorityOn, today), isNotNull(applications.completedAt), lt(applications.completedAt, completedBefore)))
    .orderBy(asc(applications.priorityOn), asc(applications.id))
    .limit(MISSED_LIST_LIMIT);
  return {
    count: Number(rows[0]?.count ?? 0),
    rows: rows.map(({ count: _c, completedAt, ...r }) => ({ ...r, since: implicitRejectionOn(parisDate(completedAt!))! })),
  };
}

/**
 * Open document requests whose reply deadline has passed (the day after `due_on`). Same range
 * as above: a request's deadline is one of the dates `priority_on` is the earliest of.
 */
async function overdueRequests(db: Db, prefectureCode: string, today: CalendarDate) {
  const rows = await db
    .select({
      applicationId: applications.id,
      reference: applications.reference,
      assignedOfficerId: applications.assignedOfficerId,
      since: documentRequests.dueOn,
      count: sql<number>`(count(*) over ())::int`,
    })
    .from(applications)
    .innerJoin(documentRequests, and(eq(documentRequests.applicationId, applications.id), isNull(documentRequests.fulfilledAt), isNull(documentRequests.cancelledAt)))
    .where(and(eq(applications.prefectureCode, prefectureCode), openInOffice, sql`${applications.priorityOn} < ${today}::date`, sql`${documentRequests.dueOn} < ${today}::date`))
    .orderBy(asc(documentRequests.dueOn), asc(applications.id))
    .limit(MISSED_LIST_LIMIT);
  return { count: Number(rows[0]?.count ?? 0), rows: rows.map(({ count: _c, since, ...r }) => ({ ...r, since: day(since) })) };
}

/** Every deadline the prefecture has missed, as of `today` (Paris). */
export async function loadMissedDeadlines(db: Db, prefectureCode: string, today: CalendarDate): Promise<MissedDeadlines> {
  const [rejections, requests, threads] = await Promise.all([implicitRejections(db, prefectureCode, today), overdueRequests(db, prefectureCode, today), overdueThreads(db, prefectureCode, today)]);
  return {
    implicitRejections: rejections,
    documentRequests: requests,
    threads: {
      count: threads.length,
      capped: threads.length >= OFFICE_THREADS_LIMIT,
      rows: threads.map((t) => {
        const state = deadlineState(t.replyDueOn, today, prefectureCode);
        return { applicationId: t.applicationId, reference: t.reference, replyDueOn: t.replyDueOn!, workingDaysLate: state.kind === 'overdue' ? state.workingDaysLate : 0, escalated: t.escalatedAt !== null };
      }),
    },
  };
}
