import type { FieldErrors, FormValues } from '../../../web/components/forms';
import { usePage } from '../../../web/page-context';
import type { ThreadView } from '../open-thread';
import { DeadlineNotice } from './deadline-notice';
import { MessageList } from './message-list';
import { ReplyForm } from './reply-form';

/** Where a side's thread lives: its page, the form's action and the attachments' links. */
export function threadPaths(side: 'applicant' | 'office', applicationId: string) {
  const page = side === 'applicant' ? `/demarches/${applicationId}/messages` : `/bureau/dossiers/${applicationId}/messages`;
  return { page, action: page, attachmentBase: `${page}/pieces-jointes/` };
}

/**
 * A file's message thread with its reply deadline and the form to write: the body of the
 * messages pages, and what the case view (`/bureau/dossiers/:id`) embeds as its messages
 * section — load `view` with `openThread(services, { side: 'office', actor }, id)` and pass the
 * case view's own path as `returnTo`, so that sending a message comes back to it.
 */
export function MessageThreadPanel(props: { view: ThreadView; returnTo?: string | undefined; errors?: FieldErrors | undefined; values?: FormValues | undefined }) {
  const { t } = usePage();
  const { view } = props;
  const paths = threadPaths(view.side, view.application.id);
  return (
    <section aria-labelledby="thread-heading" id="message-thread">
      <h2 id="thread-heading">{t('messaging.thread_heading')}</h2>
      <DeadlineNotice view={view} />
      <MessageList view={view} attachmentBase={paths.attachmentBase} />
      <ReplyForm action={paths.action} formKey={props.values?.key ?? view.formKey} returnTo={props.returnTo} errors={props.errors} values={props.values} side={view.side} />
    </section>
  );
}
