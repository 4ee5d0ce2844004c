import { Layout } from './layout';
import { ErrorSummary, PostForm, SubmitButton, TextField } from './components/forms';
import { usePage } from './page-context';

/**
 * Shown (401) when a form is posted after the session ended: log in again right here, and the
 * form comes back with what was typed.
 */
export function SessionExpiredPage(props: { returnTo: string; draft: string | null }) {
  const { t } = usePage();
  return (
    <Layout title={t('errors.unauthenticated.title')}>
      <div class="fr-grid-row fr-grid-row--center">
        <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>{t('errors.unauthenticated.title')}</h1>
          <ErrorSummary errors={{}} labels={{}} formError={props.draft ? t('errors.unauthenticated.resume') : t('errors.unauthenticated.message')} />
          <PostForm action="/connexion">
            <input type="hidden" name="retour" value={props.returnTo} />
            {props.draft && <input type="hidden" name="reprise" value={props.draft} />}
            <TextField name="email" type="email" label={t('accounts.email_label')} autocomplete="username" maxLength={254} spellcheck={false} />
            <TextField name="password" type="password" label={t('accounts.password_label')} autocomplete="current-password" />
            <SubmitButton label={t('accounts.login_submit')} />
          </PostForm>
        </div>
      </div>
    </Layout>
  );
}
