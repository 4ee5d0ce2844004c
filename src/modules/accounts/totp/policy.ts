/**
 * Who must have a second factor. Prefecture and national agents reach other people's files,
 * so a stolen password alone must never open their account; for applicants it is a choice.
 * (`logIn` holds every agent's session until the factor is given, on the same rule.)
 */
export const secondFactorRequired = (role: string): boolean => role !== 'applicant';

/** Whoever must have a second factor may not turn it off. */
export const mayDisableSecondFactor = (role: string): boolean => !secondFactorRequired(role);
