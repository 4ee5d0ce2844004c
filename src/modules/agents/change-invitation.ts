import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { agentInvitations } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { DAY } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { randomToken, sha256 } from '../../platform/tokens';
import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';
import { sendInvitationMail } from './invitation-mail';
import { invitationStatus, type Invitation } from './invitation-status';
import { loadManager, mayManage } from './manage-policy';
import { INVITATION_DAYS } from './schemas';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An invitation the acting manager may change, locked; anything else is "not found". */
async function lockManagedInvitation(tx: Db, invitationId: string, meta: RequestMeta): Promise<Invitation> {
  const manager = await loadManager(tx, meta.actor);
  if (!UUID.test(invitationId)) throw new AppError('not_found');
  const [inv] = await tx.select().from(agentInvitations).where(eq(agentInvitations.id, invitationId)).for('update');
  if (!inv || !mayManage(manager, inv)) throw new AppError('not_found', { logMessage: `invitation ${invitationId} out of reach` });
  return inv;
}

/**
 * Sends an invitation again with a new link (the old one dies) and a new week: for a mail that
 * was lost, or a link that expired. An accepted or revoked invitation cannot be re-sent.
 */
export async function resendInvitation(services: Services, invitationId: string, meta: RequestMeta): Promise<void> {
  await services.transact(async (tx) => {
    const inv = await lockManagedInvitation(tx, invitationId, meta);
    const now = services.clock.now();
    const status = invitationStatus(inv, now);
    if (status === 'accepted' || status === 'revoked') throw new AppError('conflict', { logMessage: `invitation ${inv.id} is ${status}` });
    const token = randomToken();
    await tx
      .update(agentInvitations)
      .set({ tokenHash: sha256(token), lastSentAt: now, expiresAt: new Date(now.getTime() + INVITATION_DAYS * DAY) })
      .where(eq(agentInvitations.id, inv.id));
    await appendAudit(tx, meta.actor, now, { action: 'agent.invitation_resent', subjectType: 'agent_invitation', subjectId: inv.id, data: { email: inv.email } });
    await sendInvitationMail(tx, services, inv, token);
  });
}

/** Withdraws a pending invitation: its link stops working at once. Revoking twice changes nothing. */
export async function revokeInvitation(services: Services, invitationId: string, meta: RequestMeta): Promise<void> {
  await services.transact(async (tx) => {
    const inv = await lockManagedInvitation(tx, invitationId, meta);
    if (inv.revokedAt) return;
    if (inv.acceptedAt) throw new AppError('conflict', { logMessage: `invitation ${inv.id} already accepted` });
    const now = services.clock.now();
    await tx.update(agentInvitations).set({ revokedAt: now, revokedBy: meta.actor.id }).where(eq(agentInvitations.id, inv.id));
    await appendAudit(tx, meta.actor, now, { action: 'agent.invitation_revoked', subjectType: 'agent_invitation', subjectId: inv.id, data: { email: inv.email } });
  });
}
