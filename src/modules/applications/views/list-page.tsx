import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import type { ApplicationSummary } from '../my-applications';
import { formatDateTime, procedureTitle, statusBadge } from './labels';

function ApplicationCard(props: { summary: ApplicationSummary }) {
  const { t, locale } = usePage();
  const { app, procedure, next } = props.summary;
  const titleId = `application-${app.id}`;
  return (
    <li class="fr-mb-3w">
      <div class="fr-card" id={`card-${app.id}`}>
        <div class="fr-card__body">
          <div class="fr-card__content">
            <h2 class="fr-card__title" id={titleId}>
              <a href={`/demarches/${app.id}`}>{procedureTitle(procedure.id, t)}</a>
            </h2>
            <div class="fr-card__desc">
              <p class="fr-mb-1w">{t(next.key)}</p>
              {next.href && next.actionKey && (
                <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href={next.href} aria-describedby={titleId}>
                  {t(next.actionKey)}
                </a>
              )}
            </div>
            <div class="fr-card__start">
              <ul class="fr-badges-group">
                <li>
                  <p class={`fr-badge ${statusBadge[app.status]}`}>{t(`applications.status.${app.status}`)}</p>
                </li>
              </ul>
            </div>
            <div class="fr-card__end">
              <p class="fr-card__detail">
                {app.reference && app.filedAt
                  ? t('applications.list.filed_detail', { reference: app.reference, date: formatDateTime(app.filedAt, locale) })
                  : t('applications.list.draft_detail', { date: formatDateTime(app.updatedAt, locale) })}
              </p>
            </div>
          </div>
        </div>
      </div>
    </li>
  );
}

/** "My applications": every procedure the person runs, each with its status and next step. */
export function ApplicationsListPage(props: { summaries: ApplicationSummary[] }) {
  const { t } = usePage();
  return (
    <Layout title={t('applications.list.title')}>
      <h1>{t('applications.list.title')}</h1>
      <p class="fr-text--lead">{t('applications.list.lead')}</p>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a class="fr-btn" href="/demarches/nouvelle">
            {t('applications.list.new')}
          </a>
        </li>
      </ul>
      {props.summaries.length === 0 ? (
        <p id="applications-empty">{t('applications.list.empty')}</p>
      ) : (
        <ul class="fr-raw-list" id="applications">
          {props.summaries.map((s) => (
            <ApplicationCard summary={s} />
          ))}
        </ul>
      )}
      <p class="fr-mt-4w">
        <a class="fr-link" href="/demarches/rattacher" id="claim-link">
          {t('counter.link_from_list')}
        </a>
      </p>
    </Layout>
  );
}
