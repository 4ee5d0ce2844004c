import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { oneTimeCodes, users } from '../../../db/schema';
import { appendAudit } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import { rateRules } from '../../../platform/rate-limiter';
import type { Services } from '../../../services';
import { spendCode } from '../one-time-codes';
import type { RequestMeta } from '../request-meta';
import { formatWhen, mailLocale, maskPhoneNumber } from './notice-format';

/**
 * Saves the new number once the SMS code comes back, and tells the account's e-mail address:
 * a number changed behind the person's back must not go unnoticed.
 */
export async function confirmPhoneChange(services: Services, userId: string, code: string, meta: RequestMeta): Promise<void> {
  await services.rateLimiter.consume(rateRules.codeChecksPerUser, userId);
  const outcome = await services.transact(async (tx) => {
    const now = services.clock.now();
    const check = await spendCode(tx, now, userId, 'change_phone', code);
    if (!check.ok) return check.error;
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!user) return new AppError('unauthenticated');
    const phone = check.row.target!;
    await tx.update(users).set({ phone, phoneVerifiedAt: now, updatedAt: now }).where(eq(users.id, user.id));
    const locale = mailLocale(user.locale);
    await services.mailer.queue(tx, user.email, locale, {
      template: 'contact.mail_phone_changed',
      params: { phone: maskPhoneNumber(phone), when: formatWhen(now, locale) },
      link: { href: `${services.config.publicUrl}/compte`, labelKey: 'contact.mail_account_action' },
    });
    await appendAudit(tx, { ...meta.actor, id: user.id, role: user.role }, now, {
      action: 'account.phone_changed',
      subjectType: 'user',
      subjectId: user.id,
      data: { from: user.phone, to: phone },
    });
    return null;
  });
  if (outcome) throw outcome;
}

/** The number waiting for its code, to remind the person where to look. */
export async function pendingPhoneChangeFor(services: Services, userId: string): Promise<string | null> {
  const [row] = await services.db
    .select({ target: oneTimeCodes.target })
    .from(oneTimeCodes)
    .where(and(eq(oneTimeCodes.userId, userId), eq(oneTimeCodes.purpose, 'change_phone'), isNull(oneTimeCodes.usedAt), gt(oneTimeCodes.expiresAt, services.clock.now())))
    .orderBy(desc(oneTimeCodes.createdAt))
    .limit(1);
  return row?.target ?? null;
}
