import { officeOpenStatuses } from '../../../../db/schema';
import { FilterSelect } from '../../../../web/components/filter-select';
import { PostForm, type FieldErrors } from '../../../../web/components/forms';
import { ScrollTable } from '../../../../web/components/table';
import { usePage } from '../../../../web/page-context';
import { FileCells, FileHeads } from '../../views/file-cells';
import type { ReassignList } from '../load-dashboard';
import { MAX_REASSIGNED_FILES } from '../reassign-files';
import type { Workload, Workloads } from '../workloads';

/** What a refused reassignment gives back: the files that were ticked, the officer chosen. */
export interface ReassignForm {
  files: string[];
  officer: string;
}

const reassignHref = (from: string) => `/bureau/tableau-de-bord?from=${encodeURIComponent(from)}#reassign`;

function WorkloadRow(props: { w: Workload; label: string; from: string | null }) {
  const { t, locale } = usePage();
  const { w } = props;
  return (
    <tr data-officer={w.officerId ?? (props.from === 'none' ? 'none' : 'others')}>
      <th scope="row">{props.label}</th>
      {officeOpenStatuses.map((s) => (
        <td data-status={s}>{w.byStatus[s].toLocaleString(locale)}</td>
      ))}
      <td data-status="total">{w.total.toLocaleString(locale)}</td>
      <td data-threads>{w.overdueThreads.toLocaleString(locale)}</td>
      <td>
        {props.from && w.total > 0 ? (
          <a href={reassignHref(props.from)}>
            {t('backoffice.dashboard.workloads.show_files')}
            <span class="fr-sr-only">{` — ${props.label}`}</span>
          </a>
        ) : (
          '—'
        )}
      </td>
    </tr>
  );
}

/** Each officer's open files by status, and the overdue messages among them. */
export function WorkloadsSection(props: { workloads: Workloads }) {
  const { t } = usePage();
  const { workloads } = props;
  return (
    <section class="fr-mt-6w" aria-labelledby="workloads-title">
      <h2 id="workloads-title">{t('backoffice.dashboard.workloads.title')}</h2>
      <ScrollTable id="workloads" caption={t('backoffice.dashboard.workloads.caption')}>
        <thead>
          <tr>
            <th scope="col">{t('backoffice.dashboard.workloads.col_officer')}</th>
            {officeOpenStatuses.map((s) => (
              <th scope="col">{t(`applications.status.${s}`)}</th>
            ))}
            <th scope="col">{t('backoffice.dashboard.backlog.col_total')}</th>
            <th scope="col">{t('backoffice.dashboard.workloads.col_overdue_threads')}</th>
            <th scope="col">{t('backoffice.dashboard.workloads.col_files')}</th>
          </tr>
        </thead>
        <tbody>
          {workloads.officers.map((w) => (
            <WorkloadRow w={w} label={w.email ?? '—'} from={w.officerId} />
          ))}
          <WorkloadRow w={workloads.unassigned} label={t('backoffice.dashboard.workloads.unassigned')} from="none" />
          {workloads.others && <WorkloadRow w={workloads.others} label={t('backoffice.dashboard.workloads.others')} from={null} />}
        </tbody>
      </ScrollTable>
    </section>
  );
}

/**
 * Several files to one officer: a GET form chooses whose files are listed (the address can be
 * bookmarked), then one POST form with a checkbox per file and the officer to give them to.
 */
