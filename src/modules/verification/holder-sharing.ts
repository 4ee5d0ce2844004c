import { and, desc, eq } from 'drizzle-orm';
import { attestations, shareCodes, verificationChecks } from '../../db/schema';
import type { Services } from '../../services';

/** How many checks the holder's page lists (the newest). */
export const CHECK_LOG_LIMIT = 100;

/** The holder's share codes (newest first) and who checked their proofs, for `/compte/partage`. */
export async function holderSharing(services: Services, holderId: string) {
  // Lines of this process's recent checks may still be queued (`check-log.ts`): written first.
  await services.verificationLog.flush();
  const codes = await services.db
    .select({ id: shareCodes.id, purpose: shareCodes.purpose, createdAt: shareCodes.createdAt, expiresAt: shareCodes.expiresAt, revokedAt: shareCodes.revokedAt })
    .from(shareCodes)
    .where(eq(shareCodes.holderId, holderId))
    .orderBy(desc(shareCodes.createdAt));
  const checks = await services.db
    .select({
      at: verificationChecks.at,
      verifierName: verificationChecks.verifierName,
      channel: verificationChecks.channel,
      outcome: verificationChecks.outcome,
      purpose: shareCodes.purpose,
      attestationCode: attestations.publicId,
      attestationKind: attestations.kind,
    })
    .from(verificationChecks)
    .leftJoin(shareCodes, eq(shareCodes.id, verificationChecks.shareCodeId))
    .leftJoin(attestations, and(eq(attestations.id, verificationChecks.attestationId)))
    .where(eq(verificationChecks.holderId, holderId))
    .orderBy(desc(verificationChecks.at), desc(verificationChecks.id))
    .limit(CHECK_LOG_LIMIT);
  const now = services.clock.now();
  return {
    codes: codes.map((c) => ({ ...c, state: c.revokedAt ? ('revoked' as const) : c.expiresAt <= now ? ('expired' as const) : ('active' as const) })),
    checks,
  };
}
