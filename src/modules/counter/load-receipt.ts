import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { applicationDocuments, attestations, documents, prefectures, profiles, type counterFilings } from '../../db/schema';
import type { Services } from '../../services';
import type { Application } from '../applications/policy';
import { findProcedure } from '../procedures/catalogue';
import type { Procedure } from '../procedures/types';
import { formatClaimCode, openClaimCode } from './claim-code';

export interface CounterReceipt {
  filing: typeof counterFilings.$inferSelect;
  app: Application;
  procedure: Procedure;
  prefecture: { name: string; town: string } | null;
  person: { surname: string; givenNames: string; birthDate: string | null; locale: string };
  documents: { kind: string; originalName: string }[];
  /** The code to print, while it can still be used; null once claimed or expired. */
  claimCode: string | null;
  attestations: { publicId: string; kind: string; issuedAt: Date; validTo: string | null }[];
}

/** Everything the receipt of a counter filing shows, on the page and on paper. */
export async function loadReceipt(db: Db, services: Pick<Services, 'appSecret' | 'clock'>, filing: CounterReceipt['filing'], app: Application, locale: string): Promise<CounterReceipt> {
  const [[prefecture], [profile], docs, proofs] = await Promise.all([
    db.select({ name: prefectures.name, town: prefectures.town }).from(prefectures).where(eq(prefectures.code, filing.prefectureCode)),
    db.select().from(profiles).where(eq(profiles.userId, filing.applicantId)),
    db
      .select({ kind: applicationDocuments.kind, originalName: documents.originalName })
      .from(applicationDocuments)
      .innerJoin(documents, eq(documents.id, applicationDocuments.documentId))
      .where(and(eq(applicationDocuments.applicationId, app.id), isNull(applicationDocuments.replacedAt))),
    db
      .select({ publicId: attestations.publicId, kind: attestations.kind, issuedAt: attestations.issuedAt, validTo: attestations.validTo })
      .from(attestations)
      .where(and(eq(attestations.applicationId, app.id), eq(attestations.holderId, filing.applicantId)))
      .orderBy(desc(attestations.issuedAt)),
  ]);
  const live = filing.claimCodeSealed && !filing.claimedAt && filing.claimExpiresAt && filing.claimExpiresAt > services.clock.now();
  return {
    filing,
    app,
    procedure: findProcedure(app.procedureId)!,
    prefecture: prefecture ?? null,
    person: {
      surname: (profile?.surnameLatin ?? profile?.surname ?? '').toUpperCase(),
      givenNames: profile?.givenNamesLatin ?? profile?.givenNames ?? '',
      birthDate: profile?.birthDate ?? null,
      locale,
    },
    documents: docs,
    claimCode: live ? formatClaimCode(openClaimCode(services.appSecret, filing.id, filing.claimCodeSealed!)) : null,
    attestations: proofs,
  };
}
