import type { FormValues } from '../../web/components/forms';
import { isoToParts } from './dates';
import { dateFields, profileFields, type DateField, type Profile } from './fields';

const isDateField = (f: string): f is DateField => (dateFields as readonly string[]).includes(f);

/** A saved profile as the form shows it: each date split into its day, month and year boxes. */
export function profileFormValues(profile: Profile): FormValues {
  const values: FormValues = {};
  for (const field of profileFields) {
    if (isDateField(field)) {
      const parts = isoToParts(profile[field]);
      values[`${field}-day`] = parts.day;
      values[`${field}-month`] = parts.month;
      values[`${field}-year`] = parts.year;
    } else {
      values[field] = profile[field] ?? '';
    }
  }
  return values;
}
