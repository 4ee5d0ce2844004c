import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { agentInvitations, prefectures, users } from '../../db/schema';
import { agentRoles } from '../backoffice/agent-roles';
import type { Invitation } from './invitation-status';
import { managedPrefecture, type Manager } from './manage-policy';

/** Enough for one page of a prefecture's team or a national list; a filter narrows it. */
export const AGENT_LIST_LIMIT = 500;

export interface AgentRow {
  id: string;
  email: string;
  role: (typeof users.$inferSelect)['role'];
  prefectureCode: string | null;
  prefectureName: string | null;
  totpEnabled: boolean;
  deactivatedAt: Date | null;
}

/**
 * The agents and invitations a manager sees: every one for the administrator (optionally one
 * prefecture's), their own prefecture's for a head of office.
 */
export async function listAgents(db: Db, manager: Manager, filterPrefecture: string | null): Promise<{ agents: AgentRow[]; invitations: (Invitation & { prefectureName: string | null })[] }> {
  const scope = managedPrefecture(manager) ?? filterPrefecture;
  const agentWhere: SQL[] = [inArray(users.role, [...agentRoles])];
  const invitationWhere: SQL[] = [];
  if (scope) {
    agentWhere.push(eq(users.prefectureCode, scope));
    invitationWhere.push(eq(agentInvitations.prefectureCode, scope));
  }
  const [agents, invitations] = await Promise.all([
    db
      .select({
        id: users.id,
        email: users.email,
        role: users.role,
        prefectureCode: users.prefectureCode,
        prefectureName: prefectures.name,
        totpEnabledAt: users.totpEnabledAt,
        deactivatedAt: users.deactivatedAt,
      })
      .from(users)
      .leftJoin(prefectures, eq(prefectures.code, users.prefectureCode))
      .where(and(...agentWhere))
      .orderBy(asc(users.prefectureCode), asc(users.role), asc(users.email))
      .limit(AGENT_LIST_LIMIT),
    db
      .select({ inv: agentInvitations, prefectureName: prefectures.name })
      .from(agentInvitations)
      .leftJoin(prefectures, eq(prefectures.code, agentInvitations.prefectureCode))
      .where(invitationWhere.length > 0 ? and(...invitationWhere) : undefined)
      .orderBy(desc(agentInvitations.createdAt))
      .limit(AGENT_LIST_LIMIT),
  ]);
  return {
    agents: agents.map((a) => ({ ...a, email: a.email ?? '', totpEnabled: a.totpEnabledAt !== null })),
    invitations: invitations.map((r) => ({ ...r.inv, prefectureName: r.prefectureName })),
  };
}
