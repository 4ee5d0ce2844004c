import { addDays, addMonths, type CalendarDate } from '../../platform/legal-dates';

/**
 * Which attestations an application is owed, and when — the law as code (CESEDA R.431-15-1).
 *
 * - *Attestation de dépôt* (receipt): at filing, for every procedure. Proves filing, not
 *   lawful stay (R.431-15-1, 1st paragraph).
 * - *APRI* (*attestation de prolongation d'instruction*): a complete renewal filed on time
 *   (R.431-5) and still undecided when the current title expires gives the right to one, valid
 *   at most 3 months, renewed for as long as no decision is taken, with the right to work when
 *   the previous title had it (R.431-15-1, 2nd paragraph). Issuing it is a duty: only a block
 *   recorded by an agent with a legal reason stops it.
 * - *ADF* (*attestation de décision favorable*): with a favourable decision on any application
 *   that leads to a title (R.431-15-1, last paragraph), the rights of the coming title until the
 *   card is handed over, at most 3 months each, renewed like the APRI.
 *
 * Each attestation covers whole calendar days [validFrom, validTo]; the next one starts the day
 * after the previous one ends, so together they leave no gap. The next one is issued
 * `renewalMarginDays` ahead: that margin is also how long the daily sweep may be down (crash,
 * restart, outage) without anyone going a day without proof — up to `margin + 1` missed days.
 *
 * Nothing is backdated: a proof made today cannot have covered yesterday, so an APRI or ADF
 * never starts before the day it is issued.
 */
export type AttestationKind = 'receipt' | 'apri' | 'adf';

export const MAX_VALIDITY_MONTHS = 3;

/** An agent's recorded reason to withhold the APRI (see `apri-block-grounds.ts`). */
export interface ApriBlockFact {
  ground: string;
  explanation: string;
}

export interface RenewalFacts {
  /** Renewals get APRIs; a first application gets an ADF too when granted; other procedures only a receipt. */
  procedure: 'renewal' | 'first_application' | 'other';
  filedOn: CalendarDate | null;
  filedOnTime: boolean;
  /** Completeness: automatic at filing when every required document is present, or set by the office. */
  completedOn: CalendarDate | null;
  /** Expiry of the title being renewed (valid through this day). */
  titleExpiresOn: CalendarDate | null;
  /** The previous title allowed work (fully or within a limit): the APRI says so too. */
  titleAllowsWork: boolean;
  /** The title applied for allows work: the ADF carries the rights of the coming title. */
  comingTitleAllowsWork: boolean;
  decision: { on: CalendarDate; favourable: boolean } | null;
  /** The card was handed over: the ADF ends, the new card is the proof. */
  cardDeliveredOn: CalendarDate | null;
  withdrawnOn: CalendarDate | null;
  /** An active block of the APRI, or null. */
  apriBlock: ApriBlockFact | null;
}

export interface ExistingAttestation {
  /** The row id, when the attestation is stored (the planner never needs it; supersession does). */
  id?: string;
  kind: AttestationKind;
  validFrom: CalendarDate;
  validTo: CalendarDate | null;
  /** The first day it no longer counts: a later attestation or the card replaced it. */
  supersededFrom?: CalendarDate | null;
}

export interface PlannedAttestation {
  kind: AttestationKind;
  validFrom: CalendarDate;
  /** Null for the receipt: it proves a fact (filing), it does not expire. */
  validTo: CalendarDate | null;
  allowsWork: boolean;
}

export interface IssuanceOptions {
  /** Issue the next APRI/ADF this many days before the current proof ends (configurable margin). */
  renewalMarginDays: number;
}

export const defaultIssuanceOptions: IssuanceOptions = { renewalMarginDays: 15 };

/** Last day of an attestation starting `from`: 3 months, less one day. */
export const maxValidTo = (from: CalendarDate): CalendarDate => addDays(addMonths(from, MAX_VALIDITY_MONTHS), -1);

const laterOf = (a: CalendarDate, b: CalendarDate) => (a > b ? a : b);
const earlierOf = (a: CalendarDate, b: CalendarDate) => (a < b ? a : b);

/** The last day an attestation really covers: its end, or the day before it was superseded. */
export function effectiveEnd(a: ExistingAttestation): CalendarDate | null {
  if (!a.validTo) return null;
  return a.supersededFrom ? earlierOf(a.validTo, addDays(a.supersededFrom, -1)) : a.validTo;
}

/** The last day covered by the title and the APRIs issued so far (the undecided phase). */
export function coveredUntil(facts: RenewalFacts, existing: readonly ExistingAttestation[]): CalendarDate | null {
  let end = facts.titleExpiresOn;
  for (const a of existing) {
    if (a.kind !== 'apri') continue;
    const e = effectiveEnd(a);
    if (e && (!end || e > end)) end = e;
  }
  return end;
}

