import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users, type Role } from '../../db/schema';
import type { Actor } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import { agentRoles, isPrefectureRole } from '../backoffice/agent-roles';

/**
 * Who may create and switch off agent accounts. The platform administrator, for every agent
 * role and every prefecture. A head of office, for the case officers and desk agents of their
 * own prefecture only: they know who joins and leaves their office, and sparing the national
 * administrator that work makes an account appear (or end) the day it should. A head of office
 * can never give a role as powerful as their own, nor reach another prefecture.
 */
export interface Manager {
  id: string;
  role: Role;
  prefectureCode: string | null;
}

const headOfOfficeMay: readonly Role[] = ['case_officer', 'desk_agent'];

/** The roles a manager may give, in the order the form offers them. */
export function invitableRoles(manager: Manager): readonly Role[] {
  if (manager.role === 'admin') return agentRoles;
  if (manager.role === 'head_of_office' && manager.prefectureCode) return headOfOfficeMay;
  return [];
}

/** Whether a manager may invite, re-invite, revoke or switch off an agent of this role and prefecture. */
export function mayManage(manager: Manager, target: { role: Role; prefectureCode: string | null }): boolean {
  if (!invitableRoles(manager).includes(target.role)) return false;
  if (manager.role === 'admin') return true;
  return isPrefectureRole(target.role) && target.prefectureCode === manager.prefectureCode;
}

/** The prefectures whose agents a manager sees: all (null) for the administrator. */
export const managedPrefecture = (manager: Manager): string | null => (manager.role === 'admin' ? null : manager.prefectureCode);

/**
 * The acting manager, read again from the database inside the transaction: a role changed or
 * an account switched off a second ago counts now. Anyone else is "not found".
 */
export async function loadManager(db: Db, actor: Actor): Promise<Manager> {
  if (!actor.id) throw new AppError('not_found');
  const [row] = await db.select({ id: users.id, role: users.role, prefectureCode: users.prefectureCode, deactivatedAt: users.deactivatedAt }).from(users).where(eq(users.id, actor.id));
  if (!row || row.deactivatedAt || invitableRoles(row).length === 0) throw new AppError('not_found', { logMessage: `${actor.id} manages no agents` });
  return { id: row.id, role: row.role, prefectureCode: row.prefectureCode };
}
