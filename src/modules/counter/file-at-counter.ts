import { eq } from 'drizzle-orm';
import { applications } from '../../db/schema';
import { AppError } from '../../platform/errors';
import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';
import { fileApplication, type FilingResult } from '../applications/file-application';
import { issueClaimCode } from './issue-claim-code';
import { counterFilingForAgent } from './policy';

/**
 * Files the draft of a counter filing through the same use case as online — so the receipt
 * (*attestation de dépôt*), the APRIs and every rule are the same — then gives it its claim
 * code. Filing twice files once (the use case is idempotent), and the code is only drawn the
 * first time; a second click changes nothing. Should the second transaction be lost, the
 * receipt page offers to draw the code.
 */
export async function fileAtCounter(services: Services, filingId: string, meta: RequestMeta): Promise<FilingResult> {
  const { filing } = await counterFilingForAgent(services.db, filingId, meta.actor);
  if (!filing.applicationId) throw new AppError('conflict', { logMessage: 'no procedure chosen' });
  const [app] = await services.db.select({ prefectureCode: applications.prefectureCode, status: applications.status }).from(applications).where(eq(applications.id, filing.applicationId));
  // The address may have been changed in the answers: the file would leave this desk's prefecture.
  if (app?.status === 'draft' && app.prefectureCode !== filing.prefectureCode) throw new AppError('validation_failed', { fields: { postcode: 'counter.errors.other_prefecture' } });
  const result = await fileApplication(services, filing.applicantId, filing.applicationId, meta);
  await services.transact(async (tx) => {
    const { filing: locked } = await counterFilingForAgent(tx, filingId, meta.actor, { forUpdate: true });
    if (!locked.claimCodeHash && !locked.claimedAt) await issueClaimCode(tx, services, locked, meta.actor);
  });
  return result;
}

/** A new claim code for a filed counter file not yet claimed: the old one stops working. */
export async function reissueClaimCode(services: Services, filingId: string, meta: RequestMeta): Promise<void> {
  await services.transact(async (tx) => {
    const { filing } = await counterFilingForAgent(tx, filingId, meta.actor, { forUpdate: true });
    if (!filing.applicationId || filing.claimedAt) throw new AppError('conflict', { logMessage: 'nothing to claim' });
    const [app] = await tx.select({ status: applications.status }).from(applications).where(eq(applications.id, filing.applicationId));
    if (!app || app.status === 'draft') throw new AppError('conflict', { logMessage: 'not filed yet' });
    await issueClaimCode(tx, services, filing, meta.actor);
  });
}
