import { formatDateTime } from '../../applications/views/labels';
import { formatSize } from '../../documents/views/document-parts';
import { usePage } from '../../../web/page-context';
import type { ThreadMessage, ThreadView } from '../open-thread';

const typeLabel = (mime: string) => (mime === 'application/pdf' ? 'PDF' : mime === 'image/png' ? 'PNG' : 'JPEG');

/** Who wrote a message, as the reader says it. */
function authorLabel(m: ThreadMessage, view: ThreadView, t: (k: string, p?: Record<string, string>) => string): string {
  if (m.side === 'applicant') return m.mine ? t('messaging.author.you') : (view.applicantName ?? t('messaging.author.applicant'));
  const role = t(`messaging.author.roles.${m.authorRole === 'head_of_office' ? 'head_of_office' : 'case_officer'}`);
  return m.mine ? t('messaging.author.office_you', { role }) : t('messaging.author.office', { prefecture: view.prefectureName, role });
}

/** The messages of a thread, oldest first, each with its author, time, attachments and read mark. */
export function MessageList(props: { view: ThreadView; attachmentBase: string }) {
  const { t, locale } = usePage();
  const { view } = props;
  if (view.messages.length === 0) {
    return (
      <p id="messages-empty" class="fr-mb-3w">
        {t(`messaging.empty.${view.side}`)}
      </p>
    );
  }
  return (
    <ol class="sesame-messages fr-mb-4w" id="messages">
      {view.messages.map((m) => (
        <li id={`message-${m.id}`} class={`sesame-message fr-p-2w fr-mb-2w ${m.side === 'office' ? 'fr-background-alt--blue-france' : 'fr-background-alt--grey'}`}>
          <h3 class="fr-text--md fr-mb-1v">
            {authorLabel(m, view, t)}
            {m.isNew && <span class="fr-badge fr-badge--sm fr-badge--new fr-ml-1w">{t('messaging.new_badge')}</span>}
          </h3>
          <p class="fr-text--xs fr-mb-1w">
            {formatDateTime(m.createdAt, locale)}
            {m.mine && ` — ${m.readAt ? t('messaging.read_on', { when: formatDateTime(m.readAt, locale) }) : t('messaging.not_read_yet')}`}
          </p>
          {m.body && <p class="sesame-pre fr-mb-1w">{m.body}</p>}
          {m.attachments.length > 0 && (
            <ul class="fr-mb-0">
              {m.attachments.map((a) => (
                <li>
                  <a class="fr-link fr-link--download" href={`${props.attachmentBase}${a.id}`} download>
                    {a.originalName}
                    <span class="fr-link__detail">{t('messaging.attachment_detail', { type: typeLabel(a.mimeType), size: formatSize(a.sizeBytes, locale) })}</span>
                  </a>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
