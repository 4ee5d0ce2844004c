import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from './legal-dates';
import { addWorkingDays, easterSunday, isWorkingDay, publicHolidayOn, publicHolidays, workingDaysBetween } from './working-days';

describe('Easter and the holidays that follow it', () => {
  it('finds Easter Sunday for known years, including the earliest and latest possible dates', () => {
    // Published dates (the last two: 22 March and 25 April are the bounds of the Gregorian computus).
    const known: Record<number, string> = {
      2000: '2000-04-23',
      2019: '2019-04-21',
      2024: '2024-03-31',
      2025: '2025-04-20',
      2026: '2026-04-05',
      2027: '2027-03-28',
      2030: '2030-04-21',
      1818: '1818-03-22',
      2038: '2038-04-25',
    };
    for (const [year, date] of Object.entries(known)) expect(easterSunday(Number(year)), year).toBe(date);
  });

  it('lists the eleven national holidays of 2026 with Easter Monday, Ascension and Whit Monday computed', () => {
    expect([...publicHolidays(2026)]).toEqual([
      ['2026-01-01', 'new_year'],
      ['2026-04-06', 'easter_monday'],
      ['2026-05-01', 'labour_day'],
      ['2026-05-08', 'victory_1945'],
      ['2026-05-14', 'ascension'],
      ['2026-05-25', 'whit_monday'],
      ['2026-07-14', 'bastille_day'],
      ['2026-08-15', 'assumption'],
      ['2026-11-01', 'all_saints'],
      ['2026-11-11', 'armistice_1918'],
      ['2026-12-25', 'christmas'],
    ]);
  });

  it('adds Good Friday and 26 December in Moselle, Bas-Rhin and Haut-Rhin only', () => {
    for (const dep of ['57', '67', '68']) {
      expect(publicHolidayOn('2026-04-03', dep)).toBe('good_friday');
      expect(publicHolidayOn('2026-12-26', dep)).toBe('st_stephen');
      expect(publicHolidays(2026, dep).size).toBe(13);
    }
    for (const dep of [null, '75', '54', '88', '971']) {
      expect(publicHolidayOn('2026-04-03', dep)).toBeNull();
      expect(publicHolidayOn('2026-12-26', dep)).toBeNull();
    }
  });

  it('adds the abolition of slavery in each overseas département on its own day', () => {
    expect(publicHolidayOn('2026-05-27', '971')).toBe('abolition_of_slavery');
    expect(publicHolidayOn('2026-05-22', '972')).toBe('abolition_of_slavery');
    expect(publicHolidayOn('2026-06-10', '973')).toBe('abolition_of_slavery');
    expect(publicHolidayOn('2026-12-20', '974')).toBe('abolition_of_slavery');
    expect(publicHolidayOn('2026-04-27', '976')).toBe('abolition_of_slavery');
    expect(publicHolidayOn('2026-05-27', '972')).toBeNull();
    expect(publicHolidayOn('2026-05-22', '75')).toBeNull();
  });

  it('keeps the day off when Ascension falls on 1 May (2008) or 8 May', () => {
    expect(easterSunday(2008)).toBe('2008-03-23');
    expect(publicHolidayOn('2008-05-01')).toBe('labour_day');
    expect(isWorkingDay('2008-05-01')).toBe(false);
    expect(publicHolidays(2008).size).toBe(10);
  });
});

