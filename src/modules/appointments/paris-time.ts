import { TZDate } from '@date-fns/tz';
import { addDays, type CalendarDate } from '../../platform/legal-dates';

/**
 * Appointments are given in the prefecture's local time, Europe/Paris (the overseas
 * prefectures' own zones are a later step). A slot is stored as an instant; the desk and the
 * person read it as a Paris date and time, whatever the server's zone or the daylight-saving day.
 */
const PARIS = 'Europe/Paris';

/** `HH:MM` → minutes after midnight, or null. */
export function minutesOf(time: string): number | null {
  const m = /^([01]?\d|2[0-3])[:hH.]([0-5]\d)$/.exec(time.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** The instant of a Paris wall-clock time on a calendar day. */
export function parisInstant(day: CalendarDate, minutes: number): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, Math.floor(minutes / 60), minutes % 60, 0, 0, PARIS).getTime());
}

/** Midnight in Paris at the start of `day`, and of the next day: the range of one day's slots. */
export const parisDayRange = (day: CalendarDate): [Date, Date] => [parisInstant(day, 0), parisInstant(addDays(day, 1), 0)];

export const formatParisTime = (at: Date, locale: string) => new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: PARIS }).format(at);
export const formatParisDay = (at: Date, locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: PARIS }).format(at);

/** A calendar day written in full in the reader's language ("mardi 10 mars 2026"). */
export const formatCalendarDay = (day: CalendarDate, locale: string) => formatParisDay(parisInstant(day, 12 * 60), locale);
