import { and, eq, gt, gte, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { oneTimeCodes } from '../../../db/schema';
import { issueCode } from '../one-time-codes';

/**
 * Issues the "this was not me" link sent to the address being replaced.
 *
 * `issueCode` retires earlier codes of the same purpose, which is right for a code the person
 * is waiting for but wrong here: an intruder who changed the address twice would silence the
 * link that went to the first, rightful address. Earlier links still alive are put back.
 */
export async function issueRevertLink(tx: Db, now: Date, userId: string, replacedEmail: string) {
  const live = await tx
    .select({ id: oneTimeCodes.id })
    .from(oneTimeCodes)
    .where(and(eq(oneTimeCodes.userId, userId), eq(oneTimeCodes.purpose, 'revert_email'), isNull(oneTimeCodes.usedAt), gt(oneTimeCodes.expiresAt, now)));
  const issued = await issueCode(tx, now, userId, 'revert_email', replacedEmail);
  if (live.length > 0) await tx.update(oneTimeCodes).set({ usedAt: null }).where(inArray(oneTimeCodes.id, live.map((r) => r.id)));
  return issued;
}

/**
 * After a revert, the links issued by later changes (or in the same instant) die (they would hand the account back to
 * whoever made those changes); earlier ones stay, so an address replaced before can still
 * claim the account.
 */
export async function retireLaterRevertLinks(tx: Db, now: Date, userId: string, after: Date): Promise<void> {
  await tx
    .update(oneTimeCodes)
    .set({ usedAt: now })
    .where(and(eq(oneTimeCodes.userId, userId), eq(oneTimeCodes.purpose, 'revert_email'), isNull(oneTimeCodes.usedAt), gte(oneTimeCodes.createdAt, after)));
}

/** A pending change of address must not outlive a revert. */
export async function retirePendingEmailChanges(tx: Db, now: Date, userId: string): Promise<void> {
  await tx
    .update(oneTimeCodes)
    .set({ usedAt: now })
    .where(and(eq(oneTimeCodes.userId, userId), eq(oneTimeCodes.purpose, 'change_email'), isNull(oneTimeCodes.usedAt)));
}
