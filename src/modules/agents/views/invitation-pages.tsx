import { ErrorSummary, PostForm, SubmitButton, TextField, type FieldErrors } from '../../../web/components/forms';
import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import { PASSWORD_MIN_LENGTH } from '../../../platform/passwords';
import { Narrow } from '../../accounts/views/auth-pages';
import type { Role } from '../../../db/schema';

/** The page behind an invitation link: who is invited as what, and the password to choose. */
export function AcceptInvitationPage(props: { token: string; email: string; role: Role; prefectureName: string | null; errors?: FieldErrors | undefined; formError?: string | undefined }) {
  const { t } = usePage();
  const errors = props.errors ?? {};
  const labels = { password: t('accounts.new_password_label') };
  return (
    <Layout title={t('agents.accept.title')} hasErrors={Object.keys(errors).length > 0 || Boolean(props.formError)}>
      <Narrow>
        <h1>{t('agents.accept.title')}</h1>
        <p>{t('agents.accept.lead', { role: t(`agents.roles.${props.role}`), prefecture: props.prefectureName ?? t('agents.national') })}</p>
        <p>
          {t('agents.accept.account')} <strong>{props.email}</strong>
        </p>
        <ErrorSummary errors={errors} labels={labels} formError={props.formError} />
        <PostForm action={`/invitation/${props.token}`}>
          <TextField name="password" type="password" label={labels.password} hint={t('accounts.new_password_hint', { min: PASSWORD_MIN_LENGTH })} autocomplete="new-password" errors={errors} />
          <p class="fr-text--sm">{t('agents.accept.second_factor_next')}</p>
          <SubmitButton label={t('agents.accept.submit')} />
        </PostForm>
      </Narrow>
    </Layout>
  );
}

/** A spent, revoked, expired or unknown link: one page for all, which says what to do. */
export function DeadInvitationPage(props: { message?: string | undefined }) {
  const { t } = usePage();
  return (
    <Layout title={t('agents.dead_link.title')}>
      <Narrow>
        <h1>{t('agents.dead_link.title')}</h1>
        <p>{props.message ?? t('agents.dead_link.lead')}</p>
        <p>
          <a class="fr-link" href="/connexion">
            {t('agents.dead_link.log_in')}
          </a>
        </p>
      </Narrow>
    </Layout>
  );
}

/** `/administration`: the administrator's entry page. */
export function AdministrationPage() {
  const { t } = usePage();
  return (
    <Layout title={t('agents.admin_home.title')}>
      <h1>{t('agents.admin_home.title')}</h1>
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-6">
          <div class="fr-tile fr-enlarge-link">
            <div class="fr-tile__body">
              <div class="fr-tile__content">
                <h2 class="fr-tile__title">
                  <a href="/administration/agents">{t('agents.title_national')}</a>
                </h2>
                <p class="fr-tile__desc">{t('agents.admin_home.agents_desc')}</p>
              </div>
            </div>
          </div>
        </div>
      </div>
    </Layout>
  );
}
