import type { ComponentChildren } from 'preact';
import type { CalendarDate } from '../../../platform/legal-dates';
import { parisDate } from '../../../platform/legal-dates';
import { PostForm } from '../../../web/components/forms';
import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import { AnswersSummary } from '../../applications/views/answers-summary';
import { formatDateTime, procedureTitle, statusBadge } from '../../applications/views/labels';
import { isSealed } from '../../applications/workflow';
import { ProfileSummary } from '../../profile/views/profile-summary';
import type { CaseFile } from '../load-case-file';
import { implicitRejectionOn, riskBadges } from '../queue-priority';
import { CaseDocuments } from './case-documents';
import { AmendmentsSection, MessagesSlot, NotesSection, OfficeAttestations, OfficeHistory, RequestsSection } from './case-sections';
import { dayText, RiskBadges } from './risk-badges';

export interface CasePageProps {
  file: CaseFile;
  today: CalendarDate;
  viewer: { id: string; role: string };
  /** May examine (assign, complete, request, decide, block): case officers and heads of office. */
  canExamine: boolean;
  /** A refused action, in words (409), or a form's problem. */
  refusalKey?: string | undefined;
  note?: { value: string; errorKey?: string | undefined } | undefined;
  assignErrorKey?: string | undefined;
  /** The message thread panel, from `modules/messaging/` (another part of the platform). */
  thread?: ComponentChildren;
  /** The card hand-over panel, from `modules/appointments/`, once the decision is favourable. */
  handover?: ComponentChildren;
  /** Requests for help about this file routed here by the support desk (`modules/support/`). */
  tickets?: ComponentChildren;
}

function Clocks(props: { file: CaseFile; today: CalendarDate }) {
  const { t, locale } = usePage();
  const { app } = props.file;
  const open = props.file.requests.find((r) => !r.fulfilledAt && !r.cancelledAt);
  const completedOn = app.completedAt ? parisDate(app.completedAt) : null;
  const rejection = implicitRejectionOn(completedOn);
  const badges = riskBadges({ status: app.status, filedOn: app.filedAt ? parisDate(app.filedAt) : null, completedOn, documentsDueOn: open?.dueOn ?? null, rightsEndOn: app.rightsEndOn }, props.today);
  const undecided = !isSealed(app.status);
  return (
    <>
      <RiskBadges badges={badges} />
      <dl class="fr-mb-4w" id="case-clocks">
        <dt class="fr-text--bold fr-mb-0">{t('applications.file.reference')}</dt>
        <dd class="fr-mb-2w fr-ml-0 sesame-code">{app.reference}</dd>
        <dt class="fr-text--bold fr-mb-0">{t('applications.file.filed_at')}</dt>
        <dd class="fr-mb-2w fr-ml-0">{formatDateTime(app.filedAt!, locale)}</dd>
        {app.currentPermitExpiresOn && (
          <>
            <dt class="fr-text--bold fr-mb-0">{t('backoffice.case.title_expires')}</dt>
            <dd class="fr-mb-2w fr-ml-0">{dayText(app.currentPermitExpiresOn, locale)}</dd>
          </>
        )}
        {undecided && (
          <>
            <dt class="fr-text--bold fr-mb-0">{t('backoffice.case.rights')}</dt>
            <dd class="fr-mb-2w fr-ml-0" id="case-rights">
              {app.rightsEndOn ? t('backoffice.case.rights_end', { date: dayText(app.rightsEndOn, locale) }) : t(app.currentPermitExpiresOn ? 'backoffice.case.rights_assured' : 'backoffice.case.rights_not_tracked')}
            </dd>
            <dt class="fr-text--bold fr-mb-0">{t('backoffice.case.completeness')}</dt>
            <dd class="fr-mb-2w fr-ml-0" id="case-completeness">
              {app.completedAt ? t('backoffice.case.complete_since', { date: formatDateTime(app.completedAt, locale) }) : t('backoffice.case.not_complete')}
            </dd>
            <dt class="fr-text--bold fr-mb-0">{t('backoffice.case.implicit_rejection')}</dt>
            <dd class="fr-mb-2w fr-ml-0" id="case-implicit-rejection">
              {rejection ? t('backoffice.case.implicit_rejection_on', { date: dayText(rejection, locale) }) : t('backoffice.case.refusal_to_register')}
            </dd>
          </>
        )}
        {open && (
          <>
            <dt class="fr-text--bold fr-mb-0">{t('backoffice.case.reply_due')}</dt>
            <dd class="fr-mb-2w fr-ml-0">{dayText(open.dueOn, locale)}</dd>
          </>
        )}
      </dl>
    </>
  );
}

