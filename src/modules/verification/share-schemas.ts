import { z } from 'zod';
import { parseDateParts } from '../profile/dates';
import { sharePurposes } from '../../db/schema';
import { normaliseShareCode } from './share-code';

// eslint-disable-next-line no-control-regex -- control characters are what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;

export const createShareSchema = z.object({
  purpose: z.enum(sharePurposes, { error: 'verification.errors.purpose_required' }),
});

/**
 * The verifier's form: the code, the holder's date of birth as three boxes, and who they are
 * (their organisation's name, shown to the holder in the log).
 */
export const checkShareSchema = z
  .object({
    code: z
      .string()
      .trim()
      .min(1, 'verification.errors.share_code_required')
      .max(20, 'verification.errors.share_code_format')
      .refine((v) => normaliseShareCode(v) !== null, 'verification.errors.share_code_format'),
    'birth-day': z.string().max(4).default(''),
    'birth-month': z.string().max(4).default(''),
    'birth-year': z.string().max(6).default(''),
    organisation: z
      .string()
      .trim()
      .min(2, 'verification.errors.organisation_required')
      .max(120, 'verification.errors.organisation_too_long')
      .refine((s) => !CONTROL.test(s), 'verification.errors.organisation_format'),
  })
  .superRefine(
    (v, ctx) => {
      const date = birthDate(v);
      if (date.kind !== 'date') ctx.addIssue({ code: 'custom', path: ['birth'], message: date.kind === 'empty' ? 'verification.errors.birth_date_required' : 'verification.errors.birth_date_invalid' });
    },
    // Run even when another field failed, so that every problem is shown at once.
    { when: () => true },
  )
  .transform((v) => ({ code: v.code, birthDate: (birthDate(v) as { iso: string }).iso, organisation: v.organisation }));

/** The three boxes as one date; a box sent as anything but text counts as empty. */
function birthDate(v: Record<string, unknown>) {
  const box = (name: string) => (typeof v[name] === 'string' ? (v[name] as string) : '');
  return parseDateParts({ day: box('birth-day'), month: box('birth-month'), year: box('birth-year') });
}
