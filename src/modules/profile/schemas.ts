import { z } from 'zod';
import { parseForm, type ParsedForm } from '../../platform/http/forms';
import type { FieldErrors } from '../../web/components/forms';
import { isCountryCode } from './countries';
import { parseDateParts, shiftYears, type DateParts } from './dates';
import { dateFields, permitCategories, profileFields, sexes, type DateField, type Profile } from './fields';

export const NAME_MAX = 100;
export const PLACE_MAX = 100;
export const ADDRESS_LINE_MAX = 120;
export const TOWN_MAX = 60;
export const PERMIT_NUMBER_MAX = 20;
/** Oldest date of birth accepted, in years before today. */
export const MAX_AGE_YEARS = 120;
/** No French permit runs longer than 10 years (*carte de résident*); a year's margin for dates typed from the card. */
export const MAX_PERMIT_YEARS_AHEAD = 11;
/** An expiry older than this is a typing mistake, not a permit someone still declares. */
export const MAX_PERMIT_YEARS_BEHIND = 30;

/**
 * A name in the passport's own script: letters of any script with their combining marks,
 * spaces, hyphens and apostrophes; also the joiners Persian names need and the middle dots
 * that separate names in Chinese and Japanese.
 */
const SCRIPT_NAME = /^(?:[\p{L}\p{M}' ’\u00B7\u30FB-]|\u200C|\u200D)+$/u;
const LATIN_SCRIPT = /^[\p{Script=Latin}\p{M}' ’-]+$/u;
/** The machine-readable zone's alphabet, after upper-casing. */
const MRZ_NAME = /^[A-Z' -]+$/;
const CONTROL_CHARS = /[\p{Cc}\p{Cs}]/u;

/** A name already in Latin letters (Müller, Nguyễn) needs no separate Latin form. */
export const isLatinScript = (name: string): boolean => LATIN_SCRIPT.test(name);

/** Absent (an unticked radio group) and blank both mean "not given". */
const orNull = (v: string | undefined): string | null => (v === undefined || v === '' ? null : v);

/** One line of text: normalised to NFC, trimmed, inner runs of spaces made one. */
const line = () =>
  z
    .string()
    .normalize('NFC')
    .trim()
    .overwrite((v) => v.replace(/\s+/g, ' '));

/** Compact codes (numbers, postcodes): spaces typed for readability are dropped. */
const compact = () => z.string().overwrite((v) => v.replace(/\s+/g, ''));

const scriptName = line()
  .max(NAME_MAX)
  .refine((v) => v === '' || (SCRIPT_NAME.test(v) && /\p{L}/u.test(v)), { error: 'profile.errors.name_letters' });

const latinName = line()
  .overwrite((v) => v.replace(/’/g, "'").toUpperCase())
  .max(NAME_MAX)
  .refine((v) => v === '' || (MRZ_NAME.test(v) && /[A-Z]/.test(v)), { error: 'profile.errors.latin_letters' });

const freeText = (max: number) =>
  line()
    .max(max)
    .refine((v) => !CONTROL_CHARS.test(v), { error: 'validation.format' });

const country = line()
  .toUpperCase()
  .refine((v) => v === '' || isCountryCode(v), { error: 'validation.choose_option' });

const choice = <T extends readonly [string, ...string[]]>(options: T) => z.string().optional().transform(orNull).pipe(z.enum(options).nullable());

const datePart = z.string().optional();

const textFields = {
  surname: scriptName.optional().transform(orNull),
  givenNames: scriptName.optional().transform(orNull),
  surnameLatin: latinName.optional().transform(orNull),
  givenNamesLatin: latinName.optional().transform(orNull),
  sex: choice(sexes),
  birthPlace: freeText(PLACE_MAX).optional().transform(orNull),
  birthCountry: country.optional().transform(orNull),
  nationality: country.optional().transform(orNull),
  foreignerNumber: compact()
    .refine((v) => v === '' || /^\d{10}$/.test(v), { error: 'profile.errors.foreigner_number' })
    .optional()
    .transform(orNull),
  permitCategory: choice(permitCategories),
  permitNumber: compact()
    .toUpperCase()
    .max(PERMIT_NUMBER_MAX)
    .refine((v) => /^[A-Z0-9]*$/.test(v), { error: 'profile.errors.permit_number' })
    .optional()
    .transform(orNull),
  addressLine: freeText(ADDRESS_LINE_MAX).optional().transform(orNull),
  // French postcodes: five digits, and no département numbered 00.
  postcode: compact()
    .refine((v) => v === '' || (/^\d{5}$/.test(v) && !v.startsWith('00')), { error: 'profile.errors.postcode' })
    .optional()
    .transform(orNull),
  town: freeText(TOWN_MAX).optional().transform(orNull),
};

/** Names of the form's inputs and groups, top to bottom. */
const formOrder: string[] = profileFields.flatMap((f) => ((dateFields as readonly string[]).includes(f) ? [f, `${f}-day`, `${f}-month`, `${f}-year`] : [f]));

type DatePartKey = `${DateField}-${keyof DateParts}`;
const dateInputs = Object.fromEntries(dateFields.flatMap((f) => (['day', 'month', 'year'] as const).map((p) => [`${f}-${p}`, datePart]))) as Record<DatePartKey, typeof datePart>;

type Raw = z.infer<z.ZodObject<typeof textFields & typeof dateInputs>>;

const partsOf = (raw: Raw, field: DateField): DateParts => ({
  day: raw[`${field}-day`] ?? '',
  month: raw[`${field}-month`] ?? '',
  year: raw[`${field}-year`] ?? '',
});

/** A valid name in a non-Latin script (an invalid one already has its own message). */
const needsLatinForm = (name: string | null): boolean => name !== null && SCRIPT_NAME.test(name) && !isLatinScript(name);

/** Why a date is refused, or null; `today` is Paris's date, `YYYY-MM-DD`. */
function dateProblem(field: DateField, parts: DateParts, today: string): string | null {
  const parsed = parseDateParts(parts);
  if (parsed.kind === 'empty') return null;
  if (parsed.kind === 'incomplete') return 'profile.errors.date_incomplete';
  if (parsed.kind === 'invalid') return 'profile.errors.date_invalid';
  if (field === 'birthDate') {
    if (parsed.iso > today) return 'profile.errors.birth_date_future';
    if (parsed.iso < shiftYears(today, -MAX_AGE_YEARS)) return 'profile.errors.birth_date_too_old';
    return null;
  }
  if (parsed.iso > shiftYears(today, MAX_PERMIT_YEARS_AHEAD) || parsed.iso < shiftYears(today, -MAX_PERMIT_YEARS_BEHIND)) {
    return 'profile.errors.permit_expiry_implausible';
  }
  return null;
}

/** The profile form: every field may be left empty, but what is given must be valid. */
export function profileForm(today: string) {
  return z
    .object({ ...textFields, ...dateInputs })
    .superRefine((raw, ctx) => {
      // The Latin form is what French records and the card will carry: required when the passport's script is not Latin.
      if (needsLatinForm(raw.surname) && !raw.surnameLatin) {
        ctx.addIssue({ code: 'custom', path: ['surnameLatin'], message: 'profile.errors.latin_required' });
      }
      if (needsLatinForm(raw.givenNames) && !raw.givenNamesLatin) {
        ctx.addIssue({ code: 'custom', path: ['givenNamesLatin'], message: 'profile.errors.latin_required' });
      }
      for (const field of dateFields) {
        const problem = dateProblem(field, partsOf(raw, field), today);
        if (problem) ctx.addIssue({ code: 'custom', path: [field], message: problem });
      }
    })
    .transform((raw): Profile => {
      const dates = Object.fromEntries(
        dateFields.map((f) => {
          const parsed = parseDateParts(partsOf(raw, f));
          return [f, parsed.kind === 'date' ? parsed.iso : null];
        }),
      ) as Record<DateField, string | null>;
      return {
        surname: raw.surname,
        givenNames: raw.givenNames,
        surnameLatin: raw.surnameLatin,
        givenNamesLatin: raw.givenNamesLatin,
        sex: raw.sex,
        birthDate: dates.birthDate,
        birthPlace: raw.birthPlace,
        birthCountry: raw.birthCountry,
        nationality: raw.nationality,
        foreignerNumber: raw.foreignerNumber,
        permitCategory: raw.permitCategory,
        permitNumber: raw.permitNumber,
        permitExpiresOn: dates.permitExpiresOn,
        addressLine: raw.addressLine,
        postcode: raw.postcode,
        town: raw.town,
      };
    });
}

/** `parseForm`, with the error summary in the order of the form, whichever check found each problem. */
export function parseProfileForm(body: unknown, today: string): ParsedForm<Profile> {
  const parsed = parseForm(profileForm(today), body);
  if (parsed.ok) return parsed;
  const errors: FieldErrors = {};
  for (const field of [...formOrder, ...Object.keys(parsed.errors)]) if (parsed.errors[field] && !errors[field]) errors[field] = parsed.errors[field];
  return { ok: false, errors, values: parsed.values };
}