function Actions(props: CasePageProps) {
  const { t } = usePage();
  const { app, officers, activeBlock } = props.file;
  const base = `/bureau/dossiers/${app.id}`;
  if (!props.canExamine || isSealed(app.status)) return null;
  const assignedTo = app.assignedOfficerId;
  return (
    <section class="fr-mb-5w" aria-labelledby="actions-heading" id="case-actions">
      <h2 id="actions-heading">{t('backoffice.case.actions_heading')}</h2>
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-6">
          <PostForm action={`${base}/attribution`} id="assign-form">
            <div class={`fr-select-group${props.assignErrorKey ? ' fr-select-group--error' : ''}`}>
              <label class="fr-label" for="officer">
                {t('backoffice.case.assign_label')}
              </label>
              <select class="fr-select" id="officer" name="officer" aria-describedby={props.assignErrorKey ? 'officer-error' : undefined}>
                <option value="" selected={assignedTo === null}>
                  {t('backoffice.queue.unassigned')}
                </option>
                {officers.map((o) => (
                  <option value={o.id} selected={assignedTo === o.id}>
                    {o.id === props.viewer.id ? t('backoffice.case.assign_me', { email: o.email }) : o.email}
                  </option>
                ))}
              </select>
              {props.assignErrorKey && (
                <p class="fr-error-text" id="officer-error">
                  {t(props.assignErrorKey)}
                </p>
              )}
            </div>
            <button type="submit" class="fr-btn fr-btn--secondary fr-btn--sm">
              {t('backoffice.case.assign_submit')}
            </button>
          </PostForm>
          {assignedTo !== props.viewer.id && (
            <PostForm action={`${base}/attribution`} id="take-form">
              <input type="hidden" name="officer" value={props.viewer.id} />
              <button type="submit" class="fr-btn fr-btn--tertiary fr-btn--sm fr-mt-1w">
                {t('backoffice.case.take')}
              </button>
            </PostForm>
          )}
        </div>
        <div class="fr-col-12 fr-col-md-6">
          <ul class="fr-btns-group fr-btns-group--sm">
            {app.status === 'filed' && (
              <li>
                <PostForm action={`${base}/complet`} id="complete-form">
                  <button type="submit" class="fr-btn">
                    {t('backoffice.case.mark_complete')}
                  </button>
                </PostForm>
              </li>
            )}
            {(app.status === 'filed' || app.status === 'under_review') && (
              <li>
                <a class="fr-btn fr-btn--secondary" href={`${base}/demande-pieces`} id="request-link">
                  {t('backoffice.case.request_documents')}
                </a>
              </li>
            )}
            {app.status === 'under_review' && (
              <li>
                <a class="fr-btn" href={`${base}/decision`} id="decide-link">
                  {t('backoffice.case.decide')}
                </a>
              </li>
            )}
            {activeBlock ? (
              <li>
                <PostForm action={`${base}/blocage-apri/levee`} id="lift-form">
                  <button type="submit" class="fr-btn fr-btn--tertiary">
                    {t('backoffice.case.lift_block')}
                  </button>
                </PostForm>
              </li>
            ) : (
              props.file.procedure.kind === 'renewal' && (
                <li>
                  <a class="fr-btn fr-btn--tertiary" href={`${base}/blocage-apri`} id="block-link">
                    {t('backoffice.case.block_apri')}
                  </a>
                </li>
              )
            )}
          </ul>
        </div>
      </div>
    </section>
  );
}

/** The case view: the clocks first, then what can be done, then everything about the file. */
export function CasePage(props: CasePageProps) {
  const { t, locale } = usePage();
  const { app, procedure, decision, activeBlock } = props.file;
  return (
    <Layout title={`${app.reference} — ${procedureTitle(procedure.id, t)}`} hasErrors={Boolean(props.refusalKey)}>
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/bureau">
          {t('backoffice.case.back_to_queue')}
        </a>
      </p>
      <h1>{procedureTitle(procedure.id, t)}</h1>
      {props.refusalKey && (
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert" id="case-refusal">
          <h2 class="fr-alert__title">{t('backoffice.refusals.title')}</h2>
          <p>{t(props.refusalKey)}</p>
        </div>
      )}
      <p>
        <span class={`fr-badge ${statusBadge[app.status]}`} id="case-status">
          {t(`applications.status.${app.status}`)}
        </span>
      </p>
      <Clocks file={props.file} today={props.today} />
      {activeBlock && (
        <div class="fr-alert fr-alert--warning fr-mb-3w" id="case-block">
          <h2 class="fr-alert__title">{t('backoffice.case.block_active')}</h2>
          <p>{`${t(`attestations.block_grounds.${activeBlock.ground}`)} — ${activeBlock.explanation}`}</p>
        </div>
      )}
      {decision && (
        <div class="fr-callout fr-mb-4w" id="case-decision">
          <h2 class="fr-callout__title">{t(`backoffice.case.decision_${decision.outcome}`, { date: formatDateTime(decision.decidedAt, locale) })}</h2>
          <p class="fr-callout__text">
            <a class="fr-link" href={`/bureau/dossiers/${app.id}/decision.pdf`}>
              {t('backoffice.case.decision_letter')}
            </a>
          </p>
        </div>
      )}
      {props.handover}
      <Actions {...props} />
      <div id="case-identity">
        <ProfileSummary profile={props.file.identity.profile} updatedAt={props.file.identity.updatedAt} />
      </div>
      <section class="fr-mb-5w" aria-labelledby="answers-heading">
        <h2 id="answers-heading">{t('backoffice.case.answers_heading')}</h2>
        <AnswersSummary app={app} procedure={procedure} headingLevel={3} />
      </section>
      <CaseDocuments appId={app.id} documents={props.file.documents} missing={props.file.missing} />
      <AmendmentsSection file={props.file} canAct={true} />
      <RequestsSection requests={props.file.requests} />
      {props.tickets}
      <MessagesSlot thread={props.thread} />
      <NotesSection file={props.file} note={props.note?.value} noteError={props.note?.errorKey} />
      <OfficeAttestations rows={props.file.attestations} today={props.today} />
      <OfficeHistory entries={props.file.history} procedure={procedure} />
    </Layout>
  );
}
