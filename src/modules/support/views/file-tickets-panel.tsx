import { usePage } from '../../../web/page-context';
import type { RoutedTicket } from '../office/tickets-for-prefecture';
import { DueText, StatusBadge } from './ticket-parts';

/**
 * The requests for help about one file, for the office's case view. To embed at merge in
 * `/bureau/dossiers/:id`: `<FileTicketsPanel tickets={await ticketsForFile(db, app.id, app.prefectureCode)} now={clock.now()} />`.
 */
export function FileTicketsPanel(p: { tickets: RoutedTicket[]; now: Date }) {
  const { t } = usePage();
  return (
    <section aria-labelledby="signalements-dossier-titre" class="fr-mb-5w">
      <h2 id="signalements-dossier-titre" class="fr-h4">
        {t('support.office.file_panel_heading')}
      </h2>
      {p.tickets.length === 0 ? (
        <p>{t('support.office.file_panel_none')}</p>
      ) : (
        <ul>
          {p.tickets.map((r) => (
            <li class="fr-mb-1w">
              <a href={`/bureau/signalements/${r.reference}`}>{`${r.reference} — ${r.subject}`}</a> <StatusBadge status={r.status} side="agent" />{' '}
              <DueText dueAt={r.dueAt} now={p.now} status={r.status} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
