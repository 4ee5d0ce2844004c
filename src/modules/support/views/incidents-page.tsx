import { ErrorSummary, PostForm, RadioGroup, SelectField, SubmitButton, TextField, type FieldErrors, type FormValues } from '../../../web/components/forms';
import { TextAreaField } from '../../../web/components/text-area-field';
import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import { incidentStatuses } from '../../../db/schema';
import { incidentComponents } from '../status/components';
import type { Incident } from '../status/platform-status';
import { IncidentBlock } from './status-page';

export interface IncidentProblem {
  errors: FieldErrors;
  values: FormValues;
  formError?: string | undefined;
}

/** `/support/incidents`: declare an incident, post updates, close it; what is written here is public on `/statut`. */
export function IncidentsPage(p: { open: Incident[]; problem?: IncidentProblem | undefined }) {
  const { t } = usePage();
  const declare = p.problem;
  const labels = {
    title: t('support.incidents.title_label'),
    component: t('support.incidents.component_label'),
    impact: t('support.incidents.impact_label'),
    firstMessage: t('support.incidents.message_label'),
  };
  return (
    <Layout title={t('support.incidents.page_title')} hasErrors={Boolean(p.problem)}>
      <p class="fr-mb-2w">
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/support">
          {t('support.desk.back_to_queue')}
        </a>
      </p>
      <h1>{t('support.incidents.page_title')}</h1>
      <p>{t('support.incidents.page_lead')}</p>
      <ErrorSummary errors={p.problem?.errors ?? {}} labels={labels} formError={p.problem?.formError} />
      <h2>{t('support.incidents.open_heading')}</h2>
      {p.open.length === 0 && <p>{t('support.status.no_incident')}</p>}
      {p.open.map((i) => (
        <div class="fr-mb-5w">
          <IncidentBlock incident={i} />
          <a class="fr-btn fr-btn--secondary fr-btn--sm" href={`/support/incidents/${i.id}`}>
            {t('support.incidents.update_link')}
            <span class="fr-sr-only">{` – ${i.title}`}</span>
          </a>
        </div>
      ))}
      <h2>{t('support.incidents.declare_heading')}</h2>
      <PostForm action="/support/incidents">
        <TextField name="title" label={labels.title} hint={t('support.incidents.title_hint')} values={declare?.values} errors={declare?.errors} maxLength={150} />
        <SelectField
          name="component"
          label={labels.component}
          options={incidentComponents.map((c) => ({ value: c, label: t(`support.status.components.${c}`) }))}
          values={declare?.values}
          errors={declare?.errors}
        />
        <RadioGroup
          name="impact"
          legend={labels.impact}
          options={(['minor', 'major'] as const).map((v) => ({ value: v, label: t(`support.incidents.impacts.${v}`) }))}
          values={declare?.values}
          errors={declare?.errors}
        />
        <TextAreaField name="firstMessage" label={labels.firstMessage} hint={t('support.incidents.message_hint')} values={declare?.values} errors={declare?.errors} maxLength={2000} rows={3} />
        <SubmitButton label={t('support.incidents.declare_submit')} />
      </PostForm>
    </Layout>
  );
}

/** One open incident and the form for its next public update. */
export function IncidentPage(p: { incident: Incident; problem?: IncidentProblem | undefined }) {
  const { t } = usePage();
  const labels = { status: t('support.incidents.status_label'), message: t('support.incidents.message_label') };
  const i = p.incident;
  return (
    <Layout title={t('support.incidents.update_heading')} hasErrors={Boolean(p.problem)}>
      <p class="fr-mb-2w">
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/support/incidents">
          {t('support.incidents.back')}
        </a>
      </p>
      <h1>{t('support.incidents.update_heading')}</h1>
      <IncidentBlock incident={i} headingLevel={2} />
      <ErrorSummary errors={p.problem?.errors ?? {}} labels={labels} formError={p.problem?.formError} />
      {i.resolvedAt ? (
        <p>{t('support.incidents.errors.already_resolved')}</p>
      ) : (
        <PostForm action={`/support/incidents/${i.id}`}>
          <SelectField
            name="status"
            label={labels.status}
            options={incidentStatuses.map((s) => ({ value: s, label: t(`support.incidents.statuses.${s}`) }))}
            values={p.problem?.values ?? { status: i.status }}
            errors={p.problem?.errors}
          />
          <TextAreaField name="message" label={labels.message} hint={t('support.incidents.message_hint')} values={p.problem?.values} errors={p.problem?.errors} maxLength={2000} rows={3} />
          <SubmitButton label={t('support.incidents.update_submit')} />
        </PostForm>
      )}
    </Layout>
  );
}
