import { randomInt } from 'node:crypto';
import { kindCodes } from '../../src/modules/attestations/attestation-barcode';
import { eq } from 'drizzle-orm';
import { applications, attestations, profiles, users } from '../../src/db/schema';
import { sign2dDoc, type Fields } from '../../src/modules/attestations/two-d-doc';
import { parisDate } from '../../src/platform/legal-dates';
import type { Signer } from '../../src/platform/signing';
import type { Services } from '../../src/services';
import { buildApplicant } from './application-builders';
import type { BuiltUser } from './builders';

export interface AttestationOptions {
  holder: BuiltUser;
  kind: 'receipt' | 'apri' | 'adf';
  validFrom: string;
  validTo: string | null;
  allowsWork: boolean;
  issuedAt: Date;
  /** Another key than the running one (a rotated or a foreign key). */
  signer: Signer;
  prefectureCode: string;
  supersededAt: Date | null;
  revokedAt: Date | null;
}

export interface BuiltAttestation {
  id: string;
  publicId: string;
  applicationId: string;
  holder: BuiltUser;
  twoDDoc: string;
  reference: string;
}

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const randomCode = (n: number) => Array.from({ length: n }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

/** `YYYY-MM-DD` → `DDMMYYYY`, the 2D-Doc date fields. */
const ddmmyyyy = (d: string) => `${d.slice(8, 10)}${d.slice(5, 7)}${d.slice(0, 4)}`;

/** The 6J codes of the issuing engine: D filing receipt (dépôt), 2 APRI (as in the ANTS specimen), F ADF. */
const KIND_CODE = kindCodes;

/**
 * A signed attestation as the issuing engine stores it: a filed application with a reference,
 * and an attestation row whose 2D-Doc (type 13) carries the holder's identity and the rights,
 * signed by the running key unless another is given. Creates the applicant when none is given.
 */
export async function buildAttestation(services: Services, options: Partial<AttestationOptions> = {}): Promise<BuiltAttestation> {
  const holder = options.holder ?? (await buildApplicant(services));
  const now = services.clock.now();
  const issuedAt = options.issuedAt ?? now;
  const kind = options.kind ?? 'apri';
  const validFrom = options.validFrom ?? parisDate(issuedAt);
  const validTo = options.validTo === undefined ? (kind === 'receipt' ? null : addDaysIso(validFrom, 89)) : options.validTo;
  const allowsWork = options.allowsWork ?? kind !== 'receipt';
  const signer = options.signer ?? services.signer;
  const prefectureCode = options.prefectureCode ?? '75';
  const reference = `${prefectureCode}-26-${randomCode(8)}`;

  const [application] = await services.db
    .insert(applications)
    .values({ reference, applicantId: holder.id, procedureId: 'renewal_salarie', status: 'under_review', prefectureCode, filedOnTime: true, filedAt: issuedAt, createdAt: issuedAt, updatedAt: issuedAt })
    .returning({ id: applications.id });
  const [p] = await services.db.select().from(profiles).where(eq(profiles.userId, holder.id));

  const fields: Fields = [
    ['6J', KIND_CODE[kind]],
    ['6K', reference.replace(/-/g, '').padEnd(19, '0')],
    ['6L', ddmmyyyy(parisDate(issuedAt))],
    ['6P', allowsWork ? 'AUTORISE A TRAVAILLER' : 'NON AUTORISE A TRAVAILLER'],
    ...(p?.foreignerNumber ? ([['6Q', p.foreignerNumber]] as Fields) : []),
    ['62', p?.surnameLatin || p?.surname || 'INCONNU'],
    ['60', (p?.givenNamesLatin || p?.givenNames || '').replace(/ /g, '/')],
    ...(p?.birthDate ? ([['69', ddmmyyyy(p.birthDate)]] as Fields) : []),
    ...(p?.nationality ? ([['67', p.nationality]] as Fields) : []),
    ['6N', ddmmyyyy(validFrom)],
    ...(validTo ? ([['6O', ddmmyyyy(validTo)]] as Fields) : []),
    ['6Y', 'FR'],
  ];
  const today = parisDate(issuedAt);
  const twoDDoc = sign2dDoc(
    { caId: signer.caId, certId: signer.certId, documentDate: today, signatureDate: today, documentType: '13', perimeter: '01', country: 'FR' },
    fields,
    signer.privateKey,
  );
  const publicId = randomCode(12);
  const [row] = await services.db
    .insert(attestations)
    .values({
      publicId,
      applicationId: application!.id,
      holderId: holder.id,
      kind,
      prefectureCode,
      validFrom,
      validTo,
      allowsWork,
      twoDDoc,
      certId: signer.certId,
      issuedAt,
      supersededAt: options.supersededAt ?? null,
      revokedAt: options.revokedAt ?? null,
      revokedReason: options.revokedAt ? 'test' : null,
    })
    .returning({ id: attestations.id });
  return { id: row!.id, publicId, applicationId: application!.id, holder, twoDDoc, reference };
}

/** Sets the holder's identity as in their passport (own script and Latin form). */
export async function setIdentity(services: Services, userId: string, identity: Partial<typeof profiles.$inferInsert>) {
  await services.db.update(profiles).set(identity).where(eq(profiles.userId, userId));
}

export async function setLocale(services: Services, userId: string, locale: string) {
  await services.db.update(users).set({ locale }).where(eq(users.id, userId));
}

function addDaysIso(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