describe('adding working days', () => {
  it('skips the weekend', () => {
    expect(addWorkingDays('2026-03-02', 5)).toBe('2026-03-09'); // Monday → next Monday
    expect(addWorkingDays('2026-03-06', 1)).toBe('2026-03-09'); // Friday → Monday
    expect(addWorkingDays('2026-03-07', 1)).toBe('2026-03-09'); // Saturday → Monday
    expect(addWorkingDays('2026-03-08', 5)).toBe('2026-03-13'); // Sunday → Friday
  });

  it('skips Easter Monday from the Thursday before Easter, and Good Friday too in Alsace-Moselle', () => {
    // Thu 2 April 2026: Fri 3 (1), [Sat, Sun, Easter Monday 6], Tue 7 (2), Wed 8 (3), Thu 9 (4), Fri 10 (5).
    expect(addWorkingDays('2026-04-02', 5)).toBe('2026-04-10');
    expect(addWorkingDays('2026-04-02', 5, '75')).toBe('2026-04-10');
    // In Strasbourg Good Friday is off as well: one day later, Monday 13.
    expect(addWorkingDays('2026-04-02', 5, '67')).toBe('2026-04-13');
  });

  it('skips 14 July, and a message sent on 14 July counts from the next day', () => {
    // Mon 13 July 2026: [Tue 14 off], Wed 15 (1) … Mon 20 (4), Tue 21 (5).
    expect(addWorkingDays('2026-07-13', 5)).toBe('2026-07-21');
    expect(addWorkingDays('2026-07-14', 5)).toBe('2026-07-21');
    expect(addWorkingDays('2026-07-14', 1)).toBe('2026-07-15');
  });

  it('crosses 1 May and 8 May (Fridays in 2026) and the Ascension bridge', () => {
    // Thu 30 April: [Fri 1 May off], Mon 4 (1), Tue 5 (2), Wed 6 (3), Thu 7 (4), [Fri 8 May off], Mon 11 (5).
    expect(addWorkingDays('2026-04-30', 5)).toBe('2026-05-11');
    // Wed 13 May: [Thu 14 Ascension], Fri 15 (1), Mon 18 … Thu 21 (5).
    expect(addWorkingDays('2026-05-13', 5)).toBe('2026-05-21');
    // Across Whit Monday 25 May 2026.
    expect(addWorkingDays('2026-05-22', 1)).toBe('2026-05-26');
  });

  it('crosses Christmas and the New Year, with St Stephen in Moselle', () => {
    // Thu 24 Dec 2026: [Fri 25], Mon 28 (1), Tue 29, Wed 30, Thu 31 (4), [Fri 1 Jan], Mon 4 Jan (5).
    expect(addWorkingDays('2026-12-24', 5)).toBe('2027-01-04');
    // 2027: 26 December is a Sunday anyway; in 2025 it was a Friday.
    expect(addWorkingDays('2025-12-24', 1, '57')).toBe('2025-12-29');
    expect(addWorkingDays('2025-12-24', 1, '75')).toBe('2025-12-26');
  });

  it('counts the overseas holiday only in its own département', () => {
    // Guadeloupe, 27 May 2026 is a Wednesday.
    expect(addWorkingDays('2026-05-26', 1, '971')).toBe('2026-05-28');
    expect(addWorkingDays('2026-05-26', 1, '972')).toBe('2026-05-27');
  });

  it('with 0 days: the same day when it is a working day, else the next one', () => {
    expect(addWorkingDays('2026-03-04', 0)).toBe('2026-03-04');
    expect(addWorkingDays('2026-07-14', 0)).toBe('2026-07-15');
    expect(addWorkingDays('2026-03-07', 0)).toBe('2026-03-09');
  });

  it('refuses what is not a date or not a whole number of days', () => {
    expect(() => addWorkingDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-03-02', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-03-02', 1.5)).toThrow(RangeError);
  });
});

const anyDate = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2080-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const anyDepartement = fc.constantFrom(null, '75', '13', '57', '67', '68', '971', '972', '973', '974', '976');

describe('working days, for any date and département (properties)', () => {
  it('lands on a working day, exactly that many working days later, never before the date', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 40 }), anyDepartement, (date, n, dep) => {
        const due = addWorkingDays(date, n, dep);
        expect(isWorkingDay(due, dep)).toBe(true);
        expect(workingDaysBetween(date, due, dep)).toBe(n);
        expect(workingDaysBetween(date, addDays(due, -1), dep)).toBe(n - 1);
        // Weekends and holidays stretch a deadline, never beyond twice its length and a bridge.
        expect(daysBetween(date, due)).toBeGreaterThanOrEqual(n);
        expect(daysBetween(date, due)).toBeLessThanOrEqual(2 * n + 4);
      }),
      { numRuns: 500 },
    );
  });

  it('adds up: a then b working days is a + b working days', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 20 }), anyDepartement, (date, a, b, dep) => {
        expect(addWorkingDays(addWorkingDays(date, a, dep), b, dep)).toBe(addWorkingDays(date, a + b, dep));
      }),
      { numRuns: 300 },
    );
  });

  it('is monotonic: a later date or more days never gives an earlier deadline', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 15 }), anyDepartement, (date, later, n, dep) => {
        expect(addWorkingDays(addDays(date, later), n, dep) >= addWorkingDays(date, n, dep)).toBe(true);
        // One more day is a later day (from 0 days on a day off, 0 and 1 both give the next working day).
        if (n > 0 || isWorkingDay(date, dep)) expect(addWorkingDays(date, n + 1, dep) > addWorkingDays(date, n, dep)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never has a local holiday make a deadline earlier than the national one', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 15 }), anyDepartement, (date, n, dep) => {
        expect(addWorkingDays(date, n, dep) >= addWorkingDays(date, n, null)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('has 11 national holidays a year, of which Easter Monday and Whit Monday are Mondays and Ascension a Thursday', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), (year) => {
        const days = publicHolidays(year);
        const byName = new Map([...days].map(([d, name]) => [name, d]));
        expect(days.size).toBeGreaterThanOrEqual(10); // 10 when Ascension is on 1 or 8 May
        for (const [name, wd] of [['easter_monday', 1], ['whit_monday', 1], ['ascension', 4]] as const) {
          const day = byName.get(name);
          if (day) expect(new Date(`${day}T00:00:00Z`).getUTCDay()).toBe(wd);
        }
        const easter = easterSunday(year);
        expect(easter >= `${year}-03-22` && easter <= `${year}-04-25`).toBe(true);
        expect(new Date(`${easter}T00:00:00Z`).getUTCDay()).toBe(0);
      }),
    );
  });
});
