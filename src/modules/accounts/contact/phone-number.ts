/**
 * Phone numbers are stored in E.164 (`+33612345678`): one spelling per number, whatever the
 * person typed, so that SMS providers and later comparisons agree.
 */
export type PhoneNumberCheck = { ok: true; number: string } | { ok: false; reason: 'letters' | 'length' | 'country_code' };

/** E.164 allows at most 15 digits; below 8 no country has a reachable mobile number. */
const MIN_DIGITS = 8;
const MAX_DIGITS = 15;

/**
 * Accepts a French national number (`06 12 34 56 78`), or an international one written
 * `+<country><number>` or `00<country><number>`, with the usual separators (spaces, dots,
 * dashes, brackets, and the `(0)` people write after a country code).
 */
export function normalisePhoneNumber(input: string): PhoneNumberCheck {
  const compact = input.trim().replace(/\(0\)/g, '').replace(/[\s.\-()/]/g, '');
  if (!/^(\+|00)?\d+$/.test(compact)) return { ok: false, reason: 'letters' };

  let digits: string;
  if (compact.startsWith('+')) digits = compact.slice(1);
  else if (compact.startsWith('00')) digits = compact.slice(2);
  // A French national number: ten digits starting with 0, the 0 standing for +33.
  else if (/^0[1-9]\d{8}$/.test(compact)) digits = `33${compact.slice(1)}`;
  else if (compact.startsWith('0')) return { ok: false, reason: 'length' };
  // Digits with neither a leading 0 nor a `+`: we cannot know the country.
  else return { ok: false, reason: 'country_code' };

  if (digits.startsWith('0')) return { ok: false, reason: 'country_code' };
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) return { ok: false, reason: 'length' };
  // For France we know the plan exactly: nine digits after +33, the first not 0.
  if (digits.startsWith('33') && !/^33[1-9]\d{8}$/.test(digits)) return { ok: false, reason: 'length' };
  return { ok: true, number: `+${digits}` };
}
