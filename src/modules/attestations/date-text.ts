import type { CalendarDate } from '../../platform/legal-dates';

const formats = {
  fr: new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

/**
 * A calendar date as people read it ("1er mai 2026", "1 May 2026"). Formatted at UTC midnight
 * in UTC: a calendar date has no time zone, and the server's own must not shift it by a day.
 */
export function longDate(date: CalendarDate, locale: 'fr' | 'en'): string {
  const text = formats[locale].format(new Date(`${date}T00:00:00Z`));
  // French writes the first day of a month as an ordinal: « 1er mai ».
  return locale === 'fr' ? text.replace(/^1 /, '1er ') : text;
}
