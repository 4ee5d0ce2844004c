import { longDate } from '../../attestations/date-text';
import { usePage } from '../../../web/page-context';
import type { ThreadView } from '../open-thread';

/**
 * The reply deadline in words, the same fact for both sides: the applicant reads that the office
 * must answer by a date, the office reads by when it must answer; past the date both read that
 * it is late and that the head of office knows.
 */
export function DeadlineNotice(props: { view: ThreadView }) {
  const { t, locale } = usePage();
  const { deadline, side, replyWorkingDays } = props.view;
  const lang = locale === 'en' ? 'en' : 'fr';
  const ns = `messaging.deadline.${side}`;
  if (deadline.kind === 'none') {
    return (
      <p class="fr-text--sm" id="reply-deadline">
        {t(`${ns}.none`, { days: replyWorkingDays })}
      </p>
    );
  }
  const date = longDate(deadline.dueOn, lang);
  if (deadline.kind === 'overdue') {
    return (
      <div class="fr-alert fr-alert--warning fr-mb-3w" id="reply-deadline">
        <h3 class="fr-alert__title">{t(`${ns}.overdue_title`)}</h3>
        <p>{t(`${ns}.overdue`, { date, late: deadline.workingDaysLate, escalated: props.view.escalatedAt ? 'yes' : 'no' })}</p>
      </div>
    );
  }
  return (
    <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-3w" id="reply-deadline">
      <p>{deadline.kind === 'due_today' ? t(`${ns}.due_today`, { date }) : t(`${ns}.running`, { date, left: deadline.workingDaysLeft, days: replyWorkingDays })}</p>
    </div>
  );
}
