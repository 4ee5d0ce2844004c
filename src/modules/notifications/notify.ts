import { randomUUID } from 'node:crypto';
import { eq, inArray, sql, type Placeholder, type SQL, type SQLWrapper } from 'drizzle-orm';
import { insertRows } from '../../db/table-write';
import { writeTogether } from '../../db/write-together';
import type { Db } from '../../db/client';
import { applications, notificationDeliveries, notifications, profiles, users, type NotificationChannel } from '../../db/schema';
import { isLocale, type Locale } from '../../platform/i18n/catalogue';
import type { QueuedMail } from '../../platform/mail/mailer';
import type { OutboxJob } from '../../platform/jobs';
import type { Services } from '../../services';
import { channelsFor, usableEmail, type Reachability } from './channels';
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
  /**
   * The person `userId` as the caller read them in this transaction, with one of its own
   * statements (`notifyPersonSql`): saves reading them again. Without it, they are read here.
   */
  person?: NotifyPerson;
}

/** What `notify` needs of a person: how to reach them, and in which language. */
export interface NotifyPerson extends Reachability {
  id: string;
  locale: string;
}

/**
 * The person `userId` as `notify` reads them, as one `jsonb` value (null when there is none): an
 * expression for a caller's statement that reads them with what it needs itself (`NotifyInput.person`).
 */
export function notifyPersonSql(userId: string | Placeholder): SQL {
  return sql`(select jsonb_build_object('id', u.id, 'role', u.role, 'email', u.email, 'emailVerifiedAt', u.email_verified_at, 'locale', u.locale,
      'phone', u.phone, 'phoneVerifiedAt', u.phone_verified_at, 'smsNotifications', u.sms_notifications)
    from users u where u.id = ${userId})`;
}

