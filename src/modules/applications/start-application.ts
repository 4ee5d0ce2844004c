import { and, asc, eq } from 'drizzle-orm';
import { applications, profiles, users } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';
import { findProcedure } from '../procedures/catalogue';
import type { Procedure } from '../procedures/types';
import { departementOfPostcode } from '../../db/seed/prefectures';

/** Situation answers given before the draft exists (by the "what should I file?" questions): only known questions and options. */
function situationPrefill(procedure: Procedure, given: Record<string, string>): Record<string, string> {
  const prefill: Record<string, string> = {};
  for (const q of procedure.questions) {
    const value = given[q.id];
    if (value === undefined) continue;
    const allowed = q.type === 'yes_no' ? ['yes', 'no'] : q.type === 'choice' ? (q.options ?? []) : [];
    if (allowed.includes(value)) prefill[q.id] = value;
  }
  return prefill;
}

/**
 * Opens a draft for a procedure, prefilled from the person's profile so nothing is typed twice.
 * Several procedures may run at once, but one draft per procedure: starting a procedure that
 * already has a draft resumes that draft (a double click, a back button, a forgotten draft),
 * so the person never has two half-filled copies to reconcile.
 */
export async function startApplication(
  services: Services,
  applicantId: string,
  procedureId: string,
  meta: RequestMeta,
  situation: Record<string, string> = {},
): Promise<string> {
  const procedure = findProcedure(procedureId);
  if (!procedure) throw new AppError('not_found', { logMessage: `unknown procedure ${procedureId}` });
  return services.transact(async (tx) => {
    // Locking the person serialises two starts at once, so the second one sees the first draft.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, applicantId)).for('update');
    const [existing] = await tx
      .select({ id: applications.id })
      .from(applications)
      .where(and(eq(applications.applicantId, applicantId), eq(applications.procedureId, procedureId), eq(applications.status, 'draft')))
      .orderBy(asc(applications.createdAt))
      .limit(1);
    if (existing) return existing.id;

    const now = services.clock.now();
    const [p] = await tx.select().from(profiles).where(eq(profiles.userId, applicantId));
    const prefill: Record<string, string> = {};
    const put = (key: string, value: string | null | undefined) => {
      if (value) prefill[key] = value;
    };
    put('surname', p?.surnameLatin ?? p?.surname);
    put('given_names', p?.givenNamesLatin ?? p?.givenNames);
    put('birth_date', p?.birthDate);
    put('nationality', p?.nationality);
    put('address_line', p?.addressLine);
    put('postcode', p?.postcode);
    put('town', p?.town);
    put('permit_number', p?.permitNumber);
    put('permit_expires_on', p?.permitExpiresOn);
    Object.assign(prefill, situationPrefill(procedure, situation));
    const [created] = await tx
      .insert(applications)
      .values({
        applicantId,
        procedureId,
        answers: prefill,
        prefectureCode: p?.postcode ? departementOfPostcode(p.postcode) : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: applications.id });
    await appendAudit(tx, meta.actor, now, { action: 'application.started', subjectType: 'application', subjectId: created!.id, data: { procedureId } });
    return created!.id;
  });
}
