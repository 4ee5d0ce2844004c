import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { applications, attestations, profiles } from '../../src/db/schema';
import { refreshQueuePriority } from '../../src/modules/backoffice/refresh-queue-priority';
import type { Services } from '../../src/services';
import { buildUser, type BuiltUser } from '../support/builders';

/** 10:00 in Paris on a day of 2026 (summer time from 29 March to 25 October). */
export const parisTime = (day: string, time = '10:00') => new Date(`${day}T${time}:00${day >= '2026-03-29' && day < '2026-10-25' ? '+02:00' : '+01:00'}`);

let serial = 0;

export interface SeededFile {
  id: string;
  reference: string;
  prefectureCode: string;
  applicant: BuiltUser;
}

/**
 * A file as the workflow leaves it, written straight to the table (the figures read rows, and
 * many files with known ages are needed): the queue dates are then derived by the real rule
 * (`refreshQueuePriority`), as every use case does.
 */
export async function seedFile(
  services: Services,
  f: {
    /** Files are locked in id order: a test that needs one locked first names it. */
    id?: string;
    prefectureCode?: string;
    status?: 'filed' | 'incomplete' | 'under_review' | 'decided' | 'closed' | 'withdrawn';
    filedOn: string;
    /** The filing instant, when the Paris day's edge matters (else 10:00 in Paris on `filedOn`). */
    filedAt?: Date;
    completedOn?: string | null;
    officerId?: string | null;
    procedureId?: string;
    permitExpiresOn?: string | null;
    filedOnTime?: boolean;
    surname?: string;
  },
): Promise<SeededFile> {
  const applicant = await buildUser(services);
  if (f.surname) await services.db.update(profiles).set({ surname: f.surname, givenNames: 'Awa' }).where(eq(profiles.userId, applicant.id));
  const status = f.status ?? 'filed';
  const reference = `${f.prefectureCode ?? '75'}-26-DASH${String(++serial).padStart(4, '0')}`;
  const filedAt = f.filedAt ?? parisTime(f.filedOn);
  const completedOn = f.completedOn === undefined ? (status === 'filed' || status === 'incomplete' ? null : f.filedOn) : f.completedOn;
  const id = f.id ?? randomUUID();
  await services.db.insert(applications).values({
    id,
    reference,
    applicantId: applicant.id,
    procedureId: f.procedureId ?? 'renewal_salarie',
    status,
    prefectureCode: f.prefectureCode ?? '75',
    filedOnTime: f.filedOnTime ?? true,
    filedAt,
    completedAt: completedOn ? parisTime(completedOn) : null,
    currentPermitExpiresOn: f.permitExpiresOn === undefined ? '2027-12-31' : f.permitExpiresOn,
    assignedOfficerId: f.officerId ?? null,
    decision: status === 'decided' || status === 'closed' ? 'favourable' : null,
    decidedAt: status === 'decided' || status === 'closed' ? filedAt : null,
    withdrawnAt: status === 'withdrawn' ? filedAt : null,
    createdAt: filedAt,
    updatedAt: filedAt,
  });
  await refreshQueuePriority(services.db, id);
  return { id, reference, prefectureCode: f.prefectureCode ?? '75', applicant };
}

/** An APRI of a file, as the issuance job stores it (the signed text is irrelevant to the counts). */
export async function seedApri(services: Services, file: SeededFile, a: { validFrom: string; validTo: string; issuedAt: Date; revoked?: boolean }) {
  await services.db.insert(attestations).values({
    publicId: randomUUID(),
    applicationId: file.id,
    holderId: file.applicant.id,
    kind: 'apri',
    prefectureCode: file.prefectureCode,
    validFrom: a.validFrom,
    validTo: a.validTo,
    allowsWork: true,
    twoDDoc: `test-${randomUUID()}`,
    certId: 'test',
    issuedAt: a.issuedAt,
    revokedAt: a.revoked ? a.issuedAt : null,
    revokedReason: a.revoked ? 'test' : null,
  });
  await refreshQueuePriority(services.db, file.id);
}
