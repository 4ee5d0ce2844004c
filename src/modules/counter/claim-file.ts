import { and, eq, inArray, sql } from 'drizzle-orm';
import { applicationDocuments, applications, attestations, counterFilings, documents, profiles, users } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import type { RateRule } from '../../platform/rate-limiter';
import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';
import { profileFields } from '../profile/fields';
import { profileUpdatedEvent } from '../profile/profile-updated-event';
import { hashClaimCode, MAX_CLAIM_ATTEMPTS, normaliseClaimCode } from './claim-code';

/** Claims tried by one account, and from one address: a person needs one or two. */
export const claimRules = {
  perAccount: { name: 'claim:user', limit: 10, windowMs: 60 * 60_000 },
  perIp: { name: 'claim:ip', limit: 30, windowMs: 60 * 60_000 },
} satisfies Record<string, RateRule>;

/** One answer for every failure — unknown, expired, used, worn out, wrong date of birth — so nothing can be probed. */
const refused = () => new AppError('invalid_code', { fields: { code: 'counter.errors.claim_refused' }, logMessage: 'claim refused' });

/**
 * A person signed in to their own account takes a file filed for them at the counter, with the
 * claim code of their receipt and their date of birth as checked at the desk. The file, its
 * documents and its attestations become theirs in one transaction; the code is spent. A wrong
 * date of birth counts against the code (it dies after MAX_CLAIM_ATTEMPTS) and is recorded in
 * the file's history, so the office sees attempts on it.
 */
export async function claimCounterFile(services: Services, input: { userId: string; code: string; birthDate: string }, meta: RequestMeta): Promise<{ applicationId: string }> {
  await services.rateLimiter.consume(claimRules.perIp, meta.ip);
  await services.rateLimiter.consume(claimRules.perAccount, input.userId);
  const code = normaliseClaimCode(input.code);
  if (!code) throw refused();
  const outcome = await services.transact(async (tx) => {
    const now = services.clock.now();
    const [claimer] = await tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.id, input.userId));
    if (claimer?.role !== 'applicant') return { ok: false as const };
    const [filing] = await tx.select().from(counterFilings).where(eq(counterFilings.claimCodeHash, hashClaimCode(services.appSecret, code))).for('update');
    if (!filing?.applicationId || filing.claimedAt || !filing.claimExpiresAt || filing.claimExpiresAt <= now || filing.claimAttempts >= MAX_CLAIM_ATTEMPTS) return { ok: false as const };
    const [person] = await tx.select().from(profiles).where(eq(profiles.userId, filing.applicantId));
    if (!person?.birthDate || person.birthDate !== input.birthDate) {
      await tx.update(counterFilings).set({ claimAttempts: filing.claimAttempts + 1 }).where(eq(counterFilings.id, filing.id));
      await appendAudit(tx, meta.actor, now, { action: 'application.claim_refused', subjectType: 'application', subjectId: filing.applicationId, data: { attempts: filing.claimAttempts + 1 } });
      return { ok: false as const };
    }

    const appId = filing.applicationId;
    const from = filing.applicantId;
    await tx.update(applications).set({ applicantId: claimer.id, updatedAt: now, version: sql`${applications.version} + 1` }).where(and(eq(applications.id, appId), eq(applications.applicantId, from)));
    // The documents of this file go with it into the person's vault; the proofs too.
    const linked = tx.select({ id: applicationDocuments.documentId }).from(applicationDocuments).where(eq(applicationDocuments.applicationId, appId));
    await tx.update(documents).set({ ownerId: claimer.id }).where(and(eq(documents.ownerId, from), inArray(documents.id, linked)));
    await tx.update(attestations).set({ holderId: claimer.id }).where(and(eq(attestations.applicationId, appId), eq(attestations.holderId, from)));
    await tx.update(counterFilings).set({ claimedAt: now, claimedBy: claimer.id, claimCodeSealed: null }).where(eq(counterFilings.id, filing.id));
    await appendAudit(tx, meta.actor, now, { action: 'application.claimed', subjectType: 'application', subjectId: appId, data: { counterFilingId: filing.id, from, to: claimer.id } });

    // A new account gets the identity checked at the desk; one already filled in keeps its own.
    const [own] = await tx.select().from(profiles).where(eq(profiles.userId, claimer.id));
    if (!own || profileFields.every((f) => own[f] === null)) {
      const copied = Object.fromEntries(profileFields.map((f) => [f, person[f]]));
      await tx
        .insert(profiles)
        .values({ ...copied, userId: claimer.id, updatedAt: now } as typeof profiles.$inferInsert)
        .onConflictDoUpdate({ target: profiles.userId, set: { ...copied, updatedAt: now } });
      const filled = profileFields.filter((f) => person[f] !== null);
      await appendAudit(tx, meta.actor, now, profileUpdatedEvent(claimer.id, filled, { fromCounterFiling: filing.id }));
    }
    return { ok: true as const, applicationId: appId };
  });
  if (!outcome.ok) throw refused();
  return { applicationId: outcome.applicationId };
}
