import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, type CalendarDate } from '../../src/platform/legal-dates';
import { planAttestations } from '../../src/modules/attestations/issuance-rules';
import { factsOn, liveThrough, promiseEnds, violations, type RenewalLife } from './support/renewal-life';

/**
 * Property tests of the planner: for ANY complete on-time renewal, office delay, outcome and
 * sequence of runs — daily, with retries (a day run several times) and downtime (days with no
 * run at all, up to the margin plus one in a row) — nobody goes a day without proof up to the
 * hand-over, and the rules on validity, overlap and backdating hold.
 */

const START = '2026-01-05';

interface Scenario {
  life: RenewalLife;
  margin: number;
  runDays: CalendarDate[];
  horizon: CalendarDate;
}

/** A renewal's life plus the days the system ran (event jobs and sweeps, retries, downtime). */
const scenario = (opts: { onTime: boolean; completeAtFiling: boolean }) =>
  fc
    .record({
      expiryOffset: fc.integer({ min: 0, max: 500 }),
      filedBefore: opts.onTime ? fc.integer({ min: 60, max: 120 }) : fc.integer({ min: -20, max: 59 }),
      completionDelay: opts.completeAtFiling ? fc.constant(0) : fc.integer({ min: 1, max: 200 }),
      decisionDelay: fc.option(fc.integer({ min: 0, max: 400 }), { freq: 8 }),
      favourable: fc.boolean(),
      cardDelay: fc.integer({ min: 14, max: 120 }),
      withdrawal: fc.option(fc.integer({ min: 0, max: 300 }), { freq: 1 }),
      margin: fc.oneof(fc.constant(15), fc.integer({ min: 1, max: 40 })),
      // Each step: how many days pass before the next run (scaled to the margin below), and
      // how many times that day runs (retries, two workers).
      steps: fc.array(fc.record({ skip: fc.nat(10_000), repeat: fc.integer({ min: 1, max: 3 }) }), { minLength: 700, maxLength: 700 }),
      eventRunsLost: fc.boolean(),
    })
    .map((r): Scenario => {
      const titleExpiresOn = addDays(START, r.expiryOffset + 120);
      const filedOn = addDays(titleExpiresOn, -r.filedBefore);
      const decisionOn = r.decisionDelay === null ? null : addDays(filedOn, r.decisionDelay);
      const withdrawnOn = r.withdrawal !== null && (decisionOn === null || r.withdrawal < r.decisionDelay!) ? addDays(filedOn, r.withdrawal) : null;
      const decision = decisionOn && !withdrawnOn ? { on: decisionOn, favourable: r.favourable } : null;
      const life: RenewalLife = {
        titleExpiresOn,
        filedOn,
        filedOnTime: opts.onTime,
        completedOn: addDays(filedOn, r.completionDelay),
        decision,
        cardDeliveredOn: decision?.favourable ? addDays(decision.on, r.cardDelay) : null,
        withdrawnOn,
      };
      const horizon = addDays(filedOn, 650);
      // Runs: the event-driven jobs on the days things happen (unless lost to a crash), and
      // sweeps at most margin + 2 days apart — margin + 1 days of downtime in a row at worst.
      const runDays: CalendarDate[] = r.eventRunsLost ? [] : [filedOn, ...(life.completedOn ? [life.completedOn] : []), ...(decision ? [decision.on] : [])];
      let day = filedOn;
      for (const s of r.steps) {
        day = addDays(day, 1 + (s.skip % (r.margin + 2)));
        if (day > horizon) break;
        for (let k = 0; k < s.repeat; k++) runDays.push(day);
      }
      runDays.sort();
      return { life, margin: r.margin, runDays, horizon: runDays.at(-1) ?? filedOn };
    });

const check = (s: Scenario, promiseHolds: boolean) => {
  const issued = liveThrough(s.life, s.runDays, { renewalMarginDays: s.margin });
  const found = violations(s.life, issued, promiseEnds(s.life, s.horizon), { promiseHolds });
  expect(found, JSON.stringify({ life: s.life, margin: s.margin, issued })).toEqual([]);
  // Rerunning on the last day (a retry after everything was applied) issues nothing more.
  const last = s.runDays.at(-1)!;
  const again = planAttestations(factsOn(s.life, last), issued, last, { renewalMarginDays: s.margin });
  expect(again).toEqual([]);
  return issued;
};

describe('the continuity promise, for any life and any sequence of runs', () => {
  it('a complete on-time renewal is never a day without proof up to the hand-over, refusal or withdrawal', () => {
    fc.assert(
      fc.property(scenario({ onTime: true, completeAtFiling: true }), (s) => {
        check(s, true);
      }),
      { numRuns: 300 },
    );
  });

  it('an on-time renewal completed later is covered from the first run after completion on', () => {
    fc.assert(
      fc.property(scenario({ onTime: true, completeAtFiling: false }), (s) => {
        const issued = check(s, false);
        const firstRun = s.runDays.find((d) => d >= s.life.completedOn!);
        if (!firstRun) return;
        const from = firstRun > s.life.titleExpiresOn ? firstRun : addDays(s.life.titleExpiresOn, 1);
        // Shift the filing to the day from which the promise applies, then check it as before.
        const covered = violations({ ...s.life, filedOn: from, titleExpiresOn: addDays(from, -1) }, issued, promiseEnds(s.life, s.horizon), { promiseHolds: true });
        expect(covered.filter((v) => v.includes('uncovered'))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('a late renewal gets its receipt and, when granted, its ADFs — never an APRI', () => {
    fc.assert(
      fc.property(scenario({ onTime: false, completeAtFiling: true }), (s) => {
        const issued = check(s, false);
        expect(issued.filter((a) => a.kind === 'apri')).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
