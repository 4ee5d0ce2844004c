import { DateField } from '../../../web/components/date-field';
import { TextAreaField } from '../../../web/components/text-area-field';
import { ErrorSummary, PostForm, RadioGroup, SelectField, type FieldErrors, type FormValues } from '../../../web/components/forms';
import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import { procedureTitle } from '../../applications/views/labels';
import { apriBlockGrounds } from '../../attestations/apri-block-grounds';
import { documentKinds } from '../../documents/kinds';
import type { Application } from '../../applications/policy';
import { refusalGrounds } from '../refusal-grounds';
import { MAX_REQUESTED_DOCUMENTS } from '../request-documents';

interface ActionPageProps {
  app: Application;
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
  /** A refusal of the action itself (409), in words. */
  refusalKey?: string | undefined;
}

function Frame(props: ActionPageProps & { titleKey: string; leadKey: string; labels: Record<string, string>; children: preact.ComponentChildren }) {
  const { t } = usePage();
  const hasErrors = Object.keys(props.errors ?? {}).length > 0 || Boolean(props.refusalKey);
  return (
    <Layout title={`${t(props.titleKey)} — ${props.app.reference}`} hasErrors={hasErrors}>
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={`/bureau/dossiers/${props.app.id}`}>
          {t('backoffice.case.back_to_file', { reference: props.app.reference ?? '' })}
        </a>
      </p>
      <h1>{t(props.titleKey)}</h1>
      <p class="fr-text--lead">{`${props.app.reference} — ${procedureTitle(props.app.procedureId, t)}`}</p>
      <p>{t(props.leadKey)}</p>
      <ErrorSummary errors={props.errors ?? {}} labels={props.labels} formError={props.refusalKey ? t(props.refusalKey) : undefined} />
      {props.children}
    </Layout>
  );
}

/** Ask for missing or corrected documents: up to five rows (empty ones are ignored), a deadline. */
export function RequestDocumentsPage(props: ActionPageProps) {
  const { t } = usePage();
  const kindOptions = documentKinds.map((k) => ({ value: k, label: t(`documents.kinds.${k}`) }));
  const reasonOptions = (['missing', 'corrected'] as const).map((r) => ({ value: r, label: t(`backoffice.request_reasons.${r}`) }));
  const labels: Record<string, string> = { dueOn: t('backoffice.request.due_legend') };
  const rows = Array.from({ length: MAX_REQUESTED_DOCUMENTS }, (_, i) => i);
  for (const i of rows) {
    labels[`item-${i}-kind`] = t('backoffice.request.row_kind', { n: i + 1 });
    labels[`item-${i}-reason`] = t('backoffice.request.row_reason', { n: i + 1 });
    labels[`item-${i}-explanation`] = t('backoffice.request.row_explanation', { n: i + 1 });
  }
  return (
    <Frame {...props} titleKey="backoffice.request.title" leadKey="backoffice.request.lead" labels={labels}>
      <PostForm action={`/bureau/dossiers/${props.app.id}/demande-pieces`} id="request-form">
        {rows.map((i) => (
          <fieldset class="fr-fieldset fr-mb-3w" aria-labelledby={`row-${i}-legend`}>
            <legend class="fr-fieldset__legend" id={`row-${i}-legend`}>
              {t(i === 0 ? 'backoffice.request.row_legend_first' : 'backoffice.request.row_legend', { n: i + 1 })}
            </legend>
            <div class="fr-fieldset__element">
              <SelectField name={`item-${i}-kind`} label={t('backoffice.request.kind')} options={kindOptions} values={props.values} errors={props.errors} />
            </div>
            <div class="fr-fieldset__element">
              <SelectField name={`item-${i}-reason`} label={t('backoffice.request.reason')} options={reasonOptions} values={props.values} errors={props.errors} />
            </div>
            <div class="fr-fieldset__element">
              <TextAreaField name={`item-${i}-explanation`} label={t('backoffice.request.explanation')} hint={t('backoffice.request.explanation_hint')} values={props.values} errors={props.errors} rows={3} maxLength={1000} />
            </div>
          </fieldset>
        ))}
        <DateField name="dueOn" legend={t('backoffice.request.due_legend')} hint={t('backoffice.request.due_hint')} values={props.values} errors={props.errors} />
        <button type="submit" class="fr-btn fr-mt-3w">
          {t('backoffice.request.submit')}
        </button>
      </PostForm>
    </Frame>
  );
}

