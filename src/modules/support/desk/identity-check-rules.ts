import { z } from 'zod';
import type { IdentityAnswer } from '../../../db/schema/support';
import { reasonField } from '../schemas';

/**
 * How a support agent checks that the person on the other end owns the account, as rules: the
 * agent types the answers the person gives, Sésame compares them with the account, and the
 * agent never needs to see the recorded values (they are not shown on the desk).
 */
export const identityQuestions = ['birth_date', 'foreigner_number', 'file_reference', 'postcode', 'permit_number'] as const;
export type IdentityQuestion = (typeof identityQuestions)[number];

/** Documents an agent may have seen (a copy attached to the request, or on a video call). */
export const identityDocumentKinds = ['passport', 'residence_permit', 'identity_card'] as const;

/** Answers that must match; none may be wrong. Two independent facts, as a bank's call centre asks. */
export const MIN_MATCHING_ANSWERS = 2;
/** An account action must follow the check closely: the check vouches for the person now on the line. */
export const IDENTITY_CHECK_VALID_MS = 2 * 3_600_000;
/** After this many checks on one request, no more: guessing answers one call at a time is not a way in. */
export const MAX_CHECKS_PER_TICKET = 3;

/** What the account holds, to compare with. */
export interface AccountFacts {
  birthDate: string | null;
  foreignerNumber: string | null;
  /** Every file number of the person (they may remember any one). */
  fileReferences: string[];
  postcode: string | null;
  permitNumber: string | null;
}

const compact = (v: string) => v.toUpperCase().replace(/[\s.\-/]/g, '');

/** A date of birth as said on the phone: `12/04/1990`, `12.04.1990` or `1990-04-12`. */
export function readBirthDate(given: string): string | null {
  const s = given.trim();
  const fr = /^(\d{1,2})[/.\s-](\d{1,2})[/.\s-](\d{4})$/.exec(s);
  if (fr) return `${fr[3]}-${fr[2]!.padStart(2, '0')}-${fr[1]!.padStart(2, '0')}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : null;
}

function compare(question: IdentityQuestion, given: string, facts: AccountFacts): IdentityAnswer['result'] {
  switch (question) {
    case 'birth_date':
      if (!facts.birthDate) return 'no_record';
      return readBirthDate(given) === facts.birthDate ? 'match' : 'mismatch';
    case 'foreigner_number':
      if (!facts.foreignerNumber) return 'no_record';
      return compact(given) === compact(facts.foreignerNumber) ? 'match' : 'mismatch';
    case 'file_reference':
      if (facts.fileReferences.length === 0) return 'no_record';
      return facts.fileReferences.some((r) => compact(r) === compact(given)) ? 'match' : 'mismatch';
    case 'postcode':
      if (!facts.postcode) return 'no_record';
      return compact(given) === compact(facts.postcode) ? 'match' : 'mismatch';
    case 'permit_number':
      if (!facts.permitNumber) return 'no_record';
      return compact(given) === compact(facts.permitNumber) ? 'match' : 'mismatch';
  }
}

/** Compares each answer given; questions left blank were not asked and are not recorded. */
export function compareAnswers(given: Partial<Record<IdentityQuestion, string>>, facts: AccountFacts): IdentityAnswer[] {
  return identityQuestions.filter((q) => given[q]?.trim()).map((q) => ({ question: q, result: compare(q, given[q]!, facts) }));
}

/** Passed: enough answers match, none is wrong, and an identity document was seen. */
export function identityOutcome(answers: IdentityAnswer[], documentKind: string | null): 'passed' | 'failed' {
  const matches = answers.filter((a) => a.result === 'match').length;
  const wrong = answers.some((a) => a.result === 'mismatch');
  return matches >= MIN_MATCHING_ANSWERS && !wrong && documentKind !== null ? 'passed' : 'failed';
}

const answer = z.string().trim().max(40).optional();

export const identityCheckForm = z
  .object({
    birth_date: answer,
    foreigner_number: answer,
    file_reference: answer,
    postcode: answer,
    permit_number: answer,
    documentKind: z.enum([...identityDocumentKinds, 'none'], { error: 'support.errors.document_kind_required' }),
    documentAttachmentId: z.string().max(64).optional(),
    identityReason: reasonField,
  })
  .refine((f) => identityQuestions.some((q) => f[q]), { error: 'support.errors.no_question_asked', path: ['birth_date'] });
