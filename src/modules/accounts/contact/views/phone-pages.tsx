import { ErrorSummary, PostForm, SubmitButton, TextField } from '../../../../web/components/forms';
import { Layout } from '../../../../web/layout';
import { usePage } from '../../../../web/page-context';
import { Narrow, type FormState } from '../../views/auth-pages';
import { BackToAccount, hasErrors } from './shared';

/** The number, how to write it, and a way to remove it. */
export function ChangePhonePage(s: FormState & { currentPhone: string | null }) {
  const { t } = usePage();
  const labels = { phone: t('contact.phone_label') };
  return (
    <Layout title={t('contact.phone_title')} hasErrors={hasErrors(s)}>
      <Narrow>
        <h1>{t('contact.phone_title')}</h1>
        <p>{t('contact.phone_lead')}</p>
        <p>{s.currentPhone ? t('contact.current_phone', { phone: s.currentPhone }) : t('contact.no_phone')}</p>
        <ErrorSummary errors={s.errors ?? {}} labels={labels} formError={s.formError} />
        <PostForm action="/compte/telephone">
          <TextField name="phone" type="tel" label={labels.phone} hint={t('contact.phone_hint')} autocomplete="tel" inputMode="tel" values={s.values} errors={s.errors} maxLength={30} />
          <SubmitButton label={t('contact.phone_submit')} />
        </PostForm>
        {s.currentPhone && (
          <section class="fr-mt-5w" aria-labelledby="remove-phone-heading">
            <h2 id="remove-phone-heading" class="fr-h4">
              {t('contact.phone_remove_heading')}
            </h2>
            <p>{t('contact.phone_remove_lead')}</p>
            <PostForm action="/compte/telephone/supprimer">
              <SubmitButton label={t('contact.phone_remove_submit')} secondary />
            </PostForm>
          </section>
        )}
        <BackToAccount />
      </Narrow>
    </Layout>
  );
}

export function PhoneCodePage(s: FormState & { pendingPhone: string | null }) {
  const { t } = usePage();
  const labels = { code: t('contact.code_label') };
  return (
    <Layout title={t('contact.phone_code_title')} hasErrors={hasErrors(s)}>
      <Narrow>
        <h1>{t('contact.phone_code_title')}</h1>
        <p>{s.pendingPhone ? t('contact.phone_code_lead', { phone: s.pendingPhone }) : t('contact.phone_code_lead_unknown')}</p>
        <ErrorSummary errors={s.errors ?? {}} labels={labels} formError={s.formError} />
        <PostForm action="/compte/telephone/code">
          <TextField name="code" label={labels.code} hint={t('contact.code_hint_sms')} inputMode="numeric" autocomplete="one-time-code" values={s.values} errors={s.errors} maxLength={6} />
          <SubmitButton label={t('contact.phone_code_submit')} />
        </PostForm>
        <p class="fr-mt-3w">{t('contact.phone_code_nothing')}</p>
        <p>
          <a href="/compte/telephone">{t('contact.phone_code_restart')}</a>
        </p>
        <BackToAccount />
      </Narrow>
    </Layout>
  );
}

/** After saving (`phone` given) or removing the number. */
export function PhoneDonePage(props: { phone: string | null }) {
  const { t } = usePage();
  const title = props.phone ? t('contact.phone_done_title') : t('contact.phone_removed_title');
  return (
    <Layout title={title}>
      <Narrow>
        <h1>{title}</h1>
        <div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w">
          <p>{props.phone ? t('contact.phone_done_lead', { phone: props.phone }) : t('contact.phone_removed_lead')}</p>
        </div>
        <BackToAccount />
      </Narrow>
    </Layout>
  );
}
