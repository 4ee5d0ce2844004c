import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { counterFilings } from '../../db/schema';
import { appendAudit, type Actor } from '../../platform/audit';
import { DAY } from '../../platform/clock';
import type { Services } from '../../services';
import { CLAIM_CODE_DAYS, generateClaimCode, hashClaimCode, sealClaimCode } from './claim-code';
import type { CounterFiling } from './policy';

/**
 * Gives a filed counter file a fresh claim code, inside the caller's transaction; a code
 * given before dies with it (the person lost the paper). Returns the code, to print.
 */
export async function issueClaimCode(tx: Db, services: Services, filing: CounterFiling, actor: Actor): Promise<string> {
  const now = services.clock.now();
  const code = generateClaimCode();
  await tx
    .update(counterFilings)
    .set({
      claimCodeHash: hashClaimCode(services.appSecret, code),
      claimCodeSealed: sealClaimCode(services.appSecret, filing.id, code),
      claimExpiresAt: new Date(now.getTime() + CLAIM_CODE_DAYS * DAY),
      claimAttempts: 0,
    })
    .where(eq(counterFilings.id, filing.id));
  await appendAudit(tx, actor, now, {
    action: 'application.claim_code_issued',
    subjectType: 'application',
    subjectId: filing.applicationId!,
    data: { counterFilingId: filing.id, replacesEarlierCode: filing.claimCodeHash !== null },
  });
  return code;
}
