import { eq } from 'drizzle-orm';
import { appointmentSlots, users } from '../../src/db/schema';
import type { Actor } from '../../src/platform/audit';
import type { Services } from '../../src/services';
import { fileApplication } from '../../src/modules/applications/file-application';
import { markComplete } from '../../src/modules/attestations/mark-complete';
import { recordDecision } from '../../src/modules/attestations/record-decision';
import { inviteToBook } from '../../src/modules/appointments/invite-to-book';
import { buildApplicant, buildReadyRenewal, metaFor } from './application-builders';
import { buildUser, type BuiltUser } from './builders';

export interface GrantedFile {
  applicant: BuiltUser;
  applicationId: string;
  reference: string;
}

/** A Paris case officer (or another role of a prefecture), as an audit actor. */
export async function officeActor(services: Services, role: 'case_officer' | 'head_of_office' | 'desk_agent' = 'case_officer', prefectureCode = '75'): Promise<Actor> {
  const user = await buildUser(services, { role, prefectureCode });
  return { id: user.id, role, requestId: 'test' };
}

/**
 * A renewal filed by a person living in Paris, marked complete and decided favourably by a
 * Paris case officer through the real use cases; invited to book when `invite` is set.
 */
export async function grantedFile(services: Services, options: { officer?: Actor; invite?: boolean; locale?: 'fr' | 'en' } = {}): Promise<GrantedFile> {
  const officer = options.officer ?? (await officeActor(services));
  const applicant = await buildApplicant(services);
  if (options.locale) await services.db.update(users).set({ locale: options.locale }).where(eq(users.id, applicant.id));
  const applicationId = await buildReadyRenewal(services, applicant);
  const { reference } = await fileApplication(services, applicant.id, applicationId, metaFor(applicant));
  await markComplete(services, applicationId, officer);
  await recordDecision(services, applicationId, true, officer);
  // The receipt and the ADF are mailed now, so that a test reading "the newest mail" reads its own.
  await services.jobs.runPending();
  if (options.invite) await inviteToBook(services, applicationId, { actor: officer, ip: '203.0.113.2', userAgent: 'vitest', locale: 'fr' });
  return { applicant, applicationId, reference };
}

/** Slots written straight into the table (the opening form has its own tests). */
export async function insertSlots(services: Services, options: { prefectureCode?: string; startsAt: Date[]; capacity?: number; createdBy: string }) {
  return services.db
    .insert(appointmentSlots)
    .values(
      options.startsAt.map((startsAt) => ({
        prefectureCode: options.prefectureCode ?? '75',
        startsAt,
        durationMinutes: 15,
        capacity: options.capacity ?? 1,
        createdBy: options.createdBy,
        createdAt: services.clock.now(),
      })),
    )
    .returning();
}
