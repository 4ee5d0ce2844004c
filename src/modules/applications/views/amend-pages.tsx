import { ErrorSummary, PostForm, type FieldErrors, type FormValues } from '../../../web/components/forms';
import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import type { Procedure } from '../../procedures/types';
import type { Application } from '../policy';
import { stepFields, stepSlugs, type StepId } from '../steps';
import { AnswerFields } from './answer-fields';
import { fieldLabels, procedureTitle, stepTitle } from './labels';

/** Correcting one step's answers after filing: dated, and shown to the prefecture. */
export function CorrectionPage(props: { app: Application; procedure: Procedure; step: StepId; values: FormValues; errors?: FieldErrors; formError?: string | undefined; declaresMove: boolean }) {
  const { t } = usePage();
  const { app, procedure, step } = props;
  const errors = props.errors ?? {};
  const title = t('applications.correct.title', { step: stepTitle(procedure, step, t) });
  return (
    <Layout title={title} hasErrors={Object.keys(errors).length > 0 || !!props.formError}>
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={`/demarches/${app.id}`}>
          {t('applications.correct.back')}
        </a>
      </p>
      <h1>{title}</h1>
      <p class="fr-text--lead">{procedureTitle(procedure.id, t)}</p>
      <ErrorSummary errors={errors} labels={fieldLabels(procedure, stepFields(procedure, step), t)} formError={props.formError} />
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          <p>{t('applications.correct.lead')}</p>
          <PostForm action={`/demarches/${app.id}/corriger/${stepSlugs[step]}`}>
            <AnswerFields procedure={procedure} step={step} values={props.values} errors={errors} declaresMove={props.declaresMove} />
            <ul class="fr-btns-group fr-btns-group--inline-md fr-mt-3w">
              <li>
                <button type="submit" class="fr-btn">
                  {t('applications.correct.submit')}
                </button>
              </li>
              <li>
                <a class="fr-btn fr-btn--tertiary" href={`/demarches/${app.id}`}>
                  {t('applications.cancel')}
                </a>
              </li>
            </ul>
          </PostForm>
        </div>
      </div>
    </Layout>
  );
}

/** Withdrawing asks once more: it cannot be undone, and a new application would start from the beginning. */
export function WithdrawPage(props: { app: Application; procedure: Procedure }) {
  const { t } = usePage();
  const { app, procedure } = props;
  return (
    <Layout title={t('applications.withdraw.title')}>
      <h1>{t('applications.withdraw.title')}</h1>
      <p class="fr-text--lead">{procedureTitle(procedure.id, t)}</p>
      <div class="fr-alert fr-alert--warning fr-mb-3w">
        <p>{t(procedure.kind === 'renewal' ? 'applications.withdraw.warning_renewal' : 'applications.withdraw.warning', { reference: app.reference ?? '' })}</p>
      </div>
      <PostForm action={`/demarches/${app.id}/retrait`}>
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button type="submit" class="fr-btn" id="confirm-withdraw">
              {t('applications.withdraw.confirm')}
            </button>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href={`/demarches/${app.id}`}>
              {t('applications.withdraw.keep')}
            </a>
          </li>
        </ul>
      </PostForm>
    </Layout>
  );
}
