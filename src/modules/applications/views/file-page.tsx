import type { CalendarDate } from '../../../platform/legal-dates';
import type { attestations, decisions, documentRequests } from '../../../db/schema';
import { DecisionNotice, DocumentRequestNotice } from '../../backoffice/views/applicant-notices';
import { AttestationsSection } from './attestations-section';
import { isCalendarDate, parisDate } from '../../../platform/legal-dates';
import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import type { Procedure } from '../../procedures/types';
import type { ApplicationHistoryEntry } from '../application-history';
import type { NextStep } from '../my-applications';
import type { Application } from '../policy';
import { answerStepIds, stepSlugs, type StepId } from '../steps';
import { isSealed } from '../workflow';
import { AnswersSummary } from './answers-summary';
import { HistoryList } from './history-list';
import { formatDateTime, procedureTitle, statusBadge } from './labels';
import { RenewalTimingNotice } from './renewal-timing';
import { ApplicantHandoverNotice } from '../../appointments/views/applicant-handover-notice';
import type { HandoverView } from '../../appointments/load-handover';

export interface FilePageProps {
  app: Application;
  procedure: Procedure;
  prefectureName: string | null;
  missing: string[];
  next: NextStep;
  history: ApplicationHistoryEntry[];
  historyTruncated: boolean;
  today: CalendarDate;
  attestations: (typeof attestations.$inferSelect)[];
  forecast: string | null;
  /** What the prefecture asks for now (documents, with reasons and a deadline). */
  documentRequest?: typeof documentRequests.$inferSelect | null;
  decision?: Pick<typeof decisions.$inferSelect, 'outcome' | 'withOqtf'> | null;
  /** The card hand-over appointment, once the office invited the person to book it. */
  handover?: HandoverView | null;
}

/** What the person can do on the file now: the buttons depend on the status. */
function Actions(props: { app: Application }) {
  const { t } = usePage();
  const { app } = props;
  const filedAndOpen = app.status !== 'draft' && !isSealed(app.status);
  return (
    <ul class="fr-btns-group fr-btns-group--inline-md fr-mb-5w" id="file-actions">
      {!isSealed(app.status) && (
        <li>
          <a class="fr-btn fr-btn--secondary" href={`/demarches/${app.id}/pieces`}>
            {t('applications.file.documents_action')}
          </a>
        </li>
      )}
      {app.status !== 'draft' && (
        <li>
          <a class="fr-btn fr-btn--secondary fr-icon-chat-3-line fr-btn--icon-left" href={`/demarches/${app.id}/messages`} id="file-messages">
            {t('applications.file.messages_action')}
          </a>
        </li>
      )}
      <li>
        <a class="fr-btn fr-btn--secondary" href={`/demarches/${app.id}/export.zip`} download>
          {t('applications.file.download')}
        </a>
      </li>
      {filedAndOpen && (
        <li>
          <a class="fr-btn fr-btn--tertiary" href={`/demarches/${app.id}/retrait`}>
            {t('applications.file.withdraw')}
          </a>
        </li>
      )}
    </ul>
  );
}

/** The file page: status in plain words, file number, what is missing, the clock, the answers, the full history. */
export function FilePage(props: FilePageProps) {
  const { t, locale } = usePage();
  const { app, procedure } = props;
  const expiry = app.currentPermitExpiresOn ?? app.answers.permit_expires_on;
  const correctable = app.status !== 'draft' && !isSealed(app.status);
  const changeHref = (step: StepId) =>
    app.status === 'draft' ? `/demarches/${app.id}/etape/${stepSlugs[step]}` : correctable && answerStepIds.includes(step) ? `/demarches/${app.id}/corriger/${stepSlugs[step]}` : null;
  return (
    <Layout title={procedureTitle(procedure.id, t)}>
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/demarches">
          {t('applications.file.back_to_list')}
        </a>
      </p>
      <h1>{procedureTitle(procedure.id, t)}</h1>
      <p>
        <span class={`fr-badge ${statusBadge[app.status]}`} id="file-status">
          {t(`applications.status.${app.status}`)}
        </span>
      </p>
      <p class="fr-text--lead" id="status-explanation">
        {t(`applications.status_explain.${app.status}`)}
      </p>
      <dl class="fr-mb-4w">
        {app.reference && (
          <>
            <dt class="fr-text--bold fr-mb-0">{t('applications.file.reference')}</dt>
            <dd class="fr-mb-2w fr-ml-0 sesame-code" id="file-reference">
              {app.reference}
            </dd>
          </>
        )}
        {app.filedAt && (
          <>
            <dt class="fr-text--bold fr-mb-0">{t('applications.file.filed_at')}</dt>
            <dd class="fr-mb-2w fr-ml-0">{formatDateTime(app.filedAt, locale)}</dd>
          </>
        )}
        {app.decision && app.decidedAt && (
          <>
            <dt class="fr-text--bold fr-mb-0">{t('applications.file.decision')}</dt>
            <dd class="fr-mb-2w fr-ml-0" id="file-decision">
              {t(`applications.file.decision_${app.decision}`, { date: formatDateTime(app.decidedAt, locale) })}
            </dd>
          </>
        )}
        {props.prefectureName && (
          <>
            <dt class="fr-text--bold fr-mb-0">{t('applications.file.prefecture')}</dt>
            <dd class="fr-mb-2w fr-ml-0">{props.prefectureName}</dd>
          </>
        )}
        <dt class="fr-text--bold fr-mb-0">{t('applications.file.next')}</dt>
        <dd class="fr-mb-2w fr-ml-0" id="next-step">
          {t(props.next.key)}{' '}
          {props.next.href && props.next.actionKey && (
            <a class="fr-link" href={props.next.href}>
              {t(props.next.actionKey)}
            </a>
          )}
        </dd>
      </dl>
      {props.documentRequest && <DocumentRequestNotice request={props.documentRequest} appId={app.id} withLink={true} />}
      {props.decision && <DecisionNotice appId={app.id} outcome={props.decision.outcome} withOqtf={props.decision.withOqtf} />}
      {!isSealed(app.status) && props.missing.length > 0 && (
        <div class="fr-alert fr-alert--warning fr-mb-4w" id="file-missing">
          <h2 class="fr-alert__title">{t('applications.file.missing_title', { count: props.missing.length })}</h2>
          <ul>
            {props.missing.map((kind) => (
              <li>{t(`documents.kinds.${kind}`)}</li>
            ))}
          </ul>
        </div>
      )}
      {procedure.kind === 'renewal' && expiry && isCalendarDate(expiry) && !isSealed(app.status) && (
        <RenewalTimingNotice expiresOn={expiry} today={props.today} fee={procedure.fee} filedOn={app.filedAt ? parisDate(app.filedAt) : null} />
      )}
      <ApplicantHandoverNotice app={app} handover={props.handover ?? null} />
      <Actions app={app} />
      <section aria-labelledby="answers-heading" class="fr-mb-5w">
        <h2 id="answers-heading">{t('applications.file.answers_heading')}</h2>
        {correctable && <p>{t('applications.file.correct_lead')}</p>}
        <AnswersSummary app={app} procedure={procedure} headingLevel={3} changeHref={changeHref} />
      </section>
      <AttestationsSection rows={props.attestations} forecast={props.forecast} today={props.today} />
      <HistoryList entries={props.history} procedure={procedure} truncated={props.historyTruncated} officeName={props.prefectureName} />
    </Layout>
  );
}
