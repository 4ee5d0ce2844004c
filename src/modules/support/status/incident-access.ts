import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { users, type Role } from '../../../db/schema';
import type { Actor } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import { areaRoles } from '../../backoffice/agent-roles';

/** Who declares and updates incidents on the public status page: the contact centre and the administrators. */
export const incidentRoles: readonly Role[] = [...areaRoles.support, ...areaRoles.admin];

/** Checks the role in the database (a session's copy may be stale); anyone else: "not found". */
export async function assertIncidentManager(db: Db, actor: Actor): Promise<void> {
  if (!actor.id) throw new AppError('not_found');
  const [u] = await db.select({ role: users.role }).from(users).where(eq(users.id, actor.id));
  if (!u || !incidentRoles.includes(u.role)) throw new AppError('not_found', { logMessage: `user ${actor.id} may not manage incidents` });
}
