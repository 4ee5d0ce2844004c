import { eq } from 'drizzle-orm';
import { profiles, shareCodes, users, verificationChecks } from '../../db/schema';
import { parisDate } from '../../platform/legal-dates';
import type { Services } from '../../services';
import { coveredUntil, type SharePurpose } from './current-rights';
import { verificationRules } from './rate-rules';
import { hashShareCode, normaliseShareCode } from './share-code';

/**
 * What a verifier learns from a share code. `not_found` is one answer for an unknown code, a
 * wrong date of birth, a revoked or an expired code: a verifier cannot tell them apart, so
 * the code cannot be probed. With the right code and date, only what the purpose needs: the
 * holder's name (to match the person in front of them) and until when the right holds.
 */
export type ShareCheckAnswer =
  | { outcome: 'not_found' }
  | { outcome: 'confirmed'; purpose: SharePurpose; until: string; holderName: string }
  | { outcome: 'not_confirmed'; purpose: SharePurpose; holderName: string };

/** The outcome in the log the holder reads; finer than what the verifier is told. */
type LoggedOutcome = 'unknown_code' | 'code_revoked' | 'code_expired' | 'birth_date_mismatch' | 'confirmed' | 'not_confirmed';

export async function checkShareCode(services: Services, input: { code: string; birthDate: string; organisation: string }, meta: { ip: string }): Promise<ShareCheckAnswer> {
  const code = normaliseShareCode(input.code);
  const hash = code ? hashShareCode(services.appSecret, code) : null;
  await services.rateLimiter.consume(verificationRules.shareChecksPerIp, meta.ip);
  if (hash) await services.rateLimiter.consume(verificationRules.shareChecksPerCode, hash);

  const now = services.clock.now();
  const today = parisDate(now);
  const [row] = hash
    ? await services.db
        .select({ share: shareCodes, birthDate: profiles.birthDate, surname: profiles.surnameLatin, givenNames: profiles.givenNamesLatin, surnameOwn: profiles.surname, givenNamesOwn: profiles.givenNames })
        .from(shareCodes)
        .innerJoin(users, eq(users.id, shareCodes.holderId))
        .leftJoin(profiles, eq(profiles.userId, shareCodes.holderId))
        .where(eq(shareCodes.codeHash, hash))
    : [];

  let logged: LoggedOutcome;
  let answer: ShareCheckAnswer = { outcome: 'not_found' };
  if (!row) logged = 'unknown_code';
  else if (row.share.revokedAt) logged = 'code_revoked';
  else if (row.share.expiresAt <= now) logged = 'code_expired';
  else if (!row.birthDate || row.birthDate !== input.birthDate) logged = 'birth_date_mismatch';
  else {
    const purpose = row.share.purpose;
    const holderName = [row.givenNames ?? row.givenNamesOwn, (row.surname ?? row.surnameOwn)?.toUpperCase()].filter(Boolean).join(' ');
    const until = await coveredUntil(services.db, row.share.holderId, purpose, today);
    answer = until ? { outcome: 'confirmed', purpose, until, holderName } : { outcome: 'not_confirmed', purpose, holderName };
    logged = answer.outcome === 'confirmed' ? 'confirmed' : 'not_confirmed';
  }

  // Logged for the holder (who checked, when, with what result), including failed attempts on
  // their code. Not an audit event: a check changes no state (see verify-attestation.ts).
  await services.db.insert(verificationChecks).values({
    holderId: row?.share.holderId ?? null,
    shareCodeId: row?.share.id ?? null,
    verifierName: input.organisation,
    channel: 'page',
    outcome: logged,
    at: now,
  });
  return answer;
}
