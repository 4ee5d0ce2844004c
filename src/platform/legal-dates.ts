/**
 * Legal deadlines are calendar dates in Europe/Paris, not instants. They are handled as
 * `YYYY-MM-DD` strings; arithmetic goes through UTC midnight so no daylight-saving change can
 * shift a day.
 */
export type CalendarDate = string;

const PARIS = 'Europe/Paris';
const DAY_MS = 86_400_000;

export function isCalendarDate(value: string): value is CalendarDate {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

// en-CA writes dates as YYYY-MM-DD. One formatter for the process: building a TZDate per call
// cost ~7 µs, and an office queue page asks for a hundred of these.
const parisDay = new Intl.DateTimeFormat('en-CA', { timeZone: PARIS, year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The last hour asked for, and its Paris date. Paris is a whole number of hours from UTC and
 * changes offset on the hour (01:00 UTC, EU rule since 1996), so its date never changes within a
 * UTC hour: instants after 2000 in the same hour share the date, and formatting it (a few µs of
 * Intl per call, on every public check) is done once an hour.
 */
const HOUR_MS = 3_600_000;
const SAME_HOUR_RULE_FROM = Date.UTC(2000, 0, 1);
let lastHour = Number.NaN;
let lastDate = '';

/** The calendar date it is in Paris at this instant. */
export function parisDate(at: Date): CalendarDate {
  const ms = at.getTime();
  if (!(ms >= SAME_HOUR_RULE_FROM)) return parisDay.format(at);
  const hour = Math.floor(ms / HOUR_MS);
  if (hour !== lastHour) {
    lastDate = parisDay.format(at);
    lastHour = hour;
  }
  return lastDate;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Adds calendar months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}
