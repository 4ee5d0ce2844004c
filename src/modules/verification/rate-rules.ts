import type { RateRule } from '../../platform/rate-limiter';

/**
 * Limits of the public verification surfaces. Generous enough for an employer or a benefit
 * office checking many people from one address; low enough that guessing attestation codes
 * or share codes (with a date of birth) is hopeless.
 */
export const verificationRules = {
  /** Attestation checks (QR page, typed code, API) from one address. */
  attestationChecksPerIp: { name: 'verify:ip', limit: 120, windowMs: 15 * 60_000 },
  /** Share-code checks from one address. */
  shareChecksPerIp: { name: 'share-check:ip', limit: 30, windowMs: 15 * 60_000 },
  /** Checks of one share code, whatever the address: a wrong date of birth cannot be tried at length. */
  shareChecksPerCode: { name: 'share-check:code', limit: 10, windowMs: 60 * 60_000 },
  /** Share codes a holder may create. */
  shareCodesPerHolder: { name: 'share-create:user', limit: 20, windowMs: 24 * 60 * 60_000 },
} satisfies Record<string, RateRule>;
