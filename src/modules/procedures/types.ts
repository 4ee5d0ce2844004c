/**
 * A procedure (*démarche*) is data, not code: what it is for, who it fits, which documents it
 * needs (some only for some answers), what it costs, and how its prefecture is found.
 */
export const titleCategories = [
  'salarie',
  'travailleur_temporaire',
  'etudiant',
  'vie_privee_familiale',
  'visiteur',
  'passeport_talent',
  'carte_resident',
] as const;
export type TitleCategory = (typeof titleCategories)[number];

export const procedureKinds = ['first_application', 'renewal', 'vls_ts_validation', 'duplicate', 'change_of_situation'] as const;
export type ProcedureKind = (typeof procedureKinds)[number];

/** A question asked in the form; its answer may make documents required. */
export interface Question {
  id: string;
  type: 'yes_no' | 'choice' | 'text' | 'date';
  /** For `choice`: the allowed answers (their labels are translated). */
  options?: readonly string[];
  required: boolean;
}

/** A document required always, or only when an answer has a given value. */
export interface DocumentRequirement {
  id: DocumentKind;
  when?: { question: string; equals: string };
}

export type DocumentKind =
  | 'passport'
  | 'current_permit'
  | 'proof_of_address'
  | 'employment_contract'
  | 'payslips'
  | 'work_authorisation'
  | 'school_enrolment'
  | 'resources_proof'
  | 'health_insurance'
  | 'marriage_certificate'
  | 'children_birth_certificates'
  | 'family_link_proof'
  | 'vls_ts_visa'
  | 'entry_proof'
  | 'loss_or_theft_declaration'
  | 'damaged_card'
  | 'civil_status_document'
  | 'talent_proof'
  | 'mission_contract';

export interface Fee {
  /** Total in euro cents of the *timbre fiscal* (tax plus stamp duty). */
  amountCents: number;
  /** Added when a renewal is filed after the current title expired (CESEDA L.436-4). */
  lateFeeCents: number;
}

export interface Procedure {
  id: string;
  kind: ProcedureKind;
  /** The title it leads to; null for a change of situation. */
  category: TitleCategory | null;
  /** Whether the *e-photo* code and the *timbre fiscal* are asked. */
  needsPhoto: boolean;
  fee: Fee | null;
  questions: readonly Question[];
  documents: readonly DocumentRequirement[];
  /** How the competent prefecture is found: from the département of the applicant's address. */
  prefecture: 'from_address';
}
