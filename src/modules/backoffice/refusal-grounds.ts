/**
 * The grounds an officer may give for an unfavourable decision, each with the text it rests
 * on. A refusal must be reasoned in writing, in law and in fact (CRPA L.211-2: decisions that
 * refuse an authorisation; L.211-5: the legal and factual considerations are stated): the
 * letter prints the ground's legal basis, then the officer's own account of the facts.
 *
 * `legalReview: true` marks a reference we are not certain of (article number, or whether the
 * ground applies to every category as worded): **a legal expert must confirm these before a
 * deployment lets officers use them.** The others are stated as we are confident of them.
 */
export interface RefusalGround {
  id: string;
  /** The reference printed in the letter. */
  basis: string;
  legalReview: boolean;
}

export const refusalGrounds = [
  // L.432-1: a title may be refused, by a reasoned decision, to a person whose presence is a threat to public order.
  { id: 'public_order_threat', basis: 'CESEDA, art. L. 432-1', legalReview: false },
  // Code civil art. 47: a foreign civil-status document is trusted unless other documents or checks show it irregular, forged or untrue.
  { id: 'civil_status_not_authentic', basis: 'Code civil, art. 47', legalReview: false },
  // Fraud: an act obtained by fraud may be refused or withdrawn at any time (CRPA L.241-2 for withdrawal); the refusal-side wording to confirm.
  { id: 'fraud', basis: 'CRPA, art. L. 241-2 (fraude)', legalReview: true },
  // Salarié: the title needs an authorised job (CESEDA L.421-1, Code du travail L.5221-2).
  { id: 'no_work_authorisation', basis: 'CESEDA, art. L. 421-1 ; code du travail, art. L. 5221-2', legalReview: false },
  // Étudiant: the title needs real studies and sufficient means (L.422-1); "real and serious" is case law.
  { id: 'studies_not_real', basis: 'CESEDA, art. L. 422-1', legalReview: true },
  // Resources: visiteur (L.426-20) and étudiant (L.422-1) — article numbers to confirm.
  { id: 'insufficient_resources', basis: 'CESEDA, art. L. 426-20 et L. 422-1', legalReview: true },
  // Vie privée et familiale: personal and family ties in France not established (L.423-23).
  { id: 'family_ties_not_established', basis: 'CESEDA, art. L. 423-23', legalReview: true },
  // Polygamy bars the issue of a title (L.432-3) — to confirm.
  { id: 'polygamy', basis: 'CESEDA, art. L. 432-3', legalReview: true },
  // Anything else: the free text must then carry the whole legal and factual reasoning.
  { id: 'other', basis: '', legalReview: false },
] as const satisfies readonly RefusalGround[];

export type RefusalGroundId = (typeof refusalGrounds)[number]['id'];

export const isRefusalGround = (v: unknown): v is RefusalGroundId => typeof v === 'string' && refusalGrounds.some((g) => g.id === v);
export const groundById = (id: string): RefusalGround | undefined => refusalGrounds.find((g) => g.id === id);

/** Bounds of the officer's account of the facts (printed in the letter). */
export const DECISION_EXPLANATION_MIN = 30;
export const DECISION_EXPLANATION_MAX = 4000;
