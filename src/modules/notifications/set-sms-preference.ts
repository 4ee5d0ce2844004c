import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';

/**
 * Turns text messages for notifications on or off. On needs a verified phone number (a code
 * was sent to it): a message must never go to a number nobody proved to hold. Setting what is
 * already set changes nothing.
 */
export async function setSmsPreference(services: Services, userId: string, wanted: boolean, meta: RequestMeta): Promise<void> {
  await services.transact(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!user) throw new AppError('unauthenticated');
    if (user.smsNotifications === wanted) return;
    if (wanted && (!user.phone || !user.phoneVerifiedAt)) throw new AppError('validation_failed', { fields: { sms: 'notifications.preferences.no_phone' } });
    const now = services.clock.now();
    await tx.update(users).set({ smsNotifications: wanted, updatedAt: now }).where(eq(users.id, user.id));
    await appendAudit(tx, { ...meta.actor, id: user.id, role: user.role }, now, {
      action: wanted ? 'account.sms_notifications_on' : 'account.sms_notifications_off',
      subjectType: 'user',
      subjectId: user.id,
    });
  });
}
