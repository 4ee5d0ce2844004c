import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from './accounts';
import { applications } from './applications';
import { prefectures } from './prefectures';

/**
 * A time at a prefecture's desk when cards are handed over (*remise du titre*), for up to
 * `capacity` people. `booked` counts the appointments held on it: a booking is one conditional
 * increment (`booked < capacity`), so concurrent bookings can never pass the capacity.
 */
export const appointmentSlots = pgTable(
  'appointment_slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    prefectureCode: text('prefecture_code')
      .notNull()
      .references(() => prefectures.code),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    capacity: integer('capacity').notNull(),
    booked: integer('booked').notNull().default(0),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // Opening the same series twice opens nothing twice.
    uniqueIndex('appointment_slots_start_key').on(t.prefectureCode, t.startsAt),
    check('appointment_slots_capacity_check', sql`${t.booked} >= 0 and ${t.booked} <= ${t.capacity}`),
  ],
);

/**
 * The hand-over of the card of one favourably decided file: the office's invitation to book,
 * then the slot the person holds (changed in place when they reschedule). The hand-over itself
 * is the file's closing (`applications.closed_at`, by `recordCardDelivered`).
 */
export const cardHandovers = pgTable(
  'card_handovers',
  {
    applicationId: uuid('application_id')
      .primaryKey()
      .references(() => applications.id),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull(),
    invitedBy: uuid('invited_by')
      .notNull()
      .references(() => users.id),
    slotId: uuid('slot_id').references(() => appointmentSlots.id),
    bookedAt: timestamp('booked_at', { withTimezone: true }),
  },
  (t) => [index('card_handovers_slot_idx').on(t.slotId)],
);
