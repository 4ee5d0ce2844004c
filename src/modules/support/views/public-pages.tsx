import { ErrorSummary, PostForm, SubmitButton, TextField, type FieldErrors, type FormValues } from '../../../web/components/forms';
import { TextAreaField } from '../../../web/components/text-area-field';
import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import { Narrow } from '../../accounts/views/auth-pages';
import { MAX_MESSAGE_LENGTH } from '../schemas';

interface FormState {
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
  formError?: string | undefined;
}
const hasErrors = (s: FormState) => Boolean(s.formError || (s.errors && Object.keys(s.errors).length > 0));

/** `/aide/suivi`: a person who lost their follow link asks for a new one. */
export function FollowLookupPage(s: FormState) {
  const { t } = usePage();
  const labels = { reference: t('support.lookup.reference'), email: t('support.lookup.email') };
  return (
    <Layout title={t('support.lookup.title')} hasErrors={hasErrors(s)}>
      <Narrow>
        <h1>{t('support.lookup.title')}</h1>
        <p>{t('support.lookup.lead')}</p>
        <ErrorSummary errors={s.errors ?? {}} labels={labels} formError={s.formError} />
        <PostForm action="/aide/suivi">
          <TextField name="reference" label={labels.reference} hint={t('support.lookup.reference_hint')} values={s.values} errors={s.errors} maxLength={40} spellcheck={false} />
          <TextField name="email" type="email" label={labels.email} autocomplete="email" values={s.values} errors={s.errors} maxLength={254} spellcheck={false} />
          <SubmitButton label={t('support.lookup.submit')} />
        </PostForm>
        <p class="fr-mt-3w">{t('support.lookup.signed_in')}</p>
      </Narrow>
    </Layout>
  );
}

/** After asking for a new link: the same words whether or not the pair matched a request. */
export function FollowLookupSentPage() {
  const { t } = usePage();
  return (
    <Layout title={t('support.lookup.sent_title')}>
      <Narrow>
        <h1>{t('support.lookup.sent_title')}</h1>
        <p>{t('support.lookup.sent_lead')}</p>
        <p>
          <a href="/aide">{t('support.lookup.back_to_help')}</a>
        </p>
      </Narrow>
    </Layout>
  );
}

/**
 * "Report a problem" (`/signaler-un-probleme`), reached from the footer of every page: the page
 * and the request id come with the link, the person only says what went wrong.
 */
export function ReportProblemPage(p: FormState & { page: string; requestId: string | null; signedIn: boolean }) {
  const { t } = usePage();
  const labels = { description: t('support.report.description'), contactEmail: t('support.report.contact_email') };
  return (
    <Layout title={t('support.report.title')} hasErrors={hasErrors(p)}>
      <Narrow>
        <h1>{t('support.report.title')}</h1>
        <p>{t('support.report.lead')}</p>
        <dl class="sesame-facts">
          <dt>{t('support.report.page')}</dt>
          <dd>
            <code class="sesame-break">{p.page}</code>
          </dd>
          {p.requestId && (
            <>
              <dt>{t('support.report.request_id')}</dt>
              <dd>
                <code class="sesame-break">{p.requestId}</code>
              </dd>
            </>
          )}
        </dl>
        <ErrorSummary errors={p.errors ?? {}} labels={labels} formError={p.formError} />
        <PostForm action="/signaler-un-probleme">
          <input type="hidden" name="retour" value={p.page} />
          {p.requestId && <input type="hidden" name="requete" value={p.requestId} />}
          <TextAreaField name="description" label={labels.description} hint={t('support.report.description_hint')} values={p.values} errors={p.errors} maxLength={MAX_MESSAGE_LENGTH} />
          {!p.signedIn && (
            <TextField name="contactEmail" type="email" label={labels.contactEmail} hint={t('support.report.contact_email_hint')} autocomplete="email" values={p.values} errors={p.errors} maxLength={254} spellcheck={false} required={false} />
          )}
          <SubmitButton label={t('support.report.submit')} />
        </PostForm>
        <p class="fr-mt-3w">
          <a href="/statut">{t('support.report.status_link')}</a>
        </p>
        <p>
          <a href="/aide">{t('support.report.help_link')}</a>
        </p>
      </Narrow>
    </Layout>
  );
}

/** The page behind the link a support agent had sent to the new address: opening it changes nothing (mail scanners open links). */
export function ConfirmAssistedLinkPage(props: { token: string; newEmail: string }) {
  const { t } = usePage();
  return (
    <Layout title={t('support.assisted.title')}>
      <Narrow>
        <h1>{t('support.assisted.title')}</h1>
        <p>{t('support.assisted.link_lead', { email: props.newEmail })}</p>
        <p>{t('support.assisted.sessions_end')}</p>
        <PostForm action={`/aide/nouvelle-adresse/${props.token}`}>
          <SubmitButton label={t('support.assisted.link_submit')} />
        </PostForm>
      </Narrow>
    </Layout>
  );
}

/** The same confirmation with the address and the 6-digit code, for a person who copies the code. */
export function AssistedCodePage(s: FormState) {
  const { t } = usePage();
  const labels = { email: t('support.assisted.email'), code: t('support.assisted.code') };
  return (
    <Layout title={t('support.assisted.title')} hasErrors={hasErrors(s)}>
      <Narrow>
        <h1>{t('support.assisted.title')}</h1>
        <p>{t('support.assisted.code_lead')}</p>
        <p>{t('support.assisted.sessions_end')}</p>
        <ErrorSummary errors={s.errors ?? {}} labels={labels} formError={s.formError} />
        <PostForm action="/aide/nouvelle-adresse">
          <TextField name="email" type="email" label={labels.email} hint={t('support.assisted.email_hint')} autocomplete="email" values={s.values} errors={s.errors} maxLength={254} spellcheck={false} />
          <TextField name="code" label={labels.code} hint={t('support.assisted.code_hint')} inputMode="numeric" autocomplete="one-time-code" values={s.values} errors={s.errors} maxLength={6} />
          <SubmitButton label={t('support.assisted.code_submit')} />
        </PostForm>
      </Narrow>
    </Layout>
  );
}

export function AssistedDonePage() {
  const { t } = usePage();
  return (
    <Layout title={t('support.assisted.done_title')}>
      <Narrow>
        <h1>{t('support.assisted.done_title')}</h1>
        <div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w">
          <p>{t('support.assisted.done_lead')}</p>
        </div>
        <p>{t('support.assisted.done_password')}</p>
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <a class="fr-btn" href="/connexion">
              {t('support.assisted.log_in')}
            </a>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href="/mot-de-passe-oublie">
              {t('support.assisted.forgot_password')}
            </a>
          </li>
        </ul>
      </Narrow>
    </Layout>
  );
}

/** A link that cannot do what it says (spent, expired), or an address taken meanwhile. */
export function AssistedRefusedPage(props: { messageKey: string }) {
  const { t } = usePage();
  return (
    <Layout title={t('support.assisted.refused_title')}>
      <Narrow>
        <h1>{t('support.assisted.refused_title')}</h1>
        <p class="fr-text--lead">{t(props.messageKey)}</p>
        <p>
          <a class="fr-btn" href="/aide/suivi">
            {t('support.assisted.back_to_request')}
          </a>
        </p>
      </Narrow>
    </Layout>
  );
}
