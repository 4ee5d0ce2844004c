import { eq } from 'drizzle-orm';
import { agentInvitations, prefectures, type Role } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import { DAY } from '../../platform/clock';
import { randomToken, sha256 } from '../../platform/tokens';
import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';
import { isPrefectureRole } from '../backoffice/agent-roles';
import { sendInvitationMail } from './invitation-mail';
import { loadManager, mayManage } from './manage-policy';
import { INVITATION_DAYS } from './schemas';

export interface InviteInput {
  email: string;
  role: Role;
  /** For a prefecture role; a head of office always invites into their own prefecture. */
  prefectureCode: string | null;
}

/**
 * Invites an address to become an agent with a role (and a prefecture for the prefecture
 * roles): one mail with a single-use link valid INVITATION_DAYS days. Audited with the inviter
 * as actor. The answer is the same whether or not the address already has an account.
 */
export async function inviteAgent(services: Services, input: InviteInput, meta: RequestMeta): Promise<{ invitationId: string }> {
  return services.transact(async (tx) => {
    const manager = await loadManager(tx, meta.actor);
    const prefectureCode = isPrefectureRole(input.role) ? (manager.role === 'admin' ? input.prefectureCode : manager.prefectureCode) : null;
    if (isPrefectureRole(input.role) && !prefectureCode) throw new AppError('validation_failed', { fields: { prefectureCode: 'agents.errors.prefecture_required' } });
    if (!mayManage(manager, { role: input.role, prefectureCode })) throw new AppError('validation_failed', { fields: { role: 'agents.errors.role_not_allowed' } });
    if (prefectureCode) {
      const [known] = await tx.select({ code: prefectures.code }).from(prefectures).where(eq(prefectures.code, prefectureCode));
      if (!known) throw new AppError('validation_failed', { fields: { prefectureCode: 'agents.errors.prefecture_required' } });
    }
    const now = services.clock.now();
    const token = randomToken();
    const [invitation] = await tx
      .insert(agentInvitations)
      .values({
        email: input.email,
        role: input.role,
        prefectureCode,
        tokenHash: sha256(token),
        invitedBy: manager.id,
        createdAt: now,
        lastSentAt: now,
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * DAY),
      })
      .returning({ id: agentInvitations.id });
    await appendAudit(tx, meta.actor, now, {
      action: 'agent.invited',
      subjectType: 'agent_invitation',
      subjectId: invitation!.id,
      data: { email: input.email, role: input.role, prefectureCode },
    });
    await sendInvitationMail(tx, services, { email: input.email, role: input.role, prefectureCode }, token);
    return { invitationId: invitation!.id };
  });
}
