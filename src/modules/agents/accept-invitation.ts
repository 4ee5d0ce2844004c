import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { agentInvitations, prefectures, users } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import { hashPassword } from '../../platform/passwords';
import { sha256 } from '../../platform/tokens';
import { isUniqueViolation } from '../../platform/unique-violation';
import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';
import { invitationStatus, type Invitation } from './invitation-status';
import { isInvitationToken } from './schemas';

/** Refused the same way, whatever the reason: spent, revoked, expired or never issued. */
const linkDead = () => new AppError('invalid_code', { logMessage: 'invitation link not usable' });
const addressTaken = () => new AppError('conflict', { fields: { _form: 'agents.errors.address_has_account' }, logMessage: 'invited address already has an account' });

/** The invitation behind a link, if it still works (to show the page before anything is spent). */
export async function peekInvitation(db: Db, token: string, now: Date): Promise<(Invitation & { prefectureName: string | null }) | null> {
  if (!isInvitationToken(token)) return null;
  const [row] = await db
    .select({ inv: agentInvitations, prefectureName: prefectures.name })
    .from(agentInvitations)
    .leftJoin(prefectures, eq(prefectures.code, agentInvitations.prefectureCode))
    .where(eq(agentInvitations.tokenHash, sha256(token)));
  if (!row || invitationStatus(row.inv, now) !== 'pending') return null;
  return { ...row.inv, prefectureName: row.prefectureName };
}

/**
 * Creates the agent account an invitation offers, with the password the invitee chose, and
 * opens a session that waits for the second factor: the next page is the forced enrolment of
 * an authenticator app, and nothing else opens before it is done. The link works once.
 *
 * An address that has an account by now (the person signed up in between, or a second
 * invitation was accepted first) is refused, never merged into it.
 */
export async function acceptInvitation(services: Services, input: { token: string; password: string }, meta: RequestMeta): Promise<{ userId: string; sessionToken: string }> {
  if (!isInvitationToken(input.token)) throw linkDead();
  // Hashed before the transaction: Argon2 takes tens of milliseconds, no row stays locked meanwhile.
  const passwordHash = await hashPassword(input.password);
  try {
    return await services.transact(async (tx) => {
      const now = services.clock.now();
      const [inv] = await tx.select().from(agentInvitations).where(eq(agentInvitations.tokenHash, sha256(input.token))).for('update');
      if (!inv || invitationStatus(inv, now) !== 'pending') throw linkDead();
      // The inviter may have been switched off since: what they started ends with them.
      const [inviter] = await tx.select({ deactivatedAt: users.deactivatedAt }).from(users).where(eq(users.id, inv.invitedBy));
      if (!inviter || inviter.deactivatedAt) throw linkDead();
      const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, inv.email));
      if (existing) throw addressTaken();
      const [user] = await tx
        .insert(users)
        .values({
          email: inv.email,
          // The link reached this mailbox: the address is confirmed.
          emailVerifiedAt: now,
          passwordHash,
          role: inv.role,
          prefectureCode: inv.prefectureCode,
          locale: meta.locale,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: users.id });
      const userId = user!.id;
      await tx.update(agentInvitations).set({ acceptedAt: now, userId }).where(eq(agentInvitations.id, inv.id));
      const actor = { ...meta.actor, id: userId, role: inv.role };
      await appendAudit(tx, actor, now, { action: 'agent.invitation_accepted', subjectType: 'agent_invitation', subjectId: inv.id, data: { userId } });
      await appendAudit(tx, actor, now, {
        action: 'account.created',
        subjectType: 'user',
        subjectId: userId,
        data: { role: inv.role, prefectureCode: inv.prefectureCode, invitationId: inv.id, invitedBy: inv.invitedBy },
      });
      const sessionToken = await services.sessions.create(tx, userId, { mfaPending: true, userAgent: meta.userAgent, ip: meta.ip });
      return { userId, sessionToken };
    });
  } catch (err) {
    // Two acceptances for one address at the same instant: the unique address decides.
    if (isUniqueViolation(err)) throw addressTaken();
    throw err;
  }
}
