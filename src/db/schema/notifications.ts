import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { applications } from './applications';
import { mailMessages, smsMessages } from './platform';
import { prefectures } from './prefectures';

/**
 * Something a person is told (`modules/notifications/notify.ts`): always kept here, shown at
 * `/compte/notifications`, and sent through the channels recorded in `notification_deliveries`.
 * The text is the catalogue's `template` with `params`, in the reader's language.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    event: text('event').notNull(),
    template: text('template').notNull(),
    params: jsonb('params').$type<Record<string, string>>().notNull(),
    /** A path inside Sésame and the label of the link to it. */
    linkPath: text('link_path'),
    linkLabelKey: text('link_label_key'),
    applicationId: uuid('application_id').references(() => applications.id),
    /** The office concerned (of the file): its agents see failed deliveries and print letters. */
    prefectureCode: text('prefecture_code').references(() => prefectures.code),
    /** Set by callers that may run twice for one fact (a retried job): the second call adds nothing. */
    dedupeKey: text('dedupe_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    // The header's unread count, on every page.
    index('notifications_unread_idx').on(t.userId).where(sql`read_at is null`),
    uniqueIndex('notifications_dedupe_key').on(t.dedupeKey),
  ],
);

export const notificationChannels = ['email', 'sms', 'letter'] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

/**
 * How one notification was sent: at most one row per channel (the unique key is the
 * "never twice" of each channel). The delivery state is the linked message's or letter's.
 */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id),
    channel: text('channel', { enum: notificationChannels }).notNull(),
    mailMessageId: uuid('mail_message_id').references(() => mailMessages.id),
    smsMessageId: uuid('sms_message_id').references(() => smsMessages.id),
    letterId: uuid('letter_id').references(() => letters.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('notification_deliveries_channel_key').on(t.notificationId, t.channel),
    // Failed deliveries are found from the failed e-mails (few) back to their notification.
    index('notification_deliveries_mail_idx').on(t.mailMessageId),
  ],
);

/**
 * A letter for a person Sésame cannot e-mail (filed at the counter, no address): written when
 * queued, in their language, printed by the office (`/bureau/courriers`) as a PDF.
 */
export const letters = pgTable(
  'letters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    prefectureCode: text('prefecture_code').references(() => prefectures.code),
    locale: text('locale').notNull(),
    /** Name and postal address lines as they were when the letter was written; empty when unknown. */
    recipient: jsonb('recipient').$type<{ name: string; lines: string[] }>().notNull(),
    subject: text('subject').notNull(),
    /** Paragraphs separated by a blank line, as in e-mails. */
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    printedAt: timestamp('printed_at', { withTimezone: true }),
    printedById: uuid('printed_by_id').references(() => users.id),
  },
  (t) => [index('letters_prefecture_idx').on(t.prefectureCode, t.printedAt, t.seq)],
);
