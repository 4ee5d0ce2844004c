import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { attestations, prefectures, profiles, verificationChecks } from '../../db/schema';
import { parse2dDoc, verify2dDocSignature, type Parsed2dDoc } from '../attestations/two-d-doc';
import { parisDate } from '../../platform/legal-dates';
import { SESAME_CA_ID } from '../../platform/signing';
import type { Services } from '../../services';
import { attestationStatus, type VerificationStatus } from './attestation-status';
import { publishedKeyObject } from './public-keys';
import { verificationRules } from './rate-rules';

export type VerificationInput = { code: string } | { twoDDoc: string };

/**
 * What a verifier learns. Beyond the proof itself (kind, rights, dates, issuer), only the
 * holder's initials and year of birth: enough to match the attestation against the identity
 * document the person shows, not enough to learn who holds a code found or photographed.
 */
export interface VerificationAnswer {
  status: VerificationStatus;
  checkedAt: Date;
  attestation: {
    kind: 'receipt' | 'apri' | 'adf';
    allowsStay: boolean;
    allowsWork: boolean;
    validFrom: string;
    validUntil: string | null;
    prefecture: string;
    holderInitials: string;
    holderBirthYear: number | null;
  } | null;
}

export interface CheckMeta {
  ip: string;
  channel: 'page' | 'api';
}

/**
 * Checks an attestation by its verification code (typed, or from the QR code) or by the text of
 * its 2D-Doc, and logs the check where the holder can see it. The signature is checked in both
 * cases, against the published key named in the 2D-Doc header: a row altered in the database,
 * or signed by an unpublished key, is not vouched for.
 */
export async function verifyAttestation(services: Services, input: VerificationInput, meta: CheckMeta): Promise<VerificationAnswer> {
  await services.rateLimiter.consume(verificationRules.attestationChecksPerIp, meta.ip);
  const now = services.clock.now();
  // By text, only a text whose signature checks is looked up; by code, the stored text is
  // checked too (a row altered in the database, or signed by an unpublished key, is not vouched for).
  const row = 'code' in input ? await findByCode(services, input.code) : await findByText(services, input.twoDDoc, now);
  const genuine = row && ('twoDDoc' in input || (await signatureChecks(services, row.a.twoDDoc, now)));

  const answer: VerificationAnswer =
    row && genuine
      ? {
          status: attestationStatus(row.a, parisDate(now), now),
          checkedAt: now,
          attestation: {
            kind: row.a.kind,
            allowsStay: row.a.kind !== 'receipt',
            allowsWork: row.a.kind !== 'receipt' && row.a.allowsWork,
            validFrom: row.a.validFrom,
            validUntil: row.a.validTo,
            prefecture: row.prefecture,
            holderInitials: initials(row.givenNames ?? row.givenNamesOwn, row.surname ?? row.surnameOwn),
            holderBirthYear: row.birthDate ? Number(row.birthDate.slice(0, 4)) : null,
          },
        }
      : { status: 'unknown', checkedAt: now, attestation: null };

  // The log is the holder's view of who checked: not an audit event (checks change no state,
  // and public verification at employer scale must not queue behind the audit chain's lock).
  await statementsFor(services.db).logCheck.execute({
    holderId: row && genuine ? row.a.holderId : null,
    attestationId: row && genuine ? row.a.id : null,
    channel: meta.channel,
    outcome: answer.status,
    // A Date: drizzle maps an inserted value through the column's own encoder.
    at: now,
  });
  return answer;
}

/** Codes are printed in capitals; people type them in any case, with spaces or dashes. */
export function normaliseAttestationCode(code: string): string {
  return code.trim().toUpperCase().replace(/[\s-]+/g, '');
}

async function findByCode(services: Services, code: string) {
  const normalised = normaliseAttestationCode(code);
  if (!/^[A-Z0-9]{4,64}$/.test(normalised)) return null;
  return (await statementsFor(services.db).byCode.execute({ code: normalised }))[0] ?? null;
}

async function findByText(services: Services, text: string, now: Date) {
  let parsed: Parsed2dDoc;
  try {
    parsed = parse2dDoc(text);
  } catch {
    return null;
  }
  // A forged text never reaches the lookup below.
  if (!(await verifyParsed(services, parsed, now))) return null;
  return (await statementsFor(services.db).byText.execute({ text }))[0] ?? null;
}

/**
 * Every public check runs these, so they are prepared once per database: drizzle does not
 * rebuild their SQL each time (a measurable share of a check's CPU) and PostgreSQL plans them
 * once per connection. Explicit columns only: a prepared plan survives columns added later.
 */
const statements = new WeakMap<Db, ReturnType<typeof prepareStatements>>();
function statementsFor(db: Db) {
  let s = statements.get(db);
  if (!s) statements.set(db, (s = prepareStatements(db)));
  return s;
}

function prepareStatements(db: Db) {
  const select = () =>
    db
      .select({
        a: {
          id: attestations.id,
          holderId: attestations.holderId,
          kind: attestations.kind,
          validFrom: attestations.validFrom,
          validTo: attestations.validTo,
          allowsWork: attestations.allowsWork,
          twoDDoc: attestations.twoDDoc,
          supersededAt: attestations.supersededAt,
          revokedAt: attestations.revokedAt,
        },
        prefecture: prefectures.name,
        surname: profiles.surnameLatin,
        givenNames: profiles.givenNamesLatin,
        surnameOwn: profiles.surname,
        givenNamesOwn: profiles.givenNames,
        birthDate: profiles.birthDate,
      })
      .from(attestations)
      .innerJoin(prefectures, eq(prefectures.code, attestations.prefectureCode))
      .leftJoin(profiles, eq(profiles.userId, attestations.holderId));
  return {
    byCode: select().where(eq(attestations.publicId, sql.placeholder('code'))).limit(1).prepare('verification_by_code'),
    byText: select().where(eq(attestations.twoDDoc, sql.placeholder('text'))).limit(1).prepare('verification_by_text'),
    logCheck: db
      .insert(verificationChecks)
      .values({
        holderId: sql.placeholder('holderId'),
        attestationId: sql.placeholder('attestationId'),
        channel: sql.placeholder('channel'),
        outcome: sql.placeholder('outcome'),
        at: sql.placeholder('at'),
      })
      .prepare('verification_check_log'),
  };
}

async function signatureChecks(services: Services, text: string, now: Date): Promise<boolean> {
  try {
    return await verifyParsed(services, parse2dDoc(text), now);
  } catch {
    return false;
  }
}

/** Against the published key the header names (a KeyObject kept by `publishedKeyObject`). */
async function verifyParsed(services: Services, parsed: Parsed2dDoc, now: Date): Promise<boolean> {
  if (parsed.header.caId !== SESAME_CA_ID) return false;
  const key = await publishedKeyObject(services.db, parsed.header.certId, now);
  if (!key) return false;
  return verify2dDocSignature(parsed, key);
}

/** "A. D." from the Latin names (the ones on the identity document a verifier is shown). */
export function initials(givenNames: string | null, surname: string | null): string {
  const first = (s: string | null) => (s?.trim() ? `${[...s.trim()][0]!.toUpperCase()}.` : '');
  return [first(givenNames), first(surname)].filter(Boolean).join(' ');
}
