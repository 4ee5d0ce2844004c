import { ErrorSummary, RadioGroup, SelectField, TextField, type FieldErrors, type FormValues } from '../../../web/components/forms';
import { TextAreaField } from '../../../web/components/text-area-field';
import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import { FileField, UploadForm, UploadScript } from '../../documents/views/document-parts';
import { refusalParams } from '../../documents/views/refusal';
import { formCategories } from '../categories';
import { MAX_MESSAGE_LENGTH, MAX_SUBJECT_LENGTH } from '../schemas';

export interface HelpPageProps {
  /** Signed in: answers go to the account, a file is chosen among the person's own. */
  files: { id: string; label: string }[] | null;
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
  formError?: string | undefined;
}

/**
 * "Contact support" (`/aide`): one form for every kind of request, usable without an account.
 * Every field is on the page (no script shows or hides them); the hints say which are needed when.
 */
export function HelpPage(p: HelpPageProps) {
  const { t } = usePage();
  const signedIn = p.files !== null;
  const labels: Record<string, string> = {
    category: t('support.form.category'),
    subject: t('support.form.subject'),
    description: t('support.form.description'),
    contactEmail: t('support.form.contact_email'),
    contactName: t('support.form.contact_name'),
    accountEmail: t('support.form.account_email'),
    applicationId: t('support.form.application'),
    fileReference: t('support.form.file_reference'),
    postcode: t('support.form.postcode'),
    file: t('support.form.attachment'),
  };
  const errors = p.errors ?? {};
  const fileError = errors.file ? t(errors.file.key, { ...refusalParams, ...errors.file.params }) : undefined;
  return (
    <Layout title={t('support.help_title')} hasErrors={Boolean(p.formError || Object.keys(errors).length)}>
      <h1>{t('support.help_title')}</h1>
      <p class="fr-text--lead">{t('support.help_lead')}</p>
      <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
        <li>
          <a class="fr-btn fr-btn--secondary fr-icon-search-line" href={signedIn ? '/compte/demandes' : '/aide/suivi'}>
            {t('support.help_follow_link')}
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--tertiary fr-icon-pulse-line" href="/statut">
            {t('support.help_status_link')}
          </a>
        </li>
      </ul>
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
          <h2 class="fr-h3">{t('support.help_form_heading')}</h2>
          <ErrorSummary errors={errors} labels={labels} formError={p.formError} />
          <UploadForm action="/aide" id="demande-aide">
            <RadioGroup
              name="category"
              legend={labels.category!}
              options={formCategories.map((c) => ({ value: c, label: t(`support.categories.${c}`) }))}
              values={p.values}
              errors={errors}
            />
            <TextField name="subject" label={labels.subject!} hint={t('support.form.subject_hint')} values={p.values} errors={errors} maxLength={MAX_SUBJECT_LENGTH} />
            <TextAreaField name="description" label={labels.description!} hint={t('support.form.description_hint', { max: MAX_MESSAGE_LENGTH })} values={p.values} errors={errors} maxLength={MAX_MESSAGE_LENGTH} />
            {!signedIn && (
              <>
                <TextField name="contactEmail" type="email" label={labels.contactEmail!} hint={t('support.form.contact_email_hint')} autocomplete="email" values={p.values} errors={errors} maxLength={254} spellcheck={false} />
                <TextField name="contactName" label={labels.contactName!} autocomplete="name" values={p.values} errors={errors} maxLength={100} required={false} />
                <TextField name="accountEmail" type="email" label={labels.accountEmail!} hint={t('support.form.account_email_hint')} values={p.values} errors={errors} maxLength={254} spellcheck={false} required={false} />
              </>
            )}
            {signedIn ? (
              <SelectField
                name="applicationId"
                label={labels.applicationId!}
                hint={t('support.form.application_hint')}
                options={p.files!.map((f) => ({ value: f.id, label: f.label }))}
                values={p.values}
                errors={errors}
                required={false}
              />
            ) : (
              <TextField name="fileReference" label={labels.fileReference!} hint={t('support.form.file_reference_hint')} values={p.values} errors={errors} maxLength={40} required={false} spellcheck={false} />
            )}
            <TextField name="postcode" label={labels.postcode!} hint={t('support.form.postcode_hint')} inputMode="numeric" autocomplete="postal-code" values={p.values} errors={errors} maxLength={10} required={false} />
            {/* Last: the server reads the fields before the file, and checks the form's token first. */}
            <FileField id="file" label={`${labels.file!} ${t('forms.optional')}`} error={fileError} />
            <p class="fr-hint-text fr-mt-1w">{t('support.form.attachment_hint')}</p>
            <div class="fr-btns-group fr-btns-group--inline-md fr-mt-3w">
              <button type="submit" class="fr-btn">
                {t('support.form.submit')}
              </button>
            </div>
          </UploadForm>
        </div>
      </div>
      <UploadScript />
    </Layout>
  );
}
