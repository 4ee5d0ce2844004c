import { usePage } from '../../../web/page-context';
import { procedureTitle, statusBadge } from '../../applications/views/labels';
import type { QueueRow } from '../queue';
import { dayText } from './risk-badges';

/** What a list of the office's files shows of each, whatever else the list adds. */
export type ListedFile = Pick<QueueRow, 'id' | 'reference' | 'procedureId' | 'status' | 'priorityOn' | 'surname' | 'givenNames'>;

/**
 * The column heads of `FileCells`, in the same order: the queue and the dashboard's
 * reassignment list name a file alike, so that an officer reads both the same way.
 */
export function FileHeads() {
  const { t } = usePage();
  return (
    <>
      <th scope="col">{t('backoffice.queue.col_reference')}</th>
      <th scope="col">{t('backoffice.queue.col_person')}</th>
      <th scope="col">{t('backoffice.queue.col_procedure')}</th>
      <th scope="col">{t('backoffice.queue.col_status')}</th>
      <th scope="col">{t('backoffice.queue.col_priority')}</th>
    </>
  );
}

/** A file's cells in such a list: its reference (the link to it), the person, the procedure, the status and the risk date. */
export function FileCells(props: { file: ListedFile }) {
  const { t, locale } = usePage();
  const r = props.file;
  const name = [r.surname?.toUpperCase(), r.givenNames].filter(Boolean).join(' ') || t('backoffice.queue.no_name');
  return (
    <>
      <td>
        <a href={`/bureau/dossiers/${r.id}`} class="sesame-nowrap">
          {r.reference ?? '—'}
        </a>
      </td>
      <td dir="auto">{name}</td>
      <td>{procedureTitle(r.procedureId, t)}</td>
      <td>
        <p class={`fr-badge fr-badge--sm ${statusBadge[r.status]}`}>{t(`applications.status.${r.status}`)}</p>
      </td>
      <td>{r.priorityOn ? dayText(r.priorityOn, locale) : '—'}</td>
    </>
  );
}