export function ReassignSection(props: { list: ReassignList; officers: { id: string; email: string }[]; errors: FieldErrors; form?: ReassignForm | undefined }) {
  const { t } = usePage();
  const { list, officers, errors } = props;
  const checked = new Set(props.form?.files ?? []);
  const filesError = errors.files;
  const officerError = errors.officer;
  const officerName = new Map(officers.map((o) => [o.id, o.email]));
  return (
    <section class="fr-mt-6w" aria-labelledby="reassign-title" id="reassign">
      <h2 id="reassign-title">{t('backoffice.dashboard.reassign.title')}</h2>
      <form method="get" action="/bureau/tableau-de-bord#reassign" id="reassign-filter" class="fr-mb-3w">
        <FilterSelect
          id="reassign-from"
          name="from"
          label={t('backoffice.dashboard.reassign.from_label')}
          value={list.from ?? ''}
          options={[
            { value: '', label: t('backoffice.dashboard.reassign.from_any') },
            { value: 'none', label: t('backoffice.dashboard.workloads.unassigned') },
            ...officers.map((o) => ({ value: o.id, label: o.email })),
          ]}
        />
        <button type="submit" class="fr-btn fr-btn--secondary">
          {t('backoffice.dashboard.reassign.show')}
        </button>
      </form>
      {list.rows.length === 0 ? (
        <p id="reassign-empty">{t('backoffice.dashboard.reassign.empty')}</p>
      ) : (
        <PostForm action="/bureau/tableau-de-bord/reattribution" id="reassign-form">
          {list.from && <input type="hidden" name="from" value={list.from} />}
          <fieldset class={`fr-fieldset sesame-shrinkable${filesError ? ' fr-fieldset--error' : ''}`} id="files" aria-labelledby="files-legend" aria-describedby={filesError ? 'files-error' : undefined}>
            <legend class="fr-fieldset__legend" id="files-legend">
              {t('backoffice.dashboard.reassign.files_label')}
              <span class="fr-hint-text">{t('backoffice.dashboard.reassign.files_hint', { max: MAX_REASSIGNED_FILES })}</span>
            </legend>
            <div class="fr-fieldset__element sesame-shrinkable">
              <ScrollTable id="reassign-files" caption={t('backoffice.dashboard.reassign.caption')}>
                <thead>
                  <tr>
                    <th scope="col">{t('backoffice.dashboard.reassign.col_select')}</th>
                    <FileHeads />
                    <th scope="col">{t('backoffice.queue.col_officer')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.rows.map((r) => (
                    <tr data-file={r.id}>
                      <td>
                        <div class="fr-checkbox-group fr-checkbox-group--sm">
                          <input type="checkbox" id={`file-${r.id}`} name="files" value={r.id} checked={checked.has(r.id)} />
                          <label class="fr-label" for={`file-${r.id}`}>
                            <span class="fr-sr-only">{t('backoffice.dashboard.reassign.select_file', { reference: r.reference ?? '' })}</span>
                          </label>
                        </div>
                      </td>
                      <FileCells file={r} />
                      <td>{r.assignedOfficerId ? (officerName.get(r.assignedOfficerId) ?? '—') : t('backoffice.queue.unassigned')}</td>
                    </tr>
                  ))}
                </tbody>
              </ScrollTable>
            </div>
            {filesError && (
              <p class="fr-error-text fr-fieldset__element" id="files-error">
                {t(filesError.key, filesError.params)}
              </p>
            )}
          </fieldset>
          {list.more && <p class="fr-text--sm">{t('backoffice.dashboard.reassign.more')}</p>}
          <div class={`fr-select-group${officerError ? ' fr-select-group--error' : ''}`}>
            <label class="fr-label" for="officer">
              {t('backoffice.dashboard.reassign.officer_label')}
            </label>
            <select class={`fr-select${officerError ? ' fr-select--error' : ''}`} id="officer" name="officer" aria-describedby={officerError ? 'officer-error' : undefined} aria-invalid={officerError ? 'true' : undefined}>
              <option value="" selected={!props.form?.officer}>
                {t('forms.select_placeholder')}
              </option>
              {officers.map((o) => (
                <option value={o.id} selected={props.form?.officer === o.id}>
                  {o.email}
                </option>
              ))}
            </select>
            {officerError && (
              <p class="fr-error-text" id="officer-error">
                {t(officerError.key, officerError.params)}
              </p>
            )}
          </div>
          <button type="submit" class="fr-btn" id="reassign-submit">
            {t('backoffice.dashboard.reassign.submit')}
          </button>
        </PostForm>
      )}
    </section>
  );
}
