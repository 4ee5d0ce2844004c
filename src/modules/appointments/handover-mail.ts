import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { prefectures, users } from '../../db/schema';
import type { Services } from '../../services';
import { formatParisDay, formatParisTime } from './paris-time';

/**
 * Mails about a card hand-over, in the person's own language, with a link to their file's
 * appointment page. A person filed for at the counter without an address gets none (the
 * mailer skips them): the office tells them by post or phone.
 */
export async function queueHandoverMail(
  tx: Db,
  services: Services,
  app: { id: string; applicantId: string; reference: string | null; prefectureCode: string | null },
  template: 'appointments.mail_invite' | 'appointments.mail_booked' | 'appointments.mail_rescheduled',
  slot?: { startsAt: Date },
): Promise<void> {
  const [person] = await tx.select({ email: users.email, locale: users.locale }).from(users).where(eq(users.id, app.applicantId));
  const [prefecture] = app.prefectureCode ? await tx.select({ name: prefectures.name, town: prefectures.town }).from(prefectures).where(eq(prefectures.code, app.prefectureCode)) : [];
  const locale = person?.locale === 'en' ? 'en' : 'fr';
  await services.mailer.queue(tx, person?.email ?? null, locale, {
    template,
    params: {
      reference: app.reference ?? '',
      prefecture: prefecture ? `${prefecture.name} (${prefecture.town})` : '',
      day: slot ? formatParisDay(slot.startsAt, locale) : '',
      time: slot ? formatParisTime(slot.startsAt, locale) : '',
    },
    link: { href: `${services.config.publicUrl}/demarches/${app.id}/rendez-vous`, labelKey: 'appointments.mail_action' },
  });
}
