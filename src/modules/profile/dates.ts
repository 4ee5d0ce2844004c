/** Calendar dates as the profile stores them: `YYYY-MM-DD`, read in France's time zone. */

export type DateParts = { day: string; month: string; year: string };

export type ParsedDate = { kind: 'empty' } | { kind: 'incomplete' } | { kind: 'invalid' } | { kind: 'date'; iso: string };

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Reads a date typed as three boxes. Leading zeros are optional ("7" or "07"); a date that
 * does not exist on the calendar (31 February) is invalid, not rolled over to March.
 */
export function parseDateParts(parts: DateParts): ParsedDate {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  const given = [day, month, year].filter((p) => p !== '').length;
  if (given === 0) return { kind: 'empty' };
  if (given < 3) return { kind: 'incomplete' };
  // Years before 1000 are typing mistakes (and `Date.UTC` would read 0099 as 1999).
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^[1-9]\d{3}$/.test(year)) return { kind: 'invalid' };
  const [d, m, y] = [Number(day), Number(month), Number(year)];
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || d < 1 || probe.getUTCDate() !== d || probe.getUTCMonth() !== m - 1) return { kind: 'invalid' };
  return { kind: 'date', iso: `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}` };
}

/** Splits a stored date back into the three boxes of the form. */
export function isoToParts(iso: string | null): DateParts {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  if (!m) return { day: '', month: '', year: '' };
  return { day: m[3]!, month: m[2]!, year: m[1]! };
}

/** Today's date in Paris: a person born "today" at 23:30 in Paris is not born "tomorrow" in UTC. */
export function parisToday(now: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The same day `years` later (or earlier); 29 February falls back to 28 February. */
export function shiftYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCDate() !== d) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/** A stored date in the reader's language, e.g. "27 mars 1990" / "March 27, 1990". */
export function formatIsoDate(iso: string, locale: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}
