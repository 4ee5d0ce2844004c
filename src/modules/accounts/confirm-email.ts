import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import { rateRules } from '../../platform/rate-limiter';
import type { Services } from '../../services';
import { spendCode, spendLinkToken } from './one-time-codes';
import type { RequestMeta } from './request-meta';

async function markConfirmed(services: Services, tx: Parameters<Parameters<Services['transact']>[0]>[0], userId: string, meta: RequestMeta, via: 'code' | 'link') {
  const now = services.clock.now();
  await tx.update(users).set({ emailVerifiedAt: now, updatedAt: now }).where(eq(users.id, userId));
  await appendAudit(tx, { ...meta.actor, id: userId, role: 'applicant' }, now, {
    action: 'account.email_confirmed',
    subjectType: 'user',
    subjectId: userId,
    data: { via },
  });
}

/** Confirms a new account with the 6-digit code from its e-mail. */
export async function confirmEmailWithCode(services: Services, input: { email: string; code: string }, meta: RequestMeta): Promise<void> {
  await services.rateLimiter.consume(rateRules.codeChecksPerUser, input.email);
  const outcome = await services.transact(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.email, input.email));
    // Unknown address and wrong code look the same from outside.
    if (!user) return new AppError('invalid_code', { fields: { code: 'validation.code_wrong' } });
    if (user.emailVerifiedAt) return null;
    const check = await spendCode(tx, services.clock.now(), user.id, 'confirm_email', input.code);
    if (!check.ok) return check.error;
    await markConfirmed(services, tx, user.id, meta, 'code');
    return null;
  });
  if (outcome) throw outcome;
}

/** Confirms a new account from the link in its e-mail. */
export async function confirmEmailWithLink(services: Services, token: string, meta: RequestMeta): Promise<void> {
  await services.transact(async (tx) => {
    const row = await spendLinkToken(tx, services.clock.now(), 'confirm_email', token);
    await markConfirmed(services, tx, row.userId, meta, 'link');
  });
}
