import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { applications, attestations, auditEvents, mailMessages } from '../../src/db/schema';
import { fileApplication } from '../../src/modules/applications/file-application';
import { withdrawApplication } from '../../src/modules/applications/withdraw-application';
import { requestAttestationSweep } from '../../src/modules/attestations/jobs';
import { markComplete } from '../../src/modules/attestations/mark-complete';
import { recordCardDelivered } from '../../src/modules/attestations/record-card-delivered';
import { recordDecision } from '../../src/modules/attestations/record-decision';
import { parse2dDoc, verify2dDocSignature } from '../../src/modules/attestations/two-d-doc';
import { addDays, parisDate, type CalendarDate } from '../../src/platform/legal-dates';
import { metaFor } from '../support/application-builders';
import { createTestContext, type TestContext } from '../support/harness';
import { buildOfficeAgent, morningOf } from './support/attestation-builders';
import { liveYearInProcess } from './support/in-process-year';
import type { Issued } from './support/renewal-life';
import { injectWorkerCrashes, seedRenewalDrafts, stopWorkerCrashes } from './support/simulation-db';
import { checkYear, downtimeDays, printReport, simulatedRenewals, YEAR_END, YEAR_START, type SimulatedRenewal } from './support/simulated-year';

/**
 * Promise 1 lived through a year, twice:
 *
 * 1. 5,000 renewals through the real planner over an in-process store (transactions, unique
 *    index, supersession modelled), with crashes mid-run, double runs and worker restarts —
 *    the planner-heavy part, fast enough to run a whole population every day.
 * 2. 300 renewals on the real database (PGlite, or PostgreSQL with TEST_DATABASE_URL) through
 *    the real use cases — filing, completeness, decision, withdrawal, hand-over — the real
 *    `issueDueAttestations` and the real pg-boss job path (event jobs and the daily sweep),
 *    with crashes injected by the database and worker restarts.
 *
 * Both print their coverage and assert: not one uncovered day for any complete on-time
 * renewal, and no duplicate or overlapping attestation.
 */

const SEED = Number(process.env.SIM_SEED ?? 20260101);

describe('a year of 5,000 renewals (planner over an in-process store)', () => {
  it('leaves no complete on-time renewal a day without proof, through crashes and restarts', () => {
    const renewals = simulatedRenewals(5000, SEED);
    const downtime = downtimeDays(SEED + 1, 12);
    const year = liveYearInProcess(renewals, { seed: SEED + 2, crashRate: 0.05, doubleRunRate: 0.03, downtime });
    const report = checkYear(renewals, year.issuedOf, YEAR_END);
    printReport('Simulated year — 5,000 renewals, planner over an in-process store', report, {
      'runs with something to issue': year.runs,
      'crashes right after planning': year.crashes.afterPlanning,
      'crashes between two inserts': year.crashes.betweenInserts,
      'double runs': year.doubleRuns,
      'worker down (days)': year.workerDownDays,
    });
    expect(report.promised).toBeGreaterThan(3000);
    expect(report.daysChecked).toBeGreaterThan(100_000);
    expect(year.crashes.afterPlanning + year.crashes.betweenInserts).toBeGreaterThan(100);
    expect(year.workerDownDays).toBeGreaterThanOrEqual(12);
    expect(report.problems.slice(0, 20)).toEqual([]);
    expect(report.uncoveredPromisedDays).toBe(0);
  });
});

