import { eq } from 'drizzle-orm';
import { applications, profiles } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';
import { findProcedure } from '../procedures/catalogue';
import { departementOfPostcode } from '../../db/seed/prefectures';

/**
 * Opens a draft for a procedure, prefilled from the person's profile so nothing is typed twice.
 * Several procedures may run at once: nothing here limits a person to one.
 */
export async function startApplication(services: Services, applicantId: string, procedureId: string, meta: RequestMeta): Promise<string> {
  const procedure = findProcedure(procedureId);
  if (!procedure) throw new AppError('not_found', { logMessage: `unknown procedure ${procedureId}` });
  return services.transact(async (tx) => {
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
