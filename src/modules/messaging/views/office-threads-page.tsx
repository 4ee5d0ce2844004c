import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import { longDate } from '../../attestations/date-text';
import { formatDateTime, procedureTitle } from '../../applications/views/labels';
import { OfficeNav } from '../../backoffice/views/office-nav';
import type { OfficeThread } from '../office-threads';

/** One thread's deadline as a badge: overdue, waiting (with the date), or nothing pending. */
function DeadlineBadge(props: { thread: OfficeThread }) {
  const { t, locale } = usePage();
  const { thread } = props;
  if (!thread.replyDueOn) return <span class="fr-badge fr-badge--sm">{t('messaging.office_list.answered')}</span>;
  const date = longDate(thread.replyDueOn, locale === 'en' ? 'en' : 'fr');
  if (thread.overdue) return <span class="fr-badge fr-badge--sm fr-badge--error">{t('messaging.office_list.overdue_since', { date })}</span>;
  return <span class="fr-badge fr-badge--sm fr-badge--info">{t('messaging.office_list.due_by', { date })}</span>;
}

/**
 * `/bureau/messages`: the threads of the agent's prefecture, missed deadlines first, then those
 * waiting for an answer by deadline, then the rest. A table that scrolls sideways on a phone.
 */
export function OfficeThreadsPage(props: { threads: OfficeThread[]; overdueCount: number; limit: number }) {
  const { t, locale } = usePage();
  return (
    <Layout title={t('messaging.office_list.title')}>
      <h1>{t('messaging.office_list.title')}</h1>
      <p class="fr-text--lead">{t('messaging.office_list.lead')}</p>
      <OfficeNav />
      {props.overdueCount > 0 && (
        <div class="fr-alert fr-alert--warning fr-mb-3w" id="overdue-summary">
          <p>{t('messaging.office_list.overdue_count', { count: props.overdueCount })}</p>
        </div>
      )}
      {props.threads.length === 0 ? (
        <p id="threads-empty">{t('messaging.office_list.empty')}</p>
      ) : (
        <div class="fr-table fr-table--no-caption" id="threads">
          <div class="fr-table__wrapper">
            <div class="fr-table__container">
              <div class="fr-table__content" tabIndex={0} role="region" aria-label={t('messaging.office_list.caption')}>
                <table>
                  <caption>{t('messaging.office_list.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('messaging.office_list.col_file')}</th>
                      <th scope="col">{t('messaging.office_list.col_applicant')}</th>
                      <th scope="col">{t('messaging.office_list.col_deadline')}</th>
                      <th scope="col">{t('messaging.office_list.col_last')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {props.threads.map((th) => (
                      <tr id={`thread-${th.applicationId}`} data-overdue={th.overdue ? 'true' : undefined}>
                        <td>
                          <a class="fr-link" href={`/bureau/dossiers/${th.applicationId}/messages`}>
                            {th.reference ?? th.applicationId}
                          </a>
                          <br />
                          <span class="fr-text--xs">{procedureTitle(th.procedureId, t)}</span>
                        </td>
                        <td>{th.applicantName ?? '—'}</td>
                        <td>
                          <DeadlineBadge thread={th} />
                          {th.escalatedAt && <p class="fr-text--xs fr-mb-0">{t('messaging.office_list.escalated')}</p>}
                        </td>
                        <td>
                          {formatDateTime(th.lastMessageAt, locale)}
                          {th.unread > 0 && (
                            <p class="fr-text--xs fr-mb-0">
                              <span class="fr-badge fr-badge--sm fr-badge--new">{t('messaging.office_list.unread', { count: th.unread })}</span>
                            </p>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      )}
      {props.threads.length >= props.limit && <p class="fr-text--sm">{t('messaging.office_list.limit_notice', { count: props.limit })}</p>}
    </Layout>
  );
}
