import { isCalendarDate, type CalendarDate } from '../../platform/legal-dates';
import { parseDateParts, type DateParts } from '../profile/dates';

/**
 * A date answer is typed as three boxes (day, month, year) and stored as one string: the
 * calendar date `YYYY-MM-DD` when the boxes make one, otherwise what was typed as `d/m/y`, so a
 * refused date comes back exactly as typed. Slashes typed inside a box are dropped: they would
 * shift the boxes on the way back.
 */
export function dateAnswerFromParts(parts: DateParts): string {
  const parsed = parseDateParts(parts);
  if (parsed.kind === 'empty') return '';
  if (parsed.kind === 'date') return parsed.iso;
  const clean = (s: string) => s.replace(/\//g, '').trim().slice(0, 10);
  return `${clean(parts.day)}/${clean(parts.month)}/${clean(parts.year)}`;
}

/** The three boxes of a stored date answer. */
export function datePartsOfAnswer(value: string | undefined): DateParts {
  if (!value) return { day: '', month: '', year: '' };
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (iso) return { day: iso[3]!, month: iso[2]!, year: iso[1]! };
  const typed = value.split('/');
  if (typed.length === 3) return { day: typed[0]!, month: typed[1]!, year: typed[2]! };
  return { day: '', month: '', year: value };
}

/** Why a stored date answer is not a date, as a message key, or null when it is one. */
export function dateAnswerProblem(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return 'validation.required';
  if (isCalendarDate(value)) return null;
  const parts = datePartsOfAnswer(value);
  return parseDateParts(parts).kind === 'incomplete' ? 'applications.errors.date_incomplete' : 'applications.errors.date_invalid';
}

/** How far a date may be from today to be believable, per kind of date. */
export type DatePlausibility = 'past' | 'permit_expiry' | 'recent_past';

/** Why a valid date is implausible for its purpose, or null. */
export function implausibleDate(value: CalendarDate, kind: DatePlausibility, today: CalendarDate): string | null {
  const year = Number(today.slice(0, 4));
  const shift = (years: number) => `${year + years}${today.slice(4)}`;
  switch (kind) {
    case 'past':
      if (value > today) return 'applications.errors.date_in_future';
      return value < shift(-120) ? 'applications.errors.date_too_old' : null;
    case 'recent_past':
      if (value > today) return 'applications.errors.date_in_future';
      return value < shift(-15) ? 'applications.errors.date_too_old' : null;
    case 'permit_expiry':
      // No card runs more than 10 years; an expiry decades ago is a typing mistake.
      return value > shift(11) || value < shift(-30) ? 'applications.errors.permit_expiry_implausible' : null;
  }
}
