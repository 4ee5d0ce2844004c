import { counterFilings, profiles, users } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import { hashPassword } from '../../platform/passwords';
import { randomToken } from '../../platform/tokens';
import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';
import { areaRoles } from '../backoffice/agent-roles';
import { loadOfficeAgent } from '../backoffice/office-access';
import { departementOfPostcode } from '../../db/seed/prefectures';
import { profileFields } from '../profile/fields';
import { profileUpdatedEvent } from '../profile/profile-updated-event';
import type { IdentityCheck } from './schemas';

/**
 * A desk agent starts a filing for a person at the counter, after checking an identity
 * document: records which document was seen, by whom and when, and creates the person's own
 * applicant account with the details typed from it.
 *
 * That account has no e-mail address and a password nobody knows (a hash of a random value):
 * nobody can log in to it. Everything else is an ordinary applicant's — the application, its
 * documents, receipt and APRIs go through the same use cases as online — until the person takes
 * the file into an account of their own with the claim code of the receipt.
 *
 * The person must live in the agent's prefecture: the file belongs to the prefecture competent
 * for their address, and a desk works for its own.
 */
export async function openCounterFiling(services: Services, input: IdentityCheck, meta: RequestMeta): Promise<{ filingId: string; applicantId: string }> {
  const unusablePassword = await hashPassword(randomToken());
  return services.transact(async (tx) => {
    const agent = await loadOfficeAgent(tx, meta.actor, areaRoles.counter);
    if (departementOfPostcode(input.profile.postcode ?? '') !== agent.prefectureCode) {
      throw new AppError('validation_failed', { fields: { postcode: 'counter.errors.other_prefecture' } });
    }
    const now = services.clock.now();
    const [person] = await tx
      .insert(users)
      .values({ email: null, passwordHash: unusablePassword, role: 'applicant', locale: input.locale, createdAt: now, updatedAt: now })
      .returning({ id: users.id });
    const applicantId = person!.id;
    await tx.insert(profiles).values({ ...(input.profile as typeof profiles.$inferInsert), userId: applicantId, updatedAt: now });
    const [filing] = await tx
      .insert(counterFilings)
      .values({
        prefectureCode: agent.prefectureCode,
        applicantId,
        idDocumentKind: input.idDocumentKind,
        idDocumentNumber: input.idDocumentNumber,
        identityCheckedBy: agent.id,
        identityCheckedAt: now,
        createdAt: now,
      })
      .returning({ id: counterFilings.id });
    await appendAudit(tx, meta.actor, now, { action: 'account.created', subjectType: 'user', subjectId: applicantId, data: { atCounter: true, prefectureCode: agent.prefectureCode, counterFilingId: filing!.id } });
    // As `saveProfile` records it, so the person's history reads the same as anyone's.
    await appendAudit(tx, meta.actor, now, profileUpdatedEvent(applicantId, profileFields.filter((f) => input.profile[f] !== null)));
    await appendAudit(tx, meta.actor, now, {
      action: 'counter.identity_checked',
      subjectType: 'counter_filing',
      subjectId: filing!.id,
      // The number stays in its table; the log says which kind of document, and its end.
      data: { idDocumentKind: input.idDocumentKind, idDocumentNumberEnd: input.idDocumentNumber.slice(-4), applicantId },
    });
    return { filingId: filing!.id, applicantId };
  });
}
