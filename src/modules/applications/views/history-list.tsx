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
export function HistoryList(props: { entries: ApplicationHistoryEntry[]; procedure: Procedure; truncated: boolean }) {
  const { t, locale } = usePage();
  return (
    <section aria-labelledby="history-heading" class="fr-mb-5w">
      <h2 id="history-heading">{t('applications.history.heading')}</h2>
      <p>{t('applications.history.lead')}</p>
      {/* A list rather than a table: each entry stays readable on a 360 px screen without scrolling sideways. */}
      <ol class="fr-raw-list" id="application-history">
        {props.entries.map((entry) => (
          <li class="fr-py-2w">
            <p class="fr-text--sm fr-mb-1v">
              <time dateTime={entry.at.toISOString()}>{formatDateTime(entry.at, locale)}</time>
              {' — '}
              {t('applications.history.by', { actor: t(`applications.history.actors.${entry.actor}`) })}
            </p>
            <div class="fr-mb-0">
              <Action entry={entry} procedure={props.procedure} />
            </div>
          </li>
        ))}
      </ol>
      {props.truncated && <p class="fr-text--sm">{t('applications.history.limit_notice', { count: props.entries.length })}</p>}
    </section>
  );
}
