import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { auditEvents, notifications } from '../../src/db/schema';
import { issueDueAttestationsJob } from '../../src/modules/attestations/jobs';
import { issueDueAttestationsFor } from '../../src/modules/attestations/issue-due-attestations';
import { createTestContext, type TestContext } from '../support/harness';
import { attestationsOf, fileRenewal, morningOf, type FiledRenewal } from './support/attestation-builders';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** Three renewals filed on 1 April whose cards expire on 30 June: on 15 June each is owed its APRI. */
async function threeDueFiles(): Promise<FiledRenewal[]> {
  const files = [];
  for (let i = 0; i < 3; i++) files.push(await fileRenewal(ctx.services, ctx.clock, { filedOn: '2026-04-01', permitExpiresOn: '2026-06-30' }));
  ctx.clock.set(morningOf('2026-06-15'));
  return files;
}

const kinds = async (f: FiledRenewal) => (await attestationsOf(ctx.services, f.applicationId)).map((a) => a.kind);

describe('issuing a group of files in one transaction (the sweep’s jobs)', () => {
  it('issues each file what it is owed, with its audit event and notice, exactly as one by one would', async () => {
    const files = await threeDueFiles();
    const issued = await issueDueAttestationsFor(
      ctx.services,
      files.map((f) => f.applicationId),
    );
    for (const f of files) {
      expect(issued.get(f.applicationId)!.map((a) => [a.kind, a.validFrom])).toEqual([['apri', '2026-07-01']]);
      expect(await kinds(f)).toEqual(['receipt', 'apri']);
      const events = await ctx.services.db.select().from(auditEvents).where(eq(auditEvents.subjectId, f.applicationId));
      expect(events.filter((e) => e.action === 'attestation.issued' && (e.data as { kind: string }).kind === 'apri')).toHaveLength(1);
      const notices = await ctx.services.db.select().from(notifications).where(eq(notifications.userId, f.applicant.id));
      expect(notices.filter((n) => n.event === 'attestation_issued')).toHaveLength(1);
    }
    // Run again, as a retried job would: nothing more.
    const again = await issueDueAttestationsFor(
      ctx.services,
      files.map((f) => f.applicationId),
    );
    expect([...again.values()].flat()).toEqual([]);
    for (const f of files) {
      expect(await kinds(f)).toEqual(['receipt', 'apri']);
      expect((await ctx.services.db.select().from(notifications).where(eq(notifications.userId, f.applicant.id))).filter((n) => n.event === 'attestation_issued')).toHaveLength(1);
    }
  });

  it('when one file makes the group fail, the others still get their proof, and the job fails for that one only until it can be issued', async () => {
    const [good1, bad, good2] = await threeDueFiles();
    // A real failure in the database for one file's attestations (what corrupt data would do).
    await ctx.services.db.execute(
      sql.raw(`create function test_refuse_attestation() returns trigger language plpgsql as $$
        begin
          if new.application_id = '${bad!.applicationId}' then raise exception 'refused for the test'; end if;
          return new;
        end $$`),
    );
    await ctx.services.db.execute(sql`create trigger test_refuse_attestation before insert on attestations for each row execute function test_refuse_attestation()`);
    const job = issueDueAttestationsJob(() => ctx.services);
    const payload = { applicationIds: [good1!, bad!, good2!].map((f) => f.applicationId) };
    await expect(job.handle(payload)).rejects.toThrow();
    expect(await kinds(good1!)).toEqual(['receipt', 'apri']);
    expect(await kinds(good2!)).toEqual(['receipt', 'apri']);
    expect(await kinds(bad!)).toEqual(['receipt']);

    // The retry, once the cause is gone: the missing APRI, and no second one for the others.
    await ctx.services.db.execute(sql`drop trigger test_refuse_attestation on attestations`);
    await job.handle(payload);
    for (const f of [good1!, bad!, good2!]) expect(await kinds(f)).toEqual(['receipt', 'apri']);
  });
});
