import type { Db } from '../../db/client';
import type { CalendarDate } from '../../platform/legal-dates';
import { parseForm } from '../../platform/http/forms';
import type { FieldErrors } from '../../web/components/forms';
import type { Procedure } from '../procedures/types';
import { feeAndPhotoErrors, type FeeAndPhotoCheck } from './fee-and-photo-check';
import { fieldSchemas, fieldsSchema } from './fields';
import { missingAmong, missingDocuments } from './file-application';
import type { Application } from './policy';
import { stepFields, stepsFor, type StepId } from './steps';

/** What is wrong with the saved answers of one answer step (situation, identity, address, permit). */
export function answerStepErrors(procedure: Procedure, step: StepId, answers: Record<string, string>, today: CalendarDate): FieldErrors {
  const schemas = fieldSchemas(procedure, today);
  const fields = stepFields(procedure, step).filter((f) => schemas[f]);
  const schema = fieldsSchema(procedure, fields, today);
  const input = Object.fromEntries(fields.filter((f) => answers[f] !== undefined).map((f) => [f, answers[f]]));
  const parsed = parseForm(schema, input);
  if (parsed.ok) return {};
  // In the order of the page, whichever check found each problem.
  return Object.fromEntries(fields.filter((f) => parsed.errors[f]).map((f) => [f, parsed.errors[f]!]));
}

/** What is wrong with the saved *timbre fiscal* and *e-photo* code, for the ones the procedure asks. */
export async function feePhotoStepErrors(check: FeeAndPhotoCheck, app: Application, procedure: Procedure): Promise<FieldErrors> {
  const asked = stepFields(procedure, 'fee_photo');
  const errors = await feeAndPhotoErrors(check, { timbre: app.timbreReference ?? '', ephoto: app.ephotoCode ?? '' }, { timbre: asked.includes('timbre'), ephoto: asked.includes('ephoto') });
  return Object.fromEntries(Object.entries(errors).map(([f, key]) => [f, { key }]));
}

export interface StepProblems {
  step: StepId;
  errors: FieldErrors;
  /** For the documents step: the kinds still missing. */
  missing?: string[];
}

/**
 * Everything that stands between a draft and its filing, step by step in the order of the form:
 * what the review page lists, and where a refused filing sends the person. `presentKinds`: the
 * kinds of the documents attached now, when the caller read them with the application (else read here).
 */
export async function draftProblems(
  db: Db,
  check: FeeAndPhotoCheck,
  app: Application,
  procedure: Procedure,
  today: CalendarDate,
  presentKinds?: readonly string[],
): Promise<StepProblems[]> {
  const problems: StepProblems[] = [];
  for (const step of stepsFor(procedure)) {
    if (step === 'documents') {
      const missing = presentKinds ? missingAmong(procedure, app, presentKinds) : await missingDocuments(db, app, procedure);
      if (missing.length > 0) problems.push({ step, errors: { documents: { key: 'applications.missing_documents' } }, missing });
    } else if (step === 'fee_photo') {
      const errors = await feePhotoStepErrors(check, app, procedure);
      if (Object.keys(errors).length > 0) problems.push({ step, errors });
    } else {
      const errors = answerStepErrors(procedure, step, app.answers, today);
      if (Object.keys(errors).length > 0) problems.push({ step, errors });
    }
  }
  return problems;
}
