import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { attestations, prefectures, profiles } from '../../db/schema';
import { parse2dDoc, verify2dDocSignature, type Parsed2dDoc } from '../attestations/two-d-doc';
import { parisDate } from '../../platform/legal-dates';
import { SESAME_CA_ID } from '../../platform/signing';
import type { Services } from '../../services';
import { attestationStatus, type VerificationStatus } from './attestation-status';
import { publishedKeyObject } from './public-keys';
import { verificationRules } from './rate-rules';
import { RATE_LIMIT_UPSERT, enforceRateLimit, rateLimitParameters } from '../../platform/rate-limiter';

export type VerificationInput = { code: string } | { twoDDoc: string };

/**
 * What a verifier learns. Beyond the proof itself (kind, rights, dates, issuer), only the
 * holder's initials and year of birth: enough to match the attestation against the identity
 * document the person shows, not enough to learn who holds a code found or photographed.
 */
export interface VerificationAnswer {
  status: VerificationStatus;
  checkedAt: Date;
  /** The Paris calendar day of `checkedAt`, what validity dates are compared with. */
  checkedOn: string;
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
  const now = services.clock.now();
  const today = parisDate(now);
  // By text, only a text whose signature checks is looked up; by code, the stored text is
  // checked too (a row altered in the database, or signed by an unpublished key, is not vouched for).
  const row = 'code' in input ? await countAndFindByCode(services, input.code, meta.ip, now) : await countAndFindByText(services, input.twoDDoc, meta.ip, now);
  const genuine = row && ('twoDDoc' in input || (await storedTextChecks(services, row.a.twoDDoc, now)));

  const answer: VerificationAnswer =
    row && genuine
      ? {
          status: attestationStatus(row.a, today, now),
          checkedAt: now,
          checkedOn: today,
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
      : { status: 'unknown', checkedAt: now, checkedOn: today, attestation: null };

  // The log is the holder's view of who checked: not an audit event (checks change no state,
  // and public verification at employer scale must not queue behind the audit chain's lock).
  // Written in groups, shortly after the answer: see `check-log.ts` for what that trades.
  services.verificationLog.record({
    holderId: row && genuine ? row.a.holderId : null,
    attestationId: row && genuine ? row.a.id : null,
    channel: meta.channel,
    outcome: answer.status,
    at: now,
  });
  return answer;
}

/** Codes are printed in capitals; people type them in any case, with spaces or dashes. */
export function normaliseAttestationCode(code: string): string {
  return code.trim().toUpperCase().replace(/[\s-]+/g, '');
}

type FoundAttestation = NonNullable<Awaited<ReturnType<ReturnType<typeof statementsFor>['byText']['execute']>>[number]>;

/**
 * The check by code, the busiest: the address's count and the lookup in one statement, so one
 * round trip. The rule is the same as `RateLimiter.consume`'s (`RATE_LIMIT_UPSERT`), and over
 * the limit nothing is looked up. Explicit columns only: a prepared plan survives columns added later.
 * The answer is one JSON column (`found` null when nothing was looked up or found): the driver
 * describes and picks a parser for every column of every result, which for these seventeen cost
 * more than one JSON.parse; the timestamps come as ISO texts.
 */
const COUNT_AND_FIND_BY_CODE = `with hit as (${RATE_LIMIT_UPSERT})
select json_build_object('hits', hit.hits, 'reset_at', hit.reset_at, 'found', to_json(f)) as r
from hit left join lateral (
  select a.id, a.holder_id, a.kind, a.valid_from::text as valid_from, a.valid_to::text as valid_to, a.allows_work, a.two_d_doc,
         a.superseded_at, a.revoked_at, p.name as prefecture, pr.surname_latin, pr.given_names_latin, pr.surname, pr.given_names,
         pr.birth_date::text as birth_date
  from attestations a
  join prefectures p on p.code = a.prefecture_code
  left join profiles pr on pr.user_id = a.holder_id
  where a.public_id = $4 and hit.hits <= $5
  limit 1
) f on true`;

interface CountAndFindRow {
  hits: number;
  reset_at: string;
  found: FoundRow | null;
}

interface FoundRow {
  id: string;
  holder_id: string;
  kind: FoundAttestation['a']['kind'];
  valid_from: string;
  valid_to: string | null;
  allows_work: boolean;
  two_d_doc: string;
  superseded_at: string | null;
  revoked_at: string | null;
  prefecture: string;
  surname_latin: string | null;
  given_names_latin: string | null;
  surname: string | null;
  given_names: string | null;
  birth_date: string | null;
}

async function countAndFindByCode(services: Services, code: string, ip: string, now: Date): Promise<FoundAttestation | null> {
  const rule = verificationRules.attestationChecksPerIp;
  const normalised = normaliseAttestationCode(code);
  // A code that cannot exist is counted all the same, and looked up as nothing.
  const wanted = /^[A-Z0-9]{4,64}$/.test(normalised) ? normalised : null;
  const params = rateLimitParameters(rule, ip, now);
  // A count, and a read: neither is worth a wait for the disk (`rawAsyncCommit`).
  const { rows } = await services.database.rawAsyncCommit.query<{ r: CountAndFindRow }>(COUNT_AND_FIND_BY_CODE, [...params, wanted, rule.limit], {
    name: 'verification_count_and_find_json',
  });
  const answer = rows[0]!.r;
  enforceRateLimit(rule, params[0], answer);
  const r = answer.found;
  if (r === null) return null;
  return {
    a: {
      id: r.id,
      holderId: r.holder_id,
      kind: r.kind,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      allowsWork: r.allows_work,
      twoDDoc: r.two_d_doc,
      supersededAt: r.superseded_at === null ? null : new Date(r.superseded_at),
      revokedAt: r.revoked_at === null ? null : new Date(r.revoked_at),
    },
    prefecture: r.prefecture,
    surname: r.surname_latin,
    givenNames: r.given_names_latin,
    surnameOwn: r.surname,
    givenNamesOwn: r.given_names,
    birthDate: r.birth_date,
  };
}

async function countAndFindByText(services: Services, text: string, ip: string, now: Date) {
  // Counted first, on its own: the signature check below is the expensive part to protect.
  await services.rateLimiter.consume(verificationRules.attestationChecksPerIp, ip);
  // A forged text never reaches the lookup below.
  if (!(await signatureChecks(services, text, now))) return null;
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
    byText: select().where(eq(attestations.twoDDoc, sql.placeholder('text'))).limit(1).prepare('verification_by_text'),
  };
}

