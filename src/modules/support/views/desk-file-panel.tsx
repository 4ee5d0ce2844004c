import { PostForm, SelectField, TextField } from '../../../web/components/forms';
import { usePage } from '../../../web/page-context';
import { categoryRules } from '../categories';
import type { SupportCase } from '../desk/ticket-case';
import { isOpenStatus } from '../ticket-workflow';
import { formState, type DeskProblem } from './desk-ticket-page';

/** The file a request is about, where it was routed, and whether its documents may be seen (the policy's answer, in words). */
export function DeskFilePanel(p: { view: SupportCase; base: string; problem: DeskProblem | undefined; prefectures: { code: string; name: string }[] }) {
  const { t } = usePage();
  const { ticket, file, documents } = p.view;
  const route = formState(p.problem, 'route');
  const aboutFile = categoryRules[ticket.category].aboutFile;
  return (
    <section aria-labelledby="dossier-titre" class="fr-mb-6w">
      <h2 id="dossier-titre" class="fr-h4">
        {t('support.desk.file_heading')}
      </h2>
      {file ? (
        <dl class="sesame-facts">
          <dt>{t('support.desk.file_reference')}</dt>
          <dd>{file.reference ?? t('support.desk.file_draft')}</dd>
          <dt>{t('support.desk.file_procedure')}</dt>
          <dd>{t(`procedures.titles.${file.procedureId}`)}</dd>
          <dt>{t('support.desk.file_status')}</dt>
          <dd>{t(`applications.status.${file.status}`)}</dd>
          <dt>{t('support.desk.file_prefecture')}</dt>
          <dd>{file.prefectureName ?? t('support.desk.none')}</dd>
        </dl>
      ) : (
        <p>{ticket.fileReference ? t('support.desk.file_typed_unknown', { reference: ticket.fileReference }) : aboutFile ? t('support.desk.file_none') : t('support.desk.file_not_needed')}</p>
      )}
      <p>{p.view.routedTo ? t(`support.desk.routed_by.${ticket.routedBy ?? 'agent'}`, { prefecture: p.view.routedTo }) : t('support.desk.not_routed')}</p>
      {documents.allowed ? (
        <p>
          <a class="fr-link fr-icon-file-line fr-link--icon-left" href={`${p.base}/pieces`}>
            {t('support.desk.documents_link')}
          </a>
          <br />
          <span class="fr-hint-text">{t('support.desk.documents_audited')}</span>
        </p>
      ) : (
        <p class="fr-hint-text">{t(`support.desk.documents_refused.${documents.reason}`)}</p>
      )}
      {isOpenStatus(ticket.status) && (
        <details class="fr-mt-2w">
          <summary>{t('support.actions.route_heading')}</summary>
          <PostForm action={`${p.base}/orienter`}>
            <SelectField
              name="prefectureCode"
              label={t('support.actions.prefecture')}
              options={p.prefectures.map((x) => ({ value: x.code, label: `${x.code} — ${x.name}` }))}
              values={Object.keys(route.values).length ? route.values : { prefectureCode: ticket.prefectureCode ?? '' }}
              errors={route.errors}
            />
            <TextField name="routeReason" label={t('support.actions.reason')} hint={t('support.actions.reason_hint')} values={route.values} errors={route.errors} maxLength={1000} />
            <button type="submit" class="fr-btn fr-btn--secondary">
              {t('support.actions.route_submit')}
            </button>
          </PostForm>
        </details>
      )}
    </section>
  );
}
