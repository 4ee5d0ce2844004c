import { FilterSelect } from '../../../web/components/filter-select';
import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import type { CalendarDate } from '../../../platform/legal-dates';
import { procedureTitle } from '../../applications/views/labels';
import { procedures } from '../../procedures/catalogue';
import { QUEUE_MAX_PAGES, type QueueFilters, type QueuePage, type QueueRow } from '../queue';
import { riskBadges } from '../queue-priority';
import { OfficeNav } from './office-nav';
import { FileCells, FileHeads } from './file-cells';
import { RiskBadges } from './risk-badges';

export interface QueuePageProps {
  prefectureName: string;
  filters: QueueFilters;
  queue: QueuePage;
  officers: { id: string; email: string }[];
  viewerId: string;
  today: CalendarDate;
}

/** The query string of the queue with some filters changed; the page is reset unless given. */
export function queueHref(f: QueueFilters, change: Partial<QueueFilters> = {}): string {
  const next = { ...f, page: 1, ...change };
  const q = new URLSearchParams();
  if (next.status !== 'open') q.set('status', next.status);
  if (next.procedure) q.set('procedure', next.procedure);
  if (next.officer) q.set('officer', next.officer);
  if (next.page > 1) q.set('page', String(next.page));
  const s = q.toString();
  return s ? `/bureau?${s}` : '/bureau';
}

