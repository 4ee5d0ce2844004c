import type { ComponentChildren } from 'preact';
import { CsrfField } from '../layout';
import { usePage } from '../page-context';

/** Field name → message key (with optional ICU params), as produced by `parseForm`. */
export type FieldErrors = Record<string, { key: string; params?: Record<string, string | number> }>;
/** What the person typed, echoed back so a rejected form loses nothing. */
export type FormValues = Record<string, string>;

/**
 * The error summary at the top of a rejected form (DSFR alert): one link per field in error,
 * so a screen-reader or keyboard user reaches each problem directly.
 */
export function ErrorSummary(props: { errors: FieldErrors; labels: Record<string, string>; formError?: string | undefined }) {
  const { t } = usePage();
  const entries = Object.entries(props.errors);
  if (entries.length === 0 && !props.formError) return null;
  return (
    <div class="fr-alert fr-alert--error fr-mb-4w" role="alert" id="resume-erreurs">
      <h2 class="fr-alert__title">{t('forms.error_summary_title')}</h2>
      {props.formError && <p>{props.formError}</p>}
      {entries.length > 0 && (
        <ul>
          {entries.map(([field, e]) => (
            <li>
              <a href={`#${field}`}>{`${props.labels[field] ?? field} : ${t(e.key, e.params)}`}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function PostForm(props: { action: string; children: ComponentChildren; id?: string }) {
  return (
    <form method="post" action={props.action} id={props.id} noValidate>
      <CsrfField />
      {props.children}
    </form>
  );
}

/** A field's label, "(optional)" when it is, and its hint: the same for every kind of DSFR field. */
export function FieldLabel(p: { name: string; label: string; hint?: string | undefined; required?: boolean | undefined }) {
  const { t } = usePage();
  return (
    <label class="fr-label" for={p.name}>
      {p.label}
      {p.required === false && ` ${t('forms.optional')}`}
      {p.hint && (
        <span class="fr-hint-text" id={`${p.name}-hint`}>
          {p.hint}
        </span>
      )}
    </label>
  );
}

/** A field's error message, under it; nothing when the field is fine. */
export function FieldError(p: { name: string; error: FieldErrors[string] | undefined }) {
  const { t } = usePage();
  if (!p.error) return null;
  return (
    <p class="fr-error-text" id={`${p.name}-error`}>
      {t(p.error.key, p.error.params)}
    </p>
  );
}

/** What `aria-describedby` names: the hint and the error, those that are shown. */
export function describedByOf(name: string, hint: string | undefined, error: FieldErrors[string] | undefined): string | undefined {
  return [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(' ') || undefined;
}

interface FieldProps {
  name: string;
  label: string;
  hint?: string | undefined;
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
  type?: 'text' | 'email' | 'password' | 'tel' | 'date' | 'number';
  autocomplete?: string;
  inputMode?: 'numeric' | 'text' | 'tel' | 'email';
  maxLength?: number;
  required?: boolean;
  spellcheck?: boolean;
}

export function TextField(p: FieldProps) {
  const error = p.errors?.[p.name];
  const describedBy = describedByOf(p.name, p.hint, error);
  // Passwords are never echoed back into the page.
  const value = p.type === 'password' ? '' : (usePage().draft?.[p.name] ?? p.values?.[p.name] ?? '');
  return (
    <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
      <FieldLabel {...p} />
      <input
        class={`fr-input${error ? ' fr-input--error' : ''}`}
        type={(p.type ?? 'text') as 'text'}
        id={p.name}
        name={p.name}
        value={value}
        autocomplete={p.autocomplete}
        inputMode={p.inputMode}
        maxLength={p.maxLength}
        spellcheck={p.spellcheck}
        aria-describedby={describedBy}
        aria-invalid={error ? 'true' : undefined}
      />
      <FieldError name={p.name} error={error} />
    </div>
  );
}

export function SelectField(p: {
  name: string;
  label: string;
  hint?: string;
  options: { value: string; label: string }[];
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
  required?: boolean;
  autocomplete?: string;
}) {
  const { t } = usePage();
  const error = p.errors?.[p.name];
  const current = usePage().draft?.[p.name] ?? p.values?.[p.name] ?? '';
  const describedBy = describedByOf(p.name, p.hint, error);
  return (
    <div class={`fr-select-group${error ? ' fr-select-group--error' : ''}`}>
      <FieldLabel {...p} />
      <select
        class={`fr-select${error ? ' fr-select--error' : ''}`}
        id={p.name}
        name={p.name}
        autocomplete={p.autocomplete}
        aria-describedby={describedBy}
        aria-invalid={error ? 'true' : undefined}
      >
        <option value="" selected={current === ''}>
          {t('forms.select_placeholder')}
        </option>
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError name={p.name} error={error} />
    </div>
  );
}

export function RadioGroup(p: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
  required?: boolean;
}) {
  const { t } = usePage();
  const error = p.errors?.[p.name];
  const current = usePage().draft?.[p.name] ?? p.values?.[p.name] ?? '';
  return (
    <fieldset
      class={`fr-fieldset${error ? ' fr-fieldset--error' : ''}`}
      id={p.name}
      aria-labelledby={`${p.name}-legend${error ? ` ${p.name}-error` : ''}`}
      role={error ? 'group' : undefined}
    >
      <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id={`${p.name}-legend`}>
        {p.legend}
        {p.required === false && ` ${t('forms.optional')}`}
      </legend>
      {p.options.map((o, i) => (
        <div class="fr-fieldset__element fr-fieldset__element--inline">
          <div class="fr-radio-group">
            <input type="radio" id={`${p.name}-${i}`} name={p.name} value={o.value} checked={o.value === current} />
            <label class="fr-label" for={`${p.name}-${i}`}>
              {o.label}
            </label>
          </div>
        </div>
      ))}
      {error && (
        <div class="fr-messages-group" id={`${p.name}-error`} aria-live="polite">
          <p class="fr-message fr-message--error">{t(error.key, error.params)}</p>
        </div>
      )}
    </fieldset>
  );
}

export function SubmitButton(props: { label: string; secondary?: boolean }) {
  return (
    <div class="fr-btns-group fr-btns-group--inline-md fr-mt-3w">
      <button type="submit" class={`fr-btn${props.secondary ? ' fr-btn--secondary' : ''}`}>
        {props.label}
      </button>
    </div>
  );
}
