import type { DocumentRequirement, Fee, Procedure, Question, TitleCategory } from './types';

/*
 * The catalogue of procedures. Amounts are the 2025 ones: €200 tax + €25 stamp duty for most
 * cards, €50 + €25 for students (CESEDA L.436-1 and D.436-1), a €180 late fee
 * (L.436-4), €25 for a duplicate of a card (L.436-3). Check them each finance law.
 */
const standardFee: Fee = { amountCents: 22_500, lateFeeCents: 18_000 };
const studentFee: Fee = { amountCents: 7_500, lateFeeCents: 18_000 };

const common: DocumentRequirement[] = [{ id: 'passport' }, { id: 'proof_of_address' }];
const renewalCommon: DocumentRequirement[] = [...common, { id: 'current_permit' }];

const familyQuestions: Question[] = [
  { id: 'family_ground', type: 'choice', options: ['spouse_of_french', 'parent_of_french_child', 'family_reunification', 'personal_ties'], required: true },
  { id: 'has_children_in_france', type: 'yes_no', required: true },
];
const familyDocs: DocumentRequirement[] = [
  { id: 'marriage_certificate', when: { question: 'family_ground', equals: 'spouse_of_french' } },
  { id: 'family_link_proof', when: { question: 'family_ground', equals: 'parent_of_french_child' } },
  { id: 'family_link_proof', when: { question: 'family_ground', equals: 'family_reunification' } },
  { id: 'children_birth_certificates', when: { question: 'has_children_in_france', equals: 'yes' } },
];

const byCategory: Record<TitleCategory, { questions: Question[]; documents: DocumentRequirement[]; fee: Fee }> = {
  salarie: {
    questions: [{ id: 'same_employer', type: 'yes_no', required: true }],
    documents: [{ id: 'employment_contract' }, { id: 'payslips' }, { id: 'work_authorisation', when: { question: 'same_employer', equals: 'no' } }],
    fee: standardFee,
  },
  travailleur_temporaire: {
    questions: [{ id: 'same_employer', type: 'yes_no', required: true }],
    documents: [{ id: 'mission_contract' }, { id: 'payslips' }, { id: 'work_authorisation' }],
    fee: standardFee,
  },
  etudiant: {
    questions: [{ id: 'works_part_time', type: 'yes_no', required: true }],
    documents: [{ id: 'school_enrolment' }, { id: 'resources_proof' }, { id: 'health_insurance' }],
    fee: studentFee,
  },
  vie_privee_familiale: { questions: familyQuestions, documents: familyDocs, fee: standardFee },
  visiteur: {
    questions: [],
    documents: [{ id: 'resources_proof' }, { id: 'health_insurance' }],
    fee: standardFee,
  },
  passeport_talent: {
    questions: [{ id: 'talent_ground', type: 'choice', options: ['qualified_employee', 'researcher', 'company_founder', 'artist', 'eu_blue_card'], required: true }],
    documents: [{ id: 'talent_proof' }, { id: 'employment_contract', when: { question: 'talent_ground', equals: 'qualified_employee' } }],
    fee: standardFee,
  },
  carte_resident: {
    questions: [],
    documents: [{ id: 'resources_proof' }],
    fee: standardFee,
  },
};

const firstApplicationCategories: TitleCategory[] = ['salarie', 'travailleur_temporaire', 'etudiant', 'vie_privee_familiale', 'visiteur', 'passeport_talent'];
const renewalCategories: TitleCategory[] = [...firstApplicationCategories, 'carte_resident'];

export const procedures: readonly Procedure[] = [
  ...firstApplicationCategories.map(
    (category): Procedure => ({
      id: `first_${category}`,
      kind: 'first_application',
      category,
      needsPhoto: true,
      fee: byCategory[category].fee,
      questions: byCategory[category].questions,
      documents: [...common, { id: 'entry_proof' }, ...byCategory[category].documents],
      prefecture: 'from_address',
    }),
  ),
  ...renewalCategories.map(
    (category): Procedure => ({
      id: `renewal_${category}`,
      kind: 'renewal',
      category,
      needsPhoto: true,
      fee: byCategory[category].fee,
      questions: byCategory[category].questions,
      documents: [...renewalCommon, ...byCategory[category].documents],
      prefecture: 'from_address',
    }),
  ),
  {
    id: 'vls_ts_validation',
    kind: 'vls_ts_validation',
    category: null,
    needsPhoto: false,
    fee: standardFee,
    questions: [{ id: 'entry_date', type: 'date', required: true }],
    documents: [...common, { id: 'vls_ts_visa' }, { id: 'entry_proof' }],
    prefecture: 'from_address',
  },
  {
    id: 'duplicate',
    kind: 'duplicate',
    category: null,
    needsPhoto: true,
    fee: { amountCents: 2_500, lateFeeCents: 0 },
    questions: [{ id: 'duplicate_reason', type: 'choice', options: ['lost', 'stolen', 'damaged'], required: true }],
    documents: [
      ...common,
      { id: 'loss_or_theft_declaration', when: { question: 'duplicate_reason', equals: 'lost' } },
      { id: 'loss_or_theft_declaration', when: { question: 'duplicate_reason', equals: 'stolen' } },
      { id: 'damaged_card', when: { question: 'duplicate_reason', equals: 'damaged' } },
    ],
    prefecture: 'from_address',
  },
  {
    id: 'change_of_situation',
    kind: 'change_of_situation',
    category: null,
    needsPhoto: false,
    // A move must be declared within 3 months (CESEDA R.431-23); declaring is free.
    fee: null,
    questions: [{ id: 'change_kind', type: 'choice', options: ['address', 'civil_status', 'family_situation'], required: true }],
    documents: [
      { id: 'passport' },
      { id: 'current_permit' },
      { id: 'proof_of_address', when: { question: 'change_kind', equals: 'address' } },
      { id: 'civil_status_document', when: { question: 'change_kind', equals: 'civil_status' } },
      { id: 'civil_status_document', when: { question: 'change_kind', equals: 'family_situation' } },
    ],
    prefecture: 'from_address',
  },
];

const index = new Map(procedures.map((p) => [p.id, p]));

export function findProcedure(id: string): Procedure | undefined {
  return index.get(id);
}

/** The documents a procedure needs for these answers, each once. */
export function requiredDocuments(procedure: Procedure, answers: Record<string, string>): DocumentRequirement['id'][] {
  const ids = procedure.documents.filter((d) => !d.when || answers[d.when.question] === d.when.equals).map((d) => d.id);
  return [...new Set(ids)];
}
