import { Layout } from '../../../web/layout';
import { PostForm } from '../../../web/components/forms';
import { usePage } from '../../../web/page-context';
import { formatDateTime } from '../../applications/views/labels';
import type { NotificationEntry } from '../my-notifications';
import { DeliveryLine } from './delivery-line';

export interface SmsPreference {
  enabled: boolean;
  /** A verified phone number exists: text messages can be turned on. */
  available: boolean;
  error?: string | undefined;
}

/**
 * `/compte/notifications`: everything Sésame told the person, newest first, each with how it
 * was delivered (a failed e-mail says so here), and the choice of text messages.
 */
export function NotificationsPage(props: { entries: NotificationEntry[]; sms: SmsPreference; limit: number }) {
  const { t, locale } = usePage();
  const unread = props.entries.filter((e) => !e.notification.readAt).length;
  return (
    <Layout title={t('notifications.page.title')} hasErrors={!!props.sms.error}>
      <h1>{t('notifications.page.title')}</h1>
      <p class="fr-text--lead">{t('notifications.page.lead')}</p>
      {unread > 0 && (
        <PostForm action="/compte/notifications/tout-lu">
          <button type="submit" class="fr-btn fr-btn--secondary fr-btn--sm fr-mb-3w">
            {t('notifications.page.mark_all_read', { count: unread })}
          </button>
        </PostForm>
      )}
      {props.entries.length === 0 ? (
        <p id="notifications-empty">{t('notifications.page.empty')}</p>
      ) : (
        <ul class="sesame-notifications fr-mb-5w" id="notifications">
          {props.entries.map(({ notification: n, deliveries }) => {
            const subject = t(`${n.template}.subject`, n.params);
            return (
              <li class={`fr-p-2w fr-mb-2w ${n.readAt ? '' : 'fr-background-alt--blue-france'}`} id={`notification-${n.id}`}>
                <h2 class="fr-text--md fr-mb-1v">
                  {!n.readAt && <span class="fr-badge fr-badge--sm fr-badge--new fr-mr-1w">{t('notifications.page.unread_badge')}</span>}
                  {subject}
                </h2>
                <p class="fr-text--xs fr-mb-1w">{formatDateTime(n.createdAt, locale)}</p>
                <details class="fr-mb-1w">
                  <summary>{t('notifications.page.read_text')}</summary>
                  {t(`${n.template}.body`, n.params)
                    .split('\n\n')
                    .map((p) => (
                      <p class="fr-text--sm fr-mb-1w">{p}</p>
                    ))}
                </details>
                {n.linkPath && n.linkLabelKey && (
                  <p class="fr-mb-1w">
                    <a class="fr-link" href={`/compte/notifications/${n.id}`}>
                      {t(n.linkLabelKey)}
                    </a>
                  </p>
                )}
                {deliveries.length > 0 && <ul class="fr-text--xs fr-mb-0">{deliveries.map((d) => <DeliveryLine delivery={d} />)}</ul>}
              </li>
            );
          })}
        </ul>
      )}
      {props.entries.length >= props.limit && <p class="fr-text--sm">{t('notifications.page.limit_notice', { count: props.limit })}</p>}
      <SmsSection sms={props.sms} />
    </Layout>
  );
}

function SmsSection(props: { sms: SmsPreference }) {
  const { t } = usePage();
  const { sms } = props;
  return (
    <section aria-labelledby="sms-heading" class="fr-mb-5w">
      <h2 id="sms-heading">{t('notifications.preferences.heading')}</h2>
      {sms.error && (
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert" id="resume-erreurs">
          <p>{t(sms.error)}</p>
        </div>
      )}
      <p id="sms-state">{t(sms.enabled ? 'notifications.preferences.sms_on' : 'notifications.preferences.sms_off')}</p>
      {sms.available || sms.enabled ? (
        <PostForm action="/compte/notifications/preferences">
          <input type="hidden" name="sms" value={sms.enabled ? 'off' : 'on'} />
          <button type="submit" class="fr-btn fr-btn--secondary" id="sms">
            {t(sms.enabled ? 'notifications.preferences.turn_off' : 'notifications.preferences.turn_on')}
          </button>
        </PostForm>
      ) : (
        <p>
          {t('notifications.preferences.need_phone')}{' '}
          <a class="fr-link" href="/compte/telephone">
            {t('notifications.preferences.add_phone')}
          </a>
        </p>
      )}
    </section>
  );
}
