import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { applications, users, type Role } from '../../db/schema';
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
  return fileForAgent(tx, applicationId, agent, roles, { lock: true });
}

/** The same check for reading a file (no lock): pages of the agents' side. */
export function findFileForAgent(db: Db, applicationId: string, agent: Actor, roles: readonly Role[]): Promise<ApplicationRow> {
  return fileForAgent(db, applicationId, agent, roles, { lock: false });
}

async function fileForAgent(db: Db, applicationId: string, agent: Actor, roles: readonly Role[], options: { lock: boolean }): Promise<ApplicationRow> {
  if (!UUID.test(applicationId) || !agent.id) throw new AppError('not_found');
  const query = db.select().from(applications).where(eq(applications.id, applicationId));
  const [app] = options.lock ? await query.for('update') : await query;
  const [user] = await db.select({ role: users.role, prefectureCode: users.prefectureCode }).from(users).where(eq(users.id, agent.id));
  if (!app || !user || !roles.includes(user.role) || user.prefectureCode !== app.prefectureCode) {
    throw new AppError('not_found', { logMessage: `agent ${agent.id} may not act on application ${applicationId}` });
  }
  return app;
}
