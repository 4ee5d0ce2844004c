import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { applications, users, type Role } from '../../db/schema';
import { areaRoles } from './agent-roles';
import type { Actor } from '../../platform/audit';
import { AppError } from '../../platform/errors';

type ApplicationRow = typeof applications.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Who may do what to a file's attestations, by role (deny by default). */
export const officeRoles = {
  /** Decide, mark complete, block or lift a block: the case officers and their head. */
  examine: ['case_officer', 'head_of_office'],
  /** Hand the card over: also the desk, where the appointment takes place. */
  handOver: ['case_officer', 'head_of_office', 'desk_agent'],
} as const satisfies Record<string, readonly Role[]>;

/**
 * Locks an application for the rest of the transaction and checks that the agent belongs to its
 * prefecture with one of `roles`. Anything else — a malformed id, another prefecture's file, an
 * applicant posing as an agent — answers "not found", revealing nothing.
 */
export function lockFileForAgent(tx: Db, applicationId: string, agent: Actor, roles: readonly Role[]): Promise<ApplicationRow> {
  return fileForActor(tx, applicationId, agent, roles, { lock: true });
}

/** An agent of a prefecture, as the database knows them right now. */
export interface PrefectureAgent {
  id: string;
  role: Role;
  prefectureCode: string;
}

/**
 * The acting agent of a prefecture with one of `roles`, read from the database (a role or
 * prefecture changed a second ago counts now; a switched-off account counts for nothing).
 * Anyone else is "not found".
 */
export async function loadOfficeAgent(db: Db, actor: Actor, roles: readonly Role[]): Promise<PrefectureAgent> {
  if (!actor.id) throw new AppError('not_found');
  const [row] = await db.select({ id: users.id, role: users.role, prefectureCode: users.prefectureCode, deactivatedAt: users.deactivatedAt }).from(users).where(eq(users.id, actor.id));
  if (!row || row.deactivatedAt || !row.prefectureCode || !roles.includes(row.role)) throw new AppError('not_found', { logMessage: `${actor.id} is not an office agent here` });
  return { id: row.id, role: row.role, prefectureCode: row.prefectureCode };
}

/**
 * The check of `lockFileForAgent` for an agent known by id only (the role and prefecture are read
 * from the database), with or without the lock.
 */
export async function fileForActor(db: Db, applicationId: string, actor: Actor, roles: readonly Role[], options: { lock: boolean }): Promise<ApplicationRow> {
  if (!UUID.test(applicationId)) throw new AppError('not_found');
  const agent = await loadOfficeAgent(db, actor, roles);
  const query = db
    .select()
    .from(applications)
    .where(and(eq(applications.id, applicationId), eq(applications.prefectureCode, agent.prefectureCode)));
  const [app] = options.lock ? await query.for('update') : await query;
  // A draft is the person's own until filed: the office cannot reach it either.
  if (!app || !app.filedAt) throw new AppError('not_found', { logMessage: `agent ${agent.id} may not act on application ${applicationId}` });
  return app;
}

/** The signed-in agent, as the session knows them. */
export interface OfficeAgent {
  id: string;
  role: string;
  prefectureCode: string | null;
}

/**
 * Reads a file for an agent of its prefecture with one of `roles` (no lock: for pages). The
 * same "not found" as `lockFileForAgent` for anything else. The session's role and prefecture
 * are the ones checked: they were read from the database for this request.
 */
export async function findFileForAgent(db: Db, applicationId: string, agent: OfficeAgent, roles: readonly Role[] = areaRoles.office): Promise<ApplicationRow> {
  if (!UUID.test(applicationId) || !agent.prefectureCode || !(roles as readonly string[]).includes(agent.role)) throw new AppError('not_found');
  const [app] = await db
    .select()
    .from(applications)
    .where(and(eq(applications.id, applicationId), eq(applications.prefectureCode, agent.prefectureCode)));
  // A draft is the person's own until filed: the office does not see it.
  if (!app || !app.filedAt) throw new AppError('not_found', { logMessage: `agent ${agent.id} may not read application ${applicationId}` });
  return app;
}

/** The officers a file of this prefecture can be assigned to: its case officers and heads of office. */
export async function prefectureOfficers(db: Db, prefectureCode: string): Promise<{ id: string; email: string }[]> {
  const rows = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(eq(users.prefectureCode, prefectureCode), inArray(users.role, [...officeRoles.examine]), isNull(users.deactivatedAt)))
    .orderBy(asc(users.email));
  // Agents always have an address (invitations need one); only counter-filed applicants have none.
  return rows.flatMap((r) => (r.email ? [{ id: r.id, email: r.email }] : []));
}
