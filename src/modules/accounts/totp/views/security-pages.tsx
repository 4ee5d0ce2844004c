import { ErrorSummary, PostForm, SubmitButton } from '../../../../web/components/forms';
import { Layout } from '../../../../web/layout';
import { usePage } from '../../../../web/page-context';
import { Narrow, type FormState } from '../../views/auth-pages';
import type { SecurityStatus } from '../security-status';
import { AnyCodeField, AppCodeField, useCodeLabels } from './code-fields';
import { hasErrors } from './form-state';

/** Below this many recovery codes left, the page suggests new ones. */
const FEW_CODES_LEFT = 3;

/** `/compte/securite`: whether the second factor is on, and what can be done about it. */
export function SecurityPage(props: { status: SecurityStatus; mayDisable: boolean }) {
  const { t, locale } = usePage();
  const { enabledAt, recoveryCodesLeft } = props.status;
  const date = (d: Date) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(d);
  return (
    <Layout title={t('totp.security.title')}>
      <Narrow>
        <h1>{t('totp.security.title')}</h1>
        <p>{t('totp.security.lead')}</p>
        <h2 class="fr-h4">{t('totp.security.status_heading')}</h2>
        <p>
          <span class={`fr-badge ${enabledAt ? 'fr-badge--success' : 'fr-badge--warning'}`} id="totp-status">
            {enabledAt ? t('totp.security.status_on') : t('totp.security.status_off')}
          </span>
        </p>
        {enabledAt ? (
          <>
            <p>{t('totp.security.enabled_since', { date: date(enabledAt) })}</p>
            <p>{t('totp.security.codes_left', { count: recoveryCodesLeft })}</p>
            {recoveryCodesLeft <= FEW_CODES_LEFT && (
              <div class="fr-alert fr-alert--warning fr-alert--sm fr-mb-3w">
                <p>{t('totp.security.codes_low')}</p>
              </div>
            )}
            {!props.mayDisable && <p>{t('totp.security.agent_required')}</p>}
            <ul class="fr-btns-group fr-btns-group--inline-md">
              <li>
                <a class="fr-btn fr-btn--secondary" href="/compte/securite/codes-de-secours">
                  {t('totp.security.regenerate')}
                </a>
              </li>
              {props.mayDisable && (
                <li>
                  <a class="fr-btn fr-btn--tertiary" href="/compte/securite/desactiver">
                    {t('totp.security.disable')}
                  </a>
                </li>
              )}
            </ul>
          </>
        ) : (
          <ul class="fr-btns-group fr-btns-group--inline-md">
            <li>
              <a class="fr-btn" href="/compte/securite/activer">
                {t('totp.security.enable')}
              </a>
            </li>
          </ul>
        )}
        <p class="fr-mt-3w">
          <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/compte">
            {t('totp.security.back')}
          </a>
        </p>
      </Narrow>
    </Layout>
  );
}

/** Turning the factor off, on proof of a code; an agent is told why they cannot. */
export function DisablePage(s: FormState & { refused?: boolean }) {
  const { t } = usePage();
  const labels = useCodeLabels();
  return (
    <Layout title={t('totp.disable.title')} hasErrors={hasErrors(s)}>
      <Narrow>
        <h1>{t('totp.disable.title')}</h1>
        {s.refused ? (
          <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
            <p>{t('totp.disable.refused')}</p>
          </div>
        ) : (
          <>
            <p>{t('totp.disable.lead')}</p>
            <p>{t('totp.disable.lost_phone')}</p>
            <ErrorSummary errors={s.errors ?? {}} labels={labels} formError={s.formError} />
            <PostForm action="/compte/securite/desactiver">
              <AnyCodeField values={s.values} errors={s.errors} />
              <SubmitButton label={t('totp.disable.submit')} />
            </PostForm>
          </>
        )}
        <p class="fr-mt-3w">
          <a class="fr-link" href="/compte/securite">
            {t('totp.disable.cancel')}
          </a>
        </p>
      </Narrow>
    </Layout>
  );
}

/** New recovery codes, on proof of a code from the app. */
export function RegenerateCodesPage(s: FormState) {
  const { t } = usePage();
  const labels = useCodeLabels();
  return (
    <Layout title={t('totp.regenerate.title')} hasErrors={hasErrors(s)}>
      <Narrow>
        <h1>{t('totp.regenerate.title')}</h1>
        <p>{t('totp.regenerate.lead')}</p>
        <ErrorSummary errors={s.errors ?? {}} labels={labels} formError={s.formError} />
        <PostForm action="/compte/securite/codes-de-secours">
          <AppCodeField values={s.values} errors={s.errors} />
          <SubmitButton label={t('totp.regenerate.submit')} />
        </PostForm>
        <p class="fr-mt-3w">
          <a class="fr-link" href="/compte/securite">
            {t('totp.regenerate.cancel')}
          </a>
        </p>
      </Narrow>
    </Layout>
  );
}
