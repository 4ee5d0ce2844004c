import { and, asc, desc, eq, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { applications, messageThreads, profiles } from '../../db/schema';
import type { CalendarDate } from '../../platform/legal-dates';

export interface OfficeThread {
  threadId: string;
  applicationId: string;
  reference: string | null;
  procedureId: string;
  applicantName: string | null;
  awaitingReplySince: Date | null;
  replyDueOn: CalendarDate | null;
  escalatedAt: Date | null;
  lastMessageAt: Date;
  /** Messages from the applicant's side no agent has opened yet. */
  unread: number;
  overdue: boolean;
}

export const OFFICE_THREADS_LIMIT = 200;

const columns = (today: CalendarDate) => ({
  threadId: messageThreads.id,
  applicationId: applications.id,
  reference: applications.reference,
  procedureId: applications.procedureId,
  givenNames: profiles.givenNames,
  surname: profiles.surname,
  awaitingReplySince: messageThreads.awaitingReplySince,
  replyDueOn: messageThreads.replyDueOn,
  escalatedAt: messageThreads.escalatedAt,
  lastMessageAt: messageThreads.lastMessageAt,
  unread: sql<number>`(select count(*)::int from messages m where m.thread_id = ${messageThreads.id} and m.side = 'applicant' and m.read_at is null)`,
  overdue: sql<boolean>`coalesce(${messageThreads.replyDueOn} < ${today}::date, false)`,
});

type Row = Omit<OfficeThread, 'applicantName'> & { givenNames: string | null; surname: string | null };
const toThread = ({ givenNames, surname, ...rest }: Row): OfficeThread => ({ ...rest, applicantName: [givenNames, surname].filter(Boolean).join(' ') || null });

function base(db: Db, today: CalendarDate) {
  return db
    .select(columns(today))
    .from(messageThreads)
    .innerJoin(applications, eq(applications.id, messageThreads.applicationId))
    .leftJoin(profiles, eq(profiles.userId, applications.applicantId));
}

/**
 * The threads of a prefecture whose reply deadline has passed, longest overdue first: what the
 * head of office must unblock. The same list feeds `/bureau/messages` and, later, the head of
 * office's dashboard. Computed from the dates, so it is right even before the escalation job ran.
 */
export async function overdueThreads(db: Db, prefectureCode: string, today: CalendarDate): Promise<OfficeThread[]> {
  const rows = await base(db, today)
    .where(and(eq(applications.prefectureCode, prefectureCode), isNotNull(messageThreads.replyDueOn), lt(messageThreads.replyDueOn, today)))
    .orderBy(asc(messageThreads.replyDueOn), asc(messageThreads.awaitingReplySince))
    .limit(OFFICE_THREADS_LIMIT);
  return rows.map(toThread);
}

/** Every thread of a prefecture: overdue first, then those waiting for an answer by deadline, then the latest. */
export async function officeThreads(db: Db, prefectureCode: string, today: CalendarDate): Promise<OfficeThread[]> {
  const rows = await base(db, today)
    .where(eq(applications.prefectureCode, prefectureCode))
    .orderBy(sql`${messageThreads.replyDueOn} is null`, asc(messageThreads.replyDueOn), desc(messageThreads.lastMessageAt))
    .limit(OFFICE_THREADS_LIMIT);
  return rows.map(toThread);
}
