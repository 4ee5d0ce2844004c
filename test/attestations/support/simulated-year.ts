import { addDays, daysBetween, type CalendarDate } from '../../../src/platform/legal-dates';
import { titleCategories } from '../../../src/modules/procedures/types';
import { effectiveEnd } from '../../../src/modules/attestations/issuance-rules';
import { promiseEnds, violations, type Issued, type RenewalLife } from './renewal-life';

/** A small seeded generator (mulberry32): the same seed lives the same year. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const between = (rng: () => number, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));

/** One renewal of the simulated year: who, when filed, and what the office and the person will do. */
export interface SimulatedRenewal {
  index: number;
  procedureId: string;
  titleExpiresOn: CalendarDate;
  filedOn: CalendarDate;
  /** Filed between day −120 and day −60 (CESEDA R.431-5). */
  onTime: boolean;
  /** Every document present and valid at filing; otherwise the office finds one missing. */
  completeAtFiling: boolean;
  /** When the file became complete (null: never, within the year or at all). */
  completedOn: CalendarDate | null;
  decision: { on: CalendarDate; favourable: boolean } | null;
  withdrawnOn: CalendarDate | null;
  cardDeliveredOn: CalendarDate | null;
}

export const YEAR_START = '2026-01-01';
export const YEAR_END = '2026-12-31';

/**
 * Renewals filed across the year: expiry dates spread over it and beyond; every category; 80 %
 * on time (filed on day −120 to −60), the rest late (day −59 to 30 days after expiry); 85 %
 * complete at filing, the others completed 1 to 120 days later or never; decisions 0 to
 * 8 months after filing (never before completeness), 85 % favourable; 8 % withdrawn before the
 * decision; the card handed over 2 to 10 weeks after a favourable decision.
 */
export function simulatedRenewals(count: number, seed: number): SimulatedRenewal[] {
  const rng = seededRandom(seed);
  const out: SimulatedRenewal[] = [];
  for (let index = 0; index < count; index++) {
    const filedOn = addDays(YEAR_START, between(rng, 0, daysBetween(YEAR_START, '2026-10-31')));
    const onTime = rng() < 0.8;
    const titleExpiresOn = addDays(filedOn, onTime ? between(rng, 60, 120) : between(rng, -30, 59));
    const completeAtFiling = rng() < 0.85;
    const completedOn = completeAtFiling ? filedOn : rng() < 0.8 ? addDays(filedOn, between(rng, 1, 120)) : null;
    let decisionOn: CalendarDate | null = addDays(filedOn, between(rng, 0, 243));
    if (!completedOn) decisionOn = null;
    else if (decisionOn < completedOn) decisionOn = completedOn;
    const withdrawnOn = rng() < 0.08 ? addDays(filedOn, between(rng, 0, decisionOn ? daysBetween(filedOn, decisionOn) : 200)) : null;
    const decision = decisionOn && !withdrawnOn ? { on: decisionOn, favourable: rng() < 0.85 } : null;
    out.push({
      index,
      procedureId: `renewal_${titleCategories[between(rng, 0, titleCategories.length - 1)]}`,
      titleExpiresOn,
      filedOn,
      onTime,
      completeAtFiling,
      completedOn,
      decision,
      withdrawnOn,
      cardDeliveredOn: decision?.favourable ? addDays(decision.on, between(rng, 14, 70)) : null,
    });
  }
  return out;
}

/** The days the worker is down: `restarts` outages of 1 or 2 days, spread over the year. */
export function downtimeDays(seed: number, restarts: number): Set<CalendarDate> {
  const rng = seededRandom(seed);
  const days = new Set<CalendarDate>();
  for (let i = 0; i < restarts; i++) {
    const first = addDays(YEAR_START, between(rng, 0, 364));
    const length = between(rng, 1, 2);
    for (let k = 0; k < length; k++) days.add(addDays(first, k));
  }
  return days;
}

