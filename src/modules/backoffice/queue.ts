import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { applications, applicationStatuses, documentRequests, OPEN_IN_OFFICE, profiles } from '../../db/schema';
import { procedures } from '../procedures/catalogue';

export const QUEUE_PAGE_SIZE = 50;
/** Pages are numbered (offset), capped: past this, the filters narrow the list instead. */
export const QUEUE_MAX_PAGES = 100;
/** The count stops here: "more than 5,000" says enough and costs a bounded scan. */
export const QUEUE_COUNT_CAP = QUEUE_PAGE_SIZE * QUEUE_MAX_PAGES;

const procedureIds = procedures.map((p) => p.id) as [string, ...string[]];

/**
 * The queue's filters, from the query string: anything unknown falls back to the default rather
 * than failing (a link is shared, a catalogue changes). `officer`: `me`, `none`, or an officer's
 * id (checked against the prefecture's officers by the query itself — a foreign id finds nothing).
 */
export const queueFilters = z.object({
  status: z.enum(['open', ...applicationStatuses.filter((s) => s !== 'draft')]).catch('open'),
  procedure: z.enum(procedureIds).optional().catch(undefined),
  officer: z
    .union([z.enum(['me', 'none']), z.uuid()])
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(QUEUE_MAX_PAGES).catch(1),
});
export type QueueFilters = z.infer<typeof queueFilters>;

export interface QueueRow {
  id: string;
  reference: string | null;
  procedureId: string;
  status: (typeof applicationStatuses)[number];
  filedAt: Date | null;
  completedAt: Date | null;
  priorityOn: string | null;
  rightsEndOn: string | null;
  assignedOfficerId: string | null;
  currentPermitExpiresOn: string | null;
  surname: string | null;
  givenNames: string | null;
  /** Reply deadline of the open document request. */
  documentsDueOn: string | null;
}

export interface QueuePage {
  rows: QueueRow[];
  page: number;
  hasNext: boolean;
  /** Files matching the filters, up to `QUEUE_COUNT_CAP` (then `capped`). */
  total: number;
  capped: boolean;
}

function conditions(prefectureCode: string, f: QueueFilters, viewerId: string): SQL[] {
  // The open statuses are written as the partial indexes' own predicate, so the planner uses them.
  const where: SQL[] = [eq(applications.prefectureCode, prefectureCode), f.status === 'open' ? sql.raw(`"applications".${OPEN_IN_OFFICE}`) : eq(applications.status, f.status)];
  if (f.procedure) where.push(eq(applications.procedureId, f.procedure));
  if (f.officer === 'me') where.push(eq(applications.assignedOfficerId, viewerId));
  else if (f.officer === 'none') where.push(isNull(applications.assignedOfficerId));
  else if (f.officer) where.push(eq(applications.assignedOfficerId, f.officer));
  return where;
}

export function queuePageQuery(db: Db, prefectureCode: string, f: QueueFilters, viewerId: string) {
  // The page is cut first, on the index alone; only its 51 rows then meet their profile (an
  // offset deep in the queue would otherwise join every skipped row too).
  const page = db
    .select({
      id: applications.id,
      applicantId: applications.applicantId,
      reference: applications.reference,
      procedureId: applications.procedureId,
      status: applications.status,
      filedAt: applications.filedAt,
      completedAt: applications.completedAt,
      priorityOn: applications.priorityOn,
      rightsEndOn: applications.rightsEndOn,
      assignedOfficerId: applications.assignedOfficerId,
      currentPermitExpiresOn: applications.currentPermitExpiresOn,
    })
    .from(applications)
    .where(and(...conditions(prefectureCode, f, viewerId)))
    .orderBy(asc(applications.priorityOn), asc(applications.id))
    .limit(QUEUE_PAGE_SIZE + 1)
    .offset((f.page - 1) * QUEUE_PAGE_SIZE)
    .as('page');
  return db
    .select({
      id: page.id,
      reference: page.reference,
      procedureId: page.procedureId,
      status: page.status,
      filedAt: page.filedAt,
      completedAt: page.completedAt,
      priorityOn: page.priorityOn,
      rightsEndOn: page.rightsEndOn,
      assignedOfficerId: page.assignedOfficerId,
      currentPermitExpiresOn: page.currentPermitExpiresOn,
      surname: sql<string | null>`coalesce(${profiles.surnameLatin}, ${profiles.surname})`,
      givenNames: sql<string | null>`coalesce(${profiles.givenNamesLatin}, ${profiles.givenNames})`,
    })
    .from(page)
    .leftJoin(profiles, eq(profiles.userId, page.applicantId))
    .orderBy(asc(page.priorityOn), asc(page.id));
}

/** The number of matching files, counted no further than the cap. */
export function queueCountSql(prefectureCode: string, f: QueueFilters, viewerId: string) {
  return sql`select count(*)::int as n from (select 1 from ${applications} where ${and(...conditions(prefectureCode, f, viewerId))} limit ${QUEUE_COUNT_CAP + 1}) capped`;
}

/**
 * One page of a prefecture's queue, by risk date (`priority_on`, see `queue-priority.ts`) then
 * id, on the indexes `applications_queue_*`: the prefecture's open files, one status, or one
 * officer's files, read in order — no sort of the whole prefecture. Three statements: the page
 * (with the applicant's name), the open requests' deadlines of those files, a capped count.
 */
export async function loadQueue(db: Db, prefectureCode: string, f: QueueFilters, viewerId: string): Promise<QueuePage> {
  const [page, counted] = await Promise.all([queuePageQuery(db, prefectureCode, f, viewerId), db.execute<{ n: number }>(queueCountSql(prefectureCode, f, viewerId))]);
  const rows = page.slice(0, QUEUE_PAGE_SIZE);
  const due = rows.length === 0 ? [] : await db
    .select({ applicationId: documentRequests.applicationId, dueOn: documentRequests.dueOn })
    .from(documentRequests)
    .where(and(inArray(documentRequests.applicationId, rows.map((r) => r.id)), isNull(documentRequests.fulfilledAt), isNull(documentRequests.cancelledAt)));
  const dueOf = new Map(due.map((d) => [d.applicationId, d.dueOn]));
  const n = Number((counted as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
  return {
    rows: rows.map((r) => ({ ...r, documentsDueOn: dueOf.get(r.id) ?? null })),
    page: f.page,
    hasNext: page.length > QUEUE_PAGE_SIZE && f.page < QUEUE_MAX_PAGES,
    total: Math.min(n, QUEUE_COUNT_CAP),
    capped: n > QUEUE_COUNT_CAP,
  };
}
