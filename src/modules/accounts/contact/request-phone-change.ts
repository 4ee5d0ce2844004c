import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema';
import { appendAudit } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import { rateRules } from '../../../platform/rate-limiter';
import type { Services } from '../../../services';
import { codeLifetimes, issueCode } from '../one-time-codes';
import type { RequestMeta } from '../request-meta';
import { mailLocale } from './notice-format';
import { normalisePhoneNumber } from './phone-number';

const phoneErrors = {
  letters: 'contact.errors.phone_characters',
  length: 'contact.errors.phone_length',
  country_code: 'contact.errors.phone_country_code',
} as const;

/** Sends a code by SMS to a new number; the number is saved only once the code comes back. */
export async function requestPhoneChange(services: Services, userId: string, input: { phone: string }, meta: RequestMeta): Promise<{ phone: string }> {
  const check = normalisePhoneNumber(input.phone);
  if (!check.ok) throw new AppError('validation_failed', { fields: { phone: phoneErrors[check.reason] } });
  const phone = check.number;
  const [user] = await services.db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AppError('unauthenticated');
  if (user.phone === phone && user.phoneVerifiedAt) throw new AppError('validation_failed', { fields: { phone: 'contact.errors.phone_same' } });
  // SMS cost money and reach a stranger's phone if the number is wrong: same allowance as e-mails.
  await services.rateLimiter.consume(rateRules.mailSendsPerAccount, userId);

  await services.transact(async (tx) => {
    const now = services.clock.now();
    const { code } = await issueCode(tx, now, user.id, 'change_phone', phone);
    const t = services.i18n.translator(mailLocale(user.locale));
    await services.sms.queue(tx, phone, t('contact.sms_phone_code', { code, minutes: codeLifetimes.change_phone / 60_000 }));
    await appendAudit(tx, { ...meta.actor, id: user.id, role: user.role }, now, {
      action: 'account.phone_change_requested',
      subjectType: 'user',
      subjectId: user.id,
      data: { to: phone },
    });
  });
  return { phone };
}
