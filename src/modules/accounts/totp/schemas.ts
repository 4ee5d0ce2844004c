import { z } from 'zod';
import { normaliseRecoveryCode } from './recovery-codes';

/** Apps show codes as `123 456`; what is copied often keeps the space. */
const withoutSpaces = (s: string) => s.replace(/\s/g, '');

/** A code from the authenticator app, and nothing else. */
export const totpCodeForm = z.object({
  code: z
    .string()
    .max(40)
    .transform(withoutSpaces)
    .pipe(
      z
        .string()
        .min(1)
        // A refinement, not `.regex`: its message key is kept, where a format issue would say only "invalid format".
        .refine((s) => /^\d{6}$/.test(s), { error: 'validation.code_format' }),
    ),
});

/** A code from the app or a recovery code: which one is decided by `readSecondFactorCode`. */
export const secondFactorForm = z.object({ code: z.string().trim().min(1).max(40) });

export type SecondFactorCode = { kind: 'totp'; code: string } | { kind: 'recovery'; code: string };

/** Tells a 6-digit app code from a recovery code; null when it is neither. */
export function readSecondFactorCode(input: string): SecondFactorCode | null {
  const digits = withoutSpaces(input);
  if (/^\d{6}$/.test(digits)) return { kind: 'totp', code: digits };
  const recovery = normaliseRecoveryCode(input);
  return recovery ? { kind: 'recovery', code: recovery } : null;
}
