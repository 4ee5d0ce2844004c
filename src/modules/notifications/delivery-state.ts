import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { letters, mailMessages, notificationDeliveries, smsMessages, type NotificationChannel } from '../../db/schema';

/** Where one channel of a notification stands, as the person and the office read it. */
export interface DeliveryState {
  channel: NotificationChannel;
  state: 'queued' | 'retrying' | 'sent' | 'failed' | 'to_print' | 'printed';
  /** The address or number it went to (e-mail, SMS). */
  to: string | null;
  /** When it was sent or printed. */
  at: Date | null;
}

/** The deliveries of some notifications, by notification id. */
export async function deliveryStates(db: Db, notificationIds: string[]): Promise<Map<string, DeliveryState[]>> {
  const byNotification = new Map<string, DeliveryState[]>();
  if (notificationIds.length === 0) return byNotification;
  const rows = await db
    .select({
      notificationId: notificationDeliveries.notificationId,
      channel: notificationDeliveries.channel,
      mailTo: mailMessages.to,
      mailStatus: mailMessages.status,
      mailAttempts: mailMessages.attempts,
      mailSentAt: mailMessages.sentAt,
      smsTo: smsMessages.to,
      smsStatus: smsMessages.status,
      smsSentAt: smsMessages.sentAt,
      printedAt: letters.printedAt,
    })
    .from(notificationDeliveries)
    .leftJoin(mailMessages, eq(mailMessages.id, notificationDeliveries.mailMessageId))
    .leftJoin(smsMessages, eq(smsMessages.id, notificationDeliveries.smsMessageId))
    .leftJoin(letters, eq(letters.id, notificationDeliveries.letterId))
    .where(inArray(notificationDeliveries.notificationId, notificationIds));
  for (const r of rows) {
    let state: DeliveryState;
    if (r.channel === 'email') {
      // A message still queued after an attempt is being retried (the mailer's backoff).
      const s = r.mailStatus === 'queued' && (r.mailAttempts ?? 0) > 0 && !r.mailSentAt ? 'retrying' : (r.mailStatus ?? 'queued');
      state = { channel: 'email', state: s, to: r.mailTo, at: r.mailStatus === 'sent' ? r.mailSentAt : null };
    } else if (r.channel === 'sms') {
      state = { channel: 'sms', state: r.smsStatus ?? 'queued', to: r.smsTo, at: r.smsStatus === 'sent' ? r.smsSentAt : null };
    } else {
      state = { channel: 'letter', state: r.printedAt ? 'printed' : 'to_print', to: null, at: r.printedAt };
    }
    const list = byNotification.get(r.notificationId) ?? [];
    list.push(state);
    byNotification.set(r.notificationId, list);
  }
  const order: NotificationChannel[] = ['email', 'sms', 'letter'];
  for (const list of byNotification.values()) list.sort((a, b) => order.indexOf(a.channel) - order.indexOf(b.channel));
  return byNotification;
}
