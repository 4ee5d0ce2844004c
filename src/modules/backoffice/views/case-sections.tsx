import type { ComponentChildren } from 'preact';
import { TextAreaField } from '../../../web/components/text-area-field';
import type { attestations, documentRequests } from '../../../db/schema';
import { PostForm } from '../../../web/components/forms';
import { usePage } from '../../../web/page-context';
import type { AnswerChange } from '../../applications/correct-answers';
import { AnswerChanges } from '../../applications/views/answer-changes';
import { formatDateTime } from '../../applications/views/labels';
import type { Procedure } from '../../procedures/types';
import type { CaseFile, OfficeHistoryEntry } from '../load-case-file';
import { dayText } from './risk-badges';

/** Changes the person made since filing, newest first; new ones are flagged until marked seen. */
export function AmendmentsSection(props: { file: CaseFile; canAct: boolean }) {
  const { t, locale } = usePage();
  const { app, procedure, amendments } = props.file;
  const unseen = amendments.filter((a) => !a.seenByOfficeAt).length;
  return (
    <section class="fr-mb-5w" aria-labelledby="amendments-heading" id="case-amendments">
      <h2 id="amendments-heading">{t('backoffice.case.amendments_heading')}</h2>
      {amendments.length === 0 ? (
        <p>{t('backoffice.case.no_amendments')}</p>
      ) : (
        <>
          <p>{t('backoffice.case.amendments_unseen', { count: unseen })}</p>
          <ol class="fr-raw-list">
            {amendments.map((a) => {
              const changes = Array.isArray(a.data.changes) ? (a.data.changes as AnswerChange[]) : [];
              const kind = typeof a.data.documentKind === 'string' ? t(`documents.kinds.${a.data.documentKind}`) : '';
              return (
                <li class="fr-py-1w" data-amendment={a.id}>
                  <p class="fr-mb-1v">
                    <time dateTime={a.at.toISOString()}>{formatDateTime(a.at, locale)}</time>
                    {' — '}
                    {t(`applications.history.amendments.${a.kind}`, { document: kind, count: 1 })}{' '}
                    {!a.seenByOfficeAt && <span class="fr-badge fr-badge--sm fr-badge--new">{t('backoffice.case.amendment_new')}</span>}
                  </p>
                  <AnswerChanges changes={changes} procedure={procedure} />
                </li>
              );
            })}
          </ol>
          {unseen > 0 && props.canAct && (
            <PostForm action={`/bureau/dossiers/${app.id}/modifications-vues`}>
              <input type="hidden" name="upTo" value={props.file.loadedAt.toISOString()} />
              <button type="submit" class="fr-btn fr-btn--secondary fr-btn--sm">
                {t('backoffice.case.mark_seen')}
              </button>
            </PostForm>
          )}
        </>
      )}
    </section>
  );
}

