import { ErrorSummary, PostForm, RadioGroup, type FieldErrors, type FormValues } from '../../../web/components/forms';
import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import type { CalendarDate } from '../../../platform/legal-dates';
import { procedures } from '../../procedures/catalogue';
import { procedureKinds, titleCategories } from '../../procedures/types';
import { cardProblems, firstCategories, situationChanges, type Recommendation } from '../recommend-procedure';
import { detailQuestions, holderStatuses, type HolderStatus } from '../recommendation-form';
import { DateField } from '../../../web/components/date-field';
import { formatDate, procedureTitle } from './labels';
import { RenewalTimingNotice } from './renewal-timing';
import { findProcedure } from '../../procedures/catalogue';

/** A button that starts a procedure (creates its draft), with situation answers already known. */
function StartForm(props: { procedureId: string; situation?: Record<string, string>; label: string; describedBy?: string; secondary?: boolean }) {
  return (
    <PostForm action="/demarches">
      <input type="hidden" name="procedure" value={props.procedureId} />
      {Object.entries(props.situation ?? {}).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <button type="submit" class={`fr-btn${props.secondary ? ' fr-btn--secondary fr-btn--sm' : ''}`} aria-describedby={props.describedBy}>
        {props.label}
      </button>
    </PostForm>
  );
}

/** Every procedure of the catalogue, by kind, each with its own start button. */
function DirectChoice() {
  const { t } = usePage();
  return (
    <section aria-labelledby="direct-heading" id="choisir" class="fr-mt-6w">
      <h2 id="direct-heading">{t('applications.new.direct_heading')}</h2>
      <p>{t('applications.new.direct_lead')}</p>
      {procedureKinds.map((kind) => (
        <>
          <h3 class="fr-h5">{t(`procedures.kinds.${kind}`)}</h3>
          <ul class="fr-raw-list">
            {procedures
              .filter((p) => p.kind === kind)
              .map((p) => (
                <li class="fr-mb-2w">
                  <p class="fr-mb-1w" id={`procedure-${p.id}`}>
                    <strong>{procedureTitle(p.id, t)}</strong>
                    <br />
                    {t(`procedures.summaries.${p.id}`)}
                  </p>
                  <StartForm procedureId={p.id} label={t('applications.new.start')} describedBy={`procedure-${p.id}`} secondary />
                </li>
              ))}
          </ul>
        </>
      ))}
    </section>
  );
}

/** "What should I file?", first question: which papers the person holds; and the full list to pick from. */
export function NewApplicationPage(props: { values: FormValues; errors?: FieldErrors }) {
  const { t } = usePage();
  const errors = props.errors ?? {};
  return (
    <Layout title={t('applications.new.title')} hasErrors={Object.keys(errors).length > 0}>
      <h1>{t('applications.new.title')}</h1>
      <p class="fr-text--lead">{t('applications.new.lead')}</p>
      <ErrorSummary errors={errors} labels={{ status: t('applications.new.status_legend') }} />
      <form method="get" action="/demarches/nouvelle/situation">
        <RadioGroup name="status" legend={t('applications.new.status_legend')} values={props.values} errors={errors} options={holderStatuses.map((s) => ({ value: s, label: t(`applications.new.status.${s}`) }))} />
        <button type="submit" class="fr-btn">
          {t('applications.continue')}
        </button>
      </form>
      <DirectChoice />
    </Layout>
  );
}

/** The second page: the questions that matter for the papers the person holds. */
export function SituationDetailsPage(props: { status: HolderStatus; values: FormValues; errors?: FieldErrors }) {
  const { t } = usePage();
  const errors = props.errors ?? {};
  const v = props.values;
  const radio = (name: string, options: readonly string[], labelPrefix: string) => (
    <RadioGroup name={name} legend={t(`applications.new.questions.${name}`)} values={v} errors={errors} options={options.map((o) => ({ value: o, label: t(`${labelPrefix}.${o}`) }))} />
  );
  const labels = Object.fromEntries(detailQuestions[props.status].map((q) => [q, t(`applications.new.questions.${q}`)]));
  return (
    <Layout title={t('applications.new.details_title')} hasErrors={Object.keys(errors).length > 0}>
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={`/demarches/nouvelle?status=${props.status}`}>
          {t('applications.previous')}
        </a>
      </p>
      <h1>{t('applications.new.details_title')}</h1>
      <ErrorSummary errors={errors} labels={labels} />
      <form method="get" action="/demarches/nouvelle/resultat">
        <input type="hidden" name="status" value={props.status} />
        {props.status === 'permit' && (
          <>
            {radio('category', titleCategories, 'procedures.categories')}
            <DateField name="expires_on" legend={t('applications.new.questions.expires_on')} hint={t('applications.hints.date')} values={v} errors={errors} />
            {radio('card_problem', cardProblems, 'applications.new.card_problem')}
            {radio('change', situationChanges, 'applications.new.change')}
          </>
        )}
        {props.status === 'vls_ts' && radio('validated', ['no', 'yes'], 'applications.new.validated')}
        {props.status !== 'permit' && radio('wanted_category', firstCategories, 'procedures.categories')}
        <button type="submit" class="fr-btn fr-mt-2w">
          {t('applications.new.see_result')}
        </button>
      </form>
    </Layout>
  );
}

/** The advice: one procedure, why, and the button that starts it. */
export function RecommendationPage(props: { recommendation: Recommendation; expiresOn: CalendarDate | null; today: CalendarDate; backQuery: string }) {
  const { t, locale } = usePage();
  const { recommendation: r } = props;
  const procedure = findProcedure(r.procedureId)!;
  return (
    <Layout title={t('applications.new.result_title')}>
      <h1>{t('applications.new.result_title')}</h1>
      <div class="fr-callout fr-mb-4w" id="recommendation">
        <h2 class="fr-callout__title">{procedureTitle(r.procedureId, t)}</h2>
        <p class="fr-callout__text">{t(`procedures.summaries.${r.procedureId}`)}</p>
      </div>
      <h2 class="fr-h4">{t('applications.new.why')}</h2>
      <ul id="reasons">
        {r.reasons.map((reason) => (
          <li>{t(reason.key, Object.fromEntries(Object.entries(reason.dates ?? {}).map(([k, iso]) => [k, formatDate(iso, locale)])))}</li>
        ))}
      </ul>
      {procedure.kind === 'renewal' && props.expiresOn && <RenewalTimingNotice expiresOn={props.expiresOn} today={props.today} fee={procedure.fee} />}
      <StartForm procedureId={r.procedureId} situation={r.situation} label={t('applications.new.start_this')} />
      <ul class="fr-btns-group fr-btns-group--inline-md fr-mt-3w">
        <li>
          <a class="fr-btn fr-btn--tertiary" href={`/demarches/nouvelle/situation?${props.backQuery}`}>
            {t('applications.new.change_answers')}
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--tertiary" href="/demarches/nouvelle#choisir">
            {t('applications.new.pick_other')}
          </a>
        </li>
      </ul>
    </Layout>
  );
}
