import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { apriBlocks, applications, documentRequests, messageThreads, users } from '../../src/db/schema';
import { nextProofForecast } from '../../src/modules/attestations/forecast';
import { loadFactsForMany } from '../../src/modules/attestations/load-issuance-facts';
import { loadApriOutlook } from '../../src/modules/backoffice/dashboard/apri-outlook';
import { loadBacklog } from '../../src/modules/backoffice/dashboard/backlog';
import { lastCompletionRejectedBy, loadMissedDeadlines } from '../../src/modules/backoffice/dashboard/missed-deadlines';
import { loadWorkloads } from '../../src/modules/backoffice/dashboard/workloads';
import { refreshQueuePriority } from '../../src/modules/backoffice/refresh-queue-priority';
import { addDays } from '../../src/platform/legal-dates';
import { createTestContext, type TestContext } from '../support/harness';
import { applicantSide, write } from '../support/messaging-helpers';
import { buildUser } from '../support/builders';
import { parisTime, seedApri, seedFile } from './dashboard-support';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set(parisTime('2026-05-18'));
});
afterAll(() => ctx.close());

/** Monday 18 May 2026: the day every figure is read on (Ascension is Thursday 14 May). */
const TODAY = '2026-05-18';
const seed = (f: Parameters<typeof seedFile>[1]) => seedFile(ctx.services, f);

describe('the backlog by status and age', () => {
  it('counts the open files of the prefecture only, in whole months since the Paris day of filing', async () => {
    const p = '69';
    await seed({ prefectureCode: p, status: 'filed', filedOn: '2026-05-10' });
    await seed({ prefectureCode: p, status: 'filed', filedOn: '2026-04-18' }); // exactly one month: 1 to 2
    // 00:30 in Paris on 19 April is still the 18th in UTC: the Paris day counts (under a month).
    await seed({ prefectureCode: p, status: 'incomplete', filedOn: '2026-04-19', filedAt: new Date('2026-04-18T22:30:00Z') });
    await seed({ prefectureCode: p, status: 'under_review', filedOn: '2026-03-01' });
    await seed({ prefectureCode: p, status: 'under_review', filedOn: '2026-01-18' }); // exactly four months: over 4
    await seed({ prefectureCode: p, status: 'under_review', filedOn: '2025-11-02' });
    await seed({ prefectureCode: p, status: 'decided', filedOn: '2026-05-01' });
    await seed({ prefectureCode: p, status: 'withdrawn', filedOn: '2026-05-01' });
    await seed({ prefectureCode: '13', status: 'filed', filedOn: '2026-05-10' });

    const backlog = await loadBacklog(ctx.services.db, p, TODAY);
    expect(backlog.cells).toEqual({
      filed: { under_1: 1, '1_to_2': 1, '2_to_4': 0, over_4: 0 },
      incomplete: { under_1: 1, '1_to_2': 0, '2_to_4': 0, over_4: 0 },
      under_review: { under_1: 0, '1_to_2': 0, '2_to_4': 1, over_4: 2 },
    });
    expect(backlog.byStatus).toEqual({ filed: 2, incomplete: 1, under_review: 3 });
    expect(backlog.byAge).toEqual({ under_1: 2, '1_to_2': 1, '2_to_4': 1, over_4: 2 });
    expect(backlog.total).toBe(6);
  });
});

