import type { Locale, Translate } from '../../platform/i18n/catalogue';
import type { VerificationAnswer } from './verify-attestation';

const formats = new Map<Locale, Intl.DateTimeFormat>();
/**
 * Dates already written, per language: every check writes two or four, and formatting one with
 * Intl costs more than the rest of the sentence. Validity dates are few (days of a few years);
 * the bound only keeps nonsense input from growing the map for ever.
 */
const written = new Map<string, string>();
const MAX_WRITTEN = 20_000;

/** A calendar date in words, in the reader's language ("30 septembre 2026"). */
export function longDate(date: string, locale: Locale): string {
  const key = `${locale}${date}`;
  const known = written.get(key);
  if (known !== undefined) return known;
  let f = formats.get(locale);
  if (!f) formats.set(locale, (f = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' })));
  const text = f.format(new Date(`${date}T00:00:00Z`));
  if (written.size >= MAX_WRITTEN) written.clear();
  written.set(key, text);
  return text;
}

/**
 * The one sentence a verifier needs, in plain words: what the proof allows and until when, or
 * why it cannot be relied on. Shared by the page and the API, so both say the same thing.
 */
export function describeAnswer(answer: VerificationAnswer, t: Translate, locale: Locale, today: string): string {
  const a = answer.attestation;
  if (!a) return t('verification.summary.unknown');
  const d = { from: longDate(a.validFrom, locale), to: a.validUntil ? longDate(a.validUntil, locale) : '' };
  switch (answer.status) {
    case 'revoked':
      return t('verification.summary.revoked');
    case 'superseded':
      return t('verification.summary.superseded');
    case 'expired':
      return t('verification.summary.expired', d);
    default:
      break;
  }
  if (a.kind === 'receipt') return t('verification.summary.receipt', d);
  const notYet = a.validFrom > today;
  if (a.allowsWork) return t(notYet ? 'verification.summary.work_from' : 'verification.summary.work_until', d);
  return t(notYet ? 'verification.summary.stay_from' : 'verification.summary.stay_until', d);
}
