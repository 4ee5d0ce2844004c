import type { FieldErrors, FormValues } from '../../../web/components/forms';
import { ScrollTable } from '../../../web/components/table';
import { ErrorSummary } from '../../../web/components/forms';
import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import type { RoutedTicket } from '../office/tickets-for-prefecture';
import type { Attachment, ThreadMessage, Ticket } from '../person-access';
import { AgentReplyForm } from './agent-reply-form';
import { DueText, formatWhen, StatusBadge, Thread, TicketFacts } from './ticket-parts';

/** `/bureau/signalements`: the requests for help routed to my prefecture. */
export function OfficeTicketsPage(p: { prefectureName: string; tickets: RoutedTicket[]; now: Date }) {
  const { t, locale } = usePage();
  return (
    <Layout title={t('support.office.title')}>
      <h1>{t('support.office.title')}</h1>
      <p class="fr-text--lead">{t('support.office.lead', { prefecture: p.prefectureName })}</p>
      {p.tickets.length === 0 ? (
        <p>{t('support.office.none')}</p>
      ) : (
        <ScrollTable id="office-requests" caption={t('support.office.title')} headers={[t('support.desk.col_request'), t('support.office.col_file'), t('support.desk.col_status'), t('support.office.col_routed')]} multiline>
          {p.tickets.map((r) => (
            <tr>
              <td>
                <a href={`/bureau/signalements/${r.reference}`}>{r.reference}</a>
                <br />
                <span class="fr-text--sm">{`${t(`support.categories.${r.category}`)} — ${r.subject}`}</span>
              </td>
              <td>{r.fileReference ?? t('support.desk.none')}</td>
              <td>
                <StatusBadge status={r.status} side="agent" /> <DueText dueAt={r.dueAt} now={p.now} status={r.status} />
              </td>
              <td>{r.routedAt ? formatWhen(r.routedAt, locale) : ''}</td>
            </tr>
          ))}
        </ScrollTable>
      )}
    </Layout>
  );
}

/** One routed request, as the prefecture sees it, with a form to answer the person. */
export function OfficeTicketPage(p: {
  ticket: Ticket;
  messages: ThreadMessage[];
  attachments: Attachment[];
  prefectureName: string;
  now: Date;
  values?: FormValues;
  errors?: FieldErrors;
  formError?: string | undefined;
}) {
  const { t } = usePage();
  const { ticket } = p;
  const base = `/bureau/signalements/${ticket.reference}`;
  const errors = p.errors ?? {};
  return (
    <Layout title={t('support.desk.case_title', { reference: ticket.reference })} hasErrors={Boolean(p.formError || Object.keys(errors).length)}>
      <p class="fr-mb-2w">
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/bureau/signalements">
          {t('support.office.back')}
        </a>
      </p>
      <h1>{t('support.desk.case_title', { reference: ticket.reference })}</h1>
      <dl class="sesame-facts">
        <TicketFacts ticket={ticket} now={p.now} side="agent" />
        <dt>{t('support.office.col_file')}</dt>
        <dd>{ticket.fileReference ?? t('support.desk.none')}</dd>
      </dl>
      <Thread ticket={ticket} messages={p.messages} attachments={p.attachments} officeName={p.prefectureName} viewer="agent" attachmentHref={(a) => `${base}/pieces-jointes/${a.id}`} />
      <section aria-labelledby="reponse-titre">
        <h2 id="reponse-titre" class="fr-h4">
          {t('support.desk.reply_heading')}
        </h2>
        <ErrorSummary errors={errors} labels={{ body: t('support.desk.reply_body'), then: t('support.desk.reply_then') }} formError={p.formError} />
        <AgentReplyForm action={`${base}/reponse`} hint={t('support.office.reply_hint', { prefecture: p.prefectureName })} values={p.values} errors={errors} />
      </section>
    </Layout>
  );
}
