import { groupedSecret } from '../../../../platform/totp';
import { ErrorSummary, PostForm, SubmitButton } from '../../../../web/components/forms';
import { Layout } from '../../../../web/layout';
import { usePage } from '../../../../web/page-context';
import { Narrow, type FormState } from '../../views/auth-pages';
import { AppCodeField, useCodeLabels } from './code-fields';
import { hasErrors } from './form-state';
import { LogOutButton } from './second-factor-page';

export interface EnrolmentView {
  account: string;
  secret: string;
  qrCode: string;
  /** Where the confirmation is posted: the login step for an agent, the account page otherwise. */
  action: string;
  /** An agent at login: the factor is required, and the way out is to log out, not to cancel. */
  atLogin: boolean;
}

/** Adding Sésame to an authenticator app: QR code, the same key in writing, then a code to confirm. */
export function EnrolmentPage(s: FormState & EnrolmentView) {
  const { t } = usePage();
  const labels = useCodeLabels();
  return (
    <Layout title={t('totp.enrol.title')} hasErrors={hasErrors(s)}>
      <Narrow>
        <h1>{t('totp.enrol.title')}</h1>
        {s.atLogin && (
          <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-3w">
            <p>{t('totp.enrol.agent_notice')}</p>
          </div>
        )}
        <p>{t('totp.enrol.lead')}</p>
        <ErrorSummary errors={s.errors ?? {}} labels={labels} formError={s.formError} />

        <h2 class="fr-h4">{t('totp.enrol.step_app_heading')}</h2>
        <p>{t('totp.enrol.step_app_text')}</p>

        <h2 class="fr-h4">{t('totp.enrol.step_scan_heading')}</h2>
        <p>{t('totp.enrol.step_scan_text')}</p>
        <p>
          <img src={s.qrCode} alt={t('totp.enrol.qr_alt')} width={200} height={200} />
        </p>
        <p>{t('totp.enrol.manual_text')}</p>
        <dl>
          <dt>{t('totp.enrol.manual_account')}</dt>
          <dd>{s.account}</dd>
          <dt>{t('totp.enrol.manual_key')}</dt>
          <dd>
            <code class="sesame-code" id="totp-key">
              {groupedSecret(s.secret)}
            </code>
          </dd>
          <dt>{t('totp.enrol.manual_type')}</dt>
          <dd>{t('totp.enrol.manual_type_value')}</dd>
        </dl>

        <h2 class="fr-h4 fr-mt-3w">{t('totp.enrol.step_confirm_heading')}</h2>
        <p>{t('totp.enrol.step_confirm_text')}</p>
        <PostForm action={s.action}>
          <AppCodeField values={s.values} errors={s.errors} />
          <SubmitButton label={t('totp.enrol.submit')} />
        </PostForm>
        <div class="fr-mt-3w">
          {s.atLogin ? (
            <LogOutButton />
          ) : (
            <a class="fr-link" href="/compte/securite">
              {t('totp.enrol.cancel')}
            </a>
          )}
        </div>
      </Narrow>
    </Layout>
  );
}

/** The recovery codes, shown once, right after they are drawn. */
export function RecoveryCodesPage(props: { codes: string[]; continueTo: string; justEnabled: boolean }) {
  const { t } = usePage();
  return (
    <Layout title={t('totp.codes.title')}>
      <Narrow>
        <h1>{t('totp.codes.title')}</h1>
        {props.justEnabled && (
          <div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status">
            <p>{t('totp.codes.enabled_notice')}</p>
          </div>
        )}
        <div class="fr-alert fr-alert--warning fr-mb-3w">
          <h2 class="fr-alert__title">{t('totp.codes.warning_title')}</h2>
          <p>{t('totp.codes.warning_text')}</p>
        </div>
        <p>{t('totp.codes.lead')}</p>
        <ol aria-label={t('totp.codes.list_label')} id="recovery-codes">
          {props.codes.map((code) => (
            <li>
              <code class="sesame-code">{code}</code>
            </li>
          ))}
        </ol>
        <ul class="fr-btns-group fr-btns-group--inline-md fr-mt-3w">
          <li>
            <a class="fr-btn" href={props.continueTo}>
              {t('totp.codes.continue')}
            </a>
          </li>
        </ul>
      </Narrow>
    </Layout>
  );
}