describe('the deadlines missed', () => {
  it('knows the last completeness day rejected by silence, month ends included', () => {
    expect(lastCompletionRejectedBy('2026-05-18')).toBe('2026-01-18');
    expect(lastCompletionRejectedBy('2026-02-28')).toBe('2025-10-31'); // 29, 30 and 31 October all end on 28 February
    expect(lastCompletionRejectedBy('2026-02-27')).toBe('2025-10-27');
    expect(lastCompletionRejectedBy('2026-06-30')).toBe('2026-02-28');
  });

  it('lists the files past their implicit-rejection day, four months after completeness, month ends included', async () => {
    const p = '33';
    const passedToday = await seed({ prefectureCode: p, status: 'under_review', filedOn: '2026-01-10', completedOn: '2026-01-18' });
    await seed({ prefectureCode: p, status: 'under_review', filedOn: '2026-01-10', completedOn: '2026-01-19' }); // rejection tomorrow
    await seed({ prefectureCode: p, status: 'under_review', filedOn: '2026-01-10', completedOn: '2026-01-31' }); // 31 May
    const monthEnd = await seed({ prefectureCode: p, status: 'under_review', filedOn: '2025-10-20', completedOn: '2025-10-31' }); // 28 February
    await seed({ prefectureCode: p, status: 'decided', filedOn: '2025-10-20', completedOn: '2025-10-31' });
    await seed({ prefectureCode: p, status: 'incomplete', filedOn: '2025-09-01' }); // never complete: no such clock
    await seed({ prefectureCode: '13', status: 'under_review', filedOn: '2025-10-20', completedOn: '2025-10-31' });

    const missed = await loadMissedDeadlines(ctx.services.db, p, TODAY);
    expect(missed.implicitRejections.count).toBe(2);
    expect(missed.implicitRejections.rows.map((r) => [r.reference, r.since])).toEqual([
      [monthEnd.reference, '2026-02-28'],
      [passedToday.reference, '2026-05-18'],
    ]);
  });

  it('lists the open document requests whose reply deadline has passed', async () => {
    const p = '35';
    const agent = await buildUser(ctx.services, { role: 'case_officer', prefectureCode: p });
    const request = async (dueOn: string, fulfilled = false) => {
      const f = await seed({ prefectureCode: p, status: fulfilled ? 'under_review' : 'incomplete', filedOn: '2026-05-01' });
      await ctx.services.db.insert(documentRequests).values({ applicationId: f.id, agentId: agent.id, items: [{ kind: 'passport', reason: 'corrected', explanation: 'Illisible.' }], dueOn, createdAt: parisTime('2026-05-02'), fulfilledAt: fulfilled ? parisTime('2026-05-03') : null });
      await refreshQueuePriority(ctx.services.db, f.id);
      return f;
    };
    const late = await request('2026-05-15');
    await request(TODAY); // the person has the whole day
    await request('2026-05-04', true); // answered
    const missed = await loadMissedDeadlines(ctx.services.db, p, TODAY);
    expect(missed.documentRequests).toEqual({ count: 1, rows: [{ applicationId: late.id, reference: late.reference, assignedOfficerId: null, since: '2026-05-15' }] });
  });

  it('lists the threads whose reply deadline passed, late by working days across a weekend and public holidays', async () => {
    const p = '34';
    const f = await seed({ prefectureCode: p, status: 'under_review', filedOn: '2026-04-01' });
    // Thursday 30 April: 1 and 8 May are holidays, so the 5 working days end on Monday 11 May.
    ctx.clock.set(parisTime('2026-04-30'));
    await write(ctx.services, applicantSide(f.applicant), f.id, 'Bonjour, où en est mon dossier ?');
    ctx.clock.set(parisTime(TODAY));
    const on = (day: string) => loadMissedDeadlines(ctx.services.db, p, day).then((m) => m.threads);
    expect((await on('2026-05-11')).rows).toEqual([]);
    expect((await on('2026-05-12')).rows).toEqual([{ applicationId: f.id, reference: f.reference, replyDueOn: '2026-05-11', workingDaysLate: 1, escalated: false }]);
    // 12, 13, 15 and 18 May: Ascension (14 May) and the weekend do not count.
    const today = await on(TODAY);
    expect(today).toMatchObject({ count: 1, capped: false });
    expect(today.rows[0]).toMatchObject({ reference: f.reference, workingDaysLate: 4 });
    expect((await loadMissedDeadlines(ctx.services.db, '13', TODAY)).threads.rows.find((r) => r.applicationId === f.id)).toBeUndefined();
  });
});

