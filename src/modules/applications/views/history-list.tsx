import { usePage } from '../../../web/page-context';
import type { Procedure } from '../../procedures/types';
import type { ApplicationHistoryEntry } from '../application-history';
import { AnswerChanges } from './answer-changes';
import { formatDateTime } from './labels';

/** One action in words, with what it changed. */
function Action(props: { entry: ApplicationHistoryEntry; procedure: Procedure }) {
  const { t } = usePage();
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
      <AnswerChanges changes={entry.changes} procedure={procedure} class="fr-mt-1w" />
    </>
  );
}

/**
 * Who acted, as the person reads it. An agent's action is named by the office that took it —
 * the prefecture, which decides and answers for it — never by the agent's name: agents of the
 * foreigners' services act for the prefect, and naming them exposes them to pressure (the
 * anonymity CRPA L.111-2 allows for the safety of persons). The agent stays in the audit log.
 */
function actorText(entry: ApplicationHistoryEntry, officeName: string | null, t: ReturnType<typeof usePage>['t']): string {
  if (entry.actor === 'agent' && officeName) return t('applications.history.by_office', { office: officeName });
  return t('applications.history.by', { actor: t(`applications.history.actors.${entry.actor}`) });
}

/** The full history of an application, newest first: when, what, who. */
export function HistoryList(props: { entries: ApplicationHistoryEntry[]; procedure: Procedure; truncated: boolean; officeName?: string | null }) {
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
              {actorText(entry, props.officeName ?? null, t)}
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
