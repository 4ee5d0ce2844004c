import type { Locale, Translate } from '../../../platform/i18n/catalogue';
import { usePage } from '../../../web/page-context';
import { countryName } from '../countries';
import { formatIsoDate } from '../dates';
import { profileFields, type Profile, type ProfileField } from '../fields';

/** A saved value as a person reads it: translated choices, country names, dates in words. */
function displayValue(field: ProfileField, value: string, t: Translate, locale: Locale): string {
  switch (field) {
    case 'sex':
      return t(`profile.sex.${value}`);
    case 'permitCategory':
      return t(`profile.permit_categories.${value}`);
    case 'birthCountry':
    case 'nationality':
      return countryName(value, locale);
    case 'birthDate':
    case 'permitExpiresOn':
      return formatIsoDate(value, locale);
    default:
      return value;
  }
}

/** What is on record, field by field (only the fields given), and when it last changed. */
export function ProfileSummary(props: { profile: Profile; updatedAt: Date | null }) {
  const { t, locale } = usePage();
  const given = profileFields.filter((f) => props.profile[f] !== null);
  return (
    <section class="fr-mb-5w" aria-labelledby="summary-heading">
      <h2 id="summary-heading">{t('profile.summary_heading')}</h2>
      {given.length === 0 ? (
        <p>{t('profile.summary_empty')}</p>
      ) : (
        <dl id="profile-summary">
          {given.map((field) => (
            <>
              <dt class="fr-text--bold fr-mb-0">{t(`profile.fields.${field}`)}</dt>
              {/* dir=auto: a name in Arabic script reads right to left even on a French page. */}
              <dd class="fr-mb-2w fr-ml-0" dir="auto">
                {displayValue(field, props.profile[field]!, t, locale)}
              </dd>
            </>
          ))}
        </dl>
      )}
      {props.updatedAt && given.length > 0 && (
        <p class="fr-text--sm">
          {t('profile.last_updated', {
            date: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(props.updatedAt),
          })}
        </p>
      )}
    </section>
  );
}
