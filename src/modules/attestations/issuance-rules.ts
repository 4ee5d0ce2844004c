import { addDays, addMonths, type CalendarDate } from '../../platform/legal-dates';

/**
 * Which attestations an application is owed, and when — the law as code.
 *
 * - *Attestation de dépôt* (receipt): at filing, for every procedure. Proves filing, not
 *   lawful stay (CESEDA R.431-15-1).
 * - *APRI* (*attestation de prolongation d'instruction*): a complete renewal filed on time and
 *   still undecided when the current title expires gives the right to one, valid at most
 *   3 months, renewed for as long as no decision is taken, with the right to work when the
 *   previous title had it (R.431-15-1). Issuing it is a duty: only a block recorded by an agent
 *   with a legal reason stops it.
 * - *ADF* (*attestation de décision favorable*): with a favourable decision, the rights of the
 *   coming title until the card is handed over, at most 3 months each.
 *
 * Each attestation covers whole calendar days [validFrom, validTo]; the next one starts the day
 * after the previous one ends, so together they leave no gap.
 */
export type AttestationKind = 'receipt' | 'apri' | 'adf';

export const MAX_VALIDITY_MONTHS = 3;

export interface RenewalFacts {
  kind: 'renewal' | 'other';
  filedOn: CalendarDate | null;
  filedOnTime: boolean;
  /** Completeness: automatic at filing when every required document is present, or set by the office. */
  completedOn: CalendarDate | null;
  /** Expiry of the title being renewed (valid through this day). */
  titleExpiresOn: CalendarDate | null;
  /** The previous title allowed work: the APRI says so too. */
  titleAllowsWork: boolean;
  decision: { on: CalendarDate; favourable: boolean } | null;
  /** The card was handed over: the ADF ends, the new card is the proof. */
  cardDeliveredOn: CalendarDate | null;
  withdrawnOn: CalendarDate | null;
  /** An agent's recorded legal reason to withhold the APRI. */
  apriBlocked: boolean;
}

export interface ExistingAttestation {
  kind: AttestationKind;
  validFrom: CalendarDate;
  validTo: CalendarDate | null;
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

/** The last day covered by the title and the APRIs/ADFs issued so far. */
export function coveredUntil(facts: RenewalFacts, existing: readonly ExistingAttestation[]): CalendarDate | null {
  let end = facts.titleExpiresOn;
  for (const a of existing) if (a.kind !== 'receipt' && a.validTo && (!end || a.validTo > end)) end = a.validTo;
  return end;
}

/**
 * What should be issued today, given what already exists. Pure: the same facts and the same
 * existing attestations always give the same plan, so a rerun after a crash issues nothing twice.
 */
export function planAttestations(facts: RenewalFacts, existing: readonly ExistingAttestation[], today: CalendarDate, options: IssuanceOptions = defaultIssuanceOptions): PlannedAttestation[] {
  const plan: PlannedAttestation[] = [];
  if (!facts.filedOn) return plan;
  if (!existing.some((a) => a.kind === 'receipt')) plan.push({ kind: 'receipt', validFrom: facts.filedOn, validTo: null, allowsWork: false });
  if (facts.kind !== 'renewal' || !facts.titleExpiresOn) return plan;
  if (facts.withdrawnOn || facts.cardDeliveredOn) return plan;

  if (facts.decision?.favourable) {
    const adfs = existing.filter((a) => a.kind === 'adf' && a.validTo);
    // The first ADF starts on the decision day and takes over from the APRI.
    if (adfs.length === 0) {
      plan.push({ kind: 'adf', validFrom: facts.decision.on, validTo: maxValidTo(facts.decision.on), allowsWork: true });
      return plan;
    }
    // Then renewed, like the APRI, until the card is handed over.
    const lastEnd = adfs.reduce((m, a) => (a.validTo! > m ? a.validTo! : m), adfs[0]!.validTo!);
    if (today >= addDays(lastEnd, -options.renewalMarginDays)) {
      const from = laterOf(addDays(lastEnd, 1), today);
      plan.push({ kind: 'adf', validFrom: from, validTo: maxValidTo(from), allowsWork: true });
    }
    return plan;
  }
  if (facts.decision) return plan;

  const owedApri = facts.filedOnTime && facts.completedOn !== null && facts.completedOn <= today && !facts.apriBlocked;
  if (!owedApri) return plan;
  const end = coveredUntil(facts, existing)!;
  // Not yet time: the current proof still has more than the margin to run.
  if (today < addDays(end, -options.renewalMarginDays)) return plan;
  // Never backdated: a proof made today cannot have covered yesterday.
  const from = laterOf(addDays(end, 1), today);
  plan.push({ kind: 'apri', validFrom: from, validTo: maxValidTo(from), allowsWork: facts.titleAllowsWork });
  return plan;
}

const laterOf = (a: CalendarDate, b: CalendarDate) => (a > b ? a : b);

/**
 * The continuity invariant: every day from filing to `until` is covered by the title, an
 * APRI or an ADF. Returns the uncovered days (empty when the promise holds).
 */
export function uncoveredDays(facts: RenewalFacts, attestations: readonly ExistingAttestation[], until: CalendarDate): CalendarDate[] {
  if (!facts.filedOn || !facts.titleExpiresOn) return [];
  const gaps: CalendarDate[] = [];
  const intervals = attestations.filter((a) => a.kind !== 'receipt' && a.validTo).map((a) => [a.validFrom, a.validTo!] as const);
  for (let d = facts.filedOn; d <= until; d = addDays(d, 1)) {
    if (d <= facts.titleExpiresOn) continue;
    if (!intervals.some(([from, to]) => from <= d && d <= to)) gaps.push(d);
  }
  return gaps;
}
