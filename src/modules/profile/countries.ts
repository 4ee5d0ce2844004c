import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import fr from 'i18n-iso-countries/langs/fr.json' with { type: 'json' };
import type { Locale } from '../../platform/i18n/catalogue';

countries.registerLocale(fr);
countries.registerLocale(en);

/** ISO 3166-1 alpha-2 codes, upper case: the only values a country field accepts. */
const alpha2Codes = new Set(Object.keys(countries.getAlpha2Codes()));

export const isCountryCode = (code: string): boolean => alpha2Codes.has(code);

const optionsByLocale = new Map<Locale, { value: string; label: string }[]>();

/** Countries for a select, named in the reader's language and sorted by its collation (so "Égypte" comes after "Danemark"). */
export function countryOptions(locale: Locale): { value: string; label: string }[] {
  let options = optionsByLocale.get(locale);
  if (!options) {
    const names = countries.getNames(locale, { select: 'official' });
    const collator = new Intl.Collator(locale);
    options = Object.entries(names)
      .filter(([code]) => alpha2Codes.has(code))
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => collator.compare(a.label, b.label));
    optionsByLocale.set(locale, options);
  }
  return options;
}

/** A country's name in the reader's language; the code itself if the package does not know it. */
export const countryName = (code: string, locale: Locale): string => countries.getName(code, locale) ?? code;
