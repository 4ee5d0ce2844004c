import { isLocale, sourceLocale, type Locale } from '../../../platform/i18n/catalogue';

/**
 * Notices go to mailboxes other people may read (a shared family address, a helper's). They
 * show enough of an address or number for the owner to recognise it, not to copy it.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${email.slice(0, 1)}•••${email.slice(at)}`;
}

/** "+336•••78". */
export function maskPhoneNumber(number: string): string {
  return `${number.slice(0, 4)}•••${number.slice(-2)}`;
}

/** A date and time as the person reads it, in France's time zone (where the service runs). */
export function formatWhen(at: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(at);
}

/** The language of messages to a person: the one saved on their account, French if unknown. */
export const mailLocale = (stored: string): Locale => (isLocale(stored) ? stored : sourceLocale);
