import { parisDate, type CalendarDate } from '../../platform/legal-dates';
import { addWorkingDays, workingDaysBetween } from '../../platform/working-days';

/**
 * The office's duty to answer: a message from the applicant's side must be answered within a
 * number of working days set per prefecture (`prefectures.reply_deadline_working_days`, 5 by
 * default), counted from the day after it was sent, in Paris, with the public holidays of the
 * prefecture's département. The office has the whole last day; the next day it is overdue.
 */
export function replyDueOn(sentAt: Date, workingDays: number, prefectureCode: string): CalendarDate {
  return addWorkingDays(parisDate(sentAt), workingDays, prefectureCode);
}

export type DeadlineState =
  /** Nothing is waiting for the office. */
  | { kind: 'none' }
  | { kind: 'running'; dueOn: CalendarDate; workingDaysLeft: number }
  | { kind: 'due_today'; dueOn: CalendarDate }
  | { kind: 'overdue'; dueOn: CalendarDate; workingDaysLate: number };

/** Where a thread's deadline stands on `today` (Paris). */
export function deadlineState(dueOn: CalendarDate | null, today: CalendarDate, prefectureCode: string): DeadlineState {
  if (!dueOn) return { kind: 'none' };
  if (today === dueOn) return { kind: 'due_today', dueOn };
  if (today < dueOn) return { kind: 'running', dueOn, workingDaysLeft: workingDaysBetween(today, dueOn, prefectureCode) };
  // Late by the working days that passed since the last allowed one (at least one: today counts once it is over).
  return { kind: 'overdue', dueOn, workingDaysLate: Math.max(1, workingDaysBetween(dueOn, today, prefectureCode)) };
}

export const isOverdue = (dueOn: CalendarDate | null, today: CalendarDate): boolean => dueOn !== null && today > dueOn;
