import type { DocumentKind } from '../procedures/types';

/**
 * Every kind of supporting document, in the order the vault offers them. Each has a label
 * `documents.kinds.<kind>` and a hint `documents.hints.<kind>`.
 */
export const documentKinds = [
  'passport',
  'current_permit',
  'proof_of_address',
  'entry_proof',
  'vls_ts_visa',
  'employment_contract',
  'mission_contract',
  'payslips',
  'work_authorisation',
  'school_enrolment',
  'resources_proof',
  'health_insurance',
  'marriage_certificate',
  'family_link_proof',
  'children_birth_certificates',
  'civil_status_document',
  'talent_proof',
  'loss_or_theft_declaration',
  'damaged_card',
] as const satisfies readonly DocumentKind[];

// Does not compile when a kind is added to `procedures/types.ts` and forgotten here.
type Unlisted = Exclude<DocumentKind, (typeof documentKinds)[number]>;
const everyKindListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyKindListed;

export const isDocumentKind = (value: unknown): value is DocumentKind => typeof value === 'string' && (documentKinds as readonly string[]).includes(value);
