import { eq } from 'drizzle-orm';
import { applicationDocuments, applications, documents, profiles } from '../../src/db/schema';
import type { Services } from '../../src/services';
import type { RequestMeta } from '../../src/modules/accounts/request-meta';
import { findProcedure, requiredDocuments } from '../../src/modules/procedures/catalogue';
import { startApplication } from '../../src/modules/applications/start-application';
import { buildUser, type BuiltUser } from './builders';

export const metaFor = (user: { id: string; role?: string }): RequestMeta => ({
  actor: { id: user.id, role: user.role ?? 'applicant', requestId: 'test' },
  ip: '203.0.113.1',
  userAgent: 'vitest',
  locale: 'fr',
});

/** An applicant with a complete profile living in Paris, whose card expires on `permitExpiresOn`. */
export async function buildApplicant(services: Services, options: { permitExpiresOn?: string; postcode?: string } = {}): Promise<BuiltUser> {
  const user = await buildUser(services);
  await services.db
    .update(profiles)
    .set({
      surname: 'Diallo',
      givenNames: 'Awa',
      birthDate: '1990-04-12',
      nationality: 'SN',
      addressLine: '12 rue des Lilas',
      postcode: options.postcode ?? '75019',
      town: 'Paris',
      permitNumber: 'FR7654321',
      permitExpiresOn: options.permitExpiresOn ?? '2026-06-30',
    })
    .where(eq(profiles.userId, user.id));
  return user;
}

/** Puts a (tiny, real) PDF in the person's vault and attaches it for each required document. */
export async function attachRequiredDocuments(services: Services, applicationId: string) {
  const [app] = await services.db.select().from(applications).where(eq(applications.id, applicationId));
  const kinds = requiredDocuments(findProcedure(app!.procedureId)!, app!.answers);
  const now = services.clock.now();
  for (const kind of kinds) {
    const [doc] = await services.db
      .insert(documents)
      .values({ ownerId: app!.applicantId, kind, originalName: `${kind}.pdf`, mimeType: 'application/pdf', sizeBytes: 1000, sha256: 'x'.repeat(64), storageKey: `test/${kind}`, createdAt: now })
      .returning({ id: documents.id });
    await services.db.insert(applicationDocuments).values({ applicationId, documentId: doc!.id, kind, addedAt: now });
  }
  return kinds;
}

/** A renewal draft ready to file: answers complete, documents attached, fee and photo given. */
export async function buildReadyRenewal(services: Services, applicant: BuiltUser, procedureId = 'renewal_salarie') {
  const id = await startApplication(services, applicant.id, procedureId, metaFor(applicant));
  await services.db
    .update(applications)
    .set({
      answers: { ...(await answersOf(services, id)), same_employer: 'yes' },
      timbreReference: '1234567890123456',
      ephotoCode: 'ABCDEFGHJK23456789MNPQ',
    })
    .where(eq(applications.id, id));
  await attachRequiredDocuments(services, id);
  return id;
}

async function answersOf(services: Services, id: string) {
  const [a] = await services.db.select({ answers: applications.answers }).from(applications).where(eq(applications.id, id));
  return a!.answers;
}
