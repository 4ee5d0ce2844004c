import { and, asc, eq, gte, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { attestations } from '../../db/schema';
import { addDays } from '../../platform/legal-dates';

export type SharePurpose = 'work' | 'housing' | 'benefits';

/**
 * Until when the holder's attestations prove, today, what a purpose needs: lawful stay
 * (housing, benefits) or the right to work (work). Only APRIs and ADFs count — a filing
 * receipt proves a filing, not a stay — and only those neither revoked nor replaced. An
 * attestation already issued to follow the current one (they are issued ahead, back to back)
 * extends the date. Null when nothing covers today.
 */
export async function coveredUntil(db: Db, holderId: string, purpose: SharePurpose, today: string): Promise<string | null> {
  const rows = await db
    .select({ validFrom: attestations.validFrom, validTo: attestations.validTo, allowsWork: attestations.allowsWork })
    .from(attestations)
    .where(
      and(
        eq(attestations.holderId, holderId),
        inArray(attestations.kind, ['apri', 'adf']),
        isNull(attestations.revokedAt),
        isNull(attestations.supersededAt),
        gte(attestations.validTo, today),
      ),
    )
    .orderBy(asc(attestations.validFrom));
  const usable = rows.filter((r) => r.validTo && (purpose !== 'work' || r.allowsWork));
  let end: string | null = null;
  for (const r of usable) {
    const covers = end === null ? r.validFrom <= today : r.validFrom <= addDays(end, 1);
    if (covers && (end === null || r.validTo! > end)) end = r.validTo!;
  }
  return end;
}
