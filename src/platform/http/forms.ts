import type { z } from 'zod';
import type { FieldErrors, FormValues } from '../../web/components/forms';

/** Longest value echoed back into a form: enough for any real field, not a way to amplify junk. */
const MAX_ECHO_LENGTH = 1000;

/** Keeps only plain string fields of a submitted body, for re-displaying the form. */
export function formValues(body: unknown): FormValues {
  const values: FormValues = {};
  if (!body || typeof body !== 'object') return values;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (k === '_csrf' || k.toLowerCase().includes('password')) continue;
    const s = Array.isArray(v) ? v[0] : v;
    if (typeof s === 'string') values[k] = s.slice(0, MAX_ECHO_LENGTH);
  }
  return values;
}

type Issue = z.core.$ZodIssue;

/** A message that is itself a catalogue key (`namespace.key`), set with `{ error: 'ns.key' }`. */
const MESSAGE_KEY = /^[a-z][a-z_]*(\.[a-z0-9_]+)+$/;

/** Turns a zod issue into a translatable message key; a schema's own key always wins. */
function messageFor(issue: Issue, input: unknown): FieldErrors[string] {
  if (MESSAGE_KEY.test(issue.message)) return { key: issue.message, params: issue.code === 'custom' ? (issue.params as Record<string, string> | undefined) : undefined };
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return { key: 'validation.required' };
      if (issue.origin === 'string') return { key: 'validation.too_short', params: { min: Number(issue.minimum) } };
      return { key: 'validation.too_small', params: { min: Number(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string') return { key: 'validation.too_long', params: { max: Number(issue.maximum) } };
      return { key: 'validation.too_big', params: { max: Number(issue.maximum) } };
    case 'invalid_format':
      return { key: issue.format === 'email' ? 'validation.email' : 'validation.format' };
    case 'invalid_type':
      return { key: input === undefined || input === '' ? 'validation.required' : 'validation.format' };
    case 'invalid_value':
      return { key: 'validation.choose_option' };
    case 'custom':
      return { key: 'validation.format' };
    default:
      return { key: 'validation.format' };
  }
}

export type ParsedForm<T> = { ok: true; data: T; values: FormValues } | { ok: false; errors: FieldErrors; values: FormValues };

/** Validates a form body against a zod schema; on failure, one message per field, in field order. */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): ParsedForm<z.infer<S>> {
  const values = formValues(body);
  const input = body && typeof body === 'object' ? body : {};
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data, values };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '_form');
    if (errors[field]) continue;
    errors[field] = messageFor(issue, (input as Record<string, unknown>)[field]);
  }
  return { ok: false, errors, values };
}