/** The document requests sent, the open one first, with what was asked and why. */
export function RequestsSection(props: { requests: (typeof documentRequests.$inferSelect)[] }) {
  const { t, locale } = usePage();
  if (props.requests.length === 0) return null;
  return (
    <section class="fr-mb-5w" aria-labelledby="requests-heading" id="case-requests">
      <h2 id="requests-heading">{t('backoffice.case.requests_heading')}</h2>
      {props.requests.map((r) => {
        const state = r.fulfilledAt ? 'fulfilled' : r.cancelledAt ? 'cancelled' : 'open';
        return (
          <div class="fr-mb-3w" data-request={r.id}>
            <p class="fr-mb-1w">
              {t('backoffice.case.request_line', { date: formatDateTime(r.createdAt, locale), due: dayText(r.dueOn, locale) })}{' '}
              <span class={`fr-badge fr-badge--sm ${state === 'open' ? 'fr-badge--warning' : ''}`}>{t(`backoffice.case.request_state.${state}`)}</span>
            </p>
            <ul>
              {r.items.map((i) => (
                <li>{t('backoffice.mail_documents_item', { document: t(`documents.kinds.${i.kind}`), reason: t(`backoffice.request_reasons.${i.reason}`), explanation: i.explanation })}</li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}

/** Internal notes: the office's working memory on the file, never shown to the person. */
export function NotesSection(props: { file: CaseFile; note?: string | undefined; noteError?: string | undefined }) {
  const { t, locale } = usePage();
  const { app, notes } = props.file;
  return (
    <section class="fr-mb-5w" aria-labelledby="notes-heading" id="case-notes">
      <h2 id="notes-heading">{t('backoffice.case.notes_heading')}</h2>
      <p class="fr-text--sm">{t('backoffice.case.notes_private')}</p>
      {notes.length > 0 && (
        <ol class="fr-raw-list fr-mb-3w">
          {notes.map((n) => (
            <li class="fr-py-1w">
              <p class="fr-text--sm fr-mb-1v">{t('backoffice.case.note_by', { date: formatDateTime(n.createdAt, locale), author: n.authorEmail })}</p>
              <p class="sesame-pre fr-mb-0" dir="auto">
                {n.body}
              </p>
            </li>
          ))}
        </ol>
      )}
      <PostForm action={`/bureau/dossiers/${app.id}/notes`}>
        <TextAreaField name="note" label={t('backoffice.case.note_label')} rows={3} maxLength={4000} values={{ note: props.note ?? '' }} errors={props.noteError ? { note: { key: props.noteError } } : {}} />
        <button type="submit" class="fr-btn fr-btn--secondary fr-btn--sm fr-mt-1w">
          {t('backoffice.case.note_submit')}
        </button>
      </PostForm>
    </section>
  );
}

/**
 * Where the file's message thread goes. The thread itself is built in `modules/messaging/`:
 * it passes its panel as `thread`; until then the section says that messages come there.
 */
export function MessagesSlot(props: { thread?: ComponentChildren }) {
  const { t } = usePage();
  // The thread panel brings its own heading; the desk, which does not write to people, gets a pointer.
  return (
    <div class="fr-mb-5w" id="case-messages">
      {props.thread ?? (
        <section aria-labelledby="messages-heading">
          <h2 id="messages-heading">{t('backoffice.case.messages_heading')}</h2>
          <p>{t('backoffice.case.messages_for_officers')}</p>
        </section>
      )}
    </div>
  );
}

/** The proofs issued for the file, as the office sees them (the PDFs are the holder's). */
export function OfficeAttestations(props: { rows: (typeof attestations.$inferSelect)[]; today: string }) {
  const { t, locale } = usePage();
  if (props.rows.length === 0) return null;
  return (
    <section class="fr-mb-5w" aria-labelledby="attestations-heading" id="case-attestations">
      <h2 id="attestations-heading">{t('backoffice.case.attestations_heading')}</h2>
      <ul>
        {props.rows.map((a) => {
          const state = a.revokedAt ? 'revoked' : a.supersededAt ? 'superseded' : a.validTo && a.validTo < props.today ? 'expired' : 'current';
          return (
            <li>
              {`${t(`applications.file.attestation_kind.${a.kind}`)} — `}
              {a.validTo
                ? t('applications.file.attestation_validity', { from: dayText(a.validFrom, locale), to: dayText(a.validTo, locale) })
                : t('applications.file.attestation_issued_on', { on: dayText(a.validFrom, locale) })}
              {` — ${t(`applications.file.attestation_state.${state}`)}`}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The whole history, internal actions included, naming the agent who acted. */
export function OfficeHistory(props: { entries: OfficeHistoryEntry[]; procedure: Procedure }) {
  const { t, locale } = usePage();
  return (
    <section class="fr-mb-5w" aria-labelledby="history-heading" id="case-history">
      <h2 id="history-heading">{t('backoffice.case.history_heading')}</h2>
      <ol class="fr-raw-list">
        {props.entries.map((e) => (
          <li class="fr-py-1w">
            <p class="fr-text--sm fr-mb-1v">
              <time dateTime={e.at.toISOString()}>{formatDateTime(e.at, locale)}</time>
              {' — '}
              {e.agentEmail ?? t(`backoffice.case.history_actors.${e.actor}`)}
              {e.internal && ` — ${t('backoffice.case.internal')}`}
            </p>
            <p class="fr-mb-0">
              {e.sentenceKey
                ? t(e.sentenceKey, { count: e.count, document: e.documentKind ? t(`documents.kinds.${e.documentKind}`) : '' })
                : t('applications.history.generic_reference', { action: e.action })}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
