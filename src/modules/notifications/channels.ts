import type { NotificationChannel } from '../../db/schema';

/** What `notify` knows of a person to choose how to reach them. */
export interface Reachability {
  role: string;
  email: string | null;
  emailVerifiedAt: Date | null;
  phone: string | null;
  phoneVerifiedAt: Date | null;
  smsNotifications: boolean;
}

/**
 * An address mail can go to. Accounts opened at the counter for a person without e-mail may hold
 * none, or a placeholder in the reserved `.invalid` domain (RFC 2606): neither is usable.
 */
export function usableEmail(email: string | null | undefined): string | null {
  const value = email?.trim() ?? '';
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) return null;
  if (/\.invalid$/i.test(value)) return null;
  return value;
}

/**
 * The channels a notification goes through, besides the app (always): e-mail to a usable
 * address; a printed letter for an applicant with no confirmed address (the counter route:
 * an address typed by someone else may be wrong, so the letter goes as well); a text message
 * when the person asked for one and their phone is verified.
 */
export function channelsFor(person: Reachability): NotificationChannel[] {
  const channels: NotificationChannel[] = [];
  const email = usableEmail(person.email);
  if (email) channels.push('email');
  if (person.role === 'applicant' && (!email || !person.emailVerifiedAt)) channels.push('letter');
  if (person.smsNotifications && person.phone && person.phoneVerifiedAt) channels.push('sms');
  return channels;
}
