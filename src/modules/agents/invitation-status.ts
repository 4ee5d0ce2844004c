import type { agentInvitations } from '../../db/schema';

export type Invitation = typeof agentInvitations.$inferSelect;
export type InvitationStatus = 'pending' | 'expired' | 'accepted' | 'revoked';

/** Where an invitation stands now; only a pending one's link works. */
export function invitationStatus(inv: Pick<Invitation, 'acceptedAt' | 'revokedAt' | 'expiresAt'>, now: Date): InvitationStatus {
  if (inv.acceptedAt) return 'accepted';
  if (inv.revokedAt) return 'revoked';
  return inv.expiresAt <= now ? 'expired' : 'pending';
}
