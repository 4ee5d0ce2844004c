import type { CalendarDate } from '../../platform/legal-dates';
import type { TitleCategory } from '../procedures/types';
import { renewalTiming, renewalWindow } from './renewal-window';

/** Categories of a first *carte de séjour* (there is no first *carte de résident* here). */
export const firstCategories = ['salarie', 'travailleur_temporaire', 'etudiant', 'vie_privee_familiale', 'visiteur', 'passeport_talent'] as const;
export type FirstCategory = (typeof firstCategories)[number];

export const cardProblems = ['none', 'lost', 'stolen', 'damaged'] as const;
export const situationChanges = ['none', 'address', 'civil_status', 'family_situation'] as const;

/**
 * The answers to "what should I file?", already checked for consistency
 * (`recommendation-form.ts`): each branch carries only what it needs.
 */
export type RecommendationAnswers =
  /** Holds a French residence card. */
  | {
      status: 'permit';
      category: TitleCategory;
      expiresOn: CalendarDate;
      cardProblem: (typeof cardProblems)[number];
      change: (typeof situationChanges)[number];
    }
  /** Arrived with a long-stay visa that serves as a first permit (*VLS-TS*). */
  | { status: 'vls_ts'; validated: false }
  | { status: 'vls_ts'; validated: true; wantedCategory: FirstCategory }
  /** Neither: a first application. */
  | { status: 'none'; wantedCategory: FirstCategory };

/** One sentence of the explanation: a message key and the calendar dates it mentions. */
export interface Reason {
  key: string;
  dates?: Record<string, CalendarDate>;
}

export interface Recommendation {
  procedureId: string;
  /** Why this procedure, in the order to read. */
  reasons: Reason[];
  /** Situation answers the draft can start with (e.g. why a duplicate is needed). */
  situation: Record<string, string>;
}

/** Why a renewal now, or when, from the renewal window (CESEDA R.431-5). */
function renewalReason(expiresOn: CalendarDate, today: CalendarDate): Reason {
  const timing = renewalTiming(expiresOn, today);
  const w = renewalWindow(expiresOn);
  switch (timing.phase) {
    case 'too_early':
      return { key: 'applications.recommend.renewal_too_early', dates: { opensOn: w.opensOn, closesOn: w.closesOn } };
    case 'open':
      return { key: 'applications.recommend.renewal_open', dates: { closesOn: w.closesOn } };
    case 'late':
      return { key: 'applications.recommend.renewal_late', dates: { closesOn: w.closesOn, expiresOn } };
    case 'expired':
      return { key: 'applications.recommend.renewal_expired', dates: { expiresOn } };
  }
}

/**
 * The procedure that fits a person's situation, and why, in plain words. Pure: the same answers
 * on the same day always give the same advice.
 *
 * Order of precedence for a card holder: once the renewal window is open, the renewal comes
 * first, because the new card replaces a lost card and carries a new address; before it, a lost,
 * stolen or damaged card is replaced by a duplicate, and a move or a change of civil or family
 * status is declared on its own (a move within 3 months, CESEDA R.431-23).
 */
export function recommendProcedure(answers: RecommendationAnswers, today: CalendarDate): Recommendation {
  if (answers.status === 'none') {
    return { procedureId: `first_${answers.wantedCategory}`, reasons: [{ key: 'applications.recommend.first_application' }], situation: {} };
  }
  if (answers.status === 'vls_ts') {
    if (!answers.validated) return { procedureId: 'vls_ts_validation', reasons: [{ key: 'applications.recommend.vls_ts_validation' }], situation: {} };
    return { procedureId: `first_${answers.wantedCategory}`, reasons: [{ key: 'applications.recommend.after_vls_ts' }], situation: {} };
  }

  const renewal = `renewal_${answers.category}`;
  const windowOpen = renewalTiming(answers.expiresOn, today).phase !== 'too_early';
  const timing = renewalReason(answers.expiresOn, today);
  if (answers.cardProblem !== 'none') {
    if (windowOpen) return { procedureId: renewal, reasons: [{ key: `applications.recommend.renew_instead_of_duplicate_${answers.cardProblem}` }, timing], situation: {} };
    return {
      procedureId: 'duplicate',
      reasons: [{ key: `applications.recommend.duplicate_${answers.cardProblem}` }],
      situation: { duplicate_reason: answers.cardProblem },
    };
  }
  if (answers.change !== 'none') {
    if (windowOpen) return { procedureId: renewal, reasons: [{ key: `applications.recommend.renew_with_change_${answers.change}` }, timing], situation: {} };
    return {
      procedureId: 'change_of_situation',
      reasons: [{ key: `applications.recommend.declare_${answers.change}` }],
      situation: { change_kind: answers.change },
    };
  }
  return { procedureId: renewal, reasons: [timing], situation: {} };
}
