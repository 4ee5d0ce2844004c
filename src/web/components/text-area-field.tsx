import { usePage } from '../page-context';
import { FieldError, FieldLabel, describedByOf, type FieldErrors, type FormValues } from './forms';

/** A DSFR text area with its hint and error, keeping what was typed (the multi-line sibling of `TextField`). */
export function TextAreaField(p: {
  name: string;
  label: string;
  hint?: string | undefined;
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
  maxLength?: number;
  rows?: number;
  required?: boolean;
}) {
  const { draft } = usePage();
  const error = p.errors?.[p.name];
  const describedBy = describedByOf(p.name, p.hint, error);
  return (
    <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
      <FieldLabel {...p} />
      <textarea
        class={`fr-input${error ? ' fr-input--error' : ''}`}
        id={p.name}
        name={p.name}
        rows={p.rows ?? 6}
        maxLength={p.maxLength}
        aria-describedby={describedBy}
        aria-invalid={error ? 'true' : undefined}
        value={draft?.[p.name] ?? p.values?.[p.name] ?? ''}
      />
      <FieldError name={p.name} error={error} />
    </div>
  );
}
