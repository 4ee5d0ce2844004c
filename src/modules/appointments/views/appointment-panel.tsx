import { usePage } from '../../../web/page-context';
import type { Application } from '../../applications/policy';
import type { HandoverView } from '../load-handover';
import { HandoverStatusText } from './handover-status';

/**
 * The hand-over of the card, as a panel of the office's case view: where it stands and the way
 * to the page where the office invites the person and records the card handed over. Load its
 * data with `loadHandover(db, app.id)`.
 */
export function AppointmentPanel(props: { app: Pick<Application, 'id' | 'status' | 'decision' | 'closedAt'>; handover: HandoverView | null; headingLevel?: 2 | 3 }) {
  const { t } = usePage();
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  return (
    <section class="fr-mb-4w" aria-labelledby="handover-panel-heading" id="handover-panel">
      <Heading id="handover-panel-heading" class="fr-h5">
        {t('appointments.panel.heading')}
      </Heading>
      <HandoverStatusText app={props.app} handover={props.handover} />
      <p>
        <a class="fr-link" href={`/bureau/dossiers/${props.app.id}/rendez-vous`}>
          {t('appointments.panel.manage')}
        </a>
      </p>
    </section>
  );
}
