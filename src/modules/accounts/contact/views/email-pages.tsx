import { ErrorSummary, PostForm, SubmitButton, TextField } from '../../../../web/components/forms';
import { Layout } from '../../../../web/layout';
import { usePage } from '../../../../web/page-context';
import { Narrow, type FormState } from '../../views/auth-pages';
import { BackToAccount, hasErrors } from './shared';

/** Step 1: the new address, and the current password as proof that the owner is at the keyboard. */
export function ChangeEmailPage(s: FormState & { currentEmail: string }) {
  const { t } = usePage();
  const labels = { email: t('contact.new_email_label'), password: t('contact.current_password_label') };
  return (
    <Layout title={t('contact.email_title')} hasErrors={hasErrors(s)}>
      <Narrow>
        <h1>{t('contact.email_title')}</h1>
        <p>{t('contact.email_lead')}</p>
        <p>{t('contact.current_email', { email: s.currentEmail })}</p>
        <ErrorSummary errors={s.errors ?? {}} labels={labels} formError={s.formError} />
        <PostForm action="/compte/e-mail">
          <TextField name="email" type="email" label={labels.email} hint={t('contact.new_email_hint')} autocomplete="email" values={s.values} errors={s.errors} maxLength={254} spellcheck={false} />
          <TextField name="password" type="password" label={labels.password} hint={t('contact.current_password_hint')} autocomplete="current-password" errors={s.errors} />
          <SubmitButton label={t('contact.email_submit')} />
        </PostForm>
        <BackToAccount />
      </Narrow>
    </Layout>
  );
}

/** Step 2: the code from the message sent to the new address. */
export function EmailCodePage(s: FormState & { pendingEmail: string | null }) {
  const { t } = usePage();
  const labels = { code: t('contact.code_label') };
  return (
    <Layout title={t('contact.email_code_title')} hasErrors={hasErrors(s)}>
      <Narrow>
        <h1>{t('contact.email_code_title')}</h1>
        <p>{s.pendingEmail ? t('contact.email_code_lead', { email: s.pendingEmail }) : t('contact.email_code_lead_unknown')}</p>
        <ErrorSummary errors={s.errors ?? {}} labels={labels} formError={s.formError} />
        <PostForm action="/compte/e-mail/code">
          <TextField name="code" label={labels.code} hint={t('contact.code_hint_email')} inputMode="numeric" autocomplete="one-time-code" values={s.values} errors={s.errors} maxLength={6} />
          <SubmitButton label={t('contact.email_code_submit')} />
        </PostForm>
        <p class="fr-mt-3w">{t('contact.email_code_nothing')}</p>
        <p>
          <a href="/compte/e-mail">{t('contact.email_code_restart')}</a>
        </p>
        <BackToAccount />
      </Narrow>
    </Layout>
  );
}

/**
 * The page behind the link in the message to the new address. Opening it changes nothing
 * (mail scanners open links); the button does.
 */
export function ConfirmEmailLinkPage(props: { token: string; newEmail: string }) {
  const { t } = usePage();
  return (
    <Layout title={t('contact.email_link_title')}>
      <Narrow>
        <h1>{t('contact.email_link_title')}</h1>
        <p>{t('contact.email_link_lead', { email: props.newEmail })}</p>
        <PostForm action={`/compte/e-mail/confirmer/${props.token}`}>
          <SubmitButton label={t('contact.email_link_submit')} />
        </PostForm>
      </Narrow>
    </Layout>
  );
}

/** After the change; the address is shown only to the signed-in owner (the link flow may have none). */
export function EmailChangedPage(props: { email: string | null }) {
  const { t } = usePage();
  return (
    <Layout title={t('contact.email_done_title')}>
      <Narrow>
        <h1>{t('contact.email_done_title')}</h1>
        <div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w">
          <p>{props.email ? t('contact.email_done_lead', { email: props.email }) : t('contact.email_done_lead_anonymous')}</p>
        </div>
        <p>{t('contact.email_done_notice')}</p>
        {props.email ? (
          <BackToAccount />
        ) : (
          <p>
            <a class="fr-btn" href="/connexion">
              {t('contact.log_in')}
            </a>
          </p>
        )}
      </Narrow>
    </Layout>
  );
}

/** A link from a message that cannot do what it says: spent, expired, or the address is taken. */
export function LinkRefusedPage(props: { titleKey: string; messageKey: string }) {
  const { t } = usePage();
  return (
    <Layout title={t(props.titleKey)}>
      <Narrow>
        <h1>{t(props.titleKey)}</h1>
        <p class="fr-text--lead">{t(props.messageKey)}</p>
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <a class="fr-btn" href="/compte">
              {t('contact.back_to_account')}
            </a>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href="/mot-de-passe-oublie">
              {t('contact.forgot_password')}
            </a>
          </li>
        </ul>
      </Narrow>
    </Layout>
  );
}
