import { ErrorSummary, PostForm, RadioGroup, SelectField, SubmitButton, TextField, type FieldErrors, type FormValues } from '../../../web/components/forms';
import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import { countryOptions } from '../countries';
import { dateFields, dateParts, permitCategories, profileFields, sexes, type Profile } from '../fields';
import { ADDRESS_LINE_MAX, NAME_MAX, PLACE_MAX, TOWN_MAX } from '../schemas';
import { DateField } from '../../../web/components/date-field';
import { ProfileSummary } from './profile-summary';

export type SaveOutcome = 'saved' | 'unchanged';

export interface ProfilePageProps {
  /** What is on record, for the summary. */
  profile: Profile;
  updatedAt: Date | null;
  /** What the form shows: the record, or what was just typed when it was refused. */
  values: FormValues;
  errors?: FieldErrors;
  outcome?: SaveOutcome | undefined;
}

/** "My identity": what is on record, then the form to change it, section by section as in the passport. */
export function ProfilePage(props: ProfilePageProps) {
  const { t, locale } = usePage();
  const errors = props.errors ?? {};
  const hasErrors = Object.keys(errors).length > 0;
  const label = (field: string) => t(`profile.fields.${field}`);
  const labels: Record<string, string> = Object.fromEntries(profileFields.map((f) => [f, label(f)]));
  for (const f of dateFields) for (const part of dateParts) labels[`${f}-${part}`] = `${label(f)} (${t(`forms.date_${part}`).toLowerCase()})`;
  const common = { values: props.values, errors, required: false } as const;
  const countries = countryOptions(locale);

  return (
    <Layout title={t('profile.title')} hasErrors={hasErrors}>
      <h1>{t('profile.title')}</h1>
      <p class="fr-text--lead">{t('profile.lead')}</p>
      {props.outcome && (
        <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
          <p>{t(props.outcome === 'saved' ? 'profile.saved' : 'profile.saved_unchanged')}</p>
        </div>
      )}
      <p>
        {`${t('profile.history_notice')} `}
        <a href="/compte/historique">{t('profile.history_link')}</a>
      </p>

      <ProfileSummary profile={props.profile} updatedAt={props.updatedAt} />

      <section aria-labelledby="edit-heading">
        <h2 id="edit-heading">{t('profile.edit_heading')}</h2>
        <ErrorSummary errors={errors} labels={labels} />
        <PostForm action="/compte/profil">
          <h3 class="fr-h5">{t('profile.section_names')}</h3>
          <p class="fr-text--sm">{t('profile.section_names_lead')}</p>
          <TextField name="surname" label={label('surname')} hint={t('profile.hints.surname')} autocomplete="family-name" maxLength={NAME_MAX} spellcheck={false} {...common} />
          <TextField name="surnameLatin" label={label('surnameLatin')} hint={t('profile.hints.latin')} autocomplete="off" maxLength={NAME_MAX} spellcheck={false} {...common} />
          <TextField name="givenNames" label={label('givenNames')} hint={t('profile.hints.givenNames')} autocomplete="given-name" maxLength={NAME_MAX} spellcheck={false} {...common} />
          <TextField name="givenNamesLatin" label={label('givenNamesLatin')} hint={t('profile.hints.latin')} autocomplete="off" maxLength={NAME_MAX} spellcheck={false} {...common} />
          <RadioGroup name="sex" legend={label('sex')} options={sexes.map((s) => ({ value: s, label: t(`profile.sex.${s}`) }))} {...common} />

          <h3 class="fr-h5 fr-mt-5w">{t('profile.section_birth')}</h3>
          <DateField name="birthDate" legend={label('birthDate')} hint={t('profile.hints.birthDate')} values={props.values} errors={errors} autocomplete="bday" optional />
          <TextField name="birthPlace" label={label('birthPlace')} hint={t('profile.hints.birthPlace')} maxLength={PLACE_MAX} {...common} />
          <SelectField name="birthCountry" label={label('birthCountry')} options={countries} {...common} />
          <SelectField name="nationality" label={label('nationality')} options={countries} {...common} />

          <h3 class="fr-h5 fr-mt-5w">{t('profile.section_permit')}</h3>
          <TextField name="foreignerNumber" label={label('foreignerNumber')} hint={t('profile.hints.foreignerNumber')} inputMode="numeric" autocomplete="off" spellcheck={false} {...common} />
          <SelectField name="permitCategory" label={label('permitCategory')} options={permitCategories.map((c) => ({ value: c, label: t(`profile.permit_categories.${c}`) }))} {...common} />
          <TextField name="permitNumber" label={label('permitNumber')} hint={t('profile.hints.permitNumber')} autocomplete="off" spellcheck={false} {...common} />
          <DateField name="permitExpiresOn" legend={label('permitExpiresOn')} hint={t('profile.hints.permitExpiresOn')} values={props.values} errors={errors} optional />

          <h3 class="fr-h5 fr-mt-5w">{t('profile.section_address')}</h3>
          <TextField name="addressLine" label={label('addressLine')} hint={t('profile.hints.addressLine')} autocomplete="address-line1" maxLength={ADDRESS_LINE_MAX} {...common} />
          <TextField name="postcode" label={label('postcode')} hint={t('profile.hints.postcode')} inputMode="numeric" autocomplete="postal-code" {...common} />
          <TextField name="town" label={label('town')} autocomplete="address-level2" maxLength={TOWN_MAX} {...common} />

          <SubmitButton label={t('profile.submit')} />
        </PostForm>
      </section>
    </Layout>
  );
}