/** Whether the office owes an APRI for these facts today (leaving aside when it falls due). */
export function apriOwed(facts: RenewalFacts, today: CalendarDate): boolean {
  return (
    facts.procedure === 'renewal' &&
    facts.titleExpiresOn !== null &&
    facts.filedOnTime &&
    facts.completedOn !== null &&
    facts.completedOn <= today &&
    facts.apriBlock === null &&
    facts.decision === null &&
    facts.withdrawnOn === null
  );
}

/** Whether a favourable decision gives an ADF (any procedure leading to a title, until hand-over). */
export function adfOwed(facts: RenewalFacts): boolean {
  return facts.procedure !== 'other' && facts.decision?.favourable === true && !facts.cardDeliveredOn && !facts.withdrawnOn;
}

/**
 * What should be issued today, given what already exists. Pure: the same facts and the same
 * existing attestations always give the same plan, so a rerun after a crash issues nothing twice.
 */
export function planAttestations(facts: RenewalFacts, existing: readonly ExistingAttestation[], today: CalendarDate, options: IssuanceOptions = defaultIssuanceOptions): PlannedAttestation[] {
  const plan: PlannedAttestation[] = [];
  if (!facts.filedOn) return plan;
  if (!existing.some((a) => a.kind === 'receipt')) plan.push({ kind: 'receipt', validFrom: facts.filedOn, validTo: null, allowsWork: false });
  const next = adfOwed(facts) ? nextAdf(facts, existing, today, options) : apriOwed(facts, today) ? nextApri(facts, existing, today, options) : null;
  if (next) plan.push(next);
  return plan;
}

function nextApri(facts: RenewalFacts, existing: readonly ExistingAttestation[], today: CalendarDate, options: IssuanceOptions): PlannedAttestation | null {
  const end = coveredUntil(facts, existing)!;
  // Not yet time: the current proof still has more than the margin to run.
  if (today < addDays(end, -options.renewalMarginDays)) return null;
  const from = laterOf(addDays(end, 1), today);
  return { kind: 'apri', validFrom: from, validTo: maxValidTo(from), allowsWork: facts.titleAllowsWork };
}

function nextAdf(facts: RenewalFacts, existing: readonly ExistingAttestation[], today: CalendarDate, options: IssuanceOptions): PlannedAttestation | null {
  const adfs = existing.filter((a) => a.kind === 'adf' && a.validTo);
  if (adfs.length === 0) {
    // The first ADF starts on the decision day — or today, when the run comes after it (never
    // backdated); until then the running APRI or title still covers, and it takes over from them.
    const from = laterOf(facts.decision!.on, today);
    return { kind: 'adf', validFrom: from, validTo: maxValidTo(from), allowsWork: facts.comingTitleAllowsWork };
  }
  // Then renewed, like the APRI, until the card is handed over.
  const lastEnd = adfs.reduce((m, a) => (a.validTo! > m ? a.validTo! : m), adfs[0]!.validTo!);
  if (today < addDays(lastEnd, -options.renewalMarginDays)) return null;
  const from = laterOf(addDays(lastEnd, 1), today);
  return { kind: 'adf', validFrom: from, validTo: maxValidTo(from), allowsWork: facts.comingTitleAllowsWork };
}

/**
 * The attestations a new one replaces. The first ADF replaces every APRI still running or
 * issued ahead (an APRI saying "decision pending" must not circulate beside a favourable
 * decision); from its first day, they no longer count.
 */
export function supersededBy(planned: PlannedAttestation, existing: readonly ExistingAttestation[]): ExistingAttestation[] {
  if (planned.kind !== 'adf') return [];
  return existing.filter((a) => a.kind === 'apri' && !a.supersededFrom && a.validTo !== null && a.validTo >= planned.validFrom);
}

/**
 * The continuity invariant: every day from filing to `until` is covered by the title, an APRI,
 * an ADF (each up to the day before it was superseded) or, from its hand-over, the new card.
 * Returns the uncovered days (empty when the promise holds).
 */
export function uncoveredDays(facts: RenewalFacts, attestations: readonly ExistingAttestation[], until: CalendarDate): CalendarDate[] {
  if (!facts.filedOn || !facts.titleExpiresOn) return [];
  const gaps: CalendarDate[] = [];
  const intervals = attestations
    .filter((a) => a.kind !== 'receipt')
    .map((a) => [a.validFrom, effectiveEnd(a)] as const)
    .filter((i): i is readonly [CalendarDate, CalendarDate] => i[1] !== null && i[0] <= i[1]);
  for (let d = laterOf(facts.filedOn, addDays(facts.titleExpiresOn, 1)); d <= until; d = addDays(d, 1)) {
    if (facts.cardDeliveredOn && d >= facts.cardDeliveredOn) break;
    if (!intervals.some(([from, to]) => from <= d && d <= to)) gaps.push(d);
  }
  return gaps;
}
