import { identityDocumentKinds } from '../../../db/schema';
import { DateField } from '../../../web/components/date-field';
import { ErrorSummary, PostForm, RadioGroup, SelectField, SubmitButton, TextField, type FieldErrors, type FormValues } from '../../../web/components/forms';
import { Layout } from '../../../web/layout';
import { usePage } from '../../../web/page-context';
import { countryOptions } from '../../profile/countries';
import { dateFields, dateParts, permitCategories, profileFields, sexes } from '../../profile/fields';
import { ADDRESS_LINE_MAX, NAME_MAX, PLACE_MAX, TOWN_MAX } from '../../profile/schemas';
import { CounterStepper } from './counter-steps';

/**
 * The first step at the desk: the identity document checked (kind, number), the person's
 * details typed from it, and the language of their receipt and messages.
 */
export function IdentityPage(props: { values?: FormValues | undefined; errors?: FieldErrors | undefined }) {
  const { t, locale } = usePage();
  const errors = props.errors ?? {};
  const label = (field: string) => t(`profile.fields.${field}`);
  const labels: Record<string, string> = {
    idDocumentKind: t('counter.identity.document_kind'),
    idDocumentNumber: t('counter.identity.document_number'),
    locale: t('counter.identity.locale'),
    ...Object.fromEntries(profileFields.map((f) => [f, label(f)])),
  };
  for (const f of dateFields) for (const part of dateParts) labels[`${f}-${part}`] = `${label(f)} (${t(`forms.date_${part}`).toLowerCase()})`;
  const values = props.values ?? { locale: 'fr' };
  const common = { values, errors } as const;
  const optional = { ...common, required: false } as const;
  const countries = countryOptions(locale);
  return (
    <Layout title={t('counter.identity.title')} hasErrors={Object.keys(errors).length > 0}>
      <h1>{t('counter.identity.title')}</h1>
      <CounterStepper step="identity" />
      <ErrorSummary errors={errors} labels={labels} />
      <PostForm action="/bureau/guichet/nouveau">
        <h2 class="fr-h5">{t('counter.identity.document_heading')}</h2>
        <p>{t('counter.identity.document_lead')}</p>
        <RadioGroup name="idDocumentKind" legend={labels.idDocumentKind!} options={identityDocumentKinds.map((k) => ({ value: k, label: t(`counter.id_documents.${k}`) }))} {...common} />
        <TextField name="idDocumentNumber" label={labels.idDocumentNumber!} hint={t('counter.identity.document_number_hint')} maxLength={40} spellcheck={false} autocomplete="off" {...common} />

        <h2 class="fr-h5 fr-mt-5w">{t('profile.section_names')}</h2>
        <TextField name="surname" label={label('surname')} hint={t('profile.hints.surname')} maxLength={NAME_MAX} spellcheck={false} autocomplete="off" {...common} />
        <TextField name="surnameLatin" label={label('surnameLatin')} hint={t('profile.hints.latin')} maxLength={NAME_MAX} spellcheck={false} autocomplete="off" {...optional} />
        <TextField name="givenNames" label={label('givenNames')} hint={t('profile.hints.givenNames')} maxLength={NAME_MAX} spellcheck={false} autocomplete="off" {...common} />
        <TextField name="givenNamesLatin" label={label('givenNamesLatin')} hint={t('profile.hints.latin')} maxLength={NAME_MAX} spellcheck={false} autocomplete="off" {...optional} />
        <RadioGroup name="sex" legend={label('sex')} options={sexes.map((s) => ({ value: s, label: t(`profile.sex.${s}`) }))} {...optional} />

        <h2 class="fr-h5 fr-mt-5w">{t('profile.section_birth')}</h2>
        <DateField name="birthDate" legend={label('birthDate')} hint={t('counter.identity.birth_date_hint')} values={values} errors={errors} />
        <TextField name="birthPlace" label={label('birthPlace')} maxLength={PLACE_MAX} {...optional} />
        <SelectField name="birthCountry" label={label('birthCountry')} options={countries} {...optional} />
        <SelectField name="nationality" label={label('nationality')} options={countries} {...common} />

        <h2 class="fr-h5 fr-mt-5w">{t('profile.section_permit')}</h2>
        <TextField name="foreignerNumber" label={label('foreignerNumber')} hint={t('profile.hints.foreignerNumber')} inputMode="numeric" autocomplete="off" spellcheck={false} {...optional} />
        <SelectField name="permitCategory" label={label('permitCategory')} options={permitCategories.map((c) => ({ value: c, label: t(`profile.permit_categories.${c}`) }))} {...optional} />
        <TextField name="permitNumber" label={label('permitNumber')} autocomplete="off" spellcheck={false} {...optional} />
        <DateField name="permitExpiresOn" legend={label('permitExpiresOn')} hint={t('profile.hints.permitExpiresOn')} values={values} errors={errors} optional />

        <h2 class="fr-h5 fr-mt-5w">{t('profile.section_address')}</h2>
        <p>{t('counter.identity.address_lead')}</p>
        <TextField name="addressLine" label={label('addressLine')} maxLength={ADDRESS_LINE_MAX} autocomplete="off" {...common} />
        <TextField name="postcode" label={label('postcode')} inputMode="numeric" autocomplete="off" {...common} />
        <TextField name="town" label={label('town')} maxLength={TOWN_MAX} autocomplete="off" {...common} />

        <h2 class="fr-h5 fr-mt-5w">{t('counter.identity.contact_heading')}</h2>
        <p>{t('counter.identity.contact_lead')}</p>
        <RadioGroup
          name="locale"
          legend={labels.locale!}
          options={[
            { value: 'fr', label: 'Français' },
            { value: 'en', label: 'English' },
          ]}
          {...common}
        />
        <SubmitButton label={t('counter.identity.submit')} />
      </PostForm>
    </Layout>
  );
}
