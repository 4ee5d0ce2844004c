import { and, eq, isNull } from 'drizzle-orm';
import { shareCodes } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';

/** The holder withdraws a code: from now on, checking it answers "not found or not valid". */
export async function revokeShareCode(services: Services, input: { holderId: string; shareCodeId: string }, meta: RequestMeta): Promise<void> {
  await services.transact(async (tx) => {
    const now = services.clock.now();
    const revoked = await tx
      .update(shareCodes)
      .set({ revokedAt: now })
      .where(and(eq(shareCodes.id, input.shareCodeId), eq(shareCodes.holderId, input.holderId), isNull(shareCodes.revokedAt)))
      .returning({ id: shareCodes.id });
    // Someone else's code, or one already revoked: the same "not found" (a double submit lands here too).
    if (revoked.length === 0) throw new AppError('not_found', { logMessage: 'share code not found, not the holder\'s, or already revoked' });
    await appendAudit(tx, meta.actor, now, { action: 'share_code.revoked', subjectType: 'user', subjectId: input.holderId, data: { shareCodeId: input.shareCodeId } });
  });
}
