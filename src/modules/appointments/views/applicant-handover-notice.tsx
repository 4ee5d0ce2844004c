import { usePage } from '../../../web/page-context';
import type { Application } from '../../applications/policy';
import type { HandoverView } from '../load-handover';
import { formatParisDay, formatParisTime } from '../paris-time';
import { handoverStage } from './handover-status';

/** On the person's file page: the card hand-over appointment to book, or the one booked. */
export function ApplicantHandoverNotice(props: { app: Application; handover: HandoverView | null }) {
  const { t, locale } = usePage();
  const stage = handoverStage(props.app, props.handover);
  if (stage !== 'invited' && stage !== 'booked') return null;
  const slot = props.handover?.slot;
  return (
    <div class="fr-alert fr-alert--info fr-mb-4w" id="file-handover">
      <h2 class="fr-alert__title">{t('appointments.notice.heading')}</h2>
      <p>
        {slot ? t('appointments.notice.booked', { day: formatParisDay(slot.startsAt, locale), time: formatParisTime(slot.startsAt, locale) }) : t('appointments.notice.to_book')}{' '}
        <a class="fr-link" href={`/demarches/${props.app.id}/rendez-vous`}>
          {slot ? t('appointments.notice.change') : t('appointments.notice.book')}
        </a>
      </p>
    </div>
  );
}
