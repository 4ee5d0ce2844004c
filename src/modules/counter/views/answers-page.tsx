import { ErrorSummary, PostForm, type FieldErrors, type FormValues } from '../../../web/components/forms';
import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import type { Application } from '../../applications/policy';
import { answerStepIds, stepFields, stepsFor } from '../../applications/steps';
import { AnswerFields } from '../../applications/views/answer-fields';
import { fieldLabels, formatEuros, procedureTitle, stepTitle } from '../../applications/views/labels';
import type { Procedure } from '../../procedures/types';
import { CounterStepper, PersonLine } from './counter-steps';

/**
 * Every question of the procedure on one page — the same fields as the online form's steps,
 * which the desk agent fills in while talking with the person. Saved as typed, checked, then on
 * to the documents.
 */
export function AnswersPage(props: { filingId: string; personName: string; app: Application; procedure: Procedure; values: FormValues; errors?: FieldErrors | undefined }) {
  const { t, locale } = usePage();
  const { procedure } = props;
  const errors = props.errors ?? {};
  const steps = stepsFor(procedure).filter((s) => answerStepIds.includes(s) || s === 'fee_photo');
  const labels = { ...fieldLabels(procedure, steps.flatMap((s) => (s === 'fee_photo' ? [] : stepFields(procedure, s))), t), timbre: t('applications.fields.timbre'), ephoto: t('applications.fields.ephoto') };
  return (
    <Layout title={`${t('counter.answers.title')} — ${procedureTitle(procedure.id, t)}`} hasErrors={Object.keys(errors).length > 0}>
      <h1>{procedureTitle(procedure.id, t)}</h1>
      <PersonLine name={props.personName} />
      <CounterStepper step="answers" />
      <ErrorSummary errors={errors} labels={labels} />
      <PostForm action={`/bureau/guichet/${props.filingId}/reponses`}>
        {steps.map((step) => (
          <section class="fr-mb-5w" aria-labelledby={`counter-step-${step}`}>
            <h2 class="fr-h5" id={`counter-step-${step}`}>
              {stepTitle(procedure, step, t)}
            </h2>
            {step === 'fee_photo' && procedure.fee && <p>{t('applications.fee.amount', { amount: formatEuros(procedure.fee.amountCents, locale) })}</p>}
            <AnswerFields procedure={procedure} step={step} values={props.values} errors={errors} />
          </section>
        ))}
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button type="submit" class="fr-btn" name="action" value="continue">
              {t('counter.answers.submit')}
            </button>
          </li>
          <li>
            <button type="submit" class="fr-btn fr-btn--tertiary" name="action" value="later">
              {t('counter.answers.later')}
            </button>
          </li>
        </ul>
      </PostForm>
    </Layout>
  );
}
