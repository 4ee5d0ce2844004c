import { Layout } from '../../../web/layout';
import { ScrollTable } from '../../../web/components/table';
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
        <ScrollTable id="threads" caption={t('messaging.office_list.caption')} headers={[t('messaging.office_list.col_file'), t('messaging.office_list.col_applicant'), t('messaging.office_list.col_deadline'), t('messaging.office_list.col_last')]}>
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
        </ScrollTable>
      )}
      {props.threads.length >= props.limit && <p class="fr-text--sm">{t('messaging.office_list.limit_notice', { count: props.limit })}</p>}
    </Layout>
  );
}