/** Decide: favourable, or unfavourable with grounds from the list, the facts, and whether an OQTF goes with it. */
export function DecisionPage(props: ActionPageProps) {
  const { t } = usePage();
  const labels = { outcome: t('backoffice.decision.outcome'), grounds: t('backoffice.decision.grounds'), explanation: t('backoffice.decision.explanation') };
  const chosen = new Set((props.values?.grounds ?? '').split(',').filter(Boolean));
  const groundsError = props.errors?.grounds;
  return (
    <Frame {...props} titleKey="backoffice.decision.title" leadKey="backoffice.decision.lead" labels={labels}>
      <PostForm action={`/bureau/dossiers/${props.app.id}/decision`} id="decision-form">
        <RadioGroup
          name="outcome"
          legend={t('backoffice.decision.outcome')}
          options={[
            { value: 'favourable', label: t('backoffice.decision.favourable') },
            { value: 'unfavourable', label: t('backoffice.decision.unfavourable') },
          ]}
          values={props.values}
          errors={props.errors}
        />
        <fieldset class={`fr-fieldset${groundsError ? ' fr-fieldset--error' : ''}`} id="grounds" aria-labelledby={`grounds-legend${groundsError ? ' grounds-error' : ''}`} role="group">
          <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id="grounds-legend">
            {t('backoffice.decision.grounds')}
            <span class="fr-hint-text">{t('backoffice.decision.grounds_hint')}</span>
          </legend>
          {refusalGrounds.map((g) => (
            <div class="fr-fieldset__element">
              <div class="fr-checkbox-group">
                <input type="checkbox" id={`ground-${g.id}`} name="grounds" value={g.id} checked={chosen.has(g.id)} />
                <label class="fr-label" for={`ground-${g.id}`}>
                  {t(`backoffice.refusal_grounds.${g.id}`)}
                  {g.basis && <span class="fr-hint-text">{g.basis}</span>}
                </label>
              </div>
            </div>
          ))}
          {groundsError && (
            <div class="fr-messages-group" id="grounds-error" aria-live="polite">
              <p class="fr-message fr-message--error">{t(groundsError.key)}</p>
            </div>
          )}
        </fieldset>
        <TextAreaField name="explanation" label={t('backoffice.decision.explanation')} hint={t('backoffice.decision.explanation_hint')} values={props.values} errors={props.errors} rows={6} maxLength={4000} />
        <div class="fr-checkbox-group fr-mt-3w">
          <input type="checkbox" id="withOqtf" name="withOqtf" value="yes" checked={props.values?.withOqtf === 'yes'} />
          <label class="fr-label" for="withOqtf">
            {t('backoffice.decision.with_oqtf')}
            <span class="fr-hint-text">{t('backoffice.decision.with_oqtf_hint')}</span>
          </label>
        </div>
        <button type="submit" class="fr-btn fr-mt-3w">
          {t('backoffice.decision.submit')}
        </button>
      </PostForm>
    </Frame>
  );
}

/** Withhold the APRI: a ground from the fixed list and an explanation the person will read. */
export function ApriBlockPage(props: ActionPageProps) {
  const { t } = usePage();
  const labels = { ground: t('backoffice.block.ground'), explanation: t('backoffice.block.explanation') };
  return (
    <Frame {...props} titleKey="backoffice.block.title" leadKey="backoffice.block.lead" labels={labels}>
      <PostForm action={`/bureau/dossiers/${props.app.id}/blocage-apri`} id="block-form">
        <SelectField name="ground" label={t('backoffice.block.ground')} options={apriBlockGrounds.map((g) => ({ value: g, label: t(`attestations.block_grounds.${g}`) }))} values={props.values} errors={props.errors} />
        <TextAreaField name="explanation" label={t('backoffice.block.explanation')} hint={t('backoffice.block.explanation_hint')} values={props.values} errors={props.errors} rows={5} maxLength={2000} />
        <button type="submit" class="fr-btn fr-mt-3w">
          {t('backoffice.block.submit')}
        </button>
      </PostForm>
    </Frame>
  );
}
