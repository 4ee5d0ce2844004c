import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { prefectures, users } from '../../db/schema';
import type { Services } from '../../services';
import { notify } from '../notifications/notify';
import { formatParisDay, formatParisTime } from './paris-time';

const events = { invite: 'appointment', booked: 'appointment_booked', rescheduled: 'appointment_rescheduled' } as const;

/**
 * Tells the person about their card hand-over, in their own language, with a link to their
 * file's appointment page (`notify`: in the app, by e-mail, and by letter for a person filed
 * for at the counter without an address).
 */
export async function notifyHandover(tx: Db, services: Services, app: { id: string; applicantId: string; reference: string | null; prefectureCode: string | null }, what: keyof typeof events, slot?: { startsAt: Date }): Promise<void> {
  const [person] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, app.applicantId));
  const [prefecture] = app.prefectureCode ? await tx.select({ name: prefectures.name, town: prefectures.town }).from(prefectures).where(eq(prefectures.code, app.prefectureCode)) : [];
  const locale = person?.locale === 'en' ? 'en' : 'fr';
  await notify(tx, services, {
    userId: app.applicantId,
    event: events[what],
    applicationId: app.id,
    link: `/demarches/${app.id}/rendez-vous`,
    params: {
      reference: app.reference ?? '',
      prefecture: prefecture ? `${prefecture.name} (${prefecture.town})` : '',
      day: slot ? formatParisDay(slot.startsAt, locale) : '',
      time: slot ? formatParisTime(slot.startsAt, locale) : '',
    },
  });
}
