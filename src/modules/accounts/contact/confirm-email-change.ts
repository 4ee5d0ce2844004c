import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { oneTimeCodes, users } from '../../../db/schema';
import { appendAudit } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import { rateRules } from '../../../platform/rate-limiter';
import type { Services } from '../../../services';
import { peekLinkToken, spendCode, spendLinkToken } from '../one-time-codes';
import type { RequestMeta } from '../request-meta';
import { formatWhen, mailLocale, maskEmail } from './notice-format';
import { issueRevertLink } from './revert-links';
import { isUniqueViolation } from '../../../platform/unique-violation';

const EMAIL_TAKEN = 'new e-mail address belongs to another account';
/** The new address became another account's between request and confirmation. */
const emailTakenError = () => new AppError('conflict', { logMessage: EMAIL_TAKEN });
export const isEmailTakenError = (err: unknown) => err instanceof AppError && err.code === 'conflict' && err.message === EMAIL_TAKEN;

/**
 * Switches the account to the confirmed address, and tells the old address, with a link that
 * undoes it: if someone else made the change, the rightful owner still reads the old mailbox.
 * Also the last step of a change started by a support agent (`modules/support`), confirmed by the
 * person from the new address.
 */
export async function switchAddress(
  services: Services,
  tx: Db,
  userId: string,
  newEmail: string,
  meta: RequestMeta,
  via: 'code' | 'link' | 'support_code' | 'support_link',
): Promise<AppError | null> {
  const now = services.clock.now();
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
  if (!user) return new AppError('invalid_code');
  const [holder] = await tx.select({ id: users.id }).from(users).where(eq(users.email, newEmail));
  if (holder?.id === user.id) return null;
  // Only the reader of the new mailbox gets this far, so saying "taken" reveals nothing to anyone else.
  if (holder) return emailTakenError();

  // A signed-in person always has an address (they logged in with it).
  const oldEmail = user.email ?? '';
  await tx.update(users).set({ email: newEmail, emailVerifiedAt: now, updatedAt: now }).where(eq(users.id, user.id));
  const { linkToken } = await issueRevertLink(tx, now, user.id, oldEmail);
  const locale = mailLocale(user.locale);
  await services.mailer.queue(tx, oldEmail, locale, {
    template: 'contact.mail_email_changed',
    params: { newEmail: maskEmail(newEmail), when: formatWhen(now, locale) },
    link: { href: `${services.config.publicUrl}/compte/e-mail/annuler/${linkToken}`, labelKey: 'contact.mail_not_me_action' },
  });
  await appendAudit(tx, { ...meta.actor, id: user.id, role: user.role }, now, {
    action: 'account.email_changed',
    subjectType: 'user',
    subjectId: user.id,
    data: { from: oldEmail, to: newEmail, via },
  });
  return null;
}

/** Runs a confirmation; a refusal returned from the transaction is thrown after commit (spent codes stay spent). */
async function confirm(services: Services, change: (tx: Db) => Promise<AppError | null>): Promise<void> {
  let outcome: AppError | null;
  try {
    outcome = await services.transact(change);
  } catch (err) {
    // Two confirmations of the same address raced past the check: the unique index decided.
    if (isUniqueViolation(err)) throw emailTakenError();
    throw err;
  }
  if (outcome) throw outcome;
}

/** Confirms the change with the 6-digit code sent to the new address (signed in). */
export async function confirmEmailChangeWithCode(services: Services, userId: string, code: string, meta: RequestMeta): Promise<void> {
  await services.rateLimiter.consume(rateRules.codeChecksPerUser, userId);
  await confirm(services, async (tx) => {
    const check = await spendCode(tx, services.clock.now(), userId, 'change_email', code);
    if (!check.ok) return check.error;
    return switchAddress(services, tx, userId, check.row.target!, meta, 'code');
  });
}

/**
 * Confirms the change from the link in the message to the new address. No session needed:
 * the person may open it on another device, and the link itself proves the mailbox.
 */
export async function confirmEmailChangeWithLink(services: Services, token: string, meta: RequestMeta): Promise<void> {
  await confirm(services, async (tx) => {
    const row = await spendLinkToken(tx, services.clock.now(), 'change_email', token);
    return switchAddress(services, tx, row.userId, row.target!, meta, 'link');
  });
}

/** The address a confirmation link would switch to, or null when the link is spent or expired. */
export async function pendingEmailChangeByLink(services: Services, token: string): Promise<string | null> {
  const row = await peekLinkToken(services.db, services.clock.now(), 'change_email', token);
  return row?.target ?? null;
}

/** The address waiting for its code, to remind the person where to look. */
export async function pendingEmailChangeFor(services: Services, userId: string): Promise<string | null> {
  const [row] = await services.db
    .select({ target: oneTimeCodes.target })
    .from(oneTimeCodes)
    .where(and(eq(oneTimeCodes.userId, userId), eq(oneTimeCodes.purpose, 'change_email'), isNull(oneTimeCodes.usedAt), gt(oneTimeCodes.expiresAt, services.clock.now())))
    .orderBy(desc(oneTimeCodes.createdAt))
    .limit(1);
  return row?.target ?? null;
}
