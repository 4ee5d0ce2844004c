import { ErrorSummary, PostForm, SelectField, type FieldErrors, type FormValues } from '../../../web/components/forms';
import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import type { SupportCase } from '../desk/ticket-case';
import { ticketStatuses } from '../ticket-workflow';
import { AgentReplyForm } from './agent-reply-form';
import { DeskAccountPanel } from './desk-account-panel';
import { DeskFilePanel } from './desk-file-panel';
import { formatWhen, Thread, TicketFacts } from './ticket-parts';

export type DeskForm = 'reply' | 'status' | 'identity' | 'email' | 'confirmation' | 'unlock' | 'link' | 'route';

/** A refused action on the case page: which form, its messages and what was typed. */
export interface DeskProblem {
  form: DeskForm;
  errors: FieldErrors;
  values: FormValues;
  formError?: string | undefined;
}

/** Labels of every field of the case page's forms, for the error summary. */
export function deskFieldLabels(t: (k: string) => string): Record<string, string> {
  return {
    body: t('support.desk.reply_body'),
    then: t('support.desk.reply_then'),
    status: t('support.desk.status_label'),
    birth_date: t('support.identity.questions.birth_date'),
    foreigner_number: t('support.identity.questions.foreigner_number'),
    file_reference: t('support.identity.questions.file_reference'),
    postcode: t('support.identity.questions.postcode'),
    permit_number: t('support.identity.questions.permit_number'),
    documentKind: t('support.identity.document_kind'),
    documentAttachmentId: t('support.identity.document_attachment'),
    identityReason: t('support.identity.reason'),
    newEmail: t('support.actions.new_email'),
    emailReason: t('support.actions.reason'),
    confirmationReason: t('support.actions.reason'),
    unlockReason: t('support.actions.reason'),
    accountEmail: t('support.actions.account_email'),
    linkReason: t('support.actions.reason'),
    prefectureCode: t('support.actions.prefecture'),
    routeReason: t('support.actions.reason'),
  };
}

/** Errors and values of one form, only when the problem is about that form. */
export const formState = (problem: DeskProblem | undefined, form: DeskForm) => (problem?.form === form ? { errors: problem.errors, values: problem.values } : { errors: {}, values: {} });

/** `/support/demandes/:reference`: one request, the account and file it concerns, and every action. */
export function DeskTicketPage(p: { view: SupportCase; now: Date; problem?: DeskProblem | undefined; prefectures: { code: string; name: string }[] }) {
  const { t, locale } = usePage();
  const { ticket } = p.view;
  const base = `/support/demandes/${ticket.reference}`;
  const reply = formState(p.problem, 'reply');
  const status = formState(p.problem, 'status');
  return (
    <Layout title={t('support.desk.case_title', { reference: ticket.reference })} hasErrors={Boolean(p.problem)}>
      <p class="fr-mb-2w">
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/support">
          {t('support.desk.back_to_queue')}
        </a>
      </p>
      <h1>{t('support.desk.case_title', { reference: ticket.reference })}</h1>
      <ErrorSummary errors={p.problem?.errors ?? {}} labels={deskFieldLabels(t)} formError={p.problem?.formError} />
      <div class="fr-grid-row fr-grid-row--gutters fr-mb-3w">
        <div class="fr-col-12 fr-col-md-6">
          <dl class="sesame-facts">
            <TicketFacts ticket={ticket} now={p.now} side="agent" />
            <dt>{t('support.desk.opened')}</dt>
            <dd>{formatWhen(ticket.createdAt, locale)}</dd>
            <dt>{t('support.desk.assigned')}</dt>
            <dd class="sesame-break">{p.view.assignedTo ?? t('support.desk.unassigned')}</dd>
            <dt>{t('support.desk.contact')}</dt>
            <dd class="sesame-break">
              {ticket.contactEmail ?? t('support.desk.no_contact')}
              {ticket.contactName && ` (${ticket.contactName})`}
              {ticket.requesterId ? ` — ${t('support.desk.signed_in')}` : ` — ${t('support.desk.not_signed_in')}`}
            </dd>
            {ticket.reportedPage && (
              <>
                <dt>{t('support.desk.reported_page')}</dt>
                <dd>
                  <code class="sesame-break">{ticket.reportedPage}</code>
                  {ticket.reportedRequestId && (
                    <>
                      <br />
                      <code class="sesame-break">{t('support.desk.reported_request', { id: ticket.reportedRequestId })}</code>
                    </>
                  )}
                </dd>
              </>
            )}
          </dl>
        </div>
        <div class="fr-col-12 fr-col-md-6">
          {ticket.assignedAgentId === null && ticket.status !== 'resolved' && (
            <PostForm action={`${base}/prendre`}>
              <button type="submit" class="fr-btn fr-btn--secondary fr-mb-2w">
                {t('support.desk.assign_to_me')}
              </button>
            </PostForm>
          )}
          <PostForm action={`${base}/statut`}>
            <SelectField
              name="status"
              label={t('support.desk.status_label')}
              options={ticketStatuses.map((s) => ({ value: s, label: t(`support.statuses_agent.${s}`) }))}
              values={Object.keys(status.values).length ? status.values : { status: ticket.status }}
              errors={status.errors}
            />
            <button type="submit" class="fr-btn fr-btn--tertiary fr-mt-1w">
              {t('support.desk.status_submit')}
            </button>
          </PostForm>
        </div>
      </div>
      <Thread
        ticket={ticket}
        messages={p.view.messages}
        attachments={p.view.attachments}
        officeName={p.view.routedTo}
        viewer="agent"
        attachmentHref={(a) => `${base}/pieces-jointes/${a.id}`}
      />
      <section aria-labelledby="reponse-titre" class="fr-mb-6w">
        <h2 id="reponse-titre" class="fr-h4">
          {t('support.desk.reply_heading')}
        </h2>
        <AgentReplyForm action={`${base}/reponse`} hint={t('support.desk.reply_hint')} values={reply.values} errors={reply.errors} />
      </section>
      <DeskFilePanel view={p.view} base={base} problem={p.problem} prefectures={p.prefectures} />
      <DeskAccountPanel view={p.view} base={base} problem={p.problem} now={p.now} />
    </Layout>
  );
}
