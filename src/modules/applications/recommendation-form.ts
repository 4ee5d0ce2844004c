import type { FieldErrors, FormValues } from '../../web/components/forms';
import type { CalendarDate } from '../../platform/legal-dates';
import { formValues } from '../../platform/http/forms';
import { titleCategories, type TitleCategory } from '../procedures/types';
import type { Profile } from '../profile/fields';
import { dateAnswerFromParts, dateAnswerProblem, implausibleDate } from './date-answers';
import { cardProblems, firstCategories, situationChanges, type FirstCategory, type RecommendationAnswers } from './recommend-procedure';

export const holderStatuses = ['permit', 'vls_ts', 'none'] as const;
export type HolderStatus = (typeof holderStatuses)[number];

/** The questions of the second page for each answer to the first, in the order of the page. */
export const detailQuestions: Record<HolderStatus, string[]> = {
  permit: ['category', 'expires_on', 'card_problem', 'change'],
  vls_ts: ['validated', 'wanted_category'],
  none: ['wanted_category'],
};

const oneOf = <T extends string>(options: readonly T[], value: string | undefined): value is T => value !== undefined && (options as readonly string[]).includes(value);

export type ParsedStatus = { ok: true; status: HolderStatus; values: FormValues } | { ok: false; errors: FieldErrors; values: FormValues };

/** The first question: which papers the person holds. */
export function parseHolderStatus(query: unknown): ParsedStatus {
  const values = formValues(query);
  if (oneOf(holderStatuses, values.status)) return { ok: true, status: values.status, values };
  return { ok: false, errors: { status: { key: 'validation.choose_option' } }, values };
}

export type ParsedDetails = { ok: true; answers: RecommendationAnswers; values: FormValues } | { ok: false; errors: FieldErrors; values: FormValues };

/**
 * The second page's answers, checked as a whole: only the questions of the chosen branch are
 * required, and a VLS-TS already validated also needs the card wanted next.
 */
export function parseRecommendationDetails(status: HolderStatus, query: unknown, today: CalendarDate): ParsedDetails {
  const values = formValues(query);
  const errors: FieldErrors = {};
  const choose = { key: 'validation.choose_option' };
  if (status === 'permit') {
    const category = values.category;
    if (!oneOf(titleCategories, category)) errors.category = choose;
    const expiresOn = dateAnswerFromParts({ day: values['expires_on-day'] ?? '', month: values['expires_on-month'] ?? '', year: values['expires_on-year'] ?? '' });
    const dateProblem = dateAnswerProblem(expiresOn) ?? implausibleDate(expiresOn, 'permit_expiry', today);
    if (dateProblem) errors.expires_on = { key: dateProblem };
    if (!oneOf(cardProblems, values.card_problem)) errors.card_problem = choose;
    if (!oneOf(situationChanges, values.change)) errors.change = choose;
    if (Object.keys(errors).length > 0) return { ok: false, errors, values };
    return {
      ok: true,
      values,
      answers: {
        status,
        category: category as TitleCategory,
        expiresOn,
        cardProblem: values.card_problem as (typeof cardProblems)[number],
        change: values.change as (typeof situationChanges)[number],
      },
    };
  }
  const validated = values.validated;
  if (status === 'vls_ts' && !oneOf(['yes', 'no'], validated)) errors.validated = choose;
  const needsCategory = status === 'none' || validated === 'yes';
  if (needsCategory && !oneOf(firstCategories, values.wanted_category)) errors.wanted_category = choose;
  if (Object.keys(errors).length > 0) return { ok: false, errors, values };
  const wantedCategory = values.wanted_category as FirstCategory;
  if (status === 'none') return { ok: true, values, answers: { status, wantedCategory } };
  return { ok: true, values, answers: validated === 'yes' ? { status, validated: true, wantedCategory } : { status, validated: false } };
}

/** The profile's permit categories, in the catalogue's words. */
const categoryOfProfile: Record<string, TitleCategory> = {
  employee: 'salarie',
  temporary_worker: 'travailleur_temporaire',
  student: 'etudiant',
  private_and_family_life: 'vie_privee_familiale',
  visitor: 'visiteur',
  talent_passport: 'passeport_talent',
  resident_card: 'carte_resident',
};

/** What the profile already says, so the person only checks it. */
export function recommendationValuesFromProfile(profile: Profile): FormValues {
  const values: FormValues = {};
  if (profile.permitCategory === 'long_stay_visa') values.status = 'vls_ts';
  const category = profile.permitCategory ? categoryOfProfile[profile.permitCategory] : undefined;
  if (category) {
    values.status = 'permit';
    values.category = category;
  }
  const expiry = /^(\d{4})-(\d{2})-(\d{2})$/.exec(profile.permitExpiresOn ?? '');
  if (expiry) {
    values['expires_on-day'] = expiry[3]!;
    values['expires_on-month'] = expiry[2]!;
    values['expires_on-year'] = expiry[1]!;
  }
  return values;
}
