import { addDays, isCalendarDate, type CalendarDate } from './legal-dates';

/**
 * Working days (*jours ouvrés*: Monday to Friday, public holidays excluded) as the French
 * administration counts them, for deadlines such as the office's reply to a message. Pure:
 * calendar dates in, calendar dates out (see `legal-dates.ts`: no time zone can shift a day).
 *
 * Public holidays (*jours fériés*), Code du travail L3133-1: 1 January, Easter Monday, 1 May,
 * 8 May, Ascension Thursday, Whit Monday, 14 July, 15 August, 1 November, 11 November,
 * 25 December. Whit Monday stays a public holiday even where it is the *journée de solidarité*
 * (L3133-7): offices are closed to the public that day.
 *
 * Local ones, by département (the prefecture's INSEE code):
 * - Alsace-Moselle (57, 67, 68), L3134-13: 26 December (St Stephen's Day), and Good Friday, which
 *   the article grants in communes with a Protestant or mixed church: Metz, Strasbourg and Colmar,
 *   the prefectures' towns, all have one, so the offices count it.
 * - Abolition of slavery (loi n° 83-550 of 30 June 1983, décret n° 83-1003 of 23 November
 *   1983 as amended): Guadeloupe 27 May, Martinique 22 May, Guyane 10 June, La Réunion
 *   20 December, Mayotte 27 April.
 */

export type HolidayName =
  | 'new_year'
  | 'good_friday'
  | 'easter_monday'
  | 'labour_day'
  | 'victory_1945'
  | 'ascension'
  | 'whit_monday'
  | 'bastille_day'
  | 'assumption'
  | 'all_saints'
  | 'armistice_1918'
  | 'christmas'
  | 'st_stephen'
  | 'abolition_of_slavery';

const ALSACE_MOSELLE = new Set(['57', '67', '68']);

/** Month-day of the abolition of slavery, per overseas département. */
const ABOLITION_OF_SLAVERY: Record<string, string> = {
  '971': '05-27',
  '972': '05-22',
  '973': '06-10',
  '974': '12-20',
  '976': '04-27',
};

const pad = (n: number) => String(n).padStart(2, '0');

/** Easter Sunday of a Gregorian year (the anonymous algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): CalendarDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${pad(month)}-${pad(day)}`;
}

const cache = new Map<string, Map<CalendarDate, HolidayName>>();

/** Every public holiday of a year in a département (national ones when none is given). */
export function publicHolidays(year: number, departement?: string | null): Map<CalendarDate, HolidayName> {
  const key = `${year}:${departement ?? ''}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const easter = easterSunday(year);
  const on = (monthDay: string) => `${year}-${monthDay}`;
  const days: [CalendarDate, HolidayName][] = [
    [on('01-01'), 'new_year'],
    [addDays(easter, 1), 'easter_monday'],
    [on('05-01'), 'labour_day'],
    [on('05-08'), 'victory_1945'],
    [addDays(easter, 39), 'ascension'],
    [addDays(easter, 50), 'whit_monday'],
    [on('07-14'), 'bastille_day'],
    [on('08-15'), 'assumption'],
    [on('11-01'), 'all_saints'],
    [on('11-11'), 'armistice_1918'],
    [on('12-25'), 'christmas'],
  ];
  if (departement && ALSACE_MOSELLE.has(departement)) days.push([addDays(easter, -2), 'good_friday'], [on('12-26'), 'st_stephen']);
  const abolition = departement ? ABOLITION_OF_SLAVERY[departement] : undefined;
  if (abolition) days.push([on(abolition), 'abolition_of_slavery']);
  // Ascension can fall on 1 or 8 May: the first name is kept, the day is off either way.
  const map = new Map<CalendarDate, HolidayName>();
  for (const [date, name] of days) if (!map.has(date)) map.set(date, name);
  cache.set(key, map);
  return map;
}

export function publicHolidayOn(date: CalendarDate, departement?: string | null): HolidayName | null {
  return publicHolidays(Number(date.slice(0, 4)), departement).get(date) ?? null;
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
const weekday = (date: CalendarDate) => new Date(`${date}T00:00:00Z`).getUTCDay();

export function isWorkingDay(date: CalendarDate, departement?: string | null): boolean {
  const d = weekday(date);
  return d !== 0 && d !== 6 && publicHolidayOn(date, departement) === null;
}

/**
 * The `count`-th working day after `date` (the day itself never counts: a message sent on a
 * Monday with 5 working days to answer is due the next Monday). With `count` 0: `date` when it
 * is a working day, else the next one.
 */
export function addWorkingDays(date: CalendarDate, count: number, departement?: string | null): CalendarDate {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${count}`);
  let day = date;
  if (count === 0) {
    while (!isWorkingDay(day, departement)) day = addDays(day, 1);
    return day;
  }
  let left = count;
  while (left > 0) {
    day = addDays(day, 1);
    if (isWorkingDay(day, departement)) left--;
  }
  return day;
}

/** Working days in (`from`, `to`]: how many working days after `from` `to` is (0 when not later). */
export function workingDaysBetween(from: CalendarDate, to: CalendarDate, departement?: string | null): number {
  let n = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day, departement)) n++;
  return n;
}
