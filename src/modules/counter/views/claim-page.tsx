import { DateField } from '../../../web/components/date-field';
import { ErrorSummary, PostForm, SubmitButton, TextField, type FieldErrors, type FormValues } from '../../../web/components/forms';
import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import { Narrow } from '../../accounts/views/auth-pages';

/** `/demarches/rattacher`: a person takes into their account a file filed for them at a counter. */
export function ClaimPage(props: { values?: FormValues | undefined; errors?: FieldErrors | undefined; formError?: string | undefined }) {
  const { t } = usePage();
  const errors = props.errors ?? {};
  const labels = { code: t('counter.claim.code'), birthDate: t('profile.fields.birthDate') };
  return (
    <Layout title={t('counter.claim.title')} hasErrors={Object.keys(errors).length > 0 || Boolean(props.formError)}>
      <Narrow>
        <h1>{t('counter.claim.title')}</h1>
        <p>{t('counter.claim.lead')}</p>
        <ErrorSummary errors={errors} labels={labels} formError={props.formError} />
        <PostForm action="/demarches/rattacher">
          <TextField name="code" label={labels.code} hint={t('counter.claim.code_hint')} values={props.values} errors={errors} maxLength={20} spellcheck={false} autocomplete="off" />
          <DateField name="birthDate" legend={labels.birthDate} hint={t('counter.claim.birth_date_hint')} values={props.values} errors={errors} autocomplete="bday" />
          <SubmitButton label={t('counter.claim.submit')} />
        </PostForm>
      </Narrow>
    </Layout>
  );
}
