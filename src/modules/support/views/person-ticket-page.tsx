import { ErrorSummary, type FieldErrors, type FormValues } from '../../../web/components/forms';
import { TextAreaField } from '../../../web/components/text-area-field';
import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import { FileField, UploadForm, UploadScript } from '../../documents/views/document-parts';
import { refusalParams } from '../../documents/views/refusal';
import type { Attachment, ThreadMessage, Ticket } from '../person-access';
import { MAX_MESSAGE_LENGTH } from '../schemas';
import { DueText, StatusBadge, Thread, TicketFacts } from './ticket-parts';

export interface PersonTicketView {
  ticket: Ticket;
  messages: ThreadMessage[];
  attachments: Attachment[];
  officeName: string | null;
  now: Date;
}

/** A person's own request: where it stands, when the answer is due, the replies, and a form to write again. */
export function PersonTicketPage(p: { view: PersonTicketView; replyAction: string; viaLink: boolean; values?: FormValues; errors?: FieldErrors; formError?: string | undefined }) {
  const { t } = usePage();
  const { ticket } = p.view;
  const errors = p.errors ?? {};
  const labels = { body: t('support.reply.body'), file: t('support.form.attachment') };
  const fileError = errors.file ? t(errors.file.key, { ...refusalParams, ...errors.file.params }) : undefined;
  return (
    <Layout title={t('support.ticket_title', { reference: ticket.reference })} hasErrors={Boolean(p.formError || Object.keys(errors).length)}>
      <h1>{t('support.ticket_title', { reference: ticket.reference })}</h1>
      {p.viaLink && (
        <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-3w">
          <p>{t('support.follow_link_private')}</p>
        </div>
      )}
      <dl class="sesame-facts">
        <TicketFacts ticket={ticket} now={p.view.now} />
        {p.view.officeName && (
          <>
            <dt>{t('support.fact_routed')}</dt>
            <dd>{t('support.routed_to', { prefecture: p.view.officeName })}</dd>
          </>
        )}
      </dl>
      <p>{t(`support.status_explained.${ticket.status}`)}</p>
      <Thread ticket={ticket} messages={p.view.messages} attachments={p.view.attachments} officeName={p.view.officeName} viewer="person" />
      <section aria-labelledby="repondre-titre">
        <h2 id="repondre-titre" class="fr-h4">
          {t('support.reply.heading')}
        </h2>
        <ErrorSummary errors={errors} labels={labels} formError={p.formError} />
        <UploadForm action={p.replyAction} id="reponse">
          <TextAreaField name="body" label={labels.body} hint={t('support.reply.hint')} values={p.values} errors={errors} maxLength={MAX_MESSAGE_LENGTH} />
          <FileField id="file" label={`${labels.file} ${t('forms.optional')}`} error={fileError} />
          <div class="fr-btns-group fr-btns-group--inline-md fr-mt-3w">
            <button type="submit" class="fr-btn">
              {t('support.reply.submit')}
            </button>
          </div>
        </UploadForm>
      </section>
      <UploadScript />
    </Layout>
  );
}

export interface MyTicketRow {
  reference: string;
  category: Ticket['category'];
  subject: string;
  status: Ticket['status'];
  dueAt: Date;
  createdAt: Date;
}

/** `/compte/demandes`: the requests a signed-in person opened. */
export function MyTicketsPage(p: { tickets: MyTicketRow[]; now: Date }) {
  const { t } = usePage();
  return (
    <Layout title={t('support.my_tickets_title')}>
      <h1>{t('support.my_tickets_title')}</h1>
      <p>
        <a class="fr-btn fr-icon-add-line fr-btn--icon-left" href="/aide">
          {t('support.my_tickets_new')}
        </a>
      </p>
      {p.tickets.length === 0 ? (
        <p>{t('support.my_tickets_none')}</p>
      ) : (
        <ul class="sesame-ticket-list">
          {p.tickets.map((r) => (
            <li class="fr-mb-3w">
              <p class="fr-mb-1v">
                <a href={`/compte/demandes/${r.reference}`}>{`${r.reference} — ${r.subject}`}</a>
              </p>
              <p class="fr-text--sm fr-mb-0">
                {t(`support.categories.${r.category}`)} · <StatusBadge status={r.status} /> <DueText dueAt={r.dueAt} now={p.now} status={r.status} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
