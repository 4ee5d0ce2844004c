import type { FormValues } from '../../web/components/forms';
import { formValues } from '../../platform/http/forms';
import type { Procedure } from '../procedures/types';
import { dateAnswerFromParts, datePartsOfAnswer } from './date-answers';
import { isDateField } from './fields';
import type { Application } from './policy';
import { stepFields, type StepId } from './steps';

/**
 * What a step's form posted, as answers: only the step's own fields, each date's three boxes
 * made one answer. A field the browser did not send (an unticked radio group) is left out, so
 * saving it keeps whatever was there.
 */
export function answersFromStepForm(procedure: Procedure, step: StepId, body: unknown): Record<string, string> {
  const posted = formValues(body);
  const answers: Record<string, string> = {};
  for (const field of stepFields(procedure, step)) {
    if (isDateField(procedure, field)) {
      const parts = { day: posted[`${field}-day`], month: posted[`${field}-month`], year: posted[`${field}-year`] };
      if (parts.day === undefined && parts.month === undefined && parts.year === undefined) continue;
      answers[field] = dateAnswerFromParts({ day: parts.day ?? '', month: parts.month ?? '', year: parts.year ?? '' });
    } else if (posted[field] !== undefined) {
      answers[field] = posted[field];
    }
  }
  return answers;
}

/** A step's form filled with what is saved: each date split back into its boxes. */
export function stepFormValues(procedure: Procedure, step: StepId, app: Application): FormValues {
  if (step === 'fee_photo') return { timbre: app.timbreReference ?? '', ephoto: app.ephotoCode ?? '' };
  const values: FormValues = {};
  for (const field of stepFields(procedure, step)) {
    const value = app.answers[field];
    if (isDateField(procedure, field)) {
      const parts = datePartsOfAnswer(value);
      values[`${field}-day`] = parts.day;
      values[`${field}-month`] = parts.month;
      values[`${field}-year`] = parts.year;
    } else if (value !== undefined) {
      values[field] = value;
    }
  }
  return values;
}
