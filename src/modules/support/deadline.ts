import { TZDate } from '@date-fns/tz';
import { addDays, parisDate, type CalendarDate } from '../../platform/legal-dates';
import { categoryRules, type TicketCategory } from './categories';

/** Which days count for a reply deadline. */
export interface WorkingCalendar {
  isWorkingDay(date: CalendarDate): boolean;
}

/**
 * Monday to Friday, every week of the year.
 * TODO(merge): replace with the calendar of `src/platform/working-days.ts` (French public
 * holidays, being written on another branch); until then a public holiday counts as a working
 * day, so a deadline can fall one day early — never late.
 */
export const weekdaysCalendar: WorkingCalendar = {
  isWorkingDay(date) {
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  },
};

/** The `n`-th working day after `date` (`date` itself never counts). */
export function addWorkingDays(calendar: WorkingCalendar, date: CalendarDate, n: number): CalendarDate {
  let day = date;
  for (let left = n; left > 0; ) {
    day = addDays(day, 1);
    if (calendar.isWorkingDay(day)) left--;
  }
  return day;
}

/** The hour, in Paris, at which a reply deadline falls on its day: the end of the contact centre's working day. */
export const DEADLINE_HOUR = 18;

/**
 * When a request opened (or answered by the person) at `from` must get its reply: the end of the
 * category's `answerWithinWorkingDays`-th working day after that day, in Paris.
 */
export function replyDueAt(category: TicketCategory, from: Date, calendar: WorkingCalendar = weekdaysCalendar): Date {
  const day = addWorkingDays(calendar, parisDate(from), categoryRules[category].answerWithinWorkingDays);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, DEADLINE_HOUR, 0, 0, 'Europe/Paris').getTime());
}
