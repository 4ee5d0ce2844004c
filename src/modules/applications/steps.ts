import type { Procedure } from '../procedures/types';
import { commonFieldsFor } from './fields';

/**
 * The form of an application, one page per step. Which steps a procedure has follows from the
 * catalogue: no situation questions, no situation step; no current permit, no permit step; no
 * fee and no card to make, no fee step. The review page comes after the last one.
 */
export const stepIds = ['situation', 'identity', 'address', 'permit', 'documents', 'fee_photo'] as const;
export type StepId = (typeof stepIds)[number];

/** The steps whose fields are answers (the ones that can be corrected after filing). */
export const answerStepIds: readonly StepId[] = ['situation', 'identity', 'address', 'permit'];

/** URL segment of each step (URLs are French). */
export const stepSlugs: Record<StepId, string> = {
  situation: 'situation',
  identity: 'identite',
  address: 'adresse',
  permit: 'titre-actuel',
  documents: 'justificatifs',
  fee_photo: 'timbre-et-photo',
};

export function stepFromSlug(slug: string): StepId | undefined {
  return stepIds.find((s) => stepSlugs[s] === slug);
}

export function stepsFor(procedure: Procedure): StepId[] {
  const common = commonFieldsFor(procedure);
  return stepIds.filter((step) => {
    if (step === 'situation') return procedure.questions.length > 0;
    if (step === 'permit') return common.includes('permit_number');
    if (step === 'fee_photo') return stepFields(procedure, step).length > 0;
    return true;
  });
}

/** The fields a step asks, in the order of the page. */
export function stepFields(procedure: Procedure, step: StepId): string[] {
  switch (step) {
    case 'situation':
      return procedure.questions.map((q) => q.id);
    case 'identity':
      return ['surname', 'given_names', 'birth_date', 'nationality'];
    case 'address':
      return ['address_line', 'postcode', 'town'];
    case 'permit':
      return ['permit_number', 'permit_expires_on'];
    case 'documents':
      return [];
    case 'fee_photo':
      // The *timbre fiscal* pays the fee; the *e-photo* is asked when a card will be made.
      return [...(procedure.fee ? ['timbre'] : []), ...(procedure.needsPhoto ? ['ephoto'] : [])];
  }
}

/** The step where a field (or a filing problem such as `documents`) is dealt with. */
export function stepOfField(procedure: Procedure, field: string): StepId {
  if (field === 'documents') return 'documents';
  const steps = stepsFor(procedure);
  // A filing that names no field of a step (an unknown key) sends the person to the first step.
  return steps.find((s) => stepFields(procedure, s).includes(field)) ?? steps[0]!;
}

export const stepPath = (applicationId: string, step: StepId) => `/demarches/${applicationId}/etape/${stepSlugs[step]}`;

/** The page after a step: the next step, or the review. */
export function pathAfter(procedure: Procedure, applicationId: string, step: StepId): string {
  const steps = stepsFor(procedure);
  const next = steps[steps.indexOf(step) + 1];
  return next ? stepPath(applicationId, next) : `/demarches/${applicationId}/verification`;
}

/** The page before a step: the previous step, or the list of applications. */
export function pathBefore(procedure: Procedure, applicationId: string, step: StepId): string {
  const steps = stepsFor(procedure);
  const previous = steps[steps.indexOf(step) - 1];
  return previous ? stepPath(applicationId, previous) : '/demarches';
}
