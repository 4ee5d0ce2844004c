import { usePage } from '../../../web/page-context';
import type { Procedure } from '../../procedures/types';
import type { Application } from '../policy';
import { answerStepIds, stepFields, stepsFor, type StepId } from '../steps';
import { displayAnswer, fieldLabel, stepTitle } from './labels';

/**
 * Every answer of an application, step by step, each step with a link to change it (the form
 * while drafting, the correction page after filing). The *timbre fiscal* and *e-photo* show in
 * full: the person checks them against their receipt.
 */
export function AnswersSummary(props: { app: Application; procedure: Procedure; changeHref?: (step: StepId) => string | null; headingLevel: 2 | 3 }) {
  const { t, locale } = usePage();
  const { app, procedure } = props;
  const Heading = props.headingLevel === 2 ? 'h2' : 'h3';
  const steps = stepsFor(procedure).filter((s) => answerStepIds.includes(s) || s === 'fee_photo');
  return (
    <div id="answers">
      {steps.map((step) => {
        const href = props.changeHref?.(step) ?? null;
        const title = stepTitle(procedure, step, t);
        const rows =
          step === 'fee_photo'
            ? [
                { field: 'timbre', label: t('applications.fields.timbre'), value: app.timbreReference || t('applications.not_given') },
                { field: 'ephoto', label: t('applications.fields.ephoto'), value: app.ephotoCode || t('applications.not_given') },
              ]
            : stepFields(procedure, step).map((field) => ({ field, label: fieldLabel(procedure, field, t), value: displayAnswer(procedure, field, app.answers[field], t, locale) }));
        return (
          <section class="fr-mb-4w" aria-labelledby={`summary-${step}`}>
            <Heading class="fr-h5 fr-mb-1w" id={`summary-${step}`}>
              {title}
            </Heading>
            <dl>
              {rows.map((r) => (
                <>
                  <dt class="fr-text--bold fr-mb-0">{r.label}</dt>
                  <dd class="fr-mb-2w fr-ml-0" dir="auto" id={`answer-${r.field}`}>
                    {r.value}
                  </dd>
                </>
              ))}
            </dl>
            {href && (
              <a class="fr-link fr-icon-edit-line fr-link--icon-left" href={href}>
                {t('applications.change_step', { step: title })}
              </a>
            )}
          </section>
        );
      })}
    </div>
  );
}
