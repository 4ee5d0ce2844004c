import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';
import { isAgentRole } from '../backoffice/agent-roles';
import { loadManager, mayManage } from './manage-policy';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Switches an agent account off or on again. Off: every session ends in the same transaction
 * and the password no longer opens it (log-in answers as for a wrong password). On: the agent
 * logs in again with their password and second factor. Nobody switches their own account off;
 * an applicant's account is not reached here at all ("not found").
 */
export async function setAgentActive(services: Services, input: { agentId: string; active: boolean }, meta: RequestMeta): Promise<void> {
  await services.transact(async (tx) => {
    const manager = await loadManager(tx, meta.actor);
    if (!UUID.test(input.agentId)) throw new AppError('not_found');
    const [agent] = await tx.select().from(users).where(eq(users.id, input.agentId)).for('update');
    if (!agent || !isAgentRole(agent.role) || !mayManage(manager, agent)) throw new AppError('not_found', { logMessage: `agent ${input.agentId} out of reach` });
    if (agent.id === manager.id) throw new AppError('conflict', { logMessage: 'an agent cannot switch their own account off' });
    if (Boolean(agent.deactivatedAt) === !input.active) return;
    const now = services.clock.now();
    await tx
      .update(users)
      .set({ deactivatedAt: input.active ? null : now, failedLogins: 0, lockedUntil: null, updatedAt: now })
      .where(eq(users.id, agent.id));
    if (!input.active) await services.sessions.destroyAllFor(tx, agent.id);
    await appendAudit(tx, meta.actor, now, {
      action: input.active ? 'agent.reactivated' : 'agent.deactivated',
      subjectType: 'user',
      subjectId: agent.id,
      data: { role: agent.role, prefectureCode: agent.prefectureCode },
    });
  });
}
