import { Layout } from '../../../web/layout';
import { ScrollTable } from '../../../web/components/table';
import { usePage } from '../../../web/page-context';
import type { HistoryEntry } from '../account-history';

/** One action in words: its translated sentence, or a generic one for actions not translated yet. */
function Sentence(props: { entry: HistoryEntry }) {
  const { t, locale } = usePage();
  const { entry } = props;
  if (entry.sentenceKey && (entry.action !== 'profile.updated' || entry.fields.length > 0)) {
    const fields = new Intl.ListFormat(locale, { type: 'conjunction' }).format(entry.fields.map((f) => t(`history.fields.${f}`)));
    return <>{t(entry.sentenceKey, { fields })}</>;
  }
  return (
    <>
      {t('history.generic')}
      <span class="fr-hint-text">{t('history.generic_reference', { action: entry.action })}</span>
    </>
  );
}

/** The account's history, newest first: when, what, and who. */
export function HistoryPage(props: { entries: HistoryEntry[]; truncated: boolean }) {
  const { t, locale } = usePage();
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });
  return (
    <Layout title={t('history.title')}>
      <h1>{t('history.title')}</h1>
      <p class="fr-text--lead">{t('history.lead')}</p>
      {props.entries.length === 0 ? (
        <p>{t('history.empty')}</p>
      ) : (
        <ScrollTable id="account-history" caption={t('history.caption')} headers={[t('history.col_date'), t('history.col_action'), t('history.col_actor')]}>
          {props.entries.map((entry) => (
            <tr>
              <td>
                <time dateTime={entry.at.toISOString()}>{when.format(entry.at)}</time>
              </td>
              <td>
                <Sentence entry={entry} />
              </td>
              <td>{t(`history.actors.${entry.actor}`)}</td>
            </tr>
          ))}
        </ScrollTable>
      )}
      {props.truncated && <p class="fr-text--sm">{t('history.limit_notice', { count: props.entries.length })}</p>}
      <p class="fr-mt-3w">
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/compte">
          {t('history.back_to_account')}
        </a>
      </p>
    </Layout>
  );
}
