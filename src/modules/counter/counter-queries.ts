import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { applications, counterFilings, profiles } from '../../db/schema';
import type { CounterListItem } from './views/counter-home-page';

/** "Given names SURNAME" as typed at the desk (Latin form first). */
export async function personName(db: Db, applicantId: string): Promise<string> {
  const [p] = await db.select().from(profiles).where(eq(profiles.userId, applicantId));
  return [p?.givenNamesLatin ?? p?.givenNames, (p?.surnameLatin ?? p?.surname)?.toUpperCase()].filter(Boolean).join(' ');
}

/** The latest counter filings of one prefecture, newest first. */
export async function recentCounterFilings(db: Db, prefectureCode: string, limit = 50): Promise<CounterListItem[]> {
  const rows = await db
    .select({
      id: counterFilings.id,
      createdAt: counterFilings.createdAt,
      claimedAt: counterFilings.claimedAt,
      given: sql<string | null>`coalesce(${profiles.givenNamesLatin}, ${profiles.givenNames})`,
      surname: sql<string | null>`coalesce(${profiles.surnameLatin}, ${profiles.surname})`,
      procedureId: applications.procedureId,
      status: applications.status,
      reference: applications.reference,
    })
    .from(counterFilings)
    .leftJoin(profiles, eq(profiles.userId, counterFilings.applicantId))
    .leftJoin(applications, eq(applications.id, counterFilings.applicationId))
    .where(eq(counterFilings.prefectureCode, prefectureCode))
    .orderBy(desc(counterFilings.createdAt))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    name: [r.given, r.surname?.toUpperCase()].filter(Boolean).join(' '),
    procedureId: r.procedureId,
    status: r.status,
    reference: r.reference,
    claimed: r.claimedAt !== null,
  }));
}
