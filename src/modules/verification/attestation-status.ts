/**
 * What a verifier is told about an attestation. `unknown` covers everything Sésame cannot vouch
 * for: a code it never issued, a 2D-Doc whose signature does not check (altered, or signed by a
 * key Sésame never published), unreadable text.
 */
export const verificationStatuses = ['valid', 'expired', 'superseded', 'revoked', 'unknown'] as const;
export type VerificationStatus = (typeof verificationStatuses)[number];

export interface StatusFacts {
  validTo: string | null;
  supersededAt: Date | null;
  revokedAt: Date | null;
}

/**
 * The status of a genuine attestation on `today` (a Paris calendar date). Revocation wins over
 * everything, then replacement: a superseded attestation must not be relied on even within its
 * dates, the newer one says what holds. A receipt has no end date: it proves a filing forever.
 */
export function attestationStatus(a: StatusFacts, today: string, now: Date): Exclude<VerificationStatus, 'unknown'> {
  if (a.revokedAt && a.revokedAt <= now) return 'revoked';
  if (a.supersededAt && a.supersededAt <= now) return 'superseded';
  if (a.validTo && a.validTo < today) return 'expired';
  return 'valid';
}
