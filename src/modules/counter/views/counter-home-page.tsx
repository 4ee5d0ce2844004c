import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import type { ApplicationStatus } from '../../../db/schema';
import { formatDateTime, procedureTitle, statusBadge } from '../../applications/views/labels';

export interface CounterListItem {
  id: string;
  createdAt: Date;
  name: string;
  procedureId: string | null;
  status: ApplicationStatus | null;
  reference: string | null;
  claimed: boolean;
}

/** `/bureau/guichet`: start a filing for a person at the desk; the prefecture's recent counter filings. */
export function CounterHomePage(props: { items: CounterListItem[] }) {
  const { t, locale } = usePage();
  return (
    <Layout title={t('counter.home.title')}>
      <h1>{t('counter.home.title')}</h1>
      <p class="fr-text--lead">{t('counter.home.lead')}</p>
      <p>
        <a class="fr-btn fr-icon-add-line fr-btn--icon-left" href="/bureau/guichet/nouveau">
          {t('counter.home.start')}
        </a>
      </p>
      <h2 class="fr-mt-6w">{t('counter.home.recent')}</h2>
      {props.items.length === 0 ? (
        <p>{t('counter.home.none')}</p>
      ) : (
        <ul class="fr-raw-list" id="counter-filings">
          {props.items.map((item) => {
            const href = item.status === null ? `/bureau/guichet/${item.id}/demarche` : item.status === 'draft' ? `/bureau/guichet/${item.id}/reponses` : `/bureau/guichet/${item.id}/recu`;
            return (
              <li class="fr-mb-3w">
                {/* A claimed file is the person's own now: the counter no longer opens it. */}
                {item.claimed ? (
                  <span class="fr-text--bold">{item.name}</span>
                ) : (
                  <a class="fr-link" href={href}>
                    {item.name}
                  </a>
                )}{' '}
                {item.status && <span class={`fr-badge fr-badge--sm ${statusBadge[item.status]}`}>{t(`applications.status.${item.status}`)}</span>}{' '}
                {item.claimed && <span class="fr-badge fr-badge--sm fr-badge--success">{t('counter.home.claimed')}</span>}
                <br />
                <span class="fr-text--sm">
                  {[formatDateTime(item.createdAt, locale), item.procedureId ? procedureTitle(item.procedureId, t) : t('counter.home.no_procedure'), item.reference].filter(Boolean).join(' — ')}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </Layout>
  );
}
