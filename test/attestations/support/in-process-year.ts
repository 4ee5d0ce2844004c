import { addDays, type CalendarDate } from '../../../src/platform/legal-dates';
import { defaultIssuanceOptions, planAttestations, supersededBy } from '../../../src/modules/attestations/issuance-rules';
import { factsOn, type Issued } from './renewal-life';
import { lifeUntil, seededRandom, YEAR_END, YEAR_START, type SimulatedRenewal } from './simulated-year';

export interface InProcessYear {
  issuedOf(r: SimulatedRenewal): Issued[];
  runs: number;
  crashes: { afterPlanning: number; betweenInserts: number };
  /** Sweep visits run twice over (whether or not anything was due). */
  doubleRuns: number;
  workerDownDays: number;
}

/**
 * The year lived by the planner over an in-process store that behaves like the database where
 * it matters: a run is a transaction (all or nothing), the (kind, validFrom) pair is unique,
 * the ADF supersedes the APRIs and the hand-over the ADFs. Crashes are injected into a random
 * share of the runs that have something to issue — right after planning, or between two
 * inserts — and roll the whole run back; a crashed event job stays queued (pg-boss would retry
 * it); some runs happen twice (two workers, a retry racing the original). On downtime days the
 * worker does nothing at all; the office keeps working, and the events wait for the restart.
 */
export function liveYearInProcess(renewals: readonly SimulatedRenewal[], options: { seed: number; crashRate: number; doubleRunRate: number; downtime: ReadonlySet<CalendarDate> }): InProcessYear {
  const rng = seededRandom(options.seed);
  const store = new Map<number, Issued[]>();
  const lives = renewals.map((r) => lifeUntil(r, '9999-12-31'));
  const events = new Map<CalendarDate, { filed: number[]; completed: number[]; decided: number[]; withdrawn: number[]; delivered: number[] }>();
  const on = (day: CalendarDate | null) => {
    if (!day) return null;
    let e = events.get(day);
    if (!e) events.set(day, (e = { filed: [], completed: [], decided: [], withdrawn: [], delivered: [] }));
    return e;
  };
  for (const r of renewals) {
    on(r.filedOn)!.filed.push(r.index);
    if (!r.completeAtFiling) on(r.completedOn)?.completed.push(r.index);
    on(r.decision?.on ?? null)?.decided.push(r.index);
    on(r.withdrawnOn)?.withdrawn.push(r.index);
    on(r.cardDeliveredOn)?.delivered.push(r.index);
  }
  const result: InProcessYear = { issuedOf: (r) => store.get(r.index) ?? [], runs: 0, crashes: { afterPlanning: 0, betweenInserts: 0 }, doubleRuns: 0, workerDownDays: 0 };

  /** One run of issueDueAttestations for one file: true when it committed. */
  const run = (i: number, day: CalendarDate): boolean => {
    const working = (store.get(i) ?? []).map((a) => ({ ...a }));
    const plan = planAttestations(factsOn(lives[i]!, day), working, day, defaultIssuanceOptions);
    if (plan.length === 0) return true;
    result.runs++;
    const crashAt = rng() < options.crashRate ? Math.floor(rng() * (plan.length + 1)) : -1;
    if (crashAt === 0) {
      result.crashes.afterPlanning++;
      return false;
    }
    for (const [k, planned] of plan.entries()) {
      // The unique index: a second row of a kind on a day is refused, the run goes on.
      if (working.some((a) => a.kind === planned.kind && a.validFrom === planned.validFrom)) continue;
      for (const old of supersededBy(planned, working)) old.supersededFrom = day;
      working.push({ ...planned, id: `${i}-${planned.kind}-${planned.validFrom}`, issuedOn: day });
      if (crashAt === k + 1) {
        result.crashes.betweenInserts++;
        return false;
      }
    }
    store.set(i, working);
    return true;
  };

  const queued = new Set<number>();
  const open = new Set<number>();
  for (let day = YEAR_START; day <= YEAR_END; day = addDays(day, 1)) {
    const e = events.get(day);
    // The office and the people act every day (the web side is up); each event queues a job.
    for (const i of e?.filed ?? []) {
      open.add(i);
      queued.add(i);
    }
    for (const i of [...(e?.completed ?? []), ...(e?.decided ?? [])]) queued.add(i);
    for (const i of e?.decided ?? []) if (!renewals[i]!.decision!.favourable) open.delete(i);
    for (const i of e?.withdrawn ?? []) open.delete(i);
    for (const i of e?.delivered ?? []) {
      open.delete(i);
      for (const a of store.get(i) ?? []) if (a.kind !== 'receipt' && !a.supersededFrom && a.validTo! >= day) a.supersededFrom = day;
    }
    if (options.downtime.has(day)) {
      result.workerDownDays++;
      continue;
    }
    // The worker: queued event jobs (a crashed one stays queued), then the daily sweep.
    for (const i of [...queued]) if (run(i, day)) queued.delete(i);
    for (const i of open) {
      run(i, day);
      // Two workers on the same file, or a retry racing the original.
      if (rng() < options.doubleRunRate) {
        result.doubleRuns++;
        run(i, day);
      }
    }
  }
  return result;
}
