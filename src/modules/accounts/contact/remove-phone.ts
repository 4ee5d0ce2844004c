import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema';
import { appendAudit } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import type { Services } from '../../../services';
import type { RequestMeta } from '../request-meta';
import { formatWhen, mailLocale } from './notice-format';

/** Removes the account's phone number; the e-mail address is told, as for any change. */
export async function removePhone(services: Services, userId: string, meta: RequestMeta): Promise<void> {
  await services.transact(async (tx) => {
    const now = services.clock.now();
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!user) throw new AppError('unauthenticated');
    // Nothing to remove (a second click, another tab): nothing happens, nothing is sent.
    if (!user.phone) return;
    await tx.update(users).set({ phone: null, phoneVerifiedAt: null, updatedAt: now }).where(eq(users.id, user.id));
    const locale = mailLocale(user.locale);
    await services.mailer.queue(tx, user.email, locale, {
      template: 'contact.mail_phone_removed',
      params: { when: formatWhen(now, locale) },
      link: { href: `${services.config.publicUrl}/compte`, labelKey: 'contact.mail_account_action' },
    });
    await appendAudit(tx, { ...meta.actor, id: user.id, role: user.role }, now, {
      action: 'account.phone_removed',
      subjectType: 'user',
      subjectId: user.id,
      data: { from: user.phone },
    });
  });
}
