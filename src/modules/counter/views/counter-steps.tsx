import { usePage } from '../../../web/page-context';

export const counterSteps = ['identity', 'procedure', 'answers', 'documents', 'review'] as const;
export type CounterStep = (typeof counterSteps)[number];

/** Where the desk agent is in a counter filing (DSFR stepper). */
export function CounterStepper(props: { step: CounterStep }) {
  const { t } = usePage();
  const index = counterSteps.indexOf(props.step);
  const next = counterSteps[index + 1];
  return (
    <div class="fr-stepper">
      <h2 class="fr-stepper__title">
        {t(`counter.steps.${props.step}`)}
        <span class="fr-stepper__state">{t('counter.step_state', { current: index + 1, total: counterSteps.length })}</span>
      </h2>
      <div class="fr-stepper__steps" data-fr-current-step={String(index + 1)} data-fr-steps={String(counterSteps.length)}></div>
      {next && (
        <p class="fr-stepper__details">
          <span class="fr-text--bold">{t('counter.step_next')}</span> {t(`counter.steps.${next}`)}
        </p>
      )}
    </div>
  );
}

/** The person the desk is filing for, above every step. */
export function PersonLine(props: { name: string }) {
  const { t } = usePage();
  return <p class="fr-text--lead" id="counter-person">{t('counter.filing_for', { name: props.name })}</p>;
}
