import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { oneTimeCodes } from '../../../db/schema';
import { AppError } from '../../../platform/errors';
import type { Services } from '../../../services';
import { isEmailTakenError, switchAddress } from '../../accounts/contact/confirm-email-change';
import { peekLinkToken, spendCode, spendLinkToken } from '../../accounts/one-time-codes';
import type { RequestMeta } from '../../accounts/request-meta';
import { isUniqueViolation } from '../../../platform/unique-violation';
import { supportRateRules } from '../rate-rules';

export { isEmailTakenError };

const PURPOSE = 'assisted_email_change' as const;

/**
 * The last step of a change of address started by a support agent: the person proves they hold
 * the new mailbox (code or link from it), the account switches, the old address gets the usual
 * notice with "this was not me". Every session of the account ends: whoever still holds one may
 * be the reason the person lost access.
 */
async function confirm(services: Services, change: (tx: Db, now: Date) => Promise<{ userId: string; target: string } | AppError>, meta: RequestMeta, via: 'support_code' | 'support_link'): Promise<void> {
  let outcome: AppError | null;
  try {
    outcome = await services.transact(async (tx) => {
      const now = services.clock.now();
      const spent = await change(tx, now);
      if (spent instanceof AppError) return spent;
      const refused = await switchAddress(services, tx, spent.userId, spent.target, meta, via);
      if (refused) return refused;
      await services.sessions.destroyAllFor(tx, spent.userId);
      return null;
    });
  } catch (err) {
    // Someone took the address between the agent's check and now: the unique index decided.
    if (isUniqueViolation(err)) throw new AppError('conflict', { logMessage: 'new e-mail address belongs to another account' });
    throw err;
  }
  if (outcome) throw outcome;
}

/** From the link in the message to the new address (the page's button posts it). */
export async function confirmAssistedEmailChangeWithLink(services: Services, token: string, meta: RequestMeta): Promise<void> {
  await confirm(
    services,
    async (tx, now) => {
      const row = await spendLinkToken(tx, now, PURPOSE, token);
      return { userId: row.userId, target: row.target! };
    },
    meta,
    'support_link',
  );
}

/**
 * With the new address and the 6-digit code, for a person who copies the code rather than
 * following the link. An address with no change waiting and a wrong code look the same.
 */
export async function confirmAssistedEmailChangeWithCode(services: Services, input: { email: string; code: string }, meta: RequestMeta): Promise<void> {
  await services.rateLimiter.consume(supportRateRules.assistedCodeChecks, input.email);
  await confirm(
    services,
    async (tx, now) => {
      const [pending] = await tx
        .select({ userId: oneTimeCodes.userId })
        .from(oneTimeCodes)
        .where(and(eq(oneTimeCodes.purpose, PURPOSE), eq(oneTimeCodes.target, input.email), isNull(oneTimeCodes.usedAt), gt(oneTimeCodes.expiresAt, now)))
        .orderBy(desc(oneTimeCodes.createdAt))
        .limit(1);
      if (!pending) return new AppError('invalid_code', { fields: { code: 'validation.code_wrong' } });
      const check = await spendCode(tx, now, pending.userId, PURPOSE, input.code);
      if (!check.ok) return check.error;
      return { userId: check.row.userId, target: check.row.target! };
    },
    meta,
    'support_code',
  );
}

/** The address a link would confirm, or null when it is spent or expired (nothing is spent by looking). */
export async function pendingAssistedChangeByLink(services: Services, token: string): Promise<string | null> {
  const row = await peekLinkToken(services.db, services.clock.now(), PURPOSE, token);
  return row?.target ?? null;
}
