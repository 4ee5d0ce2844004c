import { z } from 'zod';
import { isCalendarDate } from '../../platform/legal-dates';
import type { Procedure, Question } from '../procedures/types';

/**
 * The answers of an application are strings keyed by field id: the procedure's own questions
 * plus the common identity, address and permit fields, prefilled from the profile.
 */
export const commonFields = {
  surname: z.string().trim().min(1).max(100),
  given_names: z.string().trim().min(1).max(100),
  birth_date: z.string().refine(isCalendarDate, { error: 'validation.date' }),
  nationality: z.string().regex(/^[A-Z]{2}$/, { error: 'validation.country' }),
  address_line: z.string().trim().min(1).max(120),
  postcode: z.string().regex(/^\d{5}$/, { error: 'validation.postcode' }),
  town: z.string().trim().min(1).max(60),
  permit_number: z.string().regex(/^[A-Z0-9]{1,20}$/i, { error: 'validation.format' }),
  permit_expires_on: z.string().refine(isCalendarDate, { error: 'validation.date' }),
} as const;
export type CommonField = keyof typeof commonFields;

/** The common fields a procedure asks for: permit fields only when there is a permit already. */
export function commonFieldsFor(procedure: Procedure): CommonField[] {
  const base: CommonField[] = ['surname', 'given_names', 'birth_date', 'nationality', 'address_line', 'postcode', 'town'];
  return procedure.kind === 'first_application' || procedure.kind === 'vls_ts_validation' ? base : [...base, 'permit_number', 'permit_expires_on'];
}

function questionSchema(q: Question): z.ZodType<string> {
  switch (q.type) {
    case 'yes_no':
      return z.enum(['yes', 'no']);
    case 'choice':
      return z.enum(q.options as [string, ...string[]]);
    case 'date':
      return z.string().refine(isCalendarDate, { error: 'validation.date' });
    case 'text':
      return z.string().trim().min(1).max(500);
  }
}

/** A schema for every answer of a procedure, all required: used at filing, not while drafting. */
export function answersSchema(procedure: Procedure) {
  const shape: Record<string, z.ZodType<string>> = {};
  for (const f of commonFieldsFor(procedure)) shape[f] = commonFields[f];
  for (const q of procedure.questions) shape[q.id] = q.required ? questionSchema(q) : questionSchema(q).optional().or(z.literal('')) as z.ZodType<string>;
  return z.object(shape);
}

/** The field ids a procedure knows: anything else sent by a client is dropped. */
export function knownFields(procedure: Procedure): Set<string> {
  return new Set<string>([...commonFieldsFor(procedure), ...procedure.questions.map((q) => q.id)]);
}

/** *Timbre fiscal électronique*: a 16-digit number. *E-photo*: a 22-character code from an approved booth. */
export const timbreReference = z.string().trim().regex(/^\d{16}$/, { error: 'validation.timbre_format' });
export const ephotoCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{22}$/, { error: 'validation.ephoto_format' });
