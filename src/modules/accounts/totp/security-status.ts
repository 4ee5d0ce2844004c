import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema';
import type { Services } from '../../../services';
import { countRecoveryCodesLeft } from './recovery-codes';

export interface SecurityStatus {
  enabledAt: Date | null;
  recoveryCodesLeft: number;
}

/** What `/compte/securite` shows: whether the second factor is on, and how many recovery codes remain. */
export async function securityStatus(services: Services, userId: string): Promise<SecurityStatus> {
  const [user] = await services.db.select({ enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, userId));
  const enabledAt = user?.enabledAt ?? null;
  return { enabledAt, recoveryCodesLeft: enabledAt ? await countRecoveryCodesLeft(services.db, userId) : 0 };
}
