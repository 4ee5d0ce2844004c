import { and, asc, eq, inArray, isNull, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { prefectures, users } from '../../db/schema';
import { officeRoles } from './office-access';

export interface QueueOffice {
  prefectureName: string;
  /** The officers the filter offers: the same as `prefectureOfficers` (case officers and heads of office, active). */
  officers: { id: string; email: string }[];
}

function prepareOffice(db: Db) {
  // The prefecture and its officers in one round trip; the officers are on the partial index
  // `users_prefecture_role_idx` (only agents have a prefecture).
  return db
    .select({ prefectureName: prefectures.name, id: users.id, email: users.email })
    .from(prefectures)
    .leftJoin(users, and(eq(users.prefectureCode, prefectures.code), inArray(users.role, [...officeRoles.examine]), isNull(users.deactivatedAt), isNotNull(users.email)))
    .where(eq(prefectures.code, sql.placeholder('prefecture')))
    .orderBy(asc(users.email))
    .prepare('queue_office');
}

// Built and named once per database, as the queue's own statement (see `queue.ts`).
const prepared = new WeakMap<Db, ReturnType<typeof prepareOffice>>();

/** The queue page's header: the prefecture's name and the officers of its filter. */
export async function loadQueueOffice(db: Db, prefectureCode: string): Promise<QueueOffice> {
  let statement = prepared.get(db);
  if (!statement) prepared.set(db, (statement = prepareOffice(db)));
  const rows = await statement.execute({ prefecture: prefectureCode });
  return {
    prefectureName: rows[0]?.prefectureName ?? '',
    officers: rows.flatMap((r) => (r.id && r.email ? [{ id: r.id, email: r.email }] : [])),
  };
}
