import { z } from 'zod';
import { identityDocumentKinds } from '../../db/schema';
import { parseProfileForm } from '../profile/schemas';
import type { Profile } from '../profile/fields';
import type { FieldErrors, FormValues } from '../../web/components/forms';
import { parseDateParts } from '../profile/dates';

const identityCheckSchema = z.object({
  idDocumentKind: z.enum(identityDocumentKinds, { error: 'counter.errors.id_document_kind' }),
  idDocumentNumber: z
    .string()
    .trim()
    .toUpperCase()
    .transform((v) => v.replace(/\s+/g, ''))
    .pipe(z.string().regex(/^[A-Z0-9]{4,30}$/, { error: 'counter.errors.id_document_number' })),
  locale: z.enum(['fr', 'en'], { error: 'validation.choose_option' }),
});

/** What the desk must know to file and to let the person claim the file later. */
const requiredProfileFields = ['surname', 'givenNames', 'birthDate', 'nationality', 'addressLine', 'postcode', 'town'] as const;

export interface IdentityCheck {
  idDocumentKind: (typeof identityDocumentKinds)[number];
  idDocumentNumber: string;
  locale: 'fr' | 'en';
  profile: Profile;
}

/**
 * The identity form at the desk: the document seen, the person's language, and their details
 * as in the passport — the profile's own rules, plus what a filing and a later claim need.
 */
export function parseIdentityForm(body: unknown, today: string): { ok: true; data: IdentityCheck } | { ok: false; errors: FieldErrors; values: FormValues } {
  const check = identityCheckSchema.safeParse(body && typeof body === 'object' ? body : {});
  const profile = parseProfileForm(body, today);
  const errors: FieldErrors = {};
  if (!check.success) for (const issue of check.error.issues) errors[String(issue.path[0])] ??= { key: issue.message.includes('.') ? issue.message : 'validation.required' };
  if (!profile.ok) Object.assign(errors, profile.errors);
  else {
    for (const field of requiredProfileFields) if (!profile.data[field] && !errors[field]) errors[field] = { key: 'validation.required' };
  }
  if (Object.keys(errors).length > 0 || !check.success || !profile.ok) return { ok: false, errors, values: profile.values };
  return { ok: true, data: { ...check.data, profile: profile.data } };
}

export const procedureForm = z.object({ procedureId: z.string().min(1, { error: 'counter.errors.choose_procedure' }).max(64) });

/** The claim form: the code from the receipt and the date of birth, as three boxes. */
export const claimForm = z
  .object({
    code: z.string().trim().min(1).max(40),
    'birthDate-day': z.string().default(''),
    'birthDate-month': z.string().default(''),
    'birthDate-year': z.string().default(''),
  })
  .transform((raw, ctx) => {
    const parsed = parseDateParts({ day: raw['birthDate-day'], month: raw['birthDate-month'], year: raw['birthDate-year'] });
    if (parsed.kind !== 'date') ctx.addIssue({ code: 'custom', path: ['birthDate'], message: parsed.kind === 'empty' ? 'validation.required' : 'profile.errors.date_invalid' });
    return { code: raw.code, birthDate: parsed.kind === 'date' ? parsed.iso : '' };
  });
