import type { CalendarDate } from '../../../platform/legal-dates';
import { isCalendarDate } from '../../../platform/legal-dates';
import { ErrorSummary, PostForm, type FieldErrors, type FormValues } from '../../../web/components/forms';
import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import type { Procedure } from '../../procedures/types';
import { simulatedExamples } from '../fee-and-photo-check';
import type { Application } from '../policy';
import { pathAfter, pathBefore, stepFields, stepPath, stepsFor, type StepId } from '../steps';
import { AnswerFields } from './answer-fields';
import { fieldLabels, formatEuros, procedureTitle, stepTitle } from './labels';
import { RenewalTimingNotice } from './renewal-timing';

/** DSFR stepper: where the person is in the form, and what comes next. */
function Stepper(props: { procedure: Procedure; step: StepId }) {
  const { t } = usePage();
  const steps = stepsFor(props.procedure);
  const index = steps.indexOf(props.step);
  const next = steps[index + 1];
  return (
    <div class="fr-stepper">
      <h2 class="fr-stepper__title">
        {stepTitle(props.procedure, props.step, t)}
        <span class="fr-stepper__state">{t('applications.step_state', { current: index + 1, total: steps.length + 1 })}</span>
      </h2>
      <div class="fr-stepper__steps" data-fr-current-step={String(index + 1)} data-fr-steps={String(steps.length + 1)}></div>
      <p class="fr-stepper__details">
        <span class="fr-text--bold">{t('applications.step_next')}</span> {next ? stepTitle(props.procedure, next, t) : t('applications.review.title')}
      </p>
    </div>
  );
}

/** The documents step: what is missing, and the way to the documents page (another part of Sésame). */
function DocumentsStep(props: { app: Application; procedure: Procedure; missing: string[] }) {
  const { t } = usePage();
  return (
    <div id="documents">
      {props.missing.length === 0 ? (
        <div class="fr-alert fr-alert--success fr-mb-3w">
          <p>{t('applications.documents.all_present')}</p>
        </div>
      ) : (
        <>
          <p>{t('applications.documents.missing_intro', { count: props.missing.length })}</p>
          <ul id="missing-documents">
            {props.missing.map((kind) => (
              <li>{t(`documents.kinds.${kind}`)}</li>
            ))}
          </ul>
        </>
      )}
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a class="fr-btn fr-btn--secondary" href={`/demarches/${props.app.id}/pieces`}>
            {t('applications.documents.manage')}
          </a>
        </li>
        <li>
          <a class="fr-btn" href={pathAfter(props.procedure, props.app.id, 'documents')}>
            {t('applications.continue')}
          </a>
        </li>
      </ul>
    </div>
  );
}

export interface StepPageProps {
  app: Application;
  procedure: Procedure;
  step: StepId;
  values: FormValues;
  errors?: FieldErrors;
  /** The documents step: kinds still missing. */
  missing?: string[];
  today: CalendarDate;
  /** Back to the review page after saving (the person came from there). */
  backToReview?: boolean;
  declaresMove?: boolean;
}

/** One step of the form: save and continue, or save and come back later; nothing typed is lost. */
export function StepPage(props: StepPageProps) {
  const { t, locale, showDevLinks } = usePage();
  const { app, procedure, step } = props;
  const errors = props.errors ?? {};
  const expiry = app.answers.permit_expires_on;
  const lead = step === 'address' && props.declaresMove ? 'applications.steps.address.lead_move' : `applications.steps.${step}.lead`;
  return (
    <Layout title={`${stepTitle(procedure, step, t)} — ${procedureTitle(procedure.id, t)}`} hasErrors={Object.keys(errors).length > 0}>
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={pathBefore(procedure, app.id, step)}>
          {t('applications.previous')}
        </a>
      </p>
      <h1>{procedureTitle(procedure.id, t)}</h1>
      <Stepper procedure={procedure} step={step} />
      <ErrorSummary errors={errors} labels={{ ...fieldLabels(procedure, stepFields(procedure, step), t), timbre: t('applications.fields.timbre'), ephoto: t('applications.fields.ephoto') }} />
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          <p>{t(lead)}</p>
          {step === 'permit' && procedure.kind === 'renewal' && expiry && isCalendarDate(expiry) && <RenewalTimingNotice expiresOn={expiry} today={props.today} fee={procedure.fee} />}
          {step === 'fee_photo' && procedure.fee && <p>{t('applications.fee.amount', { amount: formatEuros(procedure.fee.amountCents, locale) })}</p>}
          {step === 'fee_photo' && showDevLinks && (
            <div class="fr-notice fr-notice--info fr-mb-3w">
              <div class="fr-container">
                <div class="fr-notice__body">
                  <p class="fr-notice__title">{t('applications.fee.simulated', simulatedExamples)}</p>
                </div>
              </div>
            </div>
          )}
          {step === 'documents' ? (
            <DocumentsStep app={app} procedure={procedure} missing={props.missing ?? []} />
          ) : (
            <PostForm action={stepPath(app.id, step)}>
              {props.backToReview && <input type="hidden" name="retour" value="verification" />}
              <AnswerFields procedure={procedure} step={step} values={props.values} errors={errors} declaresMove={props.declaresMove} />
              <ul class="fr-btns-group fr-btns-group--inline-md fr-mt-3w">
                <li>
                  <button type="submit" class="fr-btn" name="action" value="continue">
                    {props.backToReview ? t('applications.save_and_review') : t('applications.save_and_continue')}
                  </button>
                </li>
                <li>
                  <button type="submit" class="fr-btn fr-btn--tertiary" name="action" value="later">
                    {t('applications.save_for_later')}
                  </button>
                </li>
              </ul>
            </PostForm>
          )}
        </div>
      </div>
    </Layout>
  );
}
