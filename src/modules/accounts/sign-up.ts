import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { rateRules } from '../../platform/rate-limiter';
import { hashPassword } from '../../platform/passwords';
import { isUniqueViolation } from '../../platform/unique-violation';
import type { Services } from '../../services';
import { issueCode } from './one-time-codes';
import type { RequestMeta } from './request-meta';

/**
 * Creates an applicant account and sends a confirmation code.
 *
 * The answer is the same whether the address is new or not, so nobody can learn who has an
 * account: an existing, confirmed address gets a notice instead of a code. An address that
 * was never confirmed gets a fresh code and takes the new password (whoever registered it
 * before could not read its mail).
 */
export async function signUp(services: Services, input: { email: string; password: string }, meta: RequestMeta): Promise<void> {
  await services.rateLimiter.consume(rateRules.signUpPerIp, meta.ip);
  const passwordHash = await hashPassword(input.password);
  try {
    await createOrRefresh(services, input.email, passwordHash, meta);
  } catch (err) {
    // Two sign-ups for one new address at the same instant: the loser finds the winner's row.
    if (!isUniqueViolation(err)) throw err;
    await createOrRefresh(services, input.email, passwordHash, meta);
  }
}

async function createOrRefresh(services: Services, email: string, passwordHash: string, meta: RequestMeta): Promise<void> {
  const { clock, mailer, config } = services;
  await services.transact(async (tx) => {
    const now = clock.now();
    const [existing] = await tx.select().from(users).where(eq(users.email, email)).for('update');
    if (existing?.emailVerifiedAt) {
      await mailer.queue(tx, existing.email, existing.locale as 'fr' | 'en', {
        template: 'mail.signup_existing',
        params: {},
        link: { href: `${config.publicUrl}/mot-de-passe-oublie`, labelKey: 'mail.reset_password_action' },
      });
      return;
    }
    let userId: string;
    if (existing) {
      userId = existing.id;
      await tx.update(users).set({ passwordHash, locale: meta.locale, updatedAt: now }).where(eq(users.id, userId));
    } else {
      const [created] = await tx
        .insert(users)
        .values({ email: email, passwordHash, locale: meta.locale, createdAt: now, updatedAt: now })
        .returning({ id: users.id });
      userId = created!.id;
      await appendAudit(tx, { ...meta.actor, id: userId, role: 'applicant' }, now, { action: 'account.created', subjectType: 'user', subjectId: userId });
    }
    const { code, linkToken } = await issueCode(tx, now, userId, 'confirm_email', email);
    await mailer.queue(tx, email, meta.locale, {
      template: 'mail.confirm_email',
      params: {},
      code,
      link: { href: `${config.publicUrl}/inscription/confirmer/${linkToken}`, labelKey: 'mail.confirm_email_action' },
    });
  });
}