describe('the APRIs', () => {
  const p = '44';
  it('counts those issued in the last 30 days, and finds the files whose next APRI falls due within 15 days by the issuance rules', async () => {
    const renewal = (permitExpiresOn: string, more: Partial<Parameters<typeof seedFile>[1]> = {}) => seed({ prefectureCode: p, status: 'under_review', filedOn: '2026-01-05', permitExpiresOn, ...more });
    const a = await renewal('2026-06-10'); // next APRI on 26 May
    const b = await renewal('2026-06-17'); // on 2 June: the last day of the window
    await renewal('2026-06-18'); // on 3 June: not yet
    const d = await renewal('2026-03-31');
    await seedApri(ctx.services, d, { validFrom: '2026-04-01', validTo: '2026-06-30', issuedAt: parisTime('2026-03-17') }); // covered: next on 15 June
    const e = await renewal('2026-02-28');
    await seedApri(ctx.services, e, { validFrom: '2026-03-01', validTo: '2026-05-31', issuedAt: parisTime('2026-02-14') }); // due since 16 May: today
    await renewal('2026-06-01', { filedOnTime: false }); // filed late: no APRI owed
    await renewal('2026-06-01', { status: 'incomplete', completedOn: null }); // not complete
    const blocked = await renewal('2026-06-01');
    const agent = await buildUser(ctx.services, { role: 'case_officer', prefectureCode: p });
    await ctx.services.db.insert(apriBlocks).values({ applicationId: blocked.id, agentId: agent.id, ground: 'fraud_suspected', explanation: 'Faux.', createdAt: parisTime('2026-05-01') });
    await renewal('2026-06-01', { procedureId: 'first_salarie' }); // a first application: no APRI
    await renewal('2026-06-01', { status: 'decided' }); // decided
    await seed({ prefectureCode: '13', status: 'under_review', filedOn: '2026-01-05', permitExpiresOn: '2026-06-10' });
    const k = await renewal('2026-05-09');
    await seedApri(ctx.services, k, { validFrom: '2026-05-10', validTo: '2026-08-09', issuedAt: parisTime('2026-05-10') }); // issued 8 days ago
    const revoked = await renewal('2026-05-09');
    await seedApri(ctx.services, revoked, { validFrom: '2026-05-12', validTo: '2026-08-11', issuedAt: parisTime('2026-05-12'), revoked: true });
    await seedApri(ctx.services, await renewal('2026-04-09'), { validFrom: '2026-04-10', validTo: '2026-07-09', issuedAt: parisTime('2026-04-10') }); // 38 days ago
    const marseille = await seed({ prefectureCode: '13', status: 'under_review', filedOn: '2026-01-05', permitExpiresOn: '2026-05-09' });
    await seedApri(ctx.services, marseille, { validFrom: '2026-05-10', validTo: '2026-08-09', issuedAt: parisTime('2026-05-10') });

    const outlook = await loadApriOutlook(ctx.services.db, p, parisTime(TODAY), TODAY);
    expect(outlook.issued).toBe(1);
    expect(outlook.due.count).toBe(3);
    expect(outlook.due.rows.map((r) => [r.reference, r.coveredUntil, r.availableOn])).toEqual([
      [e.reference, '2026-05-31', TODAY],
      [a.reference, '2026-06-10', '2026-05-26'],
      [b.reference, '2026-06-17', '2026-06-02'],
    ]);

    // The statement is the rule: the planner's own forecast on every file of the prefecture agrees.
    const rows = await ctx.services.db.select().from(applications).where(eq(applications.prefectureCode, p));
    const facts = await loadFactsForMany(ctx.services.db, rows);
    const byRule = rows
      .map((r) => ({ r, forecast: nextProofForecast(facts.get(r.id)!.facts, facts.get(r.id)!.existing, TODAY) }))
      .filter(({ forecast }) => forecast.status === 'next' && forecast.kind === 'apri' && forecast.availableOn <= addDays(TODAY, 15))
      .map(({ r, forecast }) => [r.reference, forecast.status === 'next' ? forecast.availableOn : ''])
      .sort((x, y) => (x[1]! < y[1]! ? -1 : 1));
    expect(byRule).toEqual(outlook.due.rows.map((r) => [r.reference, r.availableOn]));
  });
});

describe("the officers' workloads", () => {
  it('counts each active officer’s open files by status and the overdue threads among them', async () => {
    const p = '59';
    const officer = (role: 'case_officer' | 'head_of_office' | 'desk_agent' = 'case_officer') => buildUser(ctx.services, { role, prefectureCode: p });
    const [o1, o2, head, gone, desk] = [await officer(), await officer(), await officer('head_of_office'), await officer(), await officer('desk_agent')];
    await ctx.services.db.update(users).set({ deactivatedAt: parisTime('2026-05-01') }).where(eq(users.id, gone.id));
    const file = (officerId: string | null, status: 'filed' | 'incomplete' | 'under_review' | 'decided') => seed({ prefectureCode: p, status, filedOn: '2026-05-01', officerId });
    const late = await file(o1.id, 'filed');
    await file(o1.id, 'filed');
    await file(o1.id, 'under_review');
    await file(o1.id, 'decided');
    const waiting = await file(o2.id, 'incomplete');
    await file(null, 'filed');
    await file(gone.id, 'under_review');
    const thread = (applicationId: string, replyDueOn: string) => ctx.services.db.insert(messageThreads).values({ applicationId, replyDueOn, awaitingReplySince: parisTime('2026-05-05'), lastMessageAt: parisTime('2026-05-05'), createdAt: parisTime('2026-05-05') });
    await thread(late.id, '2026-05-12');
    await thread(waiting.id, TODAY); // due today: not late yet

    const w = await loadWorkloads(ctx.services.db, p, TODAY);
    const row = (id: string) => w.officers.find((o) => o.officerId === id);
    expect(w.officers.map((o) => o.officerId).sort()).toEqual([o1.id, o2.id, head.id].sort());
    expect(row(o1.id)).toMatchObject({ byStatus: { filed: 2, incomplete: 0, under_review: 1 }, total: 3, overdueThreads: 1 });
    expect(row(o2.id)).toMatchObject({ byStatus: { filed: 0, incomplete: 1, under_review: 0 }, total: 1, overdueThreads: 0 });
    expect(row(head.id)).toMatchObject({ total: 0, overdueThreads: 0 });
    expect(row(desk.id)).toBeUndefined();
    expect(w.unassigned).toMatchObject({ byStatus: { filed: 1, incomplete: 0, under_review: 0 }, total: 1 });
    expect(w.others).toMatchObject({ byStatus: { filed: 0, incomplete: 0, under_review: 1 }, total: 1 });
  });
});
