import { PostForm, SubmitButton } from '../../../../web/components/forms';
import { Layout } from '../../../../web/layout';
import { usePage } from '../../../../web/page-context';
import { Narrow } from '../../views/auth-pages';

/**
 * "This was not me", opened from the notice sent to the replaced address. Says exactly what
 * the button will do; opening the page changes nothing (mail scanners prefetch links).
 */
export function RevertEmailPage(props: { token: string; restoredEmail: string }) {
  const { t } = usePage();
  const email = props.restoredEmail;
  return (
    <Layout title={t('contact.revert_title')}>
      <Narrow>
        <h1>{t('contact.revert_title')}</h1>
        <p>{t('contact.revert_lead')}</p>
        <h2 class="fr-h4">{t('contact.revert_what_heading')}</h2>
        <ul>
          <li>{t('contact.revert_what_restore', { email })}</li>
          <li>{t('contact.revert_what_sessions')}</li>
          <li>{t('contact.revert_what_password', { email })}</li>
        </ul>
        <PostForm action={`/compte/e-mail/annuler/${props.token}`}>
          <SubmitButton label={t('contact.revert_submit')} />
        </PostForm>
      </Narrow>
    </Layout>
  );
}

/** What happened, and the three steps back into the account. */
export function EmailRestoredPage(props: { email: string }) {
  const { t } = usePage();
  const email = props.email;
  return (
    <Layout title={t('contact.revert_done_title')}>
      <Narrow>
        <h1>{t('contact.revert_done_title')}</h1>
        <div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w">
          <p>{t('contact.revert_done_lead', { email })}</p>
        </div>
        <h2 class="fr-h4">{t('contact.revert_next_heading')}</h2>
        <ol>
          <li>{t('contact.revert_next_mail', { email })}</li>
          <li>{t('contact.revert_next_password')}</li>
          <li>{t('contact.revert_next_check')}</li>
        </ol>
        <p>
          <a class="fr-btn" href={`/mot-de-passe-oublie/nouveau?email=${encodeURIComponent(email)}`}>
            {t('contact.revert_done_action')}
          </a>
        </p>
      </Narrow>
    </Layout>
  );
}

/** The account is locked down but its old address now belongs to another confirmed account. */
export function RevertBlockedPage() {
  const { t } = usePage();
  return (
    <Layout title={t('contact.revert_blocked_title')}>
      <Narrow>
        <h1>{t('contact.revert_blocked_title')}</h1>
        <div class="fr-alert fr-alert--warning fr-alert--sm fr-mb-3w">
          <p>{t('contact.revert_blocked_lead')}</p>
        </div>
        <p>{t('contact.revert_blocked_why')}</p>
      </Narrow>
    </Layout>
  );
}
