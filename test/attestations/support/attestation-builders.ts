import { asc, eq } from 'drizzle-orm';
import { applications, attestations, profiles } from '../../../src/db/schema';
import type { Actor } from '../../../src/platform/audit';
import type { ManualClock } from '../../../src/platform/clock';
import type { Services } from '../../../src/services';
import { fileApplication } from '../../../src/modules/applications/file-application';
import { startApplication } from '../../../src/modules/applications/start-application';
import { findProcedure } from '../../../src/modules/procedures/catalogue';
import { attachRequiredDocuments, buildApplicant, metaFor } from '../../support/application-builders';
import { buildUser, type BuiltUser } from '../../support/builders';

/** 09:00 in Paris on a calendar day (07:00 or 08:00 UTC): the middle of an office day. */
export const morningOf = (day: string) => new Date(`${day}T07:30:00Z`);

/** A case officer (or another office role) of a prefecture, as an audit actor. */
export async function buildOfficeAgent(services: Services, options: { prefectureCode?: string; role?: 'case_officer' | 'head_of_office' | 'desk_agent' } = {}): Promise<Actor> {
  const user = await buildUser(services, { role: options.role ?? 'case_officer', prefectureCode: options.prefectureCode ?? '75' });
  return { id: user.id, role: user.role, requestId: 'test' };
}

export interface FiledRenewal {
  applicant: BuiltUser;
  applicationId: string;
  reference: string;
}

/**
 * Files a renewal through the real use case on `filedOn`: the person lives in Paris, their card
 * expires on `permitExpiresOn`; every question gets its first answer, every document is there.
 * The jobs the filing queued (the receipt) run before it returns, unless `runJobs` is false.
 */
export async function fileRenewal(
  services: Services,
  clock: ManualClock,
  options: { filedOn: string; permitExpiresOn: string; procedureId?: string; sex?: 'F' | 'M' | 'X'; permitCategory?: string; runJobs?: boolean; postcode?: string },
): Promise<FiledRenewal> {
  clock.set(morningOf(options.filedOn));
  const applicant = await buildApplicant(services, { permitExpiresOn: options.permitExpiresOn, postcode: options.postcode });
  await services.db
    .update(profiles)
    .set({ sex: options.sex ?? null, permitCategory: options.permitCategory ?? null })
    .where(eq(profiles.userId, applicant.id));
  const procedureId = options.procedureId ?? 'renewal_salarie';
  const id = await startApplication(services, applicant.id, procedureId, metaFor(applicant));
  const [app] = await services.db.select({ answers: applications.answers }).from(applications).where(eq(applications.id, id));
  const answers: Record<string, string> = { ...app!.answers };
  for (const q of findProcedure(procedureId)!.questions) answers[q.id] = q.type === 'yes_no' ? 'yes' : q.options![0]!;
  await services.db.update(applications).set({ answers, timbreReference: '1234567890123456', ephotoCode: 'ABCDEFGHJK23456789MNPQ' }).where(eq(applications.id, id));
  await attachRequiredDocuments(services, id);
  const filed = await fileApplication(services, applicant.id, id, metaFor(applicant));
  // The worker's part: the receipt job queued by the filing (unless the test runs it itself).
  if (options.runJobs !== false) await services.jobs.runPending();
  return { applicant, applicationId: id, reference: filed.reference };
}

export function attestationsOf(services: Services, applicationId: string) {
  return services.db.select().from(attestations).where(eq(attestations.applicationId, applicationId)).orderBy(asc(attestations.issuedAt), asc(attestations.validFrom));
}
