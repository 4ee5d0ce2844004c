import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { applications, users, type Role } from '../../db/schema';
import type { Actor } from '../../platform/audit';
import { AppError } from '../../platform/errors';

export interface OfficeAgent {
  id: string;
  role: Role;
  prefectureCode: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The acting agent of a prefecture with one of `roles`, read from the database (a role or
 * prefecture changed a second ago counts now; a switched-off account counts for nothing).
 * Anyone else is "not found".
 */
export async function loadOfficeAgent(db: Db, actor: Actor, roles: readonly Role[]): Promise<OfficeAgent> {
  if (!actor.id) throw new AppError('not_found');
  const [row] = await db.select({ id: users.id, role: users.role, prefectureCode: users.prefectureCode, deactivatedAt: users.deactivatedAt }).from(users).where(eq(users.id, actor.id));
  if (!row || row.deactivatedAt || !row.prefectureCode || !roles.includes(row.role)) throw new AppError('not_found', { logMessage: `${actor.id} is not an office agent here` });
  return { id: row.id, role: row.role, prefectureCode: row.prefectureCode };
}

/**
 * Reads a file for an agent of its prefecture, without locking it (for pages; changes go
 * through `lockFileForAgent`). Another prefecture's file, a malformed id: "not found".
 */
export async function readFileForAgent(db: Db, applicationId: string, actor: Actor, roles: readonly Role[]) {
  const agent = await loadOfficeAgent(db, actor, roles);
  if (!UUID.test(applicationId)) throw new AppError('not_found');
  const [app] = await db
    .select()
    .from(applications)
    .where(and(eq(applications.id, applicationId), eq(applications.prefectureCode, agent.prefectureCode)));
  if (!app) throw new AppError('not_found', { logMessage: `agent ${agent.id} may not read application ${applicationId}` });
  return { agent, app };
}
