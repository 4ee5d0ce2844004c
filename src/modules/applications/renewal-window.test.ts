import { describe, expect, it } from 'vitest';
import { addMonths, isCalendarDate, parisDate } from '../../platform/legal-dates';
import { isOnTime, renewalTiming, renewalWindow } from './renewal-window';

describe('renewal window (CESEDA R.431-5)', () => {
  const expiry = '2026-09-30';

  it('opens 120 days and closes 60 days before expiry', () => {
    expect(renewalWindow(expiry)).toEqual({ opensOn: '2026-06-02', closesOn: '2026-08-01', expiresOn: expiry });
  });

  it.each([
    ['2026-06-01', 'too_early'],
    ['2026-06-02', 'open'],
    ['2026-08-01', 'open'],
    ['2026-08-02', 'late'],
    ['2026-09-30', 'late'],
    ['2026-10-01', 'expired'],
  ])('on %s the phase is %s', (today, phase) => {
    expect(renewalTiming(expiry, today).phase).toBe(phase);
  });

  it('counts day −60 as on time and day −59 as late', () => {
    expect(isOnTime(expiry, '2026-08-01')).toBe(true);
    expect(isOnTime(expiry, '2026-08-02')).toBe(false);
  });

  it('crosses leap years and daylight-saving changes without losing a day', () => {
    expect(renewalWindow('2028-03-01').opensOn).toBe('2027-11-02');
    expect(renewalWindow('2028-06-29').closesOn).toBe('2028-04-30');
  });
});

describe('legal dates', () => {
  it('takes the Paris calendar day, not the UTC one', () => {
    expect(parisDate(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29');
    expect(parisDate(new Date('2026-07-14T21:59:00Z'))).toBe('2026-07-14');
    expect(parisDate(new Date('2026-07-14T22:00:00Z'))).toBe('2026-07-15');
  });
  it('adds months clamped to the end of the month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-10-31', 4)).toBe('2027-02-28');
  });
  it('recognises real calendar dates only', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-31')).toBe(false);
    expect(isCalendarDate('26-02-01')).toBe(false);
  });
});