/** The stored text of a row found by code: any failure, even reading the key, vouches for nothing. */
async function storedTextChecks(services: Services, text: string, now: Date): Promise<boolean> {
  try {
    return await signatureChecks(services, text, now);
  } catch {
    return false;
  }
}

/**
 * Whether the signature of a 2D-Doc text checks against the published key its header names (a
 * KeyObject kept by `publishedKeyObject`). A text that checked before with the key object still
 * published is not checked again: see `verified-signatures.ts` for why that is the same answer.
 */
async function signatureChecks(services: Services, text: string, now: Date): Promise<boolean> {
  const knownCertId = services.verifiedSignatures.certIdOf(text);
  if (knownCertId !== undefined) {
    const key = await publishedKeyObject(services.db, knownCertId, now);
    if (key && services.verifiedSignatures.checkedBefore(text, key)) return true;
  }
  let parsed: Parsed2dDoc;
  try {
    parsed = parse2dDoc(text);
  } catch {
    return false;
  }
  if (parsed.header.caId !== SESAME_CA_ID) return false;
  const key = await publishedKeyObject(services.db, parsed.header.certId, now);
  if (!key || !verify2dDocSignature(parsed, key)) return false;
  services.verifiedSignatures.remember(text, parsed.header.certId, key);
  return true;
}

/** "A. D." from the Latin names (the ones on the identity document a verifier is shown). */
export function initials(givenNames: string | null, surname: string | null): string {
  const first = (s: string | null) => (s?.trim() ? `${[...s.trim()][0]!.toUpperCase()}.` : '');
  return [first(givenNames), first(surname)].filter(Boolean).join(' ');
}
