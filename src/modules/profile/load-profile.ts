import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { profiles } from '../../db/schema';
import { emptyProfile, profileFields, type Profile } from './fields';

/** One person's profile (all empty if they never saved one) and when it last changed. */
export async function loadProfile(db: Db, userId: string): Promise<{ profile: Profile; updatedAt: Date | null }> {
  const [row] = await db.select().from(profiles).where(eq(profiles.userId, userId));
  const profile = emptyProfile();
  if (!row) return { profile, updatedAt: null };
  for (const field of profileFields) profile[field] = row[field] ?? null;
  return { profile, updatedAt: row.updatedAt };
}
