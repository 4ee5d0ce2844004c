import { describe, expect, it } from 'vitest';
import { addWorkingDays, replyDueAt, weekdaysCalendar, type WorkingCalendar } from './deadline';

describe('reply deadlines of requests for help', () => {
  it('count working days after the day of the request, skipping weekends', () => {
    expect(addWorkingDays(weekdaysCalendar, '2026-03-02', 1)).toBe('2026-03-03'); // Monday → Tuesday
    expect(addWorkingDays(weekdaysCalendar, '2026-03-06', 1)).toBe('2026-03-09'); // Friday → Monday
    expect(addWorkingDays(weekdaysCalendar, '2026-03-07', 1)).toBe('2026-03-09'); // Saturday → Monday
    expect(addWorkingDays(weekdaysCalendar, '2026-03-05', 5)).toBe('2026-03-12'); // Thursday + 5 → Thursday
  });

  it('fall at 18:00 in Paris, across daylight-saving changes', () => {
    // Opened Friday 27 March 2026 at 23:30 Paris (22:30 UTC); summer time starts on Sunday 29.
    const due = replyDueAt('lost_email', new Date('2026-03-27T22:30:00Z'));
    expect(due.toISOString()).toBe('2026-03-30T16:00:00.000Z');
    // In winter, 18:00 Paris is 17:00 UTC; "other" gets 5 working days.
    expect(replyDueAt('other', new Date('2026-01-05T08:00:00Z')).toISOString()).toBe('2026-01-12T17:00:00.000Z');
    // Late on Sunday in Paris is still Sunday there: Monday counts as the first working day.
    expect(replyDueAt('lost_email', new Date('2026-03-01T22:30:00Z')).toISOString()).toBe('2026-03-02T17:00:00.000Z');
  });

  it('use whatever calendar they are given (public holidays come from it)', () => {
    const withHoliday: WorkingCalendar = { isWorkingDay: (d) => weekdaysCalendar.isWorkingDay(d) && d !== '2026-05-01' };
    expect(addWorkingDays(withHoliday, '2026-04-30', 1)).toBe('2026-05-04');
    expect(replyDueAt('lost_email', new Date('2026-04-30T08:00:00Z'), withHoliday).toISOString()).toBe('2026-05-04T16:00:00.000Z');
  });
});
