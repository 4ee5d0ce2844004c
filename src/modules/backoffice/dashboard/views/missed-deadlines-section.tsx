import { ScrollTable } from '../../../../web/components/table';
import { usePage } from '../../../../web/page-context';
import { dayText } from '../../views/risk-badges';
import type { MissedDeadlines, MissedFile } from '../missed-deadlines';

function FileLink(props: { id: string; reference: string | null; path?: string }) {
  return (
    <a href={`/bureau/dossiers/${props.id}${props.path ?? ''}`} class="sesame-nowrap">
      {props.reference ?? '—'}
    </a>
  );
}

/** One list of files whose deadline of one kind passed: the count, then the longest overdue. */
function MissedFiles(props: { id: string; title: string; count: number; rows: MissedFile[]; dateColumn: string; empty: string }) {
  const { t, locale } = usePage();
  return (
    <div class="fr-mt-4w" id={props.id}>
      <h3>{`${props.title} (${props.count.toLocaleString(locale)})`}</h3>
      {props.rows.length === 0 ? (
        <p>{props.empty}</p>
      ) : (
        <ScrollTable id={`${props.id}-list`} caption={props.title}>
          <thead>
            <tr>
              <th scope="col">{t('backoffice.dashboard.col_reference')}</th>
              <th scope="col">{props.dateColumn}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr id={`${props.id}-${r.applicationId}`}>
                <td>
                  <FileLink id={r.applicationId} reference={r.reference} />
                </td>
                <td>{dayText(r.since, locale)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      {props.count > props.rows.length && <p class="fr-text--sm">{t('backoffice.dashboard.list_cut', { shown: props.rows.length })}</p>}
    </div>
  );
}

/** Every deadline the prefecture missed: implicit rejections, document requests, unanswered messages. */
export function MissedDeadlinesSection(props: { missed: MissedDeadlines }) {
  const { t, locale } = usePage();
  const { missed } = props;
  const threads = missed.threads;
  return (
    <section class="fr-mt-6w" aria-labelledby="missed-title">
      <h2 id="missed-title">{t('backoffice.dashboard.missed.title')}</h2>
      <MissedFiles
        id="implicit-rejections"
        title={t('backoffice.dashboard.missed.implicit_title')}
        count={missed.implicitRejections.count}
        rows={missed.implicitRejections.rows}
        dateColumn={t('backoffice.dashboard.missed.col_rejection_on')}
        empty={t('backoffice.dashboard.missed.implicit_none')}
      />
      <p class="fr-text--sm">{t('backoffice.dashboard.missed.implicit_explained')}</p>
      <MissedFiles
        id="overdue-requests"
        title={t('backoffice.dashboard.missed.requests_title')}
        count={missed.documentRequests.count}
        rows={missed.documentRequests.rows}
        dateColumn={t('backoffice.dashboard.missed.col_due_on')}
        empty={t('backoffice.dashboard.missed.requests_none')}
      />
      <div class="fr-mt-4w" id="overdue-threads">
        <h3>{`${t('backoffice.dashboard.missed.threads_title')} (${threads.capped ? t('backoffice.dashboard.missed.at_least', { count: threads.count }) : threads.count.toLocaleString(locale)})`}</h3>
        {threads.rows.length === 0 ? (
          <p>{t('backoffice.dashboard.missed.threads_none')}</p>
        ) : (
          <ScrollTable id="overdue-threads-list" caption={t('backoffice.dashboard.missed.threads_title')}>
            <thead>
              <tr>
                <th scope="col">{t('backoffice.dashboard.col_reference')}</th>
                <th scope="col">{t('backoffice.dashboard.missed.col_reply_due_on')}</th>
                <th scope="col">{t('backoffice.dashboard.missed.col_late')}</th>
                <th scope="col">{t('backoffice.dashboard.missed.col_thread')}</th>
              </tr>
            </thead>
            <tbody>
              {threads.rows.map((r) => (
                <tr id={`overdue-thread-${r.applicationId}`}>
                  <td>
                    <FileLink id={r.applicationId} reference={r.reference} />
                  </td>
                  <td>{dayText(r.replyDueOn, locale)}</td>
                  <td>{t('backoffice.dashboard.missed.working_days_late', { count: r.workingDaysLate })}</td>
                  <td>
                    <a href={`/bureau/dossiers/${r.applicationId}/messages`}>
                      {t('backoffice.dashboard.missed.open_thread')}
                      <span class="fr-sr-only">{` ${r.reference ?? ''}`}</span>
                    </a>
                    {r.escalated && <p class="fr-badge fr-badge--sm fr-badge--warning fr-mt-1v">{t('backoffice.dashboard.missed.escalated')}</p>}
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        )}
      </div>
    </section>
  );
}
