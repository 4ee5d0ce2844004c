import { and, eq, ne } from 'drizzle-orm';
import { recoveryCodes, users } from '../../../db/schema';
import { appendAudit } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import { hashPassword } from '../../../platform/passwords';
import { randomToken } from '../../../platform/tokens';
import type { Services } from '../../../services';
import { issueCode, peekLinkToken, spendLinkToken } from '../one-time-codes';
import type { RequestMeta } from '../request-meta';
import { mailLocale } from './notice-format';
import { retireLaterRevertLinks, retirePendingEmailChanges } from './revert-links';
import { isUniqueViolation } from '../../../platform/unique-violation';

export type RevertOutcome =
  | { kind: 'restored'; email: string }
  /** The old address now belongs to another confirmed account: the account is secured, support must finish. */
  | { kind: 'blocked' };

/**
 * "This was not me", from the notice sent to the replaced address: puts that address back and
 * locks the intruder out.
 *
 * Changing the address required the password, so whoever did it knows the password: it is
 * disabled along with every session, and a code to choose a new one goes to the restored
 * address. Whatever the intruder set up after taking the address — a phone number, a second
 * factor — is undone too: left in place, their authenticator would lock the owner out of the
 * account they just got back. Works without a session (the rightful owner may be locked out already).
 */
export async function revertEmailChange(services: Services, token: string, meta: RequestMeta): Promise<RevertOutcome> {
  const { clock } = services;
  // Anyone may post here: look at the link before paying for a password hash.
  if (!(await peekLinkToken(services.db, clock.now(), 'revert_email', token))) throw new AppError('invalid_code');
  // A hash of 256 random bits nobody knows: no password opens the account until the owner picks one.
  const disabledPasswordHash = await hashPassword(randomToken());
  const attempt = () =>
    services.transact(async (tx): Promise<RevertOutcome> => {
      const now = clock.now();
      const link = await spendLinkToken(tx, now, 'revert_email', token);
      const [user] = await tx.select().from(users).where(eq(users.id, link.userId)).for('update');
      // Codes go with their account (cascade), so this is a can't-happen kept for the type.
      if (!user) throw new AppError('invalid_code');
      const restored = link.target!;
      const actor = { ...meta.actor, id: user.id, role: user.role };

      await services.sessions.destroyAllFor(tx, user.id);
      await retirePendingEmailChanges(tx, now, user.id);
      await retireLaterRevertLinks(tx, now, user.id, link.createdAt);
      const lockDown = { passwordHash: disabledPasswordHash, failedLogins: 0, lockedUntil: null, updatedAt: now };

      const [holder] = await tx.select().from(users).where(and(eq(users.email, restored), ne(users.id, user.id))).for('update');
      if (holder?.emailVerifiedAt) {
        await tx.update(users).set(lockDown).where(eq(users.id, user.id));
        await appendAudit(tx, actor, now, { action: 'account.email_revert_blocked', subjectType: 'user', subjectId: user.id, data: { from: user.email, to: restored, holderId: holder.id } });
        return { kind: 'blocked' };
      }
      if (holder) {
        // Someone signed up with the freed address but never confirmed it (they cannot read its
        // mail): such an account has no claim on the address and cannot log in, so it goes.
        await tx.delete(users).where(eq(users.id, holder.id));
        await appendAudit(tx, actor, now, { action: 'account.unconfirmed_removed', subjectType: 'user', subjectId: holder.id, data: { email: restored, reason: 'email_reverted' } });
      }

      const undone = intruderSetUp(user, link.createdAt);
      await tx
        .update(users)
        .set({
          ...lockDown,
          email: restored,
          emailVerifiedAt: now,
          ...(undone.phone ? { phone: null, phoneVerifiedAt: null } : {}),
          ...(undone.secondFactor ? { totpSecret: null, totpEnabledAt: null, totpLastStep: null } : {}),
        })
        .where(eq(users.id, user.id));
      if (undone.secondFactor) await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
      const { code } = await issueCode(tx, now, user.id, 'reset_password', restored);
      await services.mailer.queue(tx, restored, mailLocale(user.locale), {
        template: 'contact.mail_email_restored',
        params: {},
        code,
        link: { href: `${services.config.publicUrl}/mot-de-passe-oublie/nouveau?email=${encodeURIComponent(restored)}`, labelKey: 'mail.reset_password_action' },
      });
      await appendAudit(tx, actor, now, { action: 'account.email_change_reverted', subjectType: 'user', subjectId: user.id, data: { from: user.email, to: restored, ...undone } });
      return { kind: 'restored', email: restored };
    });
  try {
    return await attempt();
  } catch (err) {
    // A sign-up took the address between the check and the update: everything rolled back, look again.
    if (isUniqueViolation(err)) return attempt();
    throw err;
  }
}

/**
 * What was set up on the account since the address changed hands (the revert link is created
 * when the change is confirmed): a phone confirmed or a second factor enrolled from then on is
 * the intruder's. Agents lose it too; they are made to enrol again at their next log-in.
 */
function intruderSetUp(user: typeof users.$inferSelect, changedAt: Date): { phone: boolean; secondFactor: boolean } {
  return {
    phone: !!user.phone && !!user.phoneVerifiedAt && user.phoneVerifiedAt >= changedAt,
    secondFactor: !!user.totpEnabledAt && user.totpEnabledAt >= changedAt,
  };
}

/** The address a "this was not me" link would restore, or null when the link is spent or expired. */
export async function addressRestoredByLink(services: Services, token: string): Promise<string | null> {
  const row = await peekLinkToken(services.db, services.clock.now(), 'revert_email', token);
  return row?.target ?? null;
}
