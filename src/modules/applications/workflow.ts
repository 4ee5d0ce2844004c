/**
 * The life of an application (*dossier*), as a table: for each status, the events allowed and
 * the status they lead to, with named guards. Nothing else changes a status.
 *
 * draft → filed → (incomplete ↔ filed) → under_review → decided → closed; withdrawn from any
 * filed state before the decision. `decided`, `closed` and `withdrawn` are sealed: answers and
 * documents no longer change.
 */
import { applicationStatuses, type ApplicationStatus } from '../../db/schema/applications';

export { applicationStatuses, type ApplicationStatus };

export const applicationEvents = [
  'file',
  'request_documents',
  'documents_supplied',
  'mark_complete',
  'decide',
  'close',
  'withdraw',
] as const;
export type ApplicationEvent = (typeof applicationEvents)[number];

/** Facts a guard looks at; the use case gathers them before asking for a transition. */
export interface GuardFacts {
  missingDocuments: number;
  hasFeeAndPhoto: boolean;
}

export type GuardName = 'allRequiredDocumentsPresent' | 'feeAndPhotoGiven';

const guards: Record<GuardName, (f: GuardFacts) => boolean> = {
  allRequiredDocumentsPresent: (f) => f.missingDocuments === 0,
  feeAndPhotoGiven: (f) => f.hasFeeAndPhoto,
};

interface Transition {
  to: ApplicationStatus;
  guards?: GuardName[];
}

export const transitions: Record<ApplicationStatus, Partial<Record<ApplicationEvent, Transition>>> = {
  draft: {
    file: { to: 'filed', guards: ['allRequiredDocumentsPresent', 'feeAndPhotoGiven'] },
  },
  filed: {
    request_documents: { to: 'incomplete' },
    mark_complete: { to: 'under_review', guards: ['allRequiredDocumentsPresent'] },
    withdraw: { to: 'withdrawn' },
  },
  incomplete: {
    documents_supplied: { to: 'filed' },
    withdraw: { to: 'withdrawn' },
  },
  under_review: {
    request_documents: { to: 'incomplete' },
    decide: { to: 'decided' },
    withdraw: { to: 'withdrawn' },
  },
  decided: {
    close: { to: 'closed' },
  },
  closed: {},
  withdrawn: {},
};

/** Statuses in which the applicant may still add documents and correct answers. */
export const amendableStatuses: readonly ApplicationStatus[] = ['draft', 'filed', 'incomplete', 'under_review'];
export const isSealed = (s: ApplicationStatus) => !amendableStatuses.includes(s);

export type TransitionResult =
  | { ok: true; to: ApplicationStatus }
  | { ok: false; reason: 'not_allowed' }
  | { ok: false; reason: 'guard_failed'; guard: GuardName };

/** Where `event` takes an application in status `from`, or why it cannot. */
export function nextStatus(from: ApplicationStatus, event: ApplicationEvent, facts: GuardFacts): TransitionResult {
  const t = transitions[from][event];
  if (!t) return { ok: false, reason: 'not_allowed' };
  for (const g of t.guards ?? []) if (!guards[g](facts)) return { ok: false, reason: 'guard_failed', guard: g };
  return { ok: true, to: t.to };
}
