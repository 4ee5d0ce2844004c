import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import type { ComponentState } from '../status/components';
import type { Incident, PlatformStatus } from '../status/platform-status';
import { formatWhen } from './ticket-parts';

const stateBadge: Record<ComponentState, string> = {
  operational: 'fr-badge--success',
  degraded: 'fr-badge--warning',
  down: 'fr-badge--error',
  unknown: 'fr-badge--info',
};

/** One incident with its public updates, oldest first. */
export function IncidentBlock(p: { incident: Incident; headingLevel?: 2 | 3 }) {
  const { t, locale } = usePage();
  const i = p.incident;
  const Heading = p.headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article class="fr-mb-4w" aria-labelledby={`incident-${i.id}`}>
      <Heading id={`incident-${i.id}`} class="fr-h5 fr-mb-1w">
        {i.title}
      </Heading>
      <p class="fr-text--sm fr-mb-1w">
        <span class={`fr-badge fr-badge--sm ${i.resolvedAt ? 'fr-badge--success' : i.impact === 'major' ? 'fr-badge--error' : 'fr-badge--warning'}`}>
          {t(`support.incidents.statuses.${i.status}`)}
        </span>{' '}
        {t('support.incidents.summary', { component: t(`support.status.components.${i.component}`), impact: t(`support.incidents.impacts.${i.impact}`), since: formatWhen(i.startedAt, locale) })}
      </p>
      <ol class="sesame-thread">
        {i.updates.map((u) => (
          <li class="sesame-thread__item">
            <p class="fr-text--sm fr-mb-1v">
              <strong>{t(`support.incidents.statuses.${u.status}`)}</strong> — {formatWhen(u.at, locale)}
            </p>
            <p class="sesame-pre fr-mb-0">{u.message}</p>
          </li>
        ))}
      </ol>
    </article>
  );
}

/** `/statut`: what works right now, measured, and the incidents declared by the contact centre. */
export function StatusPage(p: { status: PlatformStatus }) {
  const { t, locale } = usePage();
  const s = p.status;
  return (
    <Layout title={t('support.status.title')}>
      <h1>{t('support.status.title')}</h1>
      <p class="fr-text--lead">{t('support.status.lead')}</p>
      <p>{t('support.status.measured_at', { when: formatWhen(s.measuredAt, locale) })}</p>
      <h2>{t('support.status.components_heading')}</h2>
      <ul class="sesame-status-list">
        {s.components.map((c) => (
          <li class="fr-mb-2w">
            <strong>{t(`support.status.components.${c.component}`)}</strong>{' '}
            <span class={`fr-badge fr-badge--sm ${stateBadge[c.state]}`}>{t(`support.status.states.${c.state}`)}</span>
            <br />
            <span class="fr-text--sm">{t(`support.status.details.${c.component}_${c.state === 'unknown' || (c.component === 'database' && c.state === 'down') ? 'unmeasured' : 'measured'}`, c.figures)}</span>
          </li>
        ))}
      </ul>
      <h2>{t('support.status.incidents_heading')}</h2>
      {s.openIncidents === null ? (
        <p>{t('support.status.incidents_unavailable')}</p>
      ) : s.openIncidents.length === 0 ? (
        <p>{t('support.status.no_incident')}</p>
      ) : (
        s.openIncidents.map((i) => <IncidentBlock incident={i} />)
      )}
      {s.recentIncidents && s.recentIncidents.length > 0 && (
        <>
          <h2>{t('support.status.recent_heading')}</h2>
          {s.recentIncidents.map((i) => (
            <IncidentBlock incident={i} />
          ))}
        </>
      )}
      <p class="fr-mt-4w">
        <a href="/signaler-un-probleme?retour=%2Fstatut">{t('support.status.report_link')}</a>
      </p>
    </Layout>
  );
}
