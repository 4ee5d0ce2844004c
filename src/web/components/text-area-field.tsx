import { usePage } from '../page-context';
import type { FieldErrors, FormValues } from './forms';

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
  const { t, draft } = usePage();
  const error = p.errors?.[p.name];
  const describedBy = [p.hint ? `${p.name}-hint` : null, error ? `${p.name}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
      <label class="fr-label" for={p.name}>
        {p.label}
        {p.required === false && ` ${t('forms.optional')}`}
        {p.hint && (
          <span class="fr-hint-text" id={`${p.name}-hint`}>
            {p.hint}
          </span>
        )}
      </label>
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
      {error && (
        <p class="fr-error-text" id={`${p.name}-error`}>
          {t(error.key, error.params)}
        </p>
      )}
    </div>
  );
}
