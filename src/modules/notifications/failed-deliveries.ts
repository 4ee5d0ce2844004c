import { and, desc, eq, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { applications, mailMessages, notificationDeliveries, notifications, profiles, smsMessages, users } from '../../db/schema';
import { appendAudit, type Actor } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import { isLocale } from '../../platform/i18n/catalogue';
import type { Services } from '../../services';
import { agentPrefecture } from './letters/office-letters';
import { letterParagraphs, writeLetter } from './letters/write-letter';

export interface FailedDelivery {
  notificationId: string;
  userId: string;
  event: string;
  template: string;
  params: Record<string, string>;
  reference: string | null;
  channel: 'email' | 'sms';
  to: string;
  lastError: string | null;
  createdAt: Date;
  /** A letter was sent instead: nothing left to do. */
  letterSent: boolean;
}

/**
 * Notifications an e-mail or a text message could not deliver after every retry: for the office
 * of the file (`prefectureCode`), or for the national support desk (null: every office). The
 * person sees the same failure in their own list.
 */
export async function failedDeliveries(db: Db, scope: { prefectureCode: string | null }, limit = 200): Promise<FailedDelivery[]> {
  const rows = await db
    .select({
      notificationId: notifications.id,
      userId: notifications.userId,
      event: notifications.event,
      template: notifications.template,
      params: notifications.params,
      reference: applications.reference,
      channel: notificationDeliveries.channel,
      mailTo: mailMessages.to,
      mailError: mailMessages.lastError,
      smsTo: smsMessages.to,
      smsError: smsMessages.lastError,
      createdAt: notifications.createdAt,
      letterSent: sql<boolean>`exists (select 1 from notification_deliveries l where l.notification_id = ${notifications.id} and l.channel = 'letter')`,
    })
    .from(notificationDeliveries)
    .innerJoin(notifications, eq(notifications.id, notificationDeliveries.notificationId))
    .leftJoin(applications, eq(applications.id, notifications.applicationId))
    .leftJoin(mailMessages, eq(mailMessages.id, notificationDeliveries.mailMessageId))
    .leftJoin(smsMessages, eq(smsMessages.id, notificationDeliveries.smsMessageId))
    .where(
      and(
        or(eq(mailMessages.status, 'failed'), eq(smsMessages.status, 'failed')),
        scope.prefectureCode ? eq(notifications.prefectureCode, scope.prefectureCode) : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
  return rows.map((r) => ({
    notificationId: r.notificationId,
    userId: r.userId,
    event: r.event,
    template: r.template,
    params: r.params,
    reference: r.reference,
    channel: r.channel === 'sms' ? 'sms' : 'email',
    to: (r.channel === 'sms' ? r.smsTo : r.mailTo) ?? '',
    lastError: r.channel === 'sms' ? r.smsError : r.mailError,
    createdAt: r.createdAt,
    letterSent: r.letterSent,
  }));
}

/**
 * The office sends by post a notification whose e-mail failed: a letter with the same text, in
 * the person's language, joins the letters to print. Once per notification (the delivery's
 * unique key); only for a notification of the agent's prefecture whose e-mail or SMS failed.
 */
export async function sendFailedAsLetter(services: Services, agent: Actor, notificationId: string): Promise<void> {
  await services.transact(async (tx) => {
    const prefectureCode = await agentPrefecture(tx, agent);
    const failed = (await failedDeliveries(tx, { prefectureCode }, 1000)).find((f) => f.notificationId === notificationId);
    if (!failed) throw new AppError('not_found', { logMessage: `no failed delivery ${notificationId} in ${prefectureCode}` });
    if (failed.letterSent) return;
    const [n] = await tx.select().from(notifications).where(eq(notifications.id, notificationId));
    const [person] = await tx.select().from(profiles).where(eq(profiles.userId, n!.userId));
    const [user] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, n!.userId));
    const locale = isLocale(user?.locale) ? user.locale : 'fr';
    const t = services.i18n.translator(locale);
    const now = services.clock.now();
    const letterId = await writeLetter(tx, {
      userId: n!.userId,
      prefectureCode,
      locale,
      profile: person ?? null,
      ...letterParagraphs(t, n!.template, n!.params, n!.linkPath ? `${services.config.publicUrl}${n!.linkPath}` : null),
      at: now,
    });
    const inserted = await tx
      .insert(notificationDeliveries)
      .values({ notificationId, channel: 'letter', letterId, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: notificationDeliveries.id });
    if (inserted.length === 0) throw new AppError('conflict', { logMessage: 'a letter was sent meanwhile' });
    await appendAudit(tx, agent, now, { action: 'notification.sent_as_letter', subjectType: 'user', subjectId: n!.userId, data: { notificationId, letterId } });
  });
}

