import { addDays, type CalendarDate } from '../../../src/platform/legal-dates';
import {
  effectiveEnd,
  maxValidTo,
  planAttestations,
  supersededBy,
  uncoveredDays,
  type ExistingAttestation,
  type IssuanceOptions,
  type RenewalFacts,
} from '../../../src/modules/attestations/issuance-rules';

/** The life of one renewal, as the office and the person will live it (all days known upfront). */
export interface RenewalLife {
  titleExpiresOn: CalendarDate;
  filedOn: CalendarDate;
  filedOnTime: boolean;
  completedOn: CalendarDate | null;
  decision: { on: CalendarDate; favourable: boolean } | null;
  cardDeliveredOn: CalendarDate | null;
  withdrawnOn: CalendarDate | null;
}

/** What the system knows on `today`: only the events that already happened. */
export function factsOn(life: RenewalLife, today: CalendarDate): RenewalFacts {
  const known = (d: CalendarDate | null) => (d && d <= today ? d : null);
  return {
    procedure: 'renewal',
    filedOn: known(life.filedOn),
    filedOnTime: life.filedOnTime,
    completedOn: known(life.completedOn),
    titleExpiresOn: life.titleExpiresOn,
    titleAllowsWork: true,
    comingTitleAllowsWork: true,
    decision: life.decision && life.decision.on <= today ? life.decision : null,
    cardDeliveredOn: known(life.cardDeliveredOn),
    withdrawnOn: known(life.withdrawnOn),
    apriBlock: null,
  };
}

export interface Issued extends ExistingAttestation {
  issuedOn: CalendarDate;
}

/**
 * Plays the rules through the given run days (sorted; repeated days are retries) like the real
 * use cases do: plan, insert, supersede; and the hand-over supersedes the running ADFs on its
 * own day, whatever the runs.
 */
export function liveThrough(life: RenewalLife, runDays: readonly CalendarDate[], options: IssuanceOptions): Issued[] {
  const issued: Issued[] = [];
  let handedOver = false;
  let n = 0;
  for (const day of runDays) {
    if (!handedOver && life.cardDeliveredOn && life.cardDeliveredOn <= day) {
      for (const a of issued) if (a.kind !== 'receipt' && !a.supersededFrom && a.validTo! >= life.cardDeliveredOn) a.supersededFrom = life.cardDeliveredOn;
      handedOver = true;
    }
    for (const planned of planAttestations(factsOn(life, day), issued, day, options)) {
      for (const old of supersededBy(planned, issued)) old.supersededFrom = day;
      issued.push({ ...planned, id: `a${++n}`, issuedOn: day });
    }
  }
  return issued;
}

/** Every broken promise or rule in what was issued, as readable lines (empty when all hold). */
export function violations(life: RenewalLife, issued: readonly Issued[], checkUntil: CalendarDate, options: { promiseHolds: boolean }): string[] {
  const out: string[] = [];
  const receipts = issued.filter((a) => a.kind === 'receipt');
  if (receipts.length !== 1) out.push(`${receipts.length} receipts`);
  for (const a of issued) {
    if (a.kind === 'receipt') continue;
    if (!a.validTo || a.validTo < a.validFrom) out.push(`${a.kind} ${a.validFrom}: empty or open validity`);
    else if (a.validTo > maxValidTo(a.validFrom)) out.push(`${a.kind} ${a.validFrom}–${a.validTo}: longer than 3 months`);
    if (a.validFrom < a.issuedOn) out.push(`${a.kind} ${a.validFrom} backdated (issued ${a.issuedOn})`);
    if (a.kind === 'apri' && (!life.filedOnTime || !life.completedOn || a.issuedOn < life.completedOn)) out.push(`APRI ${a.validFrom} not owed`);
    if (a.kind === 'apri' && life.decision && a.issuedOn >= life.decision.on) out.push(`APRI ${a.validFrom} after the decision`);
    if (a.kind === 'adf' && (!life.decision?.favourable || a.issuedOn < life.decision.on)) out.push(`ADF ${a.validFrom} without a favourable decision`);
    if (life.cardDeliveredOn && a.issuedOn >= life.cardDeliveredOn) out.push(`${a.kind} ${a.validFrom} after the hand-over`);
    if (life.withdrawnOn && a.issuedOn >= life.withdrawnOn) out.push(`${a.kind} ${a.validFrom} after withdrawal`);
  }
  for (const kind of ['apri', 'adf'] as const) {
    const same = issued.filter((a) => a.kind === kind).sort((x, y) => (x.validFrom < y.validFrom ? -1 : 1));
    for (let i = 1; i < same.length; i++) if (same[i]!.validFrom <= same[i - 1]!.validTo!) out.push(`${kind}s overlap: ${same[i - 1]!.validFrom} and ${same[i]!.validFrom}`);
  }
  // What still counts after supersession never overlaps, whatever the kinds.
  const effective = issued
    .filter((a) => a.kind !== 'receipt')
    .map((a) => ({ from: a.validFrom, to: effectiveEnd(a)! }))
    .filter((i) => i.from <= i.to)
    .sort((x, y) => (x.from < y.from ? -1 : 1));
  for (let i = 1; i < effective.length; i++) if (effective[i]!.from <= effective[i - 1]!.to) out.push(`proofs in force overlap on ${effective[i]!.from}`);
  if (options.promiseHolds) {
    const gaps = uncoveredDays(factsOn(life, checkUntil), issued, checkUntil);
    if (gaps.length > 0) out.push(`${gaps.length} uncovered days from ${gaps[0]}`);
  }
  return out;
}

/** The last day the continuity promise covers: the day before a refusal or withdrawal, else `horizon`. */
export function promiseEnds(life: RenewalLife, horizon: CalendarDate): CalendarDate {
  let end = horizon;
  if (life.decision && !life.decision.favourable && addDays(life.decision.on, -1) < end) end = addDays(life.decision.on, -1);
  if (life.withdrawnOn && addDays(life.withdrawnOn, -1) < end) end = addDays(life.withdrawnOn, -1);
  return end;
}
