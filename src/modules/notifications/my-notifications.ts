import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { notifications } from '../../db/schema';
import { AppError } from '../../platform/errors';
import { deliveryStates, type DeliveryState } from './delivery-state';

export type NotificationRow = typeof notifications.$inferSelect;
export interface NotificationEntry {
  notification: NotificationRow;
  deliveries: DeliveryState[];
}

export const NOTIFICATION_LIST_LIMIT = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A person's notifications, newest first, with how each was delivered. */
export async function myNotifications(db: Db, userId: string): Promise<NotificationEntry[]> {
  const rows = await db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(NOTIFICATION_LIST_LIMIT);
  const states = await deliveryStates(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((notification) => ({ notification, deliveries: states.get(notification.id) ?? [] }));
}

/**
 * Opens one of the person's notifications: it counts as read, and the way on is its link.
 * Another person's notification, or a malformed id, is "not found".
 */
export async function openNotification(db: Db, userId: string, notificationId: string, now: Date): Promise<string | null> {
  if (!UUID.test(notificationId)) throw new AppError('not_found');
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(notifications.id, notificationId), eq(notifications.userId, userId)))
    .returning({ linkPath: notifications.linkPath });
  if (!row) throw new AppError('not_found');
  return row.linkPath;
}

/** Marks every unread notification of the person as read; returns how many. */
export async function markAllRead(db: Db, userId: string, now: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
