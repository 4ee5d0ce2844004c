import { addDays, addMonths, daysBetween, type CalendarDate } from '../../platform/legal-dates';
import { apriOwed, coveredUntil, type ExistingAttestation, type RenewalFacts } from '../attestations/issuance-rules';
import type { ApplicationStatus } from '../applications/workflow';

/**
 * The clocks of a file as the office must see them, and the queue's order — pure rules, the
 * one source of truth for `applications.priority_on` and `applications.rights_end_on`
 * (written by `refreshQueuePriority` in the transaction of every change they read).
 */

/**
 * Implicit rejection (CESEDA R.432-1: silence on a residence-permit application is a rejection;
 * R.432-2: it arises after four months). The clock runs from completeness — the date the file
 * was complete, which `markComplete` never moves. Returns the day the rejection arises.
 *
 * On a file never complete there is no such date: silence there is a refusal to register the
 * application, which cannot be appealed (Conseil d'État, avis, 10 October 2024, n° 494718) —
 * the office must act on it before the person's title runs out, and the queue says so.
 *
 * TO CONFIRM with a legal expert: a request for corrected documents made *after* completeness
 * does not stop the clock here (nor does it stop the APRI, see `issuance-rules.ts`).
 */
export const IMPLICIT_REJECTION_MONTHS = 4;
export function implicitRejectionOn(completedOn: CalendarDate | null): CalendarDate | null {
  return completedOn ? addMonths(completedOn, IMPLICIT_REJECTION_MONTHS) : null;
}

/** Without a clock of its own, a file still rises with age: filed four months ago counts as due. */
export const AGE_FALLBACK_MONTHS = 4;

/** "Rights at risk" when the person's cover ends within this many days (an office choice, not a legal figure). */
export const RIGHTS_AT_RISK_DAYS = 30;
/** "Implicit rejection in under 15 days". */
export const IMPLICIT_REJECTION_WARNING_DAYS = 15;

/** Undecided statuses: the ones the office still has to work on. */
const undecided: readonly ApplicationStatus[] = ['filed', 'incomplete', 'under_review'];

/**
 * The last day the person is covered — by the title being renewed and the APRIs issued so far —
 * when nothing assures what comes next; null when continuity is assured or not at stake.
 *
 * Assured: a complete renewal filed on time, not blocked, undecided — the APRI is a duty the
 * system fulfils by itself, issued ahead and renewed (CESEDA R.431-15-1; `apriOwed`). Not
 * assured: filed late (after day −60, R.431-5), not complete, or the APRI blocked by an agent:
 * then the person is without a proof of lawful stay from the day after the returned date.
 * First applications and other procedures keep no title on this file: null.
 */
export function rightsEndOn(status: ApplicationStatus, facts: RenewalFacts, existing: readonly ExistingAttestation[]): CalendarDate | null {
  if (!undecided.includes(status) || facts.procedure !== 'renewal' || !facts.titleExpiresOn) return null;
  // "Owed on some day": completeness, the only fact that depends on the day, has happened.
  if (apriOwed(facts, '9999-12-31')) return null;
  return coveredUntil(facts, existing);
}

export interface QueueClockFacts {
  status: ApplicationStatus;
  filedOn: CalendarDate | null;
  completedOn: CalendarDate | null;
  /** The reply deadline of the open document request, if any. */
  documentsDueOn: CalendarDate | null;
  rightsEndOn: CalendarDate | null;
}

/**
 * The queue's order: the earliest day on which something irreversible happens to the person
 * if the office does nothing — their cover ends (rights at risk), the implicit rejection
 * arises, or the reply deadline of a document request passes — and, for a file with none of
 * these, its age. Earliest first, so the overdue come on top. Null for files that are not in
 * the office's hands (draft, decided, closed, withdrawn).
 */
export function priorityOn(f: QueueClockFacts): CalendarDate | null {
  if (!undecided.includes(f.status) || !f.filedOn) return null;
  const candidates = [f.rightsEndOn, implicitRejectionOn(f.completedOn), f.documentsDueOn].filter((d): d is CalendarDate => d !== null);
  if (candidates.length === 0) candidates.push(addMonths(f.filedOn, AGE_FALLBACK_MONTHS));
  return candidates.reduce((a, b) => (a < b ? a : b));
}

export type RiskBadge =
  /** The person's cover ends within `RIGHTS_AT_RISK_DAYS` days, or has ended. */
  | { kind: 'rights_at_risk'; lastCoveredDay: CalendarDate; daysLeft: number }
  /** The implicit rejection arises within `IMPLICIT_REJECTION_WARNING_DAYS` days. */
  | { kind: 'implicit_rejection_soon'; on: CalendarDate; daysLeft: number }
  /** Four months have passed: the file is rejected implicitly (the person may appeal). */
  | { kind: 'implicit_rejection_passed'; on: CalendarDate }
  /** The person's reply deadline for requested documents has passed. */
  | { kind: 'documents_overdue'; dueOn: CalendarDate };

/** The badges a file shows today in the queue and on its case view. */
export function riskBadges(f: QueueClockFacts, today: CalendarDate): RiskBadge[] {
  if (!undecided.includes(f.status)) return [];
  const badges: RiskBadge[] = [];
  if (f.rightsEndOn) {
    // The first uncovered day is the day after the last covered one.
    const daysLeft = daysBetween(today, addDays(f.rightsEndOn, 1));
    if (daysLeft <= RIGHTS_AT_RISK_DAYS) badges.push({ kind: 'rights_at_risk', lastCoveredDay: f.rightsEndOn, daysLeft });
  }
  const rejection = implicitRejectionOn(f.completedOn);
  if (rejection) {
    const daysLeft = daysBetween(today, rejection);
    if (daysLeft <= 0) badges.push({ kind: 'implicit_rejection_passed', on: rejection });
    else if (daysLeft < IMPLICIT_REJECTION_WARNING_DAYS) badges.push({ kind: 'implicit_rejection_soon', on: rejection, daysLeft });
  }
  if (f.documentsDueOn && f.documentsDueOn < today) badges.push({ kind: 'documents_overdue', dueOn: f.documentsDueOn });
  return badges;
}
