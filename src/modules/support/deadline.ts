import { TZDate } from '@date-fns/tz';
import { parisDate } from '../../platform/legal-dates';
import { addWorkingDays } from '../../platform/working-days';
import { categoryRules, type TicketCategory } from './categories';

/** The hour, in Paris, at which a reply deadline falls on its day: the end of the contact centre's working day. */
export const DEADLINE_HOUR = 18;

/**
 * When a request opened (or answered by the person) at `from` must get its reply: the end of the
 * category's `answerWithinWorkingDays`-th working day after that day, in Paris. The contact
 * centre is national: weekends and the public holidays of the whole country do not count
 * (`platform/working-days.ts`); local ones (Alsace-Moselle) belong to the prefectures' clocks.
 */
export function replyDueAt(category: TicketCategory, from: Date): Date {
  const day = addWorkingDays(parisDate(from), categoryRules[category].answerWithinWorkingDays);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, DEADLINE_HOUR, 0, 0, 'Europe/Paris').getTime());
}
