import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { applications, attestations, prefectures, profiles, users } from '../../../db/schema';
import { isLocale } from '../../../platform/i18n/catalogue';
import type { AttestationDocument } from './attestation-document';

function prepare(db: Db) {
  return db
    .select({ a: attestations, p: profiles, reference: applications.reference, prefectureName: prefectures.name, locale: users.locale })
    .from(attestations)
    .innerJoin(users, eq(users.id, attestations.holderId))
    .innerJoin(applications, eq(applications.id, attestations.applicationId))
    .innerJoin(prefectures, eq(prefectures.code, attestations.prefectureCode))
    .leftJoin(profiles, eq(profiles.userId, attestations.holderId))
    .where(and(eq(attestations.publicId, sql.placeholder('publicId')), eq(attestations.holderId, sql.placeholder('holderId'))))
    .prepare('attestation_document');
}

/**
 * Every download runs this query, so it is prepared once per database (named: planned once per
 * connection) instead of built again each time: on the day hundreds of APRIs are downloaded at
 * once, building it was a good part of a download's CPU.
 */
const statements = new WeakMap<Db, ReturnType<typeof prepare>>();
function statementFor(db: Db) {
  let statement = statements.get(db);
  if (!statement) statements.set(db, (statement = prepare(db)));
  return statement;
}

/**
 * The printable attestation `publicId`, if `holderId` holds it; null otherwise ("not found or
 * not yours" are one answer). Identity comes from the profile as it is now; what the
 * attestation proves (kind, dates, right to work) from the attestation row, which never changes.
 */
export async function loadAttestationDocument(db: Db, publicUrl: string, publicId: string, holderId: string): Promise<AttestationDocument | null> {
  const [row] = await statementFor(db).execute({ publicId, holderId });
  if (!row) return null;
  const { a, p } = row;
  const latinSurname = p?.surnameLatin || p?.surname || '';
  const latinGiven = p?.givenNamesLatin || p?.givenNames || '';
  const ownScript = [p?.surname, p?.givenNames].filter(Boolean).join(' ');
  return {
    kind: a.kind,
    publicId: a.publicId,
    holder: {
      surname: latinSurname,
      givenNames: latinGiven,
      nativeName: ownScript && ownScript !== `${latinSurname} ${latinGiven}`.trim() ? ownScript : null,
      birthDate: p?.birthDate ?? null,
      nationality: p?.nationality ?? null,
      foreignerNumber: p?.foreignerNumber ?? null,
    },
    fileNumber: row.reference ?? '—',
    allowsWork: a.allowsWork,
    validFrom: a.validFrom,
    validTo: a.validTo,
    prefectureName: row.prefectureName,
    issuedAt: a.issuedAt,
    twoDDoc: a.twoDDoc,
    verifyUrl: `${publicUrl}/verify/${encodeURIComponent(a.publicId)}`,
    secondLocale: isLocale(row.locale) && row.locale !== 'fr' ? row.locale : null,
  };
}
