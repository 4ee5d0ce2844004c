import { Layout } from '../../../web/layout';
import { ErrorSummary, PostForm, SubmitButton, TextField, type FieldErrors, type FormValues } from '../../../web/components/forms';
import { usePage } from '../../../web/page-context';
import type { ShareCheckAnswer } from '../check-share-code';
import { longDate } from '../describe-answer';

const parts = ['day', 'month', 'year'] as const;

/**
 * For an employer, landlord or benefit office: enter the code the person gave, their date of
 * birth and your organisation's name; see only what the code's purpose needs.
 */
export function VerifierPage(props: { values?: FormValues; errors?: FieldErrors; formError?: string; answer?: ShareCheckAnswer }) {
  const { t } = usePage();
  const errors = props.errors ?? {};
  const labels = { code: t('verification.verifier.code_label'), birth: t('verification.verifier.birth_legend'), organisation: t('verification.verifier.organisation_label') };
  return (
    <Layout title={t('verification.verifier.title')} hasErrors={Object.keys(errors).length > 0 || Boolean(props.formError)}>
      <h1>{t('verification.verifier.title')}</h1>
      {props.answer && <Answer answer={props.answer} />}
      <p>{t('verification.verifier.intro')}</p>
      <ErrorSummary errors={errors} labels={labels} formError={props.formError} />
      <PostForm action="/verifier-un-droit">
        <TextField name="code" label={labels.code} hint={t('verification.verifier.code_hint')} values={props.values} errors={errors} autocomplete="off" maxLength={20} spellcheck={false} />
        <BirthDate values={props.values} errors={errors} />
        <TextField name="organisation" label={labels.organisation} hint={t('verification.verifier.organisation_hint')} values={props.values} errors={errors} autocomplete="organization" maxLength={120} />
        <SubmitButton label={t('verification.verifier.submit')} />
      </PostForm>
    </Layout>
  );
}

function Answer({ answer }: { answer: ShareCheckAnswer }) {
  const { t, locale } = usePage();
  if (answer.outcome === 'not_found') {
    return (
      <div class="fr-alert fr-alert--error fr-mb-4w" role="status">
        <h2 class="fr-alert__title" id="share-result">{t('verification.verifier.not_found_title')}</h2>
        <p>{t('verification.verifier.not_found')}</p>
      </div>
    );
  }
  const confirmed = answer.outcome === 'confirmed';
  return (
    <div class={`fr-alert ${confirmed ? 'fr-alert--success' : 'fr-alert--warning'} fr-mb-4w`} role="status">
      <h2 class="fr-alert__title" id="share-result">
        {confirmed
          ? t(`verification.verifier.confirmed.${answer.purpose === 'work' ? 'work' : 'stay'}`, { date: longDate(answer.until, locale) })
          : t(`verification.verifier.not_confirmed.${answer.purpose === 'work' ? 'work' : 'stay'}`)}
      </h2>
      <p>{t('verification.verifier.holder', { name: answer.holderName })}</p>
      <p class="fr-text--sm">{t('verification.verifier.logged')}</p>
    </div>
  );
}

function BirthDate(props: { values?: FormValues | undefined; errors: FieldErrors }) {
  const { t } = usePage();
  const error = props.errors.birth;
  return (
    <fieldset class={`fr-fieldset${error ? ' fr-fieldset--error' : ''}`} id="birth" role="group" aria-labelledby={`birth-legend${error ? ' birth-error' : ''}`}>
      <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id="birth-legend">
        {t('verification.verifier.birth_legend')}
        <span class="fr-hint-text">{t('verification.verifier.birth_hint')}</span>
      </legend>
      {parts.map((part) => (
        <div class={`fr-fieldset__element fr-fieldset__element--inline fr-fieldset__element--${part === 'year' ? 'year' : 'number'}`}>
          <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
            <label class="fr-label" for={`birth-${part}`}>
              {t(`verification.verifier.${part}`)}
            </label>
            <input
              class={`fr-input${error ? ' fr-input--error' : ''}`}
              type="text"
              id={`birth-${part}`}
              name={`birth-${part}`}
              value={props.values?.[`birth-${part}`] ?? ''}
              inputMode="numeric"
              maxLength={part === 'year' ? 4 : 2}
              autocomplete="off"
              aria-invalid={error ? 'true' : undefined}
            />
          </div>
        </div>
      ))}
      {error && (
        <div class="fr-messages-group" id="birth-error" aria-live="polite">
          <p class="fr-message fr-message--error">{t(error.key, error.params)}</p>
        </div>
      )}
    </fieldset>
  );
}
