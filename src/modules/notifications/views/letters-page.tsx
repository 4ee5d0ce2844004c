import { Layout } from '../../../web/layout';
import { PostForm } from '../../../web/components/forms';
import { usePage } from '../../../web/page-context';
import { formatDateTime } from '../../applications/views/labels';
import type { FailedDelivery } from '../failed-deliveries';
import type { Letter } from '../letters/office-letters';

function LetterRow(props: { letter: Letter; printable: boolean }) {
  const { t, locale } = usePage();
  const l = props.letter;
  return (
    <li class="fr-p-2w fr-mb-2w fr-background-alt--grey" id={`letter-${l.id}`}>
      <h3 class="fr-text--md fr-mb-1v">{l.recipient.name || t('notifications.letters.no_name')}</h3>
      <p class="fr-text--sm fr-mb-1v">{l.subject}</p>
      <p class="fr-text--xs fr-mb-1w">
        {t('notifications.letters.written', { when: formatDateTime(l.createdAt, locale) })}
        {l.printedAt && ` — ${t('notifications.letters.printed_on', { when: formatDateTime(l.printedAt, locale) })}`}
        {l.recipient.lines.length === 0 && ` — ${t('notifications.letters.address_missing')}`}
      </p>
      <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
        <li>
          <a class="fr-btn fr-btn--secondary fr-btn--sm" href={`/bureau/courriers/${l.id}.pdf`} download>
            {t('notifications.letters.download')}
          </a>
        </li>
        {props.printable && (
          <li>
            <PostForm action={`/bureau/courriers/${l.id}/imprime`}>
              <button type="submit" class="fr-btn fr-btn--sm">
                {t('notifications.letters.mark_printed')}
              </button>
            </PostForm>
          </li>
        )}
      </ul>
    </li>
  );
}

/**
 * `/bureau/courriers`: what the office must post — letters for people Sésame cannot e-mail —
 * and the e-mails and text messages that could not be delivered, each of which can go as a
 * letter instead.
 */
export function LettersPage(props: { toPrint: Letter[]; printed: Letter[]; failed: FailedDelivery[] }) {
  const { t, locale } = usePage();
  return (
    <Layout title={t('notifications.letters.title')}>
      <h1>{t('notifications.letters.title')}</h1>
      <p class="fr-text--lead">{t('notifications.letters.lead')}</p>
      <h2>{t('notifications.letters.to_print_heading', { count: props.toPrint.length })}</h2>
      {props.toPrint.length === 0 ? (
        <p id="letters-empty">{t('notifications.letters.none_to_print')}</p>
      ) : (
        <ul class="sesame-letters" id="letters-to-print">
          {props.toPrint.map((l) => (
            <LetterRow letter={l} printable />
          ))}
        </ul>
      )}
      <h2>{t('notifications.letters.failed_heading', { count: props.failed.length })}</h2>
      {props.failed.length === 0 ? (
        <p id="failed-empty">{t('notifications.letters.no_failed')}</p>
      ) : (
        <ul class="sesame-failed" id="failed-deliveries">
          {props.failed.map((f) => (
            <li class="fr-p-2w fr-mb-2w fr-background-alt--grey" id={`failed-${f.notificationId}`}>
              <h3 class="fr-text--md fr-mb-1v">{t(`${f.template}.subject`, f.params)}</h3>
              <p class="fr-text--sm fr-mb-1v">
                {t(`notifications.letters.failed_line.${f.channel}`, { to: f.to, when: formatDateTime(f.createdAt, locale), reference: f.reference ?? '—' })}
              </p>
              {f.letterSent ? (
                <p class="fr-text--xs fr-mb-0">{t('notifications.letters.sent_as_letter')}</p>
              ) : (
                <PostForm action={`/bureau/courriers/echecs/${f.notificationId}`}>
                  <button type="submit" class="fr-btn fr-btn--secondary fr-btn--sm">
                    {t('notifications.letters.send_as_letter')}
                  </button>
                </PostForm>
              )}
            </li>
          ))}
        </ul>
      )}
      {props.printed.length > 0 && (
        <>
          <h2>{t('notifications.letters.printed_heading')}</h2>
          <ul class="sesame-letters" id="letters-printed">
            {props.printed.map((l) => (
              <LetterRow letter={l} printable={false} />
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}
