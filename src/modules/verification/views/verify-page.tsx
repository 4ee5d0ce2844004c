import type { ComponentChildren } from 'preact';
import { Layout } from '../../../web/layout';
import { ErrorSummary, type FieldErrors } from '../../../web/components/forms';
import { usePage } from '../../../web/page-context';
import { rawHtml, staticHtml } from '../../../web/static-html';
import type { Translate } from '../../../platform/i18n/catalogue';
import { longDate } from '../describe-answer';
import type { VerificationAnswer } from '../verify-attestation';

const alertClass: Record<string, string> = {
  valid: 'fr-alert--success',
  expired: 'fr-alert--warning',
  superseded: 'fr-alert--warning',
  revoked: 'fr-alert--error',
  unknown: 'fr-alert--error',
};

/**
 * The public verification page: the result of a check (from the QR code or a typed code), then
 * the form to check another. Shows what the proof allows, never who the holder is beyond
 * initials and year of birth.
 */
export function VerifyPage(props: { code?: string; errors?: FieldErrors; formError?: string; result?: { answer: VerificationAnswer; summary: string } }) {
  const { t } = usePage();
  const errors = props.errors ?? {};
  const result = props.result;
  return (
    <Layout title={result ? t('verification.result_title') : t('verification.title')} hasErrors={Object.keys(errors).length > 0 || Boolean(props.formError)}>
      <h1>{result ? t('verification.result_title') : t('verification.title')}</h1>
      {result && <Result answer={result.answer} summary={result.summary} />}
      {props.code === undefined && Object.keys(errors).length === 0 && !props.formError ? (
        // The form as it is on nearly every visit (a QR code opened, nothing typed yet) depends on the language only.
        rawHtml(staticHtml(t, result ? 'verification.form_after_result' : 'verification.form', (t) => <CheckForm t={t} afterResult={Boolean(result)} errors={{}} />).__html)
      ) : (
        <CheckForm t={t} afterResult={Boolean(result)} code={props.code} errors={errors}>
          <ErrorSummary errors={errors} labels={{ code: t('verification.code_label') }} formError={props.formError} />
        </CheckForm>
      )}
    </Layout>
  );
}

/**
 * The heading, the form and the link to share-code checks. Reads nothing from the page context:
 * without a typed code or errors it is rendered once per language (`staticHtml`).
 */
function CheckForm(props: { t: Translate; afterResult: boolean; code?: string | undefined; errors: FieldErrors; children?: ComponentChildren }) {
  const { t, errors } = props;
  return (
    <>
      <h2 class={props.afterResult ? 'fr-h4 fr-mt-5w' : 'fr-h4'}>{props.afterResult ? t('verification.check_another') : t('verification.form_heading')}</h2>
      <p>{t('verification.intro')}</p>
      {props.children}
      <form method="get" action="/verify" noValidate>
        <div class={`fr-input-group${errors.code ? ' fr-input-group--error' : ''}`}>
          <label class="fr-label" for="code">
            {t('verification.code_label')}
            <span class="fr-hint-text" id="code-hint">
              {t('verification.code_hint')}
            </span>
          </label>
          <input
            class={`fr-input${errors.code ? ' fr-input--error' : ''}`}
            type="text"
            id="code"
            name="code"
            value={props.code ?? ''}
            autocomplete="off"
            spellcheck={false}
            maxLength={64}
            aria-describedby={`code-hint${errors.code ? ' code-error' : ''}`}
            aria-invalid={errors.code ? 'true' : undefined}
          />
          {errors.code && (
            <p class="fr-error-text" id="code-error">
              {t(errors.code.key, errors.code.params)}
            </p>
          )}
        </div>
        <div class="fr-btns-group fr-btns-group--inline-md fr-mt-3w">
          <button type="submit" class="fr-btn">
            {t('verification.submit')}
          </button>
        </div>
      </form>
      <p class="fr-mt-4w">
        <a class="fr-link" href="/verifier-un-droit">
          {t('verification.share_code_link')}
        </a>
      </p>
    </>
  );
}

function Result(props: { answer: VerificationAnswer; summary: string }) {
  const { t, locale } = usePage();
  const { status, attestation: a } = props.answer;
  return (
    <>
      <div class={`fr-alert ${alertClass[status]} fr-mb-3w`} role="status">
        <h2 class="fr-alert__title" id="verification-status">
          {t(`verification.status.${status}`)}
        </h2>
        <p id="verification-summary">{props.summary}</p>
      </div>
      {a && (
        <dl>
          <dt>{t('verification.fact.kind')}</dt>
          <dd>{t(`verification.kind.${a.kind}`)}</dd>
          <dt>{t('verification.fact.validity')}</dt>
          <dd>
            {a.validUntil
              ? t('verification.validity_range', { from: longDate(a.validFrom, locale), to: longDate(a.validUntil, locale) })
              : t('verification.validity_filed', { from: longDate(a.validFrom, locale) })}
          </dd>
          <dt>{t('verification.fact.issued_by')}</dt>
          <dd>{a.prefecture}</dd>
          <dt>{t('verification.fact.holder')}</dt>
          <dd>
            {a.holderBirthYear
              ? t('verification.holder_with_year', { initials: a.holderInitials || '—', year: String(a.holderBirthYear) })
              : a.holderInitials || '—'}
            <span class="fr-hint-text">{t('verification.holder_hint')}</span>
          </dd>
        </dl>
      )}
      <p class="fr-text--sm">{t('verification.logged_notice')}</p>
    </>
  );
}
