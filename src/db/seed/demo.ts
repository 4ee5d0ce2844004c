import { randomUUID } from 'node:crypto';
import { addDays, format } from 'date-fns';
import { sql } from 'drizzle-orm';
import { appointmentSlots, prefectures, profiles, users, type Role } from '../schema';
import { appendAudit, systemActor } from '../../platform/audit';
import { hashPassword } from '../../platform/passwords';
import type { Services } from '../../services';
import { secondFactorRequired } from '../../modules/accounts/totp/policy';
import { sealTotpSecret } from '../../modules/accounts/totp/secret-storage';
import { demoPrefectures } from './prefectures';
import { seedDemoOfficeFiles } from './demo-files';
import { addDays as addCalendarDays, parisDate } from '../../platform/legal-dates';
import { parisInstant } from '../../modules/appointments/paris-time';

export const DEMO_PASSWORD = 'sesame-demo-2026';
/**
 * Every agent must give a second factor; the demo agents share this TOTP key (base32), printed
 * at first start so that a newcomer can add it once to an authenticator app.
 */
export const DEMO_TOTP_SECRET = 'SESAMEDEMOTOTPKEYFORAGENTSONLYQQ';

export interface DemoLogin {
  email: string;
  role: Role;
  prefectureCode: string | null;
}

const agentRoles: Role[] = ['case_officer', 'head_of_office', 'desk_agent'];
const roleSlug: Record<Role, string> = {
  applicant: 'usager',
  case_officer: 'instructeur',
  head_of_office: 'chef-bureau',
  desk_agent: 'accueil',
  support_agent: 'support',
  admin: 'admin',
};

/**
 * Demo data for a first start: real prefectures, one agent per role in each, national support
 * and admin accounts, an applicant whose card expires in 70 days, and card hand-over slots at
 * each demo desk for the next ten working days. Runs once: an existing
 * user means the database is not new.
 */
export async function seedDemoData(services: Services): Promise<DemoLogin[] | null> {
  const { db, clock } = services;
  const [{ count } = { count: 0 }] = await db.select({ count: sql<number>`count(*)::int` }).from(users);
  if (count > 0) return null;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = clock.now();
  const logins: DemoLogin[] = [];
  await services.transact(async (tx) => {
    await tx.insert(prefectures).values(demoPrefectures).onConflictDoNothing();
    const accounts: DemoLogin[] = [
      { email: 'usager@demo.sesame.localhost', role: 'applicant', prefectureCode: null },
      ...demoPrefectures.flatMap((p) => agentRoles.map((role) => ({ email: `${roleSlug[role]}.${p.code}@demo.sesame.localhost`, role, prefectureCode: p.code }))),
      { email: 'support@demo.sesame.localhost', role: 'support_agent', prefectureCode: null },
      { email: 'admin@demo.sesame.localhost', role: 'admin', prefectureCode: null },
    ];
    for (const a of accounts) {
      // The id is drawn here because the sealed TOTP key is bound to it.
      const id = randomUUID();
      const totp = secondFactorRequired(a.role) ? { totpSecret: sealTotpSecret(services, id, DEMO_TOTP_SECRET), totpEnabledAt: now } : {};
      const [u] = await tx
        .insert(users)
        .values({ id, email: a.email, passwordHash, role: a.role, prefectureCode: a.prefectureCode, emailVerifiedAt: now, createdAt: now, updatedAt: now, ...totp })
        .returning({ id: users.id });
      await appendAudit(tx, systemActor, now, { action: 'account.created', subjectType: 'user', subjectId: u!.id, data: { demo: true, role: a.role } });
      if (a.role === 'applicant') {
        await tx.insert(profiles).values({
          userId: u!.id,
          surname: 'SPECIMEN',
          givenNames: 'Natacha',
          surnameLatin: 'SPECIMEN',
          givenNamesLatin: 'NATACHA',
          sex: 'F',
          birthDate: '1993-07-12',
          birthPlace: 'Buenos Aires',
          birthCountry: 'AR',
          nationality: 'AR',
          foreignerNumber: '7503120521',
          permitCategory: 'salarie',
          permitNumber: 'FR1234567',
          permitExpiresOn: format(addDays(now, 70), 'yyyy-MM-dd'),
          addressLine: '145 avenue des Specimens',
          postcode: '75009',
          town: 'Paris',
          updatedAt: now,
        });
      }
      logins.push(a);
      if (a.role === 'desk_agent' && a.prefectureCode) await tx.insert(appointmentSlots).values(demoSlots(a.prefectureCode, u!.id, now));
    }
  });
  // Work for the Paris office's queue, filed through the real use cases (after the accounts exist).
  await seedDemoOfficeFiles(services, passwordHash);
  return logins;
}

/**
 * Card hand-over slots at a demo prefecture's desk: the next ten working days, 09:00 to 12:00
 * Paris time, every 15 minutes, two people each.
 */
function demoSlots(prefectureCode: string, deskAgentId: string, now: Date): (typeof appointmentSlots.$inferInsert)[] {
  const slots: (typeof appointmentSlots.$inferInsert)[] = [];
  for (let offset = 1, days = 0; days < 10; offset++) {
    const day = addCalendarDays(parisDate(now), offset);
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    days++;
    for (let minutes = 9 * 60; minutes < 12 * 60; minutes += 15) {
      slots.push({ prefectureCode, startsAt: parisInstant(day, minutes), durationMinutes: 15, capacity: 2, createdBy: deskAgentId, createdAt: now });
    }
  }
  return slots;
}
