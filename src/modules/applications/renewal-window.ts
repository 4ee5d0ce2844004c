import { addDays, daysBetween, type CalendarDate } from '../../platform/legal-dates';

/**
 * When a renewal can and should be filed (CESEDA R.431-5): between the 120th and the 60th day
 * before the current title expires. Later filing is still accepted but is late: after day −60
 * continuity of rights is not guaranteed; after expiry the late fee applies too (L.436-4).
 */
export const WINDOW_OPENS_DAYS_BEFORE = 120;
export const WINDOW_CLOSES_DAYS_BEFORE = 60;

export type RenewalTiming =
  | { phase: 'too_early'; opensOn: CalendarDate; daysUntilOpen: number }
  | { phase: 'open'; closesOn: CalendarDate; daysLeft: number }
  | { phase: 'late'; expiresOn: CalendarDate }
  | { phase: 'expired'; expiredOn: CalendarDate; lateFee: true };

export function renewalWindow(expiresOn: CalendarDate) {
  return {
    opensOn: addDays(expiresOn, -WINDOW_OPENS_DAYS_BEFORE),
    closesOn: addDays(expiresOn, -WINDOW_CLOSES_DAYS_BEFORE),
    expiresOn,
  };
}

export function renewalTiming(expiresOn: CalendarDate, today: CalendarDate): RenewalTiming {
  const w = renewalWindow(expiresOn);
  if (today < w.opensOn) return { phase: 'too_early', opensOn: w.opensOn, daysUntilOpen: daysBetween(today, w.opensOn) };
  // The window includes its last day: filing on day −60 is on time.
  if (today <= w.closesOn) return { phase: 'open', closesOn: w.closesOn, daysLeft: daysBetween(today, w.closesOn) };
  // The title is valid through its expiry date.
  if (today <= expiresOn) return { phase: 'late', expiresOn };
  return { phase: 'expired', expiredOn: expiresOn, lateFee: true };
}

/** A renewal filed this day is "on time" for the continuity promise. */
export const isOnTime = (expiresOn: CalendarDate, filedOn: CalendarDate) => filedOn <= renewalWindow(expiresOn).closesOn;

/** Reminder days before expiry (a scheduled job sends them). */
export const REMINDER_DAYS_BEFORE = [120, 90] as const;
