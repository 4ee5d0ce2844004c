import type { documentRequests } from '../../../db/schema';
import { usePage } from '../../../web/page-context';
import { appealRoutes } from '../appeal-routes';
import { dayText } from './risk-badges';

/**
 * On the person's own pages (file, documents): what the prefecture asks for, exactly, why, and
 * by when — the same words as the e-mail.
 */
export function DocumentRequestNotice(props: { request: typeof documentRequests.$inferSelect; appId: string; withLink: boolean }) {
  const { t, locale } = usePage();
  return (
    <div class="fr-alert fr-alert--warning fr-mb-4w" id="document-request">
      <h2 class="fr-alert__title">{t('backoffice.applicant.request_title', { date: dayText(props.request.dueOn, locale) })}</h2>
      <ul>
        {props.request.items.map((i) => (
          <li data-kind={i.kind}>
            {t('backoffice.mail_documents_item', { document: t(`documents.kinds.${i.kind}`), reason: t(`backoffice.request_reasons.${i.reason}`), explanation: i.explanation })}
          </li>
        ))}
      </ul>
      <p>{t('backoffice.applicant.request_after')}</p>
      {props.withLink && (
        <p>
          <a class="fr-link" href={`/demarches/${props.appId}/pieces`}>
            {t('backoffice.mail_documents_action')}
          </a>
        </p>
      )}
    </div>
  );
}

/** The decision and its letter; for a refusal, the appeal routes in short (the letter has them in full). */
export function DecisionNotice(props: { appId: string; outcome: 'favourable' | 'unfavourable'; withOqtf: boolean }) {
  const { t } = usePage();
  const routes = appealRoutes(props);
  return (
    <div class="fr-callout fr-mb-4w" id="decision-letter">
      <p class="fr-callout__text">{t(`backoffice.applicant.decision_${props.outcome}`)}</p>
      {routes.length > 0 && (
        <ul>
          {routes.map((r) => (
            <li>{r.months === null ? t(`backoffice.letter.appeal_oqtf.${r.id}`) : t(`backoffice.letter.appeal.${r.id}`, { months: r.months })}</li>
          ))}
        </ul>
      )}
      <p>
        <a class="fr-link fr-icon-download-line fr-link--icon-left" href={`/demarches/${props.appId}/decision.pdf`}>
          {t('backoffice.applicant.decision_letter')}
        </a>
      </p>
    </div>
  );
}
