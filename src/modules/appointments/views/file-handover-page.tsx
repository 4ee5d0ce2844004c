import { PostForm } from '../../../web/components/forms';
import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import type { Application } from '../../applications/policy';
import { procedureTitle } from '../../applications/views/labels';
import type { HandoverView } from '../load-handover';
import { HandoverStatusText, handoverStage } from './handover-status';

/** `/bureau/dossiers/:id/rendez-vous`: the office's side of one file's card hand-over. */
export function FileHandoverPage(props: { app: Application; personName: string; hasEmail: boolean; handover: HandoverView | null; formError?: string | undefined }) {
  const { t } = usePage();
  const { app } = props;
  const stage = handoverStage(app, props.handover);
  return (
    <Layout title={t('appointments.file.title', { reference: app.reference ?? '' })} hasErrors={Boolean(props.formError)}>
      <h1>{t('appointments.file.title', { reference: app.reference ?? '' })}</h1>
      <p class="fr-text--lead">
        {props.personName} — {procedureTitle(app.procedureId, t)}
      </p>
      {props.formError && (
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
          <p>{props.formError}</p>
        </div>
      )}
      <HandoverStatusText app={app} handover={props.handover} />
      {!props.hasEmail && (stage === 'to_invite' || stage === 'invited') && (
        <div class="fr-alert fr-alert--info fr-mb-3w">
          <p>{t('appointments.file.no_email')}</p>
        </div>
      )}
      <ul class="fr-btns-group fr-btns-group--inline-md">
        {(stage === 'to_invite' || stage === 'invited') && (
          <li>
            <PostForm action={`/bureau/dossiers/${app.id}/rendez-vous/inviter`}>
              <button type="submit" class="fr-btn">
                {stage === 'invited' ? t('appointments.file.invite_again') : t('appointments.file.invite')}
              </button>
            </PostForm>
          </li>
        )}
        {stage !== 'not_granted' && stage !== 'delivered' && (
          <li>
            <PostForm action={`/bureau/dossiers/${app.id}/rendez-vous/remise`}>
              <button type="submit" class="fr-btn fr-btn--secondary">
                {t('appointments.file.mark_delivered')}
              </button>
            </PostForm>
          </li>
        )}
      </ul>
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/bureau/rendez-vous">
          {t('appointments.file.to_desk')}
        </a>
      </p>
    </Layout>
  );
}
