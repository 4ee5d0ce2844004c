import { shareCodes } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';
import type { SharePurpose } from './current-rights';
import { verificationRules } from './rate-rules';
import { formatShareCode, generateShareCode, hashShareCode, SHARE_CODE_DAYS } from './share-code';

/**
 * Creates a share code for one purpose, valid 90 days. The code itself is returned once, to be
 * shown once: only its keyed hash is kept.
 */
export async function createShareCode(services: Services, input: { holderId: string; purpose: SharePurpose }, meta: RequestMeta): Promise<{ code: string; expiresAt: Date }> {
  await services.rateLimiter.consume(verificationRules.shareCodesPerHolder, input.holderId);
  const code = generateShareCode();
  return services.transact(async (tx) => {
    const now = services.clock.now();
    const expiresAt = new Date(now.getTime() + SHARE_CODE_DAYS * 86_400_000);
    const [row] = await tx
      .insert(shareCodes)
      .values({ holderId: input.holderId, purpose: input.purpose, codeHash: hashShareCode(services.appSecret, code), createdAt: now, expiresAt })
      .returning({ id: shareCodes.id });
    await appendAudit(tx, meta.actor, now, { action: 'share_code.created', subjectType: 'user', subjectId: input.holderId, data: { shareCodeId: row!.id, purpose: input.purpose, expiresAt } });
    return { code: formatShareCode(code), expiresAt };
  });
}
