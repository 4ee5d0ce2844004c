import type { CalendarDate } from '../../../platform/legal-dates';
import { usePage } from '../../../web/page-context';
import type { Fee } from '../../procedures/types';
import { isOnTime, renewalTiming, renewalWindow } from '../renewal-window';
import { formatDate, formatEuros } from './labels';

/**
 * When to file a renewal, in plain words and dates (CESEDA R.431-5): from day −120 one may
 * file, by day −60 one should, later is late (continuity of rights no longer guaranteed, and a
 * late fee once the card has expired). For a draft, where today stands; for a filed renewal,
 * whether it was filed in time.
 */
export function RenewalTimingNotice(props: { expiresOn: CalendarDate; today: CalendarDate; fee: Fee | null; filedOn?: CalendarDate | null | undefined }) {
  const { t, locale } = usePage();
  const w = renewalWindow(props.expiresOn);
  const d = (iso: CalendarDate) => formatDate(iso, locale);
  const timing = renewalTiming(props.expiresOn, props.today);
  const lateFee = props.fee && props.fee.lateFeeCents > 0 ? formatEuros(props.fee.lateFeeCents, locale) : null;
  let now: { key: string; params: Record<string, string | number>; tone: string };
  if (props.filedOn) {
    now = isOnTime(props.expiresOn, props.filedOn)
      ? { key: 'applications.timing.filed_on_time', params: { closesOn: d(w.closesOn) }, tone: 'fr-alert--success' }
      : { key: 'applications.timing.filed_late', params: { closesOn: d(w.closesOn) }, tone: 'fr-alert--warning' };
  } else if (timing.phase === 'too_early') {
    now = { key: 'applications.timing.now_too_early', params: { days: timing.daysUntilOpen, opensOn: d(timing.opensOn) }, tone: 'fr-alert--info' };
  } else if (timing.phase === 'open') {
    now = { key: 'applications.timing.now_open', params: { days: timing.daysLeft, closesOn: d(timing.closesOn) }, tone: 'fr-alert--success' };
  } else if (timing.phase === 'late') {
    now = { key: 'applications.timing.now_late', params: { closesOn: d(w.closesOn), expiresOn: d(props.expiresOn) }, tone: 'fr-alert--warning' };
  } else {
    now = { key: 'applications.timing.now_expired', params: { expiresOn: d(props.expiresOn), lateFee: lateFee ?? '' }, tone: 'fr-alert--error' };
  }
  return (
    <section class="fr-mb-4w" aria-labelledby="renewal-timing-heading" id="renewal-timing">
      <h2 class="fr-h5" id="renewal-timing-heading">
        {t('applications.timing.heading')}
      </h2>
      <ul>
        <li>{t('applications.timing.opens', { opensOn: d(w.opensOn) })}</li>
        <li>{t('applications.timing.closes', { closesOn: d(w.closesOn) })}</li>
        <li>{t('applications.timing.after', { closesOn: d(w.closesOn) })}</li>
        <li>{lateFee ? t('applications.timing.expiry_late_fee', { expiresOn: d(props.expiresOn), lateFee }) : t('applications.timing.expiry', { expiresOn: d(props.expiresOn) })}</li>
      </ul>
      <div class={`fr-alert ${now.tone} fr-alert--sm`}>
        <p>{t(now.key, now.params)}</p>
      </div>
    </section>
  );
}
