import { usePage } from '../../../web/page-context';
import type { Attachment, Ticket, ThreadMessage } from '../person-access';
import type { TicketStatus } from '../ticket-workflow';

export const formatWhen = (at: Date, locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(at);

const badgeClass: Record<TicketStatus, string> = {
  open: 'fr-badge--new',
  in_progress: 'fr-badge--info',
  waiting_for_person: 'fr-badge--warning',
  resolved: 'fr-badge--success',
};

/** The status in words, as a DSFR badge (with its icon, so colour is not the only sign). */
export function StatusBadge(props: { status: TicketStatus; side?: 'person' | 'agent' }) {
  const { t } = usePage();
  const key = props.side === 'agent' ? `support.statuses_agent.${props.status}` : `support.statuses.${props.status}`;
  return <span class={`fr-badge fr-badge--sm ${badgeClass[props.status]}`}>{t(key)}</span>;
}

/** The reply deadline; past it, said plainly. */
export function DueText(props: { dueAt: Date; now: Date; status: TicketStatus }) {
  const { t, locale } = usePage();
  if (props.status === 'resolved' || props.status === 'waiting_for_person') return null;
  const when = formatWhen(props.dueAt, locale);
  return props.dueAt < props.now ? (
    <strong class="fr-text--sm sesame-overdue">{t('support.overdue_since', { when })}</strong>
  ) : (
    <span class="fr-text--sm">{t('support.due_by', { when })}</span>
  );
}

/**
 * What a request is about and where it stands (with its reply deadline): the first facts of a
 * request's page, for the person and for the agents. The caller's list goes on from there.
 */
export function TicketFacts(props: { ticket: Ticket; now: Date; side?: 'person' | 'agent' }) {
  const { t } = usePage();
  const { ticket } = props;
  return (
    <>
      <dt>{t('support.fact_category')}</dt>
      <dd>{t(`support.categories.${ticket.category}`)}</dd>
      <dt>{t('support.fact_status')}</dt>
      <dd>
        <StatusBadge status={ticket.status} side={props.side} /> <DueText dueAt={ticket.dueAt} now={props.now} status={ticket.status} />
      </dd>
    </>
  );
}

/** Who wrote a message, as the person reads it (agents are not named to the public). */
function author(m: ThreadMessage, t: (k: string) => string, officeName: string | null) {
  if (m.authorKind === 'person') return t('support.thread_you');
  if (m.authorKind === 'office') return officeName ?? t('support.thread_office');
  return t('support.thread_support');
}

/**
 * The request's text, then every reply, oldest first, with the files sent. Everything the
 * person or an agent typed goes through Preact's escaping; line breaks are kept by CSS.
 */
export function Thread(props: {
  ticket: Ticket;
  messages: ThreadMessage[];
  attachments: Attachment[];
  officeName: string | null;
  /** Where the files can be downloaded, for the agent's views; the person sees their names only. */
  attachmentHref?: (a: Attachment) => string;
  viewer: 'person' | 'agent';
}) {
  const { t, locale } = usePage();
  const filesOf = (messageId: string | null) => props.attachments.filter((a) => a.messageId === messageId);
  const Files = ({ messageId }: { messageId: string | null }) => {
    const files = filesOf(messageId);
    if (files.length === 0) return null;
    return (
      <ul class="fr-mt-1w">
        {files.map((a) => (
          <li>
            {props.attachmentHref ? (
              <a class="fr-link fr-link--download" href={props.attachmentHref(a)}>
                {a.originalName}
              </a>
            ) : (
              t('support.thread_file', { name: a.originalName })
            )}
          </li>
        ))}
      </ul>
    );
  };
  const personLabel = props.viewer === 'agent' ? t('support.thread_person') : t('support.thread_you');
  return (
    <section aria-labelledby="fil-titre" class="fr-mb-5w">
      <h2 id="fil-titre" class="fr-h4">
        {t('support.thread_heading')}
      </h2>
      <ol class="sesame-thread">
        <li class="sesame-thread__item">
          <p class="fr-text--sm fr-mb-1w">
            <strong>{personLabel}</strong> — {formatWhen(props.ticket.createdAt, locale)}
          </p>
          <p class="fr-text--bold fr-mb-1w">{props.ticket.subject}</p>
          <p class="sesame-pre">{props.ticket.description}</p>
          <Files messageId={null} />
        </li>
        {props.messages.map((m) => (
          <li class={`sesame-thread__item${m.authorKind === 'person' ? '' : ' sesame-thread__item--agent'}`}>
            <p class="fr-text--sm fr-mb-1w">
              <strong>{m.authorKind === 'person' ? personLabel : author(m, t, props.officeName)}</strong> — {formatWhen(m.createdAt, locale)}
            </p>
            <p class="sesame-pre">{m.body}</p>
            <Files messageId={m.id} />
          </li>
        ))}
      </ol>
    </section>
  );
}
