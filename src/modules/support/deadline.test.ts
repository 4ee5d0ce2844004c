import { describe, expect, it } from 'vitest';
import { replyDueAt } from './deadline';

describe('reply deadlines of requests for help', () => {
  it('count working days after the day of the request, skipping weekends', () => {
    // lost_email: 1 working day; other: 5.
    expect(replyDueAt('lost_email', new Date('2026-03-02T08:00:00Z')).toISOString()).toBe('2026-03-03T17:00:00.000Z'); // Monday → Tuesday
    expect(replyDueAt('lost_email', new Date('2026-03-06T08:00:00Z')).toISOString()).toBe('2026-03-09T17:00:00.000Z'); // Friday → Monday
    expect(replyDueAt('lost_email', new Date('2026-03-07T08:00:00Z')).toISOString()).toBe('2026-03-09T17:00:00.000Z'); // Saturday → Monday
    expect(replyDueAt('other', new Date('2026-03-05T08:00:00Z')).toISOString()).toBe('2026-03-12T17:00:00.000Z'); // Thursday + 5 → Thursday
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

  it('skip the public holidays of the whole country', () => {
    // Thursday 30 April 2026: Friday 1 May is a holiday, so the next working day is Monday 4 May.
    expect(replyDueAt('lost_email', new Date('2026-04-30T08:00:00Z')).toISOString()).toBe('2026-05-04T16:00:00.000Z');
    // Monday 13 July 2026: 14 July does not count.
    expect(replyDueAt('lost_email', new Date('2026-07-13T08:00:00Z')).toISOString()).toBe('2026-07-15T16:00:00.000Z');
    // Easter Monday (6 April 2026) does not count either.
    expect(replyDueAt('lost_email', new Date('2026-04-03T08:00:00Z')).toISOString()).toBe('2026-04-07T16:00:00.000Z');
  });
});
