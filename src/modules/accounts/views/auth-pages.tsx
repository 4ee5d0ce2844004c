import type { ComponentChildren } from 'preact';
import { ErrorSummary, PostForm, SubmitButton, TextField, type FieldErrors, type FormValues } from '../../../web/components/forms';
import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import { PASSWORD_MIN_LENGTH } from '../../../platform/passwords';

export interface FormState {
  values?: FormValues;
  errors?: FieldErrors;
  formError?: string | undefined;
}

const hasErrors = (s: FormState) => Boolean(s.formError || (s.errors && Object.keys(s.errors).length > 0));

export function Narrow(props: { children: ComponentChildren }) {
  return (
    <div class="fr-grid-row fr-grid-row--center">
      <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">{props.children}</div>
    </div>
  );
}

export function SignUpPage(s: FormState) {
  const { t } = usePage();
  const labels = { email: t('accounts.email_label'), password: t('accounts.new_password_label') };
  return (
    <Layout title={t('accounts.signup_title')} hasErrors={hasErrors(s)}>
      <Narrow>
        <h1>{t('accounts.signup_title')}</h1>
        <p>{t('accounts.signup_lead')}</p>
        <ErrorSummary errors={s.errors ?? {}} labels={labels} formError={s.formError} />
        <PostForm action="/inscription">
          <TextField name="email" type="email" label={labels.email} hint={t('accounts.email_hint')} autocomplete="email" values={s.values} errors={s.errors} maxLength={254} spellcheck={false} />
          <TextField name="password" type="password" label={labels.password} hint={t('accounts.new_password_hint', { min: PASSWORD_MIN_LENGTH })} autocomplete="new-password" errors={s.errors} />
          <SubmitButton label={t('accounts.signup_submit')} />
        </PostForm>
        <p class="fr-mt-3w">
          <a href="/connexion">{t('accounts.already_have_account')}</a>
        </p>
      </Narrow>
    </Layout>
  );
}

/** After sign-up: the same words whether the address had an account or not. */
export function ConfirmEmailPage(s: FormState) {
  const { t } = usePage();
  const labels = { email: t('accounts.email_label'), code: t('accounts.code_label') };
  return (
    <Layout title={t('accounts.confirm_title')} hasErrors={hasErrors(s)}>
      <Narrow>
        <h1>{t('accounts.confirm_title')}</h1>
        <p>{t('accounts.confirm_lead', { email: s.values?.email ?? '' })}</p>
        <ErrorSummary errors={s.errors ?? {}} labels={labels} formError={s.formError} />
        <PostForm action="/inscription/code">
          <TextField name="email" type="email" label={labels.email} autocomplete="email" values={s.values} errors={s.errors} maxLength={254} spellcheck={false} />
          <TextField name="code" label={labels.code} hint={t('accounts.code_hint')} inputMode="numeric" autocomplete="one-time-code" values={s.values} errors={s.errors} maxLength={6} />
          <SubmitButton label={t('accounts.confirm_submit')} />
        </PostForm>
      </Narrow>
    </Layout>
  );
}

export function LogInPage(s: FormState & { returnTo?: string; notice?: string | undefined }) {
  const { t } = usePage();
  const labels = { email: t('accounts.email_label'), password: t('accounts.password_label') };
  return (
    <Layout title={t('accounts.login_title')} hasErrors={hasErrors(s)}>
      <Narrow>
        <h1>{t('accounts.login_title')}</h1>
        {s.notice && (
          <div class="fr-alert fr-alert--info fr-mb-3w">
            <p>{s.notice}</p>
          </div>
        )}
        <ErrorSummary errors={s.errors ?? {}} labels={labels} formError={s.formError} />
        <PostForm action="/connexion">
          <input type="hidden" name="retour" value={s.returnTo ?? '/'} />
          <TextField name="email" type="email" label={labels.email} autocomplete="username" values={s.values} errors={s.errors} maxLength={254} spellcheck={false} />
          <TextField name="password" type="password" label={labels.password} autocomplete="current-password" errors={s.errors} />
          <p>
            <a href="/mot-de-passe-oublie">{t('accounts.forgot_password')}</a>
          </p>
          <SubmitButton label={t('accounts.login_submit')} />
        </PostForm>
        <p class="fr-mt-3w">
          <a href="/inscription">{t('accounts.no_account_yet')}</a>
        </p>
      </Narrow>
    </Layout>
  );
}

export function ForgotPasswordPage(s: FormState) {
  const { t } = usePage();
  const labels = { email: t('accounts.email_label') };
  return (
    <Layout title={t('accounts.forgot_title')} hasErrors={hasErrors(s)}>
      <Narrow>
        <h1>{t('accounts.forgot_title')}</h1>
        <p>{t('accounts.forgot_lead')}</p>
        <ErrorSummary errors={s.errors ?? {}} labels={labels} formError={s.formError} />
        <PostForm action="/mot-de-passe-oublie">
          <TextField name="email" type="email" label={labels.email} autocomplete="email" values={s.values} errors={s.errors} maxLength={254} spellcheck={false} />
          <SubmitButton label={t('accounts.forgot_submit')} />
        </PostForm>
      </Narrow>
    </Layout>
  );
}

export function ResetPasswordPage(s: FormState) {
  const { t } = usePage();
  const labels = { email: t('accounts.email_label'), code: t('accounts.code_label'), password: t('accounts.new_password_label') };
  return (
    <Layout title={t('accounts.reset_title')} hasErrors={hasErrors(s)}>
      <Narrow>
        <h1>{t('accounts.reset_title')}</h1>
        <p>{t('accounts.reset_lead')}</p>
        <ErrorSummary errors={s.errors ?? {}} labels={labels} formError={s.formError} />
        <PostForm action="/mot-de-passe-oublie/nouveau">
          <TextField name="email" type="email" label={labels.email} autocomplete="username" values={s.values} errors={s.errors} maxLength={254} spellcheck={false} />
          <TextField name="code" label={labels.code} hint={t('accounts.code_hint')} inputMode="numeric" autocomplete="one-time-code" values={s.values} errors={s.errors} maxLength={6} />
          <TextField name="password" type="password" label={labels.password} hint={t('accounts.new_password_hint', { min: PASSWORD_MIN_LENGTH })} autocomplete="new-password" errors={s.errors} />
          <SubmitButton label={t('accounts.reset_submit')} />
        </PostForm>
      </Narrow>
    </Layout>
  );
}
