import { ErrorSummary, PostForm, SelectField, SubmitButton, type FieldErrors } from '../../../web/components/forms';
import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import { procedureTitle } from '../../applications/views/labels';
import { procedures } from '../../procedures/catalogue';
import { CounterStepper, PersonLine } from './counter-steps';

/** The procedure the person asks for, from the same catalogue as online. */
export function ProcedurePage(props: { filingId: string; personName: string; errors?: FieldErrors | undefined }) {
  const { t } = usePage();
  const errors = props.errors ?? {};
  const label = t('counter.procedure.label');
  return (
    <Layout title={t('counter.procedure.title')} hasErrors={Object.keys(errors).length > 0}>
      <h1>{t('counter.procedure.title')}</h1>
      <PersonLine name={props.personName} />
      <CounterStepper step="procedure" />
      <ErrorSummary errors={errors} labels={{ procedureId: label }} />
      <PostForm action={`/bureau/guichet/${props.filingId}/demarche`}>
        <SelectField name="procedureId" label={label} hint={t('counter.procedure.hint')} options={procedures.map((p) => ({ value: p.id, label: procedureTitle(p.id, t) }))} errors={errors} />
        <SubmitButton label={t('counter.procedure.submit')} />
      </PostForm>
    </Layout>
  );
}
