import type { Locale } from '../../../platform/i18n/catalogue';
import { usePage } from '../../../web/page-context';
import { longDate } from '../../attestations/date-text';
import type { RiskBadge } from '../queue-priority';

// A queue page writes the same few days over and over (50 rows): each is formatted once. Pure
// (a calendar date and a language); bounded, so a long-running process does not grow it.
const dayTexts = new Map<string, string>();
export function dayText(date: string, locale: Locale): string {
  const key = `${locale}:${date}`;
  let text = dayTexts.get(key);
  if (text === undefined) {
    if (dayTexts.size >= 5_000) dayTexts.clear();
    dayTexts.set(key, (text = longDate(date, locale === 'en' ? 'en' : 'fr')));
  }
  return text;
}

/** DSFR badge colour per risk: losing one's rights first. */
const badgeClass: Record<RiskBadge['kind'], string> = {
  rights_at_risk: 'fr-badge--error',
  implicit_rejection_soon: 'fr-badge--warning',
  implicit_rejection_passed: 'fr-badge--error',
  documents_overdue: 'fr-badge--warning',
};

function badgeText(b: RiskBadge, t: ReturnType<typeof usePage>['t'], locale: Locale): string {
  switch (b.kind) {
    case 'rights_at_risk':
      return b.daysLeft <= 0 ? t('backoffice.badges.rights_lost', { date: dayText(b.lastCoveredDay, locale) }) : t('backoffice.badges.rights_at_risk', { days: b.daysLeft });
    case 'implicit_rejection_soon':
      return t('backoffice.badges.implicit_rejection_soon', { days: b.daysLeft });
    case 'implicit_rejection_passed':
      return t('backoffice.badges.implicit_rejection_passed', { date: dayText(b.on, locale) });
    case 'documents_overdue':
      return t('backoffice.badges.documents_overdue', { date: dayText(b.dueOn, locale) });
  }
}

/** The file's alerts as DSFR badges; nothing when all is well. */
export function RiskBadges(props: { badges: RiskBadge[] }) {
  const { t, locale } = usePage();
  if (props.badges.length === 0) return null;
  return (
    <ul class="fr-badges-group">
      {props.badges.map((b) => (
        <li>
          <p class={`fr-badge fr-badge--sm ${badgeClass[b.kind]}`} data-badge={b.kind}>
            {badgeText(b, t, locale)}
          </p>
        </li>
      ))}
    </ul>
  );
}
