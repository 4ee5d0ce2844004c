import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { applications, notificationDeliveries, notifications, profiles, users, type NotificationChannel } from '../../db/schema';
import { isLocale, type Locale } from '../../platform/i18n/catalogue';
import { enqueueManyAfterCommit, type OutboxJob } from '../../platform/jobs';
import type { Services } from '../../services';
import { channelsFor, usableEmail } from './channels';
import { notificationEvents, type NotificationEvent } from './events';
import { letterParagraphs, writeLetter } from './letters/write-letter';

export interface NotifyInput {
  userId: string;
  event: NotificationEvent;
  /** The text's parameters (see `events.ts`), formatted in the person's language. */
  params: Record<string, string>;
  /** A path inside Sésame (`/demarches/<id>`): the link in the app; e-mails and letters carry the full address. */
  link?: string;
  /** The file it is about: its prefecture prints the letters and sees failed deliveries. */
  applicationId?: string;
  /**
   * The file's prefecture, when the caller already holds the application's row (it must be that
   * row's `prefecture_code`): saves reading it again. Without it, it is read from `applicationId`.
   */
  prefectureCode?: string | null;
  /** For callers that may run twice for one fact (a retried job): the same key gives one notification. */
  dedupeKey?: string;
  /**
   * Jobs of the caller's change (the filing's receipt), recorded in this transaction whatever
   * happens to the notification: with its e-mail's delivery job in one statement when one goes.
   */
  alsoEnqueue?: readonly OutboxJob[];
}

export interface NotifyResult {
  notificationId: string;
  /** False when `dedupeKey` found the notification already there: nothing was sent again. */
  created: boolean;
  channels: NotificationChannel[];
}

const SMS_MAX = 320;

/**
 * Tells a person something, inside the caller's transaction: the notification is recorded (the
 * list at `/compte/notifications`, the count in the header) and each channel is queued as a job
 * that runs after commit — e-mail, text message, letter — all in the person's language. If the
 * transaction rolls back, nobody is told anything. Each channel is used at most once per
 * notification (unique key), and each delivery job is idempotent (`platform/mail/mailer.ts`).
 */
export async function notify(tx: Db, services: Services, input: NotifyInput): Promise<NotifyResult> {
  const { template, actionKey } = notificationEvents[input.event];
  const now = services.clock.now();
  const [person] = await tx
    .select({
      role: users.role,
      email: users.email,
      emailVerifiedAt: users.emailVerifiedAt,
      locale: users.locale,
      phone: users.phone,
      phoneVerifiedAt: users.phoneVerifiedAt,
      smsNotifications: users.smsNotifications,
    })
    .from(users)
    .where(eq(users.id, input.userId));
  if (!person) throw new Error(`notify: no user ${input.userId}`);
  // The file's prefecture: from a caller that holds the row, or read.
  let prefectureCode: string | null = null;
  if (input.applicationId && input.prefectureCode !== undefined) prefectureCode = input.prefectureCode;
  else if (input.applicationId) {
    const [file] = await tx.select({ prefectureCode: applications.prefectureCode }).from(applications).where(eq(applications.id, input.applicationId));
    prefectureCode = file?.prefectureCode ?? null;
  }

  const [row] = await tx
    .insert(notifications)
    .values({
      userId: input.userId,
      event: input.event,
      template,
      params: input.params,
      linkPath: input.link ?? null,
      linkLabelKey: input.link ? actionKey : null,
      applicationId: input.applicationId ?? null,
      prefectureCode,
      dedupeKey: input.dedupeKey ?? null,
      createdAt: now,
    })
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ id: notifications.id });
  // The caller's jobs not recorded yet (they go with the e-mail's, when there is one).
  let pendingJobs = input.alsoEnqueue ?? [];
  if (!row) {
    await enqueueManyAfterCommit(tx, now, pendingJobs);
    const [existing] = await tx.select({ id: notifications.id }).from(notifications).where(eq(notifications.dedupeKey, input.dedupeKey!));
    return { notificationId: existing!.id, created: false, channels: [] };
  }

  const locale: Locale = isLocale(person.locale) ? person.locale : 'fr';
  const t = services.i18n.translator(locale);
  const url = input.link ? `${services.config.publicUrl}${input.link}` : null;
  const channels = channelsFor(person);
  const delivered = async (channel: NotificationChannel, ids: { mailMessageId?: string; smsMessageId?: string; letterId?: string }) =>
    tx.insert(notificationDeliveries).values({ notificationId: row.id, channel, ...ids, createdAt: now }).onConflictDoNothing();

  for (const channel of channels) {
    if (channel === 'email') {
      const mailMessageId = await services.mailer.queue(
        tx,
        usableEmail(person.email)!,
        locale,
        {
          template,
          params: input.params,
          ...(url ? { link: { href: url, labelKey: actionKey } } : {}),
        },
        pendingJobs,
      );
      pendingJobs = [];
      if (mailMessageId) await delivered('email', { mailMessageId });
    } else if (channel === 'sms') {
      const subject = t(`${template}.subject`, input.params);
      const text = t('notifications.sms', { subject, url: url ?? services.config.publicUrl }).slice(0, SMS_MAX);
      await delivered('sms', { smsMessageId: await services.sms.queue(tx, person.phone!, text) });
    } else {
      const [profile] = await tx.select().from(profiles).where(eq(profiles.userId, input.userId));
      const letterId = await writeLetter(tx, {
        userId: input.userId,
        prefectureCode,
        locale,
        profile: profile ?? null,
        ...letterParagraphs(t, template, input.params, url),
        at: now,
      });
      await delivered('letter', { letterId });
    }
  }
  await enqueueManyAfterCommit(tx, now, pendingJobs);
  return { notificationId: row.id, created: true, channels };
}
