import { and, eq, inArray, isNotNull, notExists, notInArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { applications, profiles, renewalReminders, users } from '../../../db/schema';
import { appendAudit, systemActor } from '../../../platform/audit';
import type { Clock } from '../../../platform/clock';
import type { JobDefinition } from '../../../platform/jobs';
import { addDays, isCalendarDate, parisDate } from '../../../platform/legal-dates';
import type { Mailer } from '../../../platform/mail/mailer';
import { procedures } from '../../procedures/catalogue';
import { formatIsoDate } from '../../profile/dates';
import { REMINDER_DAYS_BEFORE, renewalWindow } from '../renewal-window';

export const RENEWAL_REMINDERS_JOB = 'applications.renewal_reminders';

/** The message of each reminder: the window opens (day −120); the window closes soon (day −90). */
const templates: Record<(typeof REMINDER_DAYS_BEFORE)[number], string> = {
  120: 'applications.mail_renewal_opens',
  90: 'applications.mail_renewal_due',
};

const renewalProcedureIds = procedures.filter((p) => p.kind === 'renewal').map((p) => p.id);

export interface RenewalReminderDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  publicUrl: string;
  transact<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
}

/**
 * The renewal reminders of one day (CESEDA R.431-5): everyone whose card, as in their profile,
 * expires exactly 120 or 90 days after `day`, and who has not filed a renewal of that card, gets
 * one e-mail per reminder. Meant to run once a day with that day's Paris date; re-running a day
 * (a retry, a missed day replayed) sends nothing twice, because each reminder is a unique row
 * written in the same transaction as its e-mail.
 */
export async function sendRenewalReminders(deps: RenewalReminderDeps, day: string): Promise<number> {
  let sent = 0;
  for (const daysBefore of REMINDER_DAYS_BEFORE) {
    const expiresOn = addDays(day, daysBefore);
    const renewalFiled = deps.db
      .select({ id: applications.id })
      .from(applications)
      .where(
        and(
          eq(applications.applicantId, profiles.userId),
          inArray(applications.procedureId, renewalProcedureIds),
          notInArray(applications.status, ['draft', 'withdrawn']),
          eq(applications.currentPermitExpiresOn, expiresOn),
        ),
      );
    const people = await deps.db
      .select({ userId: users.id, email: users.email, locale: users.locale })
      .from(profiles)
      .innerJoin(users, eq(users.id, profiles.userId))
      .where(and(eq(profiles.permitExpiresOn, expiresOn), eq(users.role, 'applicant'), isNotNull(users.emailVerifiedAt), notExists(renewalFiled)));
    for (const person of people) {
      const delivered = await deps.transact(async (tx) => {
        const now = deps.clock.now();
        const [row] = await tx
          .insert(renewalReminders)
          .values({ userId: person.userId, permitExpiresOn: expiresOn, daysBefore, sentAt: now })
          .onConflictDoNothing()
          .returning({ id: renewalReminders.id });
        // Already reminded (by an earlier run of this day): nothing to do.
        if (!row) return false;
        const locale = person.locale === 'en' ? 'en' : 'fr';
        const w = renewalWindow(expiresOn);
        const mailId = await deps.mailer.queue(tx, person.email, locale, {
          template: templates[daysBefore],
          params: { expiresOn: formatIsoDate(expiresOn, locale), opensOn: formatIsoDate(w.opensOn, locale), closesOn: formatIsoDate(w.closesOn, locale) },
          link: { href: `${deps.publicUrl}/demarches/nouvelle`, labelKey: 'applications.mail_renewal_action' },
        });
        await tx.update(renewalReminders).set({ mailId }).where(eq(renewalReminders.id, row.id));
        await appendAudit(tx, systemActor, now, {
          action: 'applications.renewal_reminder_sent',
          subjectType: 'user',
          subjectId: person.userId,
          data: { daysBefore, permitExpiresOn: expiresOn },
        });
        return true;
      });
      if (delivered) sent++;
    }
  }
  return sent;
}

/**
 * The pg-boss job. Payload `{ day: 'YYYY-MM-DD' }`, the Paris date the reminders are for (to
 * replay a missed day); a scheduled run sends `{}`, meaning today in Paris.
 */
export function renewalRemindersJob(deps: RenewalReminderDeps): JobDefinition<{ day?: string | undefined }> {
  return {
    name: RENEWAL_REMINDERS_JOB,
    payload: z.object({ day: z.string().refine(isCalendarDate).optional() }),
    retryLimit: 3,
    async handle({ day }) {
      await sendRenewalReminders(deps, day ?? parisDate(deps.clock.now()));
    },
  };
}
