/**
 * The identity profile, field by field, in the order of the form. These names are also the
 * ones recorded in the `profile.updated` audit event and translated in the history.
 */
export const profileFields = [
  'surname',
  'surnameLatin',
  'givenNames',
  'givenNamesLatin',
  'sex',
  'birthDate',
  'birthPlace',
  'birthCountry',
  'nationality',
  'foreignerNumber',
  'permitCategory',
  'permitNumber',
  'permitExpiresOn',
  'addressLine',
  'postcode',
  'town',
] as const;

export type ProfileField = (typeof profileFields)[number];

/** Every field may be empty (null): the profile is completed over time. Dates are `YYYY-MM-DD`. */
export type Profile = Record<ProfileField, string | null>;

/** Fields entered as three boxes (day, month, year) and stored as one date. */
export const dateFields = ['birthDate', 'permitExpiresOn'] as const;
export type DateField = (typeof dateFields)[number];
export const dateParts = ['day', 'month', 'year'] as const;

export const sexes = ['F', 'M', 'X'] as const;

/**
 * Categories of the current residence permit, as named in the CESEDA: *carte de séjour
 * temporaire / pluriannuelle* "salarié", "travailleur temporaire", "étudiant", "vie privée et
 * familiale", "visiteur"; *passeport talent*; the 10-year *carte de résident*; and the long-stay
 * visa that serves as a first permit (*VLS-TS*).
 */
export const permitCategories = [
  'employee',
  'temporary_worker',
  'student',
  'private_and_family_life',
  'visitor',
  'talent_passport',
  'resident_card',
  'long_stay_visa',
] as const;

export const emptyProfile = (): Profile => Object.fromEntries(profileFields.map((f) => [f, null])) as Profile;
