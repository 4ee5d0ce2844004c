import { date, integer, pgTable, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { mailMessages } from './platform';

/**
 * Renewal reminders sent (CESEDA R.431-5: the renewal window opens 120 days before expiry).
 * One row per person, card and reminder day, written in the transaction that queues the
 * e-mail: the unique key is what makes "sent once" hold when the daily job runs twice. The
 * card's expiry is part of the key so that the next card, two or four years later, gets its
 * own reminders.
 */
export const renewalReminders = pgTable(
  'renewal_reminders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    permitExpiresOn: date('permit_expires_on').notNull(),
    /** 120 or 90. */
    daysBefore: integer('days_before').notNull(),
    mailId: uuid('mail_id').references(() => mailMessages.id),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('renewal_reminders_user_permit_days_key').on(t.userId, t.permitExpiresOn, t.daysBefore)],
);
