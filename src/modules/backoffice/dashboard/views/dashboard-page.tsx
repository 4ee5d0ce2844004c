import { ErrorSummary, type FieldErrors } from '../../../../web/components/forms';
import { ScrollTable } from '../../../../web/components/table';
import { Layout } from '../../../../web/layout';
import { usePage } from '../../../../web/page-context';
import { officeOpenStatuses } from '../../../../db/schema';
import { OfficeNav } from '../../views/office-nav';
import { dayText } from '../../views/risk-badges';
import { APRI_DUE_DAYS, APRI_ISSUED_DAYS, type ApriOutlook } from '../apri-outlook';
import { ageBuckets, type Backlog } from '../backlog';
import type { Dashboard } from '../load-dashboard';
import { MissedDeadlinesSection } from './missed-deadlines-section';
import { ReassignSection, WorkloadsSection, type ReassignForm } from './workloads-section';

function Tile(props: { id: string; title: string; figure: string; href: string }) {
  return (
    <div class="fr-col-12 fr-col-sm-6 fr-col-lg-3">
      <div class="fr-tile fr-enlarge-link" id={props.id}>
        <div class="fr-tile__body">
          <div class="fr-tile__content">
            <h2 class="fr-tile__title">
              <a href={props.href}>{props.title}</a>
            </h2>
            <p class="fr-tile__detail sesame-figure">{props.figure}</p>
          </div>
        </div>
      </div>
    </div>
  );
}

function BacklogSection(props: { backlog: Backlog }) {
  const { t, locale } = usePage();
  const { backlog } = props;
  const n = (x: number) => x.toLocaleString(locale);
  return (
    <section class="fr-mt-6w" aria-labelledby="backlog-title">
      <h2 id="backlog-title">{t('backoffice.dashboard.backlog.title')}</h2>
      <p>{t('backoffice.dashboard.backlog.lead')}</p>
      <ScrollTable id="backlog" caption={t('backoffice.dashboard.backlog.caption')}>
        <thead>
          <tr>
            <th scope="col">{t('backoffice.dashboard.backlog.col_status')}</th>
            {ageBuckets.map((a) => (
              <th scope="col">{t(`backoffice.dashboard.age.${a}`)}</th>
            ))}
            <th scope="col">{t('backoffice.dashboard.backlog.col_total')}</th>
          </tr>
        </thead>
        <tbody>
          {officeOpenStatuses.map((s) => (
            <tr data-status={s}>
              <th scope="row">{t(`applications.status.${s}`)}</th>
              {ageBuckets.map((a) => (
                <td data-age={a}>{n(backlog.cells[s][a])}</td>
              ))}
              <td data-age="total">{n(backlog.byStatus[s])}</td>
            </tr>
          ))}
          <tr data-status="total">
            <th scope="row">{t('backoffice.dashboard.backlog.row_total')}</th>
            {ageBuckets.map((a) => (
              <td data-age={a}>{n(backlog.byAge[a])}</td>
            ))}
            <td data-age="total">{n(backlog.total)}</td>
          </tr>
        </tbody>
      </ScrollTable>
      <p>
        <a class="fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-download-line" href="/bureau/tableau-de-bord/export.csv" id="backlog-export">
          {t('backoffice.dashboard.backlog.export')}
        </a>
      </p>
    </section>
  );
}

function ApriSection(props: { apris: ApriOutlook }) {
  const { t, locale } = usePage();
  const { apris } = props;
  return (
    <section class="fr-mt-6w" aria-labelledby="apris-title">
      <h2 id="apris-title">{t('backoffice.dashboard.apris.title')}</h2>
      <ul>
        <li id="apris-issued">{t('backoffice.dashboard.apris.issued', { count: apris.issued, days: APRI_ISSUED_DAYS })}</li>
        <li id="apris-due">{t('backoffice.dashboard.apris.due', { count: apris.due.count, days: APRI_DUE_DAYS })}</li>
      </ul>
      <p class="fr-text--sm">{t('backoffice.dashboard.apris.explained')}</p>
      {apris.due.rows.length > 0 && (
        <ScrollTable id="apris-due-list" caption={t('backoffice.dashboard.apris.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('backoffice.dashboard.col_reference')}</th>
              <th scope="col">{t('backoffice.dashboard.apris.col_covered_until')}</th>
              <th scope="col">{t('backoffice.dashboard.apris.col_available_on')}</th>
            </tr>
          </thead>
          <tbody>
            {apris.due.rows.map((r) => (
              <tr id={`apri-due-${r.applicationId}`}>
                <td>
                  <a href={`/bureau/dossiers/${r.applicationId}`} class="sesame-nowrap">
                    {r.reference ?? '—'}
                  </a>
                </td>
                <td>{dayText(r.coveredUntil, locale)}</td>
                <td>{dayText(r.availableOn, locale)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      {apris.due.count > apris.due.rows.length && <p class="fr-text--sm">{t('backoffice.dashboard.list_cut', { shown: apris.due.rows.length })}</p>}
    </section>
  );
}

export interface DashboardPageProps {
  dashboard: Dashboard;
  /** A refused reassignment: the form's problems, or why the files could not move (409). */
  errors?: FieldErrors;
  refusalKey?: string | undefined;
  form?: ReassignForm;
}

/**
 * `/bureau/tableau-de-bord`: the head of office's view of their prefecture — the backlog by
 * status and age, every deadline missed, the APRIs, each officer's load, and the reassignment
 * of several files at once. Plain tables and forms: all of it works without JavaScript.
 */
export function DashboardPage(props: DashboardPageProps) {
  const { t, locale } = usePage();
  const d = props.dashboard;
  const missedCount = d.missed.implicitRejections.count + d.missed.documentRequests.count + d.missed.threads.count;
  const errors = props.errors ?? {};
  return (
    <Layout title={t('backoffice.dashboard.title')}>
      <h1>{t('backoffice.dashboard.title')}</h1>
      <p class="fr-text--lead">{t('backoffice.dashboard.lead', { prefecture: d.prefectureName, date: dayText(d.today, locale) })}</p>
      <OfficeNav />
      <ErrorSummary errors={errors} labels={{ files: t('backoffice.dashboard.reassign.files_label'), officer: t('backoffice.dashboard.reassign.officer_label') }} />
      {props.refusalKey && (
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert" id="reassign-refused">
          <p>{t(props.refusalKey)}</p>
        </div>
      )}
      <div class="fr-grid-row fr-grid-row--gutters" id="dashboard-tiles">
        <Tile id="tile-backlog" title={t('backoffice.dashboard.tiles.backlog')} figure={d.backlog.total.toLocaleString(locale)} href="#backlog-title" />
        <Tile id="tile-missed" title={t('backoffice.dashboard.tiles.missed')} figure={missedCount.toLocaleString(locale)} href="#missed-title" />
        <Tile id="tile-apris-issued" title={t('backoffice.dashboard.tiles.apris_issued', { days: APRI_ISSUED_DAYS })} figure={d.apris.issued.toLocaleString(locale)} href="#apris-title" />
        <Tile id="tile-apris-due" title={t('backoffice.dashboard.tiles.apris_due', { days: APRI_DUE_DAYS })} figure={d.apris.due.count.toLocaleString(locale)} href="#apris-title" />
      </div>
      <BacklogSection backlog={d.backlog} />
      <MissedDeadlinesSection missed={d.missed} />
      <ApriSection apris={d.apris} />
      <WorkloadsSection workloads={d.workloads} />
      <ReassignSection list={d.reassign} officers={d.officers} errors={errors} form={props.form} />
    </Layout>
  );
}
