import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { profiles } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import type { RequestMeta } from '../accounts/request-meta';
import { profileUpdatedEvent } from '../profile/profile-updated-event';
import type { Procedure } from '../procedures/types';

/** The profile fields a declared move changes, and the answers they come from. */
const addressFields = [
  ['addressLine', 'address_line'],
  ['postcode', 'postcode'],
  ['town', 'town'],
] as const;

/** A filed change of situation that declares a move (CESEDA R.431-23). */
export const declaresMove = (procedure: Procedure, answers: Record<string, string>) => procedure.kind === 'change_of_situation' && answers.change_kind === 'address';

/**
 * Once a move is declared (the change-of-situation application is filed), the new address is
 * the person's address: it goes into their profile, so every application they start from now
 * on is prefilled with it and goes to the prefecture of their new département. Applications
 * already filed keep their prefecture; drafts keep what the person typed in them.
 *
 * Runs inside the filing's transaction: the filing and the profile change commit together.
 * The audit event has the shape of a profile edit, so the account history shows it as one.
 */
export async function applyDeclaredAddress(tx: Db, input: { applicantId: string; applicationId: string; answers: Record<string, string>; at: Date }, meta: RequestMeta): Promise<void> {
  const [current] = await tx.select().from(profiles).where(eq(profiles.userId, input.applicantId)).for('update');
  const changes = addressFields
    .map(([field, answer]) => ({ field, old: current?.[field] ?? null, new: input.answers[answer] ?? null }))
    .filter((c) => c.new !== null && c.old !== c.new);
  if (changes.length === 0) return;
  const values = Object.fromEntries(changes.map((c) => [c.field, c.new])) as Partial<typeof profiles.$inferInsert>;
  await tx
    .insert(profiles)
    .values({ userId: input.applicantId, ...values, updatedAt: input.at })
    .onConflictDoUpdate({ target: profiles.userId, set: { ...values, updatedAt: input.at } });
  await appendAudit(tx, meta.actor, input.at, profileUpdatedEvent(input.applicantId, changes.map((c) => c.field), { source: 'application', applicationId: input.applicationId }));
}