/** The value `notifyPersonSql` read: its instants as `Date`s, as the `users` columns give them. */
export function notifyPersonFromJson(json: Record<string, unknown>): NotifyPerson {
  const instant = (v: unknown) => (typeof v === 'string' ? new Date(v) : null);
  return {
    id: json.id as string,
    role: json.role as string,
    email: (json.email as string | null) ?? null,
    emailVerifiedAt: instant(json.emailVerifiedAt),
    locale: json.locale as string,
    phone: (json.phone as string | null) ?? null,
    phoneVerifiedAt: instant(json.phoneVerifiedAt),
    smsNotifications: json.smsNotifications === true,
  };
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
export async function notify(tx: Db, services: Services, input: NotifyInput, unsent: readonly SQLWrapper[] = []): Promise<NotifyResult> {
  const [result] = await notifyMany(tx, services, [input], unsent);
  return result!;
}

/**
 * The same for several notifications of one transaction (the day's APRIs, issued by groups):
 * each exactly as `notify` would, with the statements shared — the people read at once, the
 * notifications, e-mails, deliveries and jobs written in one statement (two when a dedupe key
 * must be tried first). Results in the order given.
 * `unsent`: writes of the caller's change not sent yet (the filing's update and audit event),
 * sent in that statement; they must touch other rows than a notification's (`writeTogether`).
 */
export async function notifyMany(tx: Db, services: Services, inputs: readonly NotifyInput[], unsent: readonly SQLWrapper[] = []): Promise<NotifyResult[]> {
  if (inputs.length === 0) {
    await writeTogether(tx, unsent);
    return [];
  }
  const now = services.clock.now();
  const userIds = [...new Set(inputs.map((i) => i.userId))];
  const given = new Map(inputs.flatMap((i) => (i.person ? [[i.userId, i.person] as const] : [])));
  const toReadPeople = userIds.filter((id) => !given.has(id));
  const read: NotifyPerson[] = toReadPeople.length === 0 ? [] : await tx
    .select({
      id: users.id,
      role: users.role,
      email: users.email,
      emailVerifiedAt: users.emailVerifiedAt,
      locale: users.locale,
      phone: users.phone,
      phoneVerifiedAt: users.phoneVerifiedAt,
      smsNotifications: users.smsNotifications,
    })
    .from(users)
    .where(inArray(users.id, toReadPeople));
  const personOf = new Map<string, NotifyPerson>([...given, ...read.map((p) => [p.id, p] as const)]);
  for (const id of userIds) if (!personOf.has(id)) throw new Error(`notify: no user ${id}`);
  // The files' prefectures: from callers that hold the rows, or read.
  const toRead = [...new Set(inputs.filter((i) => i.applicationId && i.prefectureCode === undefined).map((i) => i.applicationId!))];
  const readPrefectures =
    toRead.length === 0 ? [] : await tx.select({ id: applications.id, prefectureCode: applications.prefectureCode }).from(applications).where(inArray(applications.id, toRead));
  const prefectureOf = new Map(readPrefectures.map((r) => [r.id, r.prefectureCode]));
  const prefectureFor = (i: NotifyInput) => (!i.applicationId ? null : i.prefectureCode !== undefined ? i.prefectureCode : (prefectureOf.get(i.applicationId) ?? null));

  // Ids made here: each input knows its row without relying on the order of RETURNING rows.
  const planned = inputs.map((input) => ({ input, id: randomUUID(), ...notificationEvents[input.event] }));
  const rows = planned.map(({ input, id, template, actionKey }) => ({
    id,
    userId: input.userId,
    event: input.event,
    template,
    params: input.params,
    linkPath: input.link ?? null,
    linkLabelKey: input.link ? actionKey : null,
    applicationId: input.applicationId ?? null,
    prefectureCode: prefectureFor(input),
    dedupeKey: input.dedupeKey ?? null,
    createdAt: now,
  }));
  // Without a dedupe key nothing can already be there (the ids are new): the insert goes with
  // the rest. With one, it is tried first (drizzle's insert, which returns the ids it wrote):
  // what it finds there is not sent again.
  const deduplicated = inputs.some((i) => (i.dedupeKey ?? null) !== null);
  const inserted = deduplicated
    ? await tx.insert(notifications).values(rows).onConflictDoNothing({ target: notifications.dedupeKey }).returning({ id: notifications.id })
    : planned;
  const created = new Set(inserted.map((r) => r.id));
  // Already told (same dedupe key): the existing notification's id, and nothing sent again.
  const repeatKeys = planned.filter((p) => !created.has(p.id)).map((p) => p.input.dedupeKey!);
  const existing =
    repeatKeys.length === 0 ? [] : await tx.select({ id: notifications.id, dedupeKey: notifications.dedupeKey }).from(notifications).where(inArray(notifications.dedupeKey, repeatKeys));
  const existingOf = new Map(existing.map((e) => [e.dedupeKey, e.id]));

  // The caller's jobs go whatever happens to the notifications: with the e-mails' delivery jobs.
  const callerJobs = inputs.flatMap((i) => i.alsoEnqueue ?? []);
  const deliveries: { notificationId: string; channel: NotificationChannel; mailMessageId?: string; smsMessageId?: string; letterId?: string; createdAt: Date }[] = [];
  const mails: { notificationId: string; mail: QueuedMail }[] = [];
  const results: NotifyResult[] = [];
  for (const { input, id, template, actionKey } of planned) {
    if (!created.has(id)) {
      results.push({ notificationId: existingOf.get(input.dedupeKey!)!, created: false, channels: [] });
      continue;
    }
    const person = personOf.get(input.userId)!;
    const locale: Locale = isLocale(person.locale) ? person.locale : 'fr';
    const t = services.i18n.translator(locale);
    const url = input.link ? `${services.config.publicUrl}${input.link}` : null;
    const channels = channelsFor(person);
    for (const channel of channels) {
      if (channel === 'email') {
        mails.push({ notificationId: id, mail: { to: usableEmail(person.email), locale, content: { template, params: input.params, ...(url ? { link: { href: url, labelKey: actionKey } } : {}) } } });
      } else if (channel === 'sms') {
        const subject = t(`${template}.subject`, input.params);
        const text = t('notifications.sms', { subject, url: url ?? services.config.publicUrl }).slice(0, SMS_MAX);
        deliveries.push({ notificationId: id, channel: 'sms', smsMessageId: await services.sms.queue(tx, person.phone!, text), createdAt: now });
      } else {
        const [profile] = await tx.select().from(profiles).where(eq(profiles.userId, input.userId));
        const letterId = await writeLetter(tx, {
          userId: input.userId,
          prefectureCode: prefectureFor(input),
          locale,
          profile: profile ?? null,
          ...letterParagraphs(t, template, input.params, url),
          at: now,
        });
        deliveries.push({ notificationId: id, channel: 'letter', letterId, createdAt: now });
      }
    }
    results.push({ notificationId: id, created: true, channels });
  }
  const mail = services.mailer.unsentMany(
    tx,
    mails.map((m) => m.mail),
    callerJobs,
  );
  mails.forEach((m, i) => {
    if (mail.ids[i]) deliveries.push({ notificationId: m.notificationId, channel: 'email', mailMessageId: mail.ids[i], createdAt: now });
  });
  // Foreign keys between these rows hold: they are checked once the whole statement has run.
  await writeTogether(tx, [
    ...unsent,
    ...(deduplicated ? [] : [insertRows(tx, notifications, rows, { onConflictDoNothing: { target: notifications.dedupeKey } })]),
    ...mail.writes,
    ...(deliveries.length > 0 ? [insertRows(tx, notificationDeliveries, deliveries, { onConflictDoNothing: {} })] : []),
  ]);
  return results;
}
