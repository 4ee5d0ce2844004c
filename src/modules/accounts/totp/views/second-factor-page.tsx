import { ErrorSummary, PostForm, SubmitButton } from '../../../../web/components/forms';
import { Layout } from '../../../../web/layout';
import { usePage } from '../../../../web/page-context';
import { Narrow, type FormState } from '../../views/auth-pages';
import { AnyCodeField, useCodeLabels } from './code-fields';
import { hasErrors } from './form-state';

/** The second step of logging in; also the way out for someone who is not the account's owner. */
export function SecondFactorPage(s: FormState & { returnTo: string }) {
  const { t } = usePage();
  const labels = useCodeLabels();
  return (
    <Layout title={t('totp.challenge.title')} hasErrors={hasErrors(s)}>
      <Narrow>
        <h1>{t('totp.challenge.title')}</h1>
        <p>{t('totp.challenge.lead')}</p>
        <ErrorSummary errors={s.errors ?? {}} labels={labels} formError={s.formError} />
        <PostForm action="/connexion/second-facteur">
          <input type="hidden" name="retour" value={s.returnTo} />
          <AnyCodeField values={s.values} errors={s.errors} />
          <SubmitButton label={t('totp.challenge.submit')} />
        </PostForm>
        <h2 class="fr-h5 fr-mt-5w">{t('totp.challenge.lost_heading')}</h2>
        <p>{t('totp.challenge.lost_text')}</p>
        <h2 class="fr-h5">{t('totp.challenge.cancel_heading')}</h2>
        <LogOutButton />
      </Narrow>
    </Layout>
  );
}

/** Someone stopped at the second factor is not "signed in" for the header: the way out is here. */
export function LogOutButton() {
  const { t } = usePage();
  return (
    <PostForm action="/deconnexion">
      <button type="submit" class="fr-btn fr-btn--secondary fr-icon-logout-box-r-line fr-btn--icon-left">
        {t('totp.challenge.log_out')}
      </button>
    </PostForm>
  );
}
