import { formatDateTime } from '../../applications/views/labels';
import { usePage } from '../../../web/page-context';
import type { DeliveryState } from '../delivery-state';

/** How one channel of a notification went, in words; a failure says what to do. */
export function DeliveryLine(props: { delivery: DeliveryState }) {
  const { t, locale } = usePage();
  const d = props.delivery;
  const failed = d.state === 'failed';
  return (
    <li class={failed ? 'fr-error-text fr-mt-0' : undefined} data-channel={d.channel} data-state={d.state}>
      {t(`notifications.delivery.${d.channel}.${d.state}`, { to: d.to ?? '', when: d.at ? formatDateTime(d.at, locale) : '' })}
    </li>
  );
}