describe('a year of 300 renewals on the real database, through pg-boss', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('leaves no complete on-time renewal a day without proof, through crashes and restarts', { timeout: 600_000 }, async () => {
    const { services } = ctx;
    const renewals = simulatedRenewals(300, SEED + 10);
    const downtime = downtimeDays(SEED + 11, 12);
    ctx.clock.set(morningOf(YEAR_START));
    const files = await seedRenewalDrafts(services, renewals);
    const agent = await buildOfficeAgent(services);
    const desk = await buildOfficeAgent(services, { role: 'desk_agent' });
    if (services.database.kind === 'pglite') await services.database.raw.query('select setseed(0.42)');
    await injectWorkerCrashes(services, { betweenInserts: 0.03, beforeCommit: 0.02 });

    const byDay = new Map<CalendarDate, { r: SimulatedRenewal; what: 'filed' | 'completed' | 'decided' | 'withdrawn' | 'delivered' }[]>();
    const at = (day: CalendarDate | null, r: SimulatedRenewal, what: 'filed' | 'completed' | 'decided' | 'withdrawn' | 'delivered') => {
      if (day && day <= YEAR_END) byDay.set(day, [...(byDay.get(day) ?? []), { r, what }]);
    };
    for (const r of renewals) {
      at(r.filedOn, r, 'filed');
      if (!r.completeAtFiling) at(r.completedOn, r, 'completed');
      at(r.decision?.on ?? null, r, 'decided');
      at(r.withdrawnOn, r, 'withdrawn');
      at(r.cardDeliveredOn, r, 'delivered');
    }
    const order = { filed: 0, completed: 1, decided: 2, withdrawn: 3, delivered: 4 };
    let jobsRun = 0;
    let workerDownDays = 0;
    for (let day = YEAR_START; day <= YEAR_END; day = addDays(day, 1)) {
      ctx.clock.set(morningOf(day));
      // The office and the people, through the real use cases (the web side never stops).
      for (const { r, what } of (byDay.get(day) ?? []).sort((a, b) => order[a.what] - order[b.what])) {
        const f = files.get(r.index)!;
        const applicant = { id: f.applicantId, role: 'applicant' };
        if (what === 'filed') {
          await fileApplication(services, f.applicantId, f.applicationId, metaFor(applicant));
          // The office finds a document missing or invalid: the file is not complete (there is
          // no use case for that request yet, so the row is set as it would leave it).
          if (!r.completeAtFiling) await services.db.update(applications).set({ status: 'incomplete', completedAt: null }).where(eq(applications.id, f.applicationId));
        } else if (what === 'completed') {
          // The person supplies the document (`documents_supplied`), the office checks the file.
          await services.db.update(applications).set({ status: 'filed' }).where(eq(applications.id, f.applicationId));
          await markComplete(services, f.applicationId, agent);
        } else if (what === 'decided') {
          await markComplete(services, f.applicationId, agent);
          await recordDecision(services, f.applicationId, r.decision!.favourable, agent);
        } else if (what === 'withdrawn') {
          await withdrawApplication(services, f.applicantId, f.applicationId, metaFor(applicant));
        } else {
          await recordCardDelivered(services, f.applicationId, desk);
        }
      }
      // The worker: down on some days (a restart); otherwise it runs the queued event jobs and,
      // at boot or on schedule, the sweep — all through pg-boss.
      if (downtime.has(day)) {
        workerDownDays++;
        continue;
      }
      await requestAttestationSweep(services);
      jobsRun += await services.jobs.runPending();
    }
    const crashes = await stopWorkerCrashes(services);

    const rows = await services.db.select().from(attestations);
    const issuedByApp = new Map<string, Issued[]>();
    for (const row of rows) {
      const list = issuedByApp.get(row.applicationId) ?? [];
      list.push({ id: row.id, kind: row.kind, validFrom: row.validFrom, validTo: row.validTo, supersededFrom: row.supersededAt ? parisDate(row.supersededAt) : null, issuedOn: parisDate(row.issuedAt) });
      issuedByApp.set(row.applicationId, list);
    }
    const report = checkYear(renewals, (r) => issuedByApp.get(files.get(r.index)!.applicationId) ?? [], YEAR_END);
    const [mails] = await services.db.select({ n: sql<number>`count(*)::int` }).from(mailMessages).where(eq(mailMessages.template, 'attestations.mail_issued'));
    const [audited] = await services.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(eq(auditEvents.action, 'attestation.issued'));
    printReport(`Simulated year — 300 renewals on ${services.database.kind}, real use cases and pg-boss`, report, {
      'pg-boss jobs run': jobsRun,
      'crashes injected by the database': crashes,
      'worker down (days)': workerDownDays,
      'issuance e-mails': mails!.n,
      'issuance audit events': audited!.n,
    });

    expect(crashes).toBeGreaterThan(5);
    expect(report.promised).toBeGreaterThan(150);
    expect(report.problems.slice(0, 20)).toEqual([]);
    expect(report.uncoveredPromisedDays).toBe(0);
    // Exactly one e-mail per APRI and ADF (the receipt's is the filing confirmation) and one
    // audit event per attestation: a crashed run left none behind, a retried one did not send twice.
    expect(mails!.n).toBe(rows.filter((r) => r.kind !== 'receipt').length);
    expect(audited!.n).toBe(rows.length);
    // A superseded APRI names the ADF that replaced it, of the same file.
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const r of rows.filter((a) => a.kind === 'apri' && a.supersededAt)) {
      expect(byId.get(r.supersededBy!)).toMatchObject({ kind: 'adf', applicationId: r.applicationId });
    }
    for (const r of rows.filter((_, i) => i % 25 === 0)) expect(verify2dDocSignature(parse2dDoc(r.twoDDoc), services.signer.publicKey)).toBe(true);
  });
});
