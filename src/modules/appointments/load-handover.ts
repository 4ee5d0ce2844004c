import { and, asc, eq, gt, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { applications, appointmentSlots, cardHandovers, profiles } from '../../db/schema';
import { addDays, type CalendarDate } from '../../platform/legal-dates';
import { parisDayRange } from './paris-time';

export type Slot = typeof appointmentSlots.$inferSelect;

export interface HandoverView {
  invitedAt: Date;
  bookedAt: Date | null;
  slot: Slot | null;
}

/** The hand-over of one file: invited when, booked in which slot; null before the invitation. */
export async function loadHandover(db: Db, applicationId: string): Promise<HandoverView | null> {
  const [row] = await db
    .select({ handover: cardHandovers, slot: appointmentSlots })
    .from(cardHandovers)
    .leftJoin(appointmentSlots, eq(appointmentSlots.id, cardHandovers.slotId))
    .where(eq(cardHandovers.applicationId, applicationId));
  return row ? { invitedAt: row.handover.invitedAt, bookedAt: row.handover.bookedAt, slot: row.slot } : null;
}

/** How far ahead a person may book, and how many slots the page lists at most. */
export const BOOKING_HORIZON_DAYS = 60;
export const MAX_LISTED_SLOTS = 300;

/** The future slots of a prefecture with a place left, soonest first. */
export function availableSlots(db: Db, prefectureCode: string, now: Date, today: CalendarDate): Promise<Slot[]> {
  const [horizon] = parisDayRange(addDays(today, BOOKING_HORIZON_DAYS));
  return db
    .select()
    .from(appointmentSlots)
    .where(and(eq(appointmentSlots.prefectureCode, prefectureCode), gt(appointmentSlots.startsAt, now), lt(appointmentSlots.startsAt, horizon), lt(appointmentSlots.booked, appointmentSlots.capacity)))
    .orderBy(asc(appointmentSlots.startsAt))
    .limit(MAX_LISTED_SLOTS);
}

export interface DayAppointment {
  slot: Slot;
  bookings: { applicationId: string; reference: string | null; status: string; closedAt: Date | null; surname: string | null; givenNames: string | null; birthDate: string | null }[];
}

/** One day of a prefecture's desk: every slot, and who is booked in it. */
export async function dayAppointments(db: Db, prefectureCode: string, day: CalendarDate): Promise<DayAppointment[]> {
  const [start, end] = parisDayRange(day);
  const slots = await db
    .select()
    .from(appointmentSlots)
    .where(and(eq(appointmentSlots.prefectureCode, prefectureCode), gte(appointmentSlots.startsAt, start), lt(appointmentSlots.startsAt, end)))
    .orderBy(asc(appointmentSlots.startsAt));
  if (slots.length === 0) return [];
  const bookings = await db
    .select({
      slotId: cardHandovers.slotId,
      applicationId: applications.id,
      reference: applications.reference,
      status: applications.status,
      closedAt: applications.closedAt,
      surname: sql<string | null>`coalesce(${profiles.surnameLatin}, ${profiles.surname})`,
      givenNames: sql<string | null>`coalesce(${profiles.givenNamesLatin}, ${profiles.givenNames})`,
      birthDate: profiles.birthDate,
    })
    .from(cardHandovers)
    .innerJoin(applications, eq(applications.id, cardHandovers.applicationId))
    .innerJoin(appointmentSlots, eq(appointmentSlots.id, cardHandovers.slotId))
    .leftJoin(profiles, eq(profiles.userId, applications.applicantId))
    // The application's prefecture too: a file moved elsewhere is not this desk's to see.
    .where(and(eq(appointmentSlots.prefectureCode, prefectureCode), eq(applications.prefectureCode, prefectureCode), gte(appointmentSlots.startsAt, start), lt(appointmentSlots.startsAt, end)))
    .orderBy(asc(applications.reference));
  return slots.map((slot) => ({ slot, bookings: bookings.filter((b) => b.slotId === slot.id) }));
}

/** Open places per day over the next weeks, for the desk's overview. */
export async function upcomingDays(db: Db, prefectureCode: string, now: Date, today: CalendarDate, days = 21) {
  const [horizon] = parisDayRange(addDays(today, days));
  const rows = await db
    .select({
      day: sql<string>`to_char(${appointmentSlots.startsAt} at time zone 'Europe/Paris', 'YYYY-MM-DD')`,
      slots: sql<number>`count(*)::int`,
      capacity: sql<number>`sum(${appointmentSlots.capacity})::int`,
      booked: sql<number>`sum(${appointmentSlots.booked})::int`,
    })
    .from(appointmentSlots)
    .where(and(eq(appointmentSlots.prefectureCode, prefectureCode), gt(appointmentSlots.startsAt, now), lt(appointmentSlots.startsAt, horizon)))
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  return rows;
}
