import { eq } from 'drizzle-orm';
import { profiles, users } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import type { Services } from '../../services';
import type { RequestMeta } from '../accounts/request-meta';
import { profileFields, type Profile, type ProfileField } from './fields';
import { loadProfile } from './load-profile';
import { profileUpdatedEvent } from './profile-updated-event';

/**
 * Saves a person's identity profile (creating it on first save) and dates the change in the
 * audit log they read as their history: one `profile.updated` event naming each changed field
 * (not its values: see `profileUpdatedEvent`). Saving what is already there writes nothing.
 * Returns the fields that changed, in the order of the form.
 */
export async function saveProfile(services: Services, input: { userId: string; profile: Profile }, meta: RequestMeta): Promise<ProfileField[]> {
  return services.transact(async (tx) => {
    // Locking the person's row serialises two saves of the same form (a double click): the
    // second one then compares against what the first wrote, finds nothing new, and writes nothing.
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId)).for('update');
    if (!user) throw new AppError('not_found', { logMessage: 'profile of an unknown user' });
    const { profile: current } = await loadProfile(tx, input.userId);
    const changed = profileFields.filter((field) => current[field] !== input.profile[field]);
    if (changed.length === 0) return changed;

    const now = services.clock.now();
    // The form schema only lets through the enum values the table declares (sex).
    const values = { ...input.profile, updatedAt: now } as typeof profiles.$inferInsert;
    await tx
      .insert(profiles)
      .values({ ...values, userId: input.userId })
      .onConflictDoUpdate({ target: profiles.userId, set: values });
    await appendAudit(tx, meta.actor, now, profileUpdatedEvent(input.userId, changed));
    return changed;
  });
}
