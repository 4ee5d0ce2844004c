import { usePage } from '../page-context';
import type { FieldErrors, FormValues } from './forms';

const parts = ['day', 'month', 'year'] as const;

/**
 * A date as three boxes (day, month, year) in a fieldset: works without JavaScript in every
 * browser and gives back exactly what was typed when the date is refused. The group's id is the
 * field name, so the error summary's link lands on it; `values` holds `<name>-day` etc.
 */
export function DateField(p: {
  name: string;
  legend: string;
  hint: string;
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
  /** The person's own birthday: lets browsers fill it in. */
  autocomplete?: 'bday';
  optional?: boolean;
}) {
  // `draft`: what was typed before a session expired, brought back after logging in again.
  const { t, draft } = usePage();
  // A refused date is reported on the group; a malformed box (sent twice, say) on the box itself.
  const error = p.errors?.[p.name] ?? parts.map((part) => p.errors?.[`${p.name}-${part}`]).find(Boolean);
  const errorId = `${p.name}-error`;
  return (
    <fieldset class={`fr-fieldset${error ? ' fr-fieldset--error' : ''}`} id={p.name} role="group" aria-labelledby={`${p.name}-legend${error ? ` ${errorId}` : ''}`}>
      <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id={`${p.name}-legend`}>
        {p.optional ? `${p.legend} ${t('forms.optional')}` : p.legend}
        <span class="fr-hint-text" id={`${p.name}-hint`}>
          {p.hint}
        </span>
      </legend>
      {parts.map((part) => {
        const id = `${p.name}-${part}`;
        return (
          <div class={`fr-fieldset__element fr-fieldset__element--inline fr-fieldset__element--${part === 'year' ? 'year' : 'number'}`}>
            <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
              <label class="fr-label" for={id}>
                {t(`forms.date_${part}`)}
              </label>
              <input
                class={`fr-input${error ? ' fr-input--error' : ''}`}
                type="text"
                id={id}
                name={id}
                value={draft?.[id] ?? p.values?.[id] ?? ''}
                inputMode="numeric"
                maxLength={part === 'year' ? 4 : 2}
                autocomplete={p.autocomplete ? `${p.autocomplete}-${part}` : 'off'}
                aria-describedby={`${p.name}-hint${error ? ` ${errorId}` : ''}`}
                aria-invalid={error ? 'true' : undefined}
              />
            </div>
          </div>
        );
      })}
      {error && (
        <div class="fr-messages-group" id={errorId} aria-live="polite">
          <p class="fr-message fr-message--error">{t(error.key, error.params)}</p>
        </div>
      )}
    </fieldset>
  );
}
