import { z } from 'zod';
import { departementOfPostcode } from '../../db/seed/prefectures';
import type { CalendarDate } from '../../platform/legal-dates';
import { isCountryCode } from '../profile/countries';
import type { Procedure, Question } from '../procedures/types';
import { dateAnswerProblem, implausibleDate, type DatePlausibility } from './date-answers';

/**
 * A name in the passport's own script: letters of any script with their combining marks,
 * spaces, hyphens, apostrophes, the joiners Persian names need and the middle dots of Chinese
 * and Japanese names. Anything else (digits, markup) is a typing mistake or an attack.
 */
const NAME = /^(?:[\p{L}\p{M}' ’\u00B7\u30FB-]|\u200C|\u200D)+$/u;
/** Free text on one line: no control characters, and no markup (no address contains `<` or `>`). */
const PLAIN_LINE = /^[^\p{Cc}\p{Cs}<>]*$/u;

const name = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((v) => v === '' || (NAME.test(v) && /\p{L}/u.test(v)), { error: 'applications.errors.name_letters' });
const plainLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => PLAIN_LINE.test(v), { error: 'applications.errors.plain_text' });

/** A date answer: a real calendar date (see `date-answers.ts`), believable for its purpose when `today` is known. */
const dateAnswer = (kind: DatePlausibility, today: CalendarDate | undefined) =>
  z.string().superRefine((v, ctx) => {
    const problem = dateAnswerProblem(v) ?? (today ? implausibleDate(v, kind, today) : null);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * The answers of an application are strings keyed by field id: the procedure's own questions
 * plus the common identity, address and permit fields, prefilled from the profile.
 */
function commonFieldSchemas(today: CalendarDate | undefined) {
  return {
    surname: name,
    given_names: name,
    birth_date: dateAnswer('past', today),
    nationality: z
      .string()
      .trim()
      .toUpperCase()
      .refine((v) => /^[A-Z]{2}$/.test(v) && isCountryCode(v), { error: 'validation.country' }),
    address_line: plainLine(120),
    // Spaces typed for readability ("75 019") are dropped; the postcode must name a département.
    postcode: z
      .string()
      .overwrite((v) => v.replace(/\s+/g, ''))
      .min(1)
      .refine((v) => departementOfPostcode(v) !== null, { error: 'validation.postcode' }),
    town: plainLine(60),
    permit_number: z
      .string()
      .overwrite((v) => v.replace(/\s+/g, '').toUpperCase())
      .refine((v) => /^[A-Z0-9]{1,20}$/.test(v), { error: 'applications.errors.permit_number' }),
    permit_expires_on: dateAnswer('permit_expiry', today),
  } as const;
}
export const commonFields = commonFieldSchemas(undefined);
export type CommonField = keyof typeof commonFields;

/** The common fields a procedure asks for: permit fields only when there is a permit already. */
export function commonFieldsFor(procedure: Procedure): CommonField[] {
  const base: CommonField[] = ['surname', 'given_names', 'birth_date', 'nationality', 'address_line', 'postcode', 'town'];
  return procedure.kind === 'first_application' || procedure.kind === 'vls_ts_validation' ? base : [...base, 'permit_number', 'permit_expires_on'];
}

function questionSchema(q: Question, today: CalendarDate | undefined): z.ZodType<string> {
  switch (q.type) {
    case 'yes_no':
      return z.enum(['yes', 'no']);
    case 'choice':
      return z.enum(q.options as [string, ...string[]]);
    case 'date':
      return dateAnswer('recent_past', today);
    case 'text':
      return plainLine(500);
  }
}

/**
 * Built schemas, per procedure and day. Building a zod object costs more than parsing with it
 * (zod compiles each new object schema on its first use), and a filing used to build one per
 * form step: schemas are immutable, so one per procedure and date serves every request. Only
 * the latest few dates are kept (`today` moves once a day; tests move it faster).
 */
const builtSchemas = new WeakMap<Procedure, Map<string, { fields: Record<string, z.ZodType<string>>; answers?: z.ZodObject; steps: Map<string, z.ZodObject> }>>();
const DATES_KEPT = 4;

function schemasOf(procedure: Procedure, today: CalendarDate | undefined) {
  let byDate = builtSchemas.get(procedure);
  if (!byDate) builtSchemas.set(procedure, (byDate = new Map()));
  const key = today ?? '';
  let built = byDate.get(key);
  if (!built) {
    if (byDate.size >= DATES_KEPT) byDate.delete(byDate.keys().next().value!);
    built = { fields: buildFieldSchemas(procedure, today), steps: new Map() };
    byDate.set(key, built);
  }
  return built;
}

function buildFieldSchemas(procedure: Procedure, today: CalendarDate | undefined): Record<string, z.ZodType<string>> {
  const common = commonFieldSchemas(today);
  const shape: Record<string, z.ZodType<string>> = {};
  for (const f of commonFieldsFor(procedure)) shape[f] = common[f];
  for (const q of procedure.questions) shape[q.id] = q.required ? questionSchema(q, today) : (questionSchema(q, today).optional().or(z.literal('')) as z.ZodType<string>);
  return shape;
}

/** The schema of each answer of a procedure; with `today`, dates must also be believable. */
export function fieldSchemas(procedure: Procedure, today?: CalendarDate): Readonly<Record<string, z.ZodType<string>>> {
  return schemasOf(procedure, today).fields;
}

/** An object schema of some of a procedure's fields (one form step), built once per day. */
export function fieldsSchema(procedure: Procedure, fields: readonly string[], today?: CalendarDate): z.ZodObject {
  const built = schemasOf(procedure, today);
  const key = fields.join(',');
  let schema = built.steps.get(key);
  if (!schema) built.steps.set(key, (schema = z.object(Object.fromEntries(fields.map((f) => [f, built.fields[f]!])))));
  return schema;
}

/** A schema for every answer of a procedure, all required: used at filing, not while drafting. */
export function answersSchema(procedure: Procedure, today?: CalendarDate): z.ZodObject {
  const built = schemasOf(procedure, today);
  return (built.answers ??= z.object(built.fields));
}

/** The field ids a procedure knows: anything else sent by a client is dropped. */
export function knownFields(procedure: Procedure): Set<string> {
  return new Set<string>([...commonFieldsFor(procedure), ...procedure.questions.map((q) => q.id)]);
}

/** Answers entered as three date boxes. */
export function isDateField(procedure: Procedure, field: string): boolean {
  return field === 'birth_date' || field === 'permit_expires_on' || procedure.questions.some((q) => q.id === field && q.type === 'date');
}

/** *Timbre fiscal électronique*: a 16-digit number. *E-photo*: a 22-character code from an approved booth. */
export const timbreReference = z
  .string()
  .overwrite((v) => v.replace(/\s+/g, ''))
  .regex(/^\d{16}$/, { error: 'validation.timbre_format' });
export const ephotoCode = z
  .string()
  .overwrite((v) => v.replace(/\s+/g, '').toUpperCase())
  .regex(/^[A-Z0-9]{22}$/, { error: 'validation.ephoto_format' });