/** The life as it happened by `until`: later events did not happen (yet). */
export function lifeUntil(r: SimulatedRenewal, until: CalendarDate): RenewalLife {
  const by = (d: CalendarDate | null) => (d && d <= until ? d : null);
  return {
    titleExpiresOn: r.titleExpiresOn,
    filedOn: r.filedOn,
    filedOnTime: r.onTime,
    completedOn: by(r.completedOn),
    decision: r.decision && r.decision.on <= until ? r.decision : null,
    cardDeliveredOn: by(r.cardDeliveredOn),
    withdrawnOn: by(r.withdrawnOn),
  };
}

export interface CoverageReport {
  renewals: number;
  promised: number;
  daysChecked: number;
  issued: Record<'receipt' | 'apri' | 'adf', number>;
  uncoveredPromisedDays: number;
  uncoveredOtherDays: number;
  problems: string[];
}

/**
 * Checks a year of attestations against the rules: for every complete on-time renewal, no
 * uncovered day from the end of the title to the hand-over (or refusal, withdrawal, year end);
 * for every renewal, one receipt, validity within 3 months, no overlap of one kind, nothing
 * backdated, nothing not owed. Days without proof of the other renewals (late, incomplete) are
 * counted, not promised.
 */
export function checkYear(renewals: readonly SimulatedRenewal[], issuedOf: (r: SimulatedRenewal) => Issued[], until: CalendarDate): CoverageReport {
  const report: CoverageReport = { renewals: renewals.length, promised: 0, daysChecked: 0, issued: { receipt: 0, apri: 0, adf: 0 }, uncoveredPromisedDays: 0, uncoveredOtherDays: 0, problems: [] };
  for (const r of renewals) {
    const life = lifeUntil(r, until);
    const issued = issuedOf(r);
    for (const a of issued) report.issued[a.kind]++;
    const promised = r.onTime && r.completeAtFiling;
    const end = promiseEnds(life, until);
    const lastDay = life.cardDeliveredOn && addDays(life.cardDeliveredOn, -1) < end ? addDays(life.cardDeliveredOn, -1) : end;
    const firstDay = addDays(r.titleExpiresOn, 1) > r.filedOn ? addDays(r.titleExpiresOn, 1) : r.filedOn;
    const gaps = uncovered(issued, firstDay, lastDay);
    if (promised) {
      report.promised++;
      report.daysChecked += Math.max(0, daysBetween(firstDay, lastDay) + 1);
      report.uncoveredPromisedDays += gaps;
    } else {
      report.uncoveredOtherDays += gaps;
    }
    for (const v of violations(life, issued, end, { promiseHolds: promised })) report.problems.push(`renewal #${r.index}: ${v}`);
  }
  return report;
}

/** Days in [from, to] covered by no APRI or ADF in force (the title ended before `from`). */
function uncovered(issued: readonly Issued[], from: CalendarDate, to: CalendarDate): number {
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (!issued.some((a) => a.kind !== 'receipt' && a.validFrom <= d && d <= (effectiveEnd(a) ?? ''))) n++;
  }
  return n;
}

export function printReport(title: string, report: CoverageReport, extra: Record<string, number | string> = {}): void {
  const lines = [
    `${title}`,
    `  renewals: ${report.renewals} (complete and on time: ${report.promised})`,
    `  person-days checked under the promise: ${report.daysChecked}`,
    `  attestations issued: ${report.issued.receipt} receipts, ${report.issued.apri} APRIs, ${report.issued.adf} ADFs`,
    `  uncovered days, complete on-time renewals: ${report.uncoveredPromisedDays}`,
    `  uncovered days, late or incomplete renewals (not promised): ${report.uncoveredOtherDays}`,
    ...Object.entries(extra).map(([k, v]) => `  ${k}: ${v}`),
    `  rule violations: ${report.problems.length}`,
  ];
  console.log(lines.join('\n'));
}
