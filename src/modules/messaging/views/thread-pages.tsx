import { Layout } from '../../../web/layout';
import type { FieldErrors, FormValues } from '../../../web/components/forms';
import { usePage } from '../../../web/page-context';
import { procedureTitle } from '../../applications/views/labels';
import type { ThreadView } from '../open-thread';
import { MessageThreadPanel } from './thread-panel';

interface PageProps {
  view: ThreadView;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}

/** `/demarches/:id/messages`: the applicant writes to the prefecture about one file. */
export function ApplicantThreadPage(props: PageProps) {
  const { t } = usePage();
  const { view } = props;
  const hasErrors = !!props.errors && Object.keys(props.errors).length > 0;
  return (
    <Layout title={t('messaging.page_title.applicant', { reference: view.application.reference ?? '' })} hasErrors={hasErrors}>
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={`/demarches/${view.application.id}`}>
          {t('messaging.back_to_file')}
        </a>
      </p>
      <h1>{t('messaging.page_title.applicant', { reference: view.application.reference ?? '' })}</h1>
      <p class="fr-text--lead">{t('messaging.lead.applicant', { prefecture: view.prefectureName, procedure: procedureTitle(view.application.procedureId, t) })}</p>
      <MessageThreadPanel view={view} errors={props.errors} values={props.values} />
    </Layout>
  );
}

/** `/bureau/dossiers/:id/messages`: the office reads and answers one file's thread. */
export function OfficeThreadPage(props: PageProps) {
  const { t } = usePage();
  const { view } = props;
  const hasErrors = !!props.errors && Object.keys(props.errors).length > 0;
  return (
    <Layout title={t('messaging.page_title.office', { reference: view.application.reference ?? '' })} hasErrors={hasErrors}>
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/bureau/messages">
          {t('messaging.back_to_office_list')}
        </a>
      </p>
      <h1>{t('messaging.page_title.office', { reference: view.application.reference ?? '' })}</h1>
      <p class="fr-text--lead">
        {t('messaging.lead.office', { applicant: view.applicantName ?? t('messaging.author.applicant'), procedure: procedureTitle(view.application.procedureId, t) })}
      </p>
      <MessageThreadPanel view={view} errors={props.errors} values={props.values} />
    </Layout>
  );
}
