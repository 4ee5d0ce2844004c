import { usePage } from '../../../web/page-context';
import type { Application } from '../../applications/policy';
import { formatDateTime } from '../../applications/views/labels';
import type { HandoverView } from '../load-handover';
import { formatParisDay, formatParisTime } from '../paris-time';

export type HandoverStage = 'not_granted' | 'to_invite' | 'invited' | 'booked' | 'delivered';

/** Where the hand-over of a file's card stands. */
export function handoverStage(app: Pick<Application, 'status' | 'decision'>, handover: HandoverView | null): HandoverStage {
  if (app.status === 'closed' && app.decision === 'favourable') return 'delivered';
  if (app.status !== 'decided' || app.decision !== 'favourable') return 'not_granted';
  if (!handover) return 'to_invite';
  return handover.slot ? 'booked' : 'invited';
}

/** One sentence for the office: where the hand-over stands, with its date. */
export function HandoverStatusText(props: { app: Pick<Application, 'status' | 'decision' | 'closedAt'>; handover: HandoverView | null }) {
  const { t, locale } = usePage();
  const stage = handoverStage(props.app, props.handover);
  const slot = props.handover?.slot;
  return (
    <p id="handover-status">
      {t(`appointments.stage.${stage}`, {
        invited: props.handover ? formatDateTime(props.handover.invitedAt, locale) : '',
        day: slot ? formatParisDay(slot.startsAt, locale) : '',
        time: slot ? formatParisTime(slot.startsAt, locale) : '',
        delivered: props.app.closedAt ? formatDateTime(props.app.closedAt, locale) : '',
      })}
    </p>
  );
}
