import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, sql } from 'drizzle-orm';
import { outboxJobs } from '../../src/db/schema';
import { findDueApplications, openApplicationsBatch } from '../../src/modules/attestations/find-due-applications';
import { attestationSweepJob, requestAttestationSweep } from '../../src/modules/attestations/jobs';
import { markComplete } from '../../src/modules/attestations/mark-complete';
import { recordDecision } from '../../src/modules/attestations/record-decision';
import { withdrawApplication } from '../../src/modules/applications/withdraw-application';
import { metaFor } from '../support/application-builders';
import { createTestContext, type TestContext } from '../support/harness';
import { attestationsOf, buildOfficeAgent, fileRenewal, morningOf } from './support/attestation-builders';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('the daily sweep', () => {
  it('visits open files only, in batches from a cursor, and hands on exactly the ones with something due', async () => {
    const agent = await buildOfficeAgent(ctx.services);
    // Five renewals whose cards expire on 30 June, filed on 1 April; then their fates differ.
    const files = [];
    for (let i = 0; i < 5; i++) files.push(await fileRenewal(ctx.services, ctx.clock, { filedOn: '2026-04-01', permitExpiresOn: '2026-06-30' }));
    const [pending, granted, refused, withdrawn, other] = files as [(typeof files)[0], (typeof files)[0], (typeof files)[0], (typeof files)[0], (typeof files)[0]];
    for (const f of [granted, refused]) await markComplete(ctx.services, f.applicationId, agent);
    await recordDecision(ctx.services, granted.applicationId, true, agent);
    await recordDecision(ctx.services, refused.applicationId, false, agent);
    await withdrawApplication(ctx.services, withdrawn.applicant.id, withdrawn.applicationId, metaFor(withdrawn.applicant));
    await ctx.services.jobs.runPending();

    // Before day −15 nothing is due; on it, an APRI for the two undecided files and the second
    // ADF of the granted one (its first, from 1 April, ends on 30 June too); the refused and
    // withdrawn files are not even visited.
    expect((await findDueApplications(ctx.services.db, '2026-06-14')).due).toEqual([]);
    const all = await findDueApplications(ctx.services.db, '2026-06-15');
    expect(new Set(all.due)).toEqual(new Set([pending.applicationId, other.applicationId, granted.applicationId]));
    expect(all.nextCursor).toBeNull();
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const batch = await findDueApplications(ctx.services.db, '2026-06-15', { after, limit: 2 });
      seen.push(...batch.due);
      expect(batch.scanned).toBeLessThanOrEqual(2);
      if (!batch.nextCursor) break;
      after = batch.nextCursor;
    }
    expect(new Set(seen)).toEqual(new Set(all.due));
    expect(seen).toHaveLength(3);

    // One run of the job with batches of 2: one issuance job per due file in the batch, and the
    // next batch queued in the same transaction.
    ctx.clock.set(morningOf('2026-06-15'));
    const before = await ctx.services.db.select({ n: sql<number>`count(*)::int` }).from(outboxJobs);
    await attestationSweepJob(() => ctx.services, { batchSize: 2 }).handle({});
    const queued = await ctx.services.db.select().from(outboxJobs).orderBy(asc(outboxJobs.createdAt)).offset(before[0]!.n);
    const next = queued.filter((j) => j.name === 'attestations.sweep');
    expect(next).toHaveLength(1);
    expect(next[0]!.payload.after).toMatch(/^[0-9a-f-]{36}$/);
    expect(queued.filter((j) => j.name === 'attestations.issue_due').length).toBeLessThanOrEqual(2);

    // Through pg-boss, the whole chain issues the APRIs and the ADF, once, whatever the double start.
    await requestAttestationSweep(ctx.services);
    await ctx.services.jobs.runPending();
    for (const f of [pending, other]) expect((await attestationsOf(ctx.services, f.applicationId)).map((a) => a.kind)).toEqual(['receipt', 'apri']);
    for (const f of [refused, withdrawn]) expect((await attestationsOf(ctx.services, f.applicationId)).map((a) => a.kind)).toEqual(['receipt']);
    const adfs = (await attestationsOf(ctx.services, granted.applicationId)).filter((a) => a.kind === 'adf');
    expect(adfs.map((a) => [a.validFrom, a.validTo])).toEqual([
      ['2026-04-01', '2026-06-30'],
      ['2026-07-01', '2026-09-30'],
    ]);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('reads its batch through the partial index, not the whole table (PostgreSQL)', async () => {
    const plan = await ctx.services.db.transaction(async (tx) => {
      // On a table this small a sequential scan is cheaper: forbid it to see the plan PostgreSQL has.
      await tx.execute(sql`set local enable_seqscan = off`);
      // The sweep's own query, parameters inlined (EXPLAIN takes no parameters).
      const q = openApplicationsBatch(tx, '00000000-0000-4000-8000-000000000000', 500).toSQL();
      const inlined = q.sql.replace(/\$(\d+)/g, (_, i: string) => {
        const v = q.params[Number(i) - 1];
        return typeof v === 'number' ? String(v) : `'${String(v)}'`;
      });
      return tx.execute(sql.raw(`explain ${inlined}`));
    });
    const text = (plan as unknown as { rows: { 'QUERY PLAN': string }[] }).rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toContain('applications_attestations_open_idx');
  });
});

