import { Layout } from '../../../web/layout';
import { ScrollTable } from '../../../web/components/table';
import { usePage } from '../../../web/page-context';
import { queueViews, type QueueRow, type QueueView } from '../desk/support-queue';
import { DueText, StatusBadge } from './ticket-parts';

/** `/support`: the national contact centre's queue, soonest deadline first. */
export function DeskQueuePage(p: { view: QueueView; rows: QueueRow[]; now: Date }) {
  const { t } = usePage();
  return (
    <Layout title={t('support.desk.title')}>
      <h1>{t('support.desk.title')}</h1>
      <nav class="fr-mb-3w" aria-label={t('support.desk.views_label')}>
        <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
          {queueViews.map((v) => (
            <li>
              <a class={`fr-btn fr-btn--sm ${v === p.view ? '' : 'fr-btn--tertiary'}`} href={v === 'todo' ? '/support' : `/support?vue=${v}`} aria-current={v === p.view ? 'page' : undefined}>
                {t(`support.desk.views.${v}`)}
              </a>
            </li>
          ))}
          <li>
            <a class="fr-btn fr-btn--sm fr-btn--secondary" href="/support/incidents">
              {t('support.desk.incidents_link')}
            </a>
          </li>
        </ul>
      </nav>
      <p>{t('support.desk.count', { count: p.rows.length })}</p>
      {p.rows.length > 0 && (
        <ScrollTable id="desk-requests" caption={t(`support.desk.views.${p.view}`)} headers={[t('support.desk.col_request'), t('support.desk.col_status'), t('support.desk.col_due'), t('support.desk.col_assigned')]} multiline>
          {p.rows.map((r) => (
            <tr>
              <td>
                <a href={`/support/demandes/${r.reference}`}>{r.reference}</a>
                <br />
                <span class="fr-text--sm">{`${t(`support.categories.${r.category}`)} — ${r.subject}`}</span>
                {r.prefectureName && (
                  <>
                    <br />
                    <span class="fr-text--sm">{t('support.routed_to', { prefecture: r.prefectureName })}</span>
                  </>
                )}
              </td>
              <td>
                <StatusBadge status={r.status} side="agent" />
              </td>
              <td>
                <DueText dueAt={r.dueAt} now={p.now} status={r.status} />
              </td>
              <td class="sesame-break">{r.assignedTo ?? t('support.desk.unassigned')}</td>
            </tr>
          ))}
        </ScrollTable>
      )}
    </Layout>
  );
}