function Filters(props: QueuePageProps) {
  const { t } = usePage();
  const f = props.filters;
  const statuses = ['open', 'filed', 'incomplete', 'under_review', 'decided', 'closed', 'withdrawn'] as const;
  return (
    // A GET form: the filters are in the address, so a filtered queue can be bookmarked and shared.
    <form method="get" action="/bureau" id="queue-filters" class="fr-mb-4w">
      <fieldset class="fr-fieldset">
        <legend class="fr-fieldset__legend">{t('backoffice.queue.filters')}</legend>
        <div class="fr-fieldset__element fr-col-12 fr-col-md-4">
          <FilterSelect
            id="filter-status"
            name="status"
            label={t('backoffice.queue.filter_status')}
            value={f.status}
            options={statuses.map((s) => ({ value: s, label: s === 'open' ? t('backoffice.queue.status_open') : t(`applications.status.${s}`) }))}
          />
        </div>
        <div class="fr-fieldset__element fr-col-12 fr-col-md-4">
          <FilterSelect
            id="filter-procedure"
            name="procedure"
            label={t('backoffice.queue.filter_procedure')}
            value={f.procedure ?? ''}
            options={[{ value: '', label: t('backoffice.queue.any_procedure') }, ...procedures.map((p) => ({ value: p.id, label: procedureTitle(p.id, t) }))]}
          />
        </div>
        <div class="fr-fieldset__element fr-col-12 fr-col-md-4">
          <FilterSelect
            id="filter-officer"
            name="officer"
            label={t('backoffice.queue.filter_officer')}
            value={f.officer ?? ''}
            options={[
              { value: '', label: t('backoffice.queue.any_officer') },
              { value: 'me', label: t('backoffice.queue.officer_me') },
              { value: 'none', label: t('backoffice.queue.officer_none') },
              ...props.officers.filter((o) => o.id !== props.viewerId).map((o) => ({ value: o.id, label: o.email })),
            ]}
          />
        </div>
        <div class="fr-fieldset__element">
          <button type="submit" class="fr-btn fr-btn--secondary">
            {t('backoffice.queue.apply_filters')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

function Row(props: { row: QueueRow; officers: Map<string, string>; viewerId: string; today: CalendarDate }) {
  const { t } = usePage();
  const r = props.row;
  const badges = riskBadges(
    { status: r.status, filedOn: r.filedOn, completedOn: r.completedOn, documentsDueOn: r.documentsDueOn, rightsEndOn: r.rightsEndOn },
    props.today,
  );
  const officer = r.assignedOfficerId === null ? t('backoffice.queue.unassigned') : r.assignedOfficerId === props.viewerId ? t('backoffice.queue.officer_me') : (props.officers.get(r.assignedOfficerId) ?? '—');
  return (
    <tr data-file={r.id}>
      <FileCells file={r} />
      <td>
        <RiskBadges badges={badges} />
      </td>
      <td>{officer}</td>
    </tr>
  );
}

function Pagination(props: { filters: QueueFilters; hasNext: boolean }) {
  const { t } = usePage();
  const page = props.filters.page;
  if (page === 1 && !props.hasNext) return null;
  return (
    <nav role="navigation" class="fr-pagination fr-mt-3w" aria-label={t('backoffice.queue.pagination')}>
      <ul class="fr-pagination__list">
        <li>
          {page > 1 ? (
            <a class="fr-pagination__link fr-pagination__link--first" href={queueHref(props.filters, { page: 1 })}>
              {t('backoffice.queue.first_page')}
            </a>
          ) : (
            <a class="fr-pagination__link fr-pagination__link--first" aria-disabled="true" role="link">
              {t('backoffice.queue.first_page')}
            </a>
          )}
        </li>
        <li>
          {page > 1 ? (
            <a class="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label" href={queueHref(props.filters, { page: page - 1 })} rel="prev">
              {t('backoffice.queue.previous_page')}
            </a>
          ) : (
            <a class="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label" aria-disabled="true" role="link">
              {t('backoffice.queue.previous_page')}
            </a>
          )}
        </li>
        <li>
          <a class="fr-pagination__link" aria-current="page" title={t('backoffice.queue.page', { page })}>
            {page}
          </a>
        </li>
        <li>
          {props.hasNext ? (
            <a class="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label" href={queueHref(props.filters, { page: page + 1 })} rel="next">
              {t('backoffice.queue.next_page')}
            </a>
          ) : (
            <a class="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label" aria-disabled="true" role="link">
              {t('backoffice.queue.next_page')}
            </a>
          )}
        </li>
      </ul>
    </nav>
  );
}

/**
 * The prefecture's queue: its files by risk date (who is about to lose their rights, which file
 * is about to be rejected by silence, which reply deadline passed), filterable, a page at a time.
 */
export function QueuePage(props: QueuePageProps) {
  const { t, locale } = usePage();
  const officers = new Map(props.officers.map((o) => [o.id, o.email]));
  const { queue } = props;
  return (
    <Layout title={t('backoffice.queue.title')}>
      <h1>{t('backoffice.queue.title')}</h1>
      <p class="fr-text--lead">{t('backoffice.queue.lead', { prefecture: props.prefectureName })}</p>
      <OfficeNav />
      <Filters {...props} />
      <p id="queue-count" role="status">
        {queue.capped ? t('backoffice.queue.count_capped', { count: queue.total.toLocaleString(locale) }) : t('backoffice.queue.count', { count: queue.total })}
        {queue.page > 1 && ` ${t('backoffice.queue.page_of', { page: queue.page })}`}
      </p>
      {queue.rows.length === 0 ? (
        <p id="queue-empty">{t('backoffice.queue.empty')}</p>
      ) : (
        <div class="fr-table fr-table--no-caption">
          {/* Focusable: on a phone the table scrolls sideways, and a keyboard must reach it. */}
          <table id="queue" tabIndex={0}>
            <caption>{t('backoffice.queue.caption')}</caption>
            <thead>
              <tr>
                <FileHeads />
                <th scope="col">{t('backoffice.queue.col_alerts')}</th>
                <th scope="col">{t('backoffice.queue.col_officer')}</th>
              </tr>
            </thead>
            <tbody>
              {queue.rows.map((r) => (
                <Row row={r} officers={officers} viewerId={props.viewerId} today={props.today} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {queue.page >= QUEUE_MAX_PAGES && queue.hasNext === false && queue.capped && <p class="fr-text--sm">{t('backoffice.queue.narrow_down')}</p>}
      <p class="fr-text--sm">{t('backoffice.queue.order_explained')}</p>
      <Pagination filters={props.filters} hasNext={queue.hasNext} />
    </Layout>
  );
}
