import { and, asc, eq, isNull, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { applications, applicationStatuses, documentRequests, OPEN_IN_OFFICE, profiles } from '../../db/schema';
import { procedures } from '../procedures/catalogue';

export const QUEUE_PAGE_SIZE = 50;
/** Pages are numbered (offset), capped: past this, the filters narrow the list instead. */
export const QUEUE_MAX_PAGES = 100;
/**
 * The count stops here and the page says "more than 1,000": enough to tell a desk it is
 * swamped, and a bounded scan of 1,001 index entries on every page (counting to 5,000, the
 * last page, cost a third of the queue statement's time in PostgreSQL; an exact count, a scan
 * of the prefecture's every open file).
 */
export const QUEUE_COUNT_CAP = 1_000;

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
  /** The Paris calendar days of filing and completeness (the clocks of `queue-priority.ts` run on days). */
  filedOn: string | null;
  completedOn: string | null;
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

/**
 * What a query string does to the statement: the filters present, not their values. Each
 * shape is one prepared statement (3 × 2 × 2 = 12 at most), the values are its parameters.
 */
interface QueueShape {
  /** The default view (the open statuses, on their partial index) or one status. */
  open: boolean;
  procedure: boolean;
  officer: 'any' | 'none' | 'one';
}

/** The parameters of a shape's statement, by name. */
type QueueParams = {
  prefecture: string;
  status: string;
  procedure: string;
  officer: string;
  offset: number;
};

function shapeOf(f: QueueFilters): QueueShape {
  return { open: f.status === 'open', procedure: f.procedure !== undefined, officer: f.officer === undefined ? 'any' : f.officer === 'none' ? 'none' : 'one' };
}

function paramsOf(prefectureCode: string, f: QueueFilters, viewerId: string): QueueParams {
  // A statement reads only the parameters of its shape: the others are ignored.
  return {
    prefecture: prefectureCode,
    status: f.status,
    procedure: f.procedure ?? '',
    officer: f.officer === 'me' ? viewerId : (f.officer ?? ''),
    offset: (f.page - 1) * QUEUE_PAGE_SIZE,
  };
}

type Param = <K extends keyof QueueParams>(name: K) => Placeholder<K> | QueueParams[K];

function conditions(shape: QueueShape, param: Param): SQL[] {
  // The open statuses are written as the partial indexes' own predicate, so the planner uses them.
  const where: SQL[] = [eq(applications.prefectureCode, param('prefecture')), shape.open ? sql.raw(`"applications".${OPEN_IN_OFFICE}`) : eq(applications.status, sql`${param('status')}`)];
  if (shape.procedure) where.push(eq(applications.procedureId, sql`${param('procedure')}`));
  if (shape.officer === 'none') where.push(isNull(applications.assignedOfficerId));
  else if (shape.officer === 'one') where.push(eq(applications.assignedOfficerId, param('officer')));
  return where;
}

/**
 * The whole queue in one statement: the capped count, then (lateral) the page cut on the index
 * alone — an offset deep in the queue skips index entries, never joins them — then only the
 * page's 51 rows meet their applicant's name and their open document request (at most one per
 * file: `document_requests_one_open_key`). A count of 0 still returns one row, with no file.
 * `param` gives placeholders (the prepared statement) or values (EXPLAIN in the benchmark).
 */
function queueQuery(db: Db, shape: QueueShape, param: Param) {
  const where = () => and(...conditions(shape, param));
  const capped = db.select({ one: sql`1`.as('one') }).from(applications).where(where()).limit(QUEUE_COUNT_CAP + 1).as('capped');
  const counted = db.select({ n: sql<number>`count(*)::int`.as('n') }).from(capped).as('counted');
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
    .where(where())
    .orderBy(asc(applications.priorityOn), asc(applications.id))
    .limit(QUEUE_PAGE_SIZE + 1)
    .offset(param('offset'))
    .as('page');
  return db
    .select({
      total: counted.n,
      id: page.id,
      reference: page.reference,
      procedureId: page.procedureId,
      status: page.status,
      // Paris days computed by PostgreSQL (the same IANA zone as `parisDate`): a page of 50
      // files otherwise builds and formats a hundred Dates, a few per cent of its CPU.
      filedOn: sql<string | null>`to_char(${page.filedAt} at time zone 'Europe/Paris', 'YYYY-MM-DD')`,
      completedOn: sql<string | null>`to_char(${page.completedAt} at time zone 'Europe/Paris', 'YYYY-MM-DD')`,
      priorityOn: page.priorityOn,
      rightsEndOn: page.rightsEndOn,
      assignedOfficerId: page.assignedOfficerId,
      currentPermitExpiresOn: page.currentPermitExpiresOn,
      surname: sql<string | null>`coalesce(${profiles.surnameLatin}, ${profiles.surname})`,
      givenNames: sql<string | null>`coalesce(${profiles.givenNamesLatin}, ${profiles.givenNames})`,
      documentsDueOn: sql<string | null>`(select ${documentRequests.dueOn} from ${documentRequests} where ${documentRequests.applicationId} = ${page.id} and ${documentRequests.fulfilledAt} is null and ${documentRequests.cancelledAt} is null)`,
    })
    .from(counted)
    .leftJoinLateral(page, sql`true`)
    .leftJoin(profiles, eq(profiles.userId, page.applicantId))
    .orderBy(asc(page.priorityOn), asc(page.id));
}

/** The queue statement with its values inline, as `loadQueue` runs it: for EXPLAIN. */
export function queueQueryWithValues(db: Db, prefectureCode: string, f: QueueFilters, viewerId: string) {
  const values = paramsOf(prefectureCode, f, viewerId);
  return queueQuery(db, shapeOf(f), (name) => values[name]);
}

/**
 * Built once: drizzle does not rebuild the SQL on each page (a measurable share of its CPU).
 * Unnamed on purpose (the empty name): PostgreSQL plans each execution with its values. A named
 * statement would go over to a generic plan after five runs, and prefectures are not alike —
 * Paris holds a fifth of all files, a generic plan assumes a hundredth: on "my files" it then
 * ANDs the prefecture's whole status index with the officer's (56 ms instead of 2.6 ms,
 * measured on the benchmark's 200,000 files).
 */
function prepareQueue(db: Db, shape: QueueShape) {
  return queueQuery(db, shape, (p) => sql.placeholder(p)).prepare('');
}

// One statement per shape and database (the queue is every office agent's first page).
const prepared = new WeakMap<Db, Map<string, ReturnType<typeof prepareQueue>>>();
function queueStatement(db: Db, shape: QueueShape) {
  let byShape = prepared.get(db);
  if (!byShape) prepared.set(db, (byShape = new Map()));
  const key = `${shape.open}|${shape.procedure}|${shape.officer}`;
  let statement = byShape.get(key);
  if (!statement) byShape.set(key, (statement = prepareQueue(db, shape)));
  return statement;
}

/**
 * One page of a prefecture's queue, by risk date (`priority_on`, see `queue-priority.ts`) then
 * id, on the indexes `applications_queue_*`: the prefecture's open files, one status, or one
 * officer's files, read in order — no sort of the whole prefecture. One round trip (see
 * `queueQuery`); the count stops at `QUEUE_COUNT_CAP`.
 */
export async function loadQueue(db: Db, prefectureCode: string, f: QueueFilters, viewerId: string): Promise<QueuePage> {
  const result = await queueStatement(db, shapeOf(f)).execute(paramsOf(prefectureCode, f, viewerId));
  const n = Number(result[0]?.total ?? 0);
  const files = result.flatMap(({ total: _total, id, ...r }) => (id === null ? [] : [{ ...r, id } as QueueRow]));
  return {
    rows: files.slice(0, QUEUE_PAGE_SIZE),
    page: f.page,
    hasNext: files.length > QUEUE_PAGE_SIZE && f.page < QUEUE_MAX_PAGES,
    total: Math.min(n, QUEUE_COUNT_CAP),
    capped: n > QUEUE_COUNT_CAP,
  };
}
