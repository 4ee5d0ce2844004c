import { RadioGroup, SelectField, TextField, type FieldErrors, type FormValues } from '../../../web/components/forms';
import { usePage } from '../../../web/page-context';
import type { Procedure, Question } from '../../procedures/types';
import { countryOptions } from '../../profile/countries';
import type { StepId } from '../steps';
import { DateField } from '../../../web/components/date-field';

interface FieldsProps {
  procedure: Procedure;
  values: FormValues;
  errors: FieldErrors;
}

function QuestionField(props: FieldsProps & { question: Question }) {
  const { t } = usePage();
  const { question: q, values, errors } = props;
  const legend = t(`procedures.questions.${q.id}.label`);
  const required = q.required ? undefined : false;
  switch (q.type) {
    case 'yes_no':
      return (
        <RadioGroup
          name={q.id}
          legend={legend}
          values={values}
          errors={errors}
          required={required}
          options={[
            { value: 'yes', label: t('applications.yes') },
            { value: 'no', label: t('applications.no') },
          ]}
        />
      );
    case 'choice':
      return <RadioGroup name={q.id} legend={legend} values={values} errors={errors} required={required} options={(q.options ?? []).map((o) => ({ value: o, label: t(`procedures.options.${q.id}.${o}`) }))} />;
    case 'date':
      return <DateField name={q.id} legend={legend} hint={t('applications.hints.date')} values={values} errors={errors} />;
    case 'text':
      return <TextField name={q.id} label={legend} values={values} errors={errors} maxLength={500} required={required} />;
  }
}

/** The inputs of one step of the form, filled with `values` (what is saved, or what was just typed). */
export function AnswerFields(props: FieldsProps & { step: StepId; declaresMove?: boolean }) {
  const { t, locale } = usePage();
  const { values, errors } = props;
  const hint = (field: string) => t(`applications.hints.${field}`);
  switch (props.step) {
    case 'situation':
      return (
        <>
          {props.procedure.questions.map((q) => (
            <QuestionField {...props} question={q} />
          ))}
        </>
      );
    case 'identity':
      return (
        <>
          <TextField name="surname" label={t('applications.fields.surname')} hint={hint('surname')} values={values} errors={errors} autocomplete="family-name" maxLength={100} spellcheck={false} />
          <TextField name="given_names" label={t('applications.fields.given_names')} hint={hint('given_names')} values={values} errors={errors} autocomplete="given-name" maxLength={100} spellcheck={false} />
          <DateField name="birth_date" legend={t('applications.fields.birth_date')} hint={hint('birth_date')} values={values} errors={errors} autocomplete="bday" />
          <SelectField name="nationality" label={t('applications.fields.nationality')} options={countryOptions(locale)} values={values} errors={errors} />
        </>
      );
    case 'address':
      return (
        <>
          <TextField
            name="address_line"
            label={t(props.declaresMove ? 'applications.fields.new_address_line' : 'applications.fields.address_line')}
            hint={hint('address_line')}
            values={values}
            errors={errors}
            autocomplete="street-address"
            maxLength={120}
          />
          <TextField name="postcode" label={t('applications.fields.postcode')} hint={hint('postcode')} values={values} errors={errors} autocomplete="postal-code" inputMode="numeric" maxLength={10} />
          <TextField name="town" label={t('applications.fields.town')} values={values} errors={errors} autocomplete="address-level2" maxLength={60} />
        </>
      );
    case 'permit':
      return (
        <>
          <TextField name="permit_number" label={t('applications.fields.permit_number')} hint={hint('permit_number')} values={values} errors={errors} maxLength={30} spellcheck={false} />
          <DateField name="permit_expires_on" legend={t('applications.fields.permit_expires_on')} hint={hint('permit_expires_on')} values={values} errors={errors} />
        </>
      );
    case 'fee_photo':
      return (
        <>
          <TextField name="timbre" label={t('applications.fields.timbre')} hint={hint('timbre')} values={values} errors={errors} inputMode="numeric" maxLength={40} spellcheck={false} />
          <TextField name="ephoto" label={t('applications.fields.ephoto')} hint={hint('ephoto')} values={values} errors={errors} maxLength={40} spellcheck={false} />
        </>
      );
    case 'documents':
      return null;
  }
}
