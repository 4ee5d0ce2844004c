import { usePage } from '../../../web/page-context';
import type { Procedure } from '../../procedures/types';
import type { ApplicationHistoryEntry } from '../application-history';
import { displayAnswer, fieldLabel, formatDateTime } from './labels';

/** One action in words, with what it changed. */
function Action(props: { entry: ApplicationHistoryEntry; procedure: Procedure }) {
  const { t, locale } = usePage();
  const { entry, procedure } = props;
  const document = entry.documentKind ? t(`documents.kinds.${entry.documentKind}`) : '';
  return (
    <>
      {entry.sentenceKey ? (
        t(entry.sentenceKey, { count: entry.count, document })
      ) : (
        <>
          {t('applications.history.generic')}
          <span class="fr-hint-text">{t('applications.history.generic_reference', { action: entry.action })}</span>
        </>
      )}
      {entry.changes.length > 0 && (
        <ul class="fr-mt-1w">
          {entry.changes.map((c) => (
            <li dir="auto">
              {t('applications.history.change', {
                field: fieldLabel(procedure, c.field, t),
                old: displayAnswer(procedure, c.field, c.old, t, locale),
                new: displayAnswer(procedure, c.field, c.new, t, locale),
              })}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The full history of an application, newest first: when, what, who. */
export function HistoryTable(props: { entries: ApplicationHistoryEntry[]; procedure: Procedure; truncated: boolean }) {
  const { t, locale } = usePage();
  return (
    <section aria-labelledby="history-heading" class="fr-mb-5w">
      <h2 id="history-heading">{t('applications.history.heading')}</h2>
      <p>{t('applications.history.lead')}</p>
      <div class="fr-table" id="application-history">
        <div class="fr-table__wrapper">
          <div class="fr-table__container">
            <div class="fr-table__content">
              <table>
                <caption class="fr-sr-only">{t('applications.history.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('applications.history.col_date')}</th>
                    <th scope="col">{t('applications.history.col_action')}</th>
                    <th scope="col">{t('applications.history.col_actor')}</th>
                  </tr>
                </thead>
                <tbody>
                  {props.entries.map((entry) => (
                    <tr>
                      <td>
                        <time dateTime={entry.at.toISOString()}>{formatDateTime(entry.at, locale)}</time>
                      </td>
                      <td>
                        <Action entry={entry} procedure={props.procedure} />
                      </td>
                      <td>{t(`applications.history.actors.${entry.actor}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </div>
      {props.truncated && <p class="fr-text--sm">{t('applications.history.limit_notice', { count: props.entries.length })}</p>}
    </section>
  );
}
